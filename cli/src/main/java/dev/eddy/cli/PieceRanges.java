package dev.eddy.cli;

import dev.eddy.torrent.pieces.Bitfield;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The set pieces of a bitfield as runs of consecutive indices, which stay short where a list of
 * every index would not: a torrent can have hundreds of thousands of pieces.
 *
 * @param runs the runs, in order, each as {@code {first, last}}, inclusive
 */
record PieceRanges(List<int[]> runs) {
    /**
     * Finds the runs of set bits.
     *
     * @param pieces the bitfield
     * @return its runs
     */
    static PieceRanges of(Bitfield pieces) {
        List<int[]> runs = new ArrayList<>();
        int size = pieces.size();
        int first = size == 0 ? -1 : pieces.nextSetBit(0);
        while (first >= 0) {
            int afterLast = first + 1 < size ? pieces.nextClearBit(first + 1) : -1;
            int last = afterLast < 0 ? size - 1 : afterLast - 1;
            runs.add(new int[] {first, last});
            first = last + 1 < size ? pieces.nextSetBit(last + 1) : -1;
        }
        return new PieceRanges(List.copyOf(runs));
    }

    /** {@return the runs as people read them, such as {@code 0-3, 7, 9-12}} */
    @Override
    public String toString() {
        return runs.stream().map(run -> run[0] == run[1] ? Integer.toString(run[0]) : run[0] + "-" + run[1])
                .collect(Collectors.joining(", "));
    }

    /**
     * Writes the runs as a JSON array of {@code [first, last]} pairs.
     *
     * @param json where to write
     */
    void writeTo(JsonWriter json) {
        json.beginArray();
        for (int[] run : runs) {
            json.beginArray().value(run[0]).value(run[1]).endArray();
        }
        json.endArray();
    }
}
