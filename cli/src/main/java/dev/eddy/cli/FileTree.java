package dev.eddy.cli;

import dev.eddy.torrent.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A torrent's files as a tree of folders, each folder with the size of everything below it, in
 * the order the torrent lists its files. BEP 47 padding files are left out: they never reach disk.
 */
final class FileTree {
    private final String name;
    private final Map<String, FileTree> children = new LinkedHashMap<>();
    private long size;
    private boolean folder;

    private FileTree(String name) {
        this.name = name;
    }

    /**
     * Builds the tree.
     *
     * @param files the torrent's files
     * @return the root, an unnamed folder holding the torrent's top entry
     */
    static FileTree of(List<TorrentFile> files) {
        FileTree root = new FileTree("");
        root.folder = true;
        for (TorrentFile file : files) {
            if (file.padding()) {
                continue;
            }
            FileTree node = root;
            node.size += file.length();
            for (String component : file.path()) {
                node.folder = true;
                node = node.children.computeIfAbsent(component, FileTree::new);
                node.size += file.length();
            }
        }
        return root;
    }

    /**
     * Renders the tree below this node, one line per file or folder: indented names (folders end in
     * a slash), then the sizes, right-aligned in one column.
     *
     * @param indent the indentation of the first level
     * @return the lines
     */
    List<String> render(String indent) {
        List<String[]> rows = new ArrayList<>();
        collect(indent, rows);
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        int sizeWidth = rows.stream().mapToInt(row -> row[1].length()).max().orElse(0);
        return rows.stream()
                .map(row -> row[0] + " ".repeat(width - row[0].length() + 2 + sizeWidth - row[1].length()) + row[1])
                .toList();
    }

    private void collect(String indent, List<String[]> rows) {
        for (FileTree child : children.values()) {
            rows.add(new String[] {indent + Printable.of(child.name) + (child.folder ? "/" : ""), Sizes.format(child.size)});
            child.collect(indent + "  ", rows);
        }
    }
}
