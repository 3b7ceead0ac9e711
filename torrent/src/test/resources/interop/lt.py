#!/usr/bin/python3
"""libtorrent's view of torrents, for Eddy's interop tests and benchmark. Output is line based so
the Java side needs no JSON parser.

  lt.py info <torrent>                 how libtorrent reads a torrent
  lt.py create <path> <out> [v1|hybrid] [piece_length]   a torrent made by libtorrent's create_torrent
  lt.py check <torrent> <save_path>    a full recheck: prints progress and the seconds it took
"""
import os
import sys
import time

import libtorrent as lt


def info(path):
    ti = lt.torrent_info(path)
    print("infohash", str(ti.info_hashes().v1))
    print("name", ti.name())
    print("piece_length", ti.piece_length())
    print("num_pieces", ti.num_pieces())
    print("total_size", ti.total_size())
    print("private", int(ti.priv()))
    for tracker in ti.trackers():
        print("tracker", tracker.tier, tracker.url)
    for seed in ti.web_seeds():
        print("webseed", seed["url"])
    files = ti.files()
    for i in range(files.num_files()):
        pad = 1 if files.file_flags(i) & lt.file_storage.flag_pad_file else 0
        print("file", files.file_size(i), files.file_offset(i), pad, files.file_path(i))


def create(source, out, kind, piece_length):
    fs = lt.file_storage()
    lt.add_files(fs, source)
    flags = lt.create_torrent.v1_only if kind == "v1" else 0
    ct = lt.create_torrent(fs, piece_length, flags=flags)
    ct.add_tracker("http://127.0.0.1:6969/announce", 0)
    ct.set_creator("libtorrent interop test")
    lt.set_piece_hashes(ct, os.path.dirname(os.path.abspath(source)))
    with open(out, "wb") as f:
        f.write(lt.bencode(ct.generate()))


def check(torrent, save_path):
    settings = {
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "listen_interfaces": "127.0.0.1:0", "alert_mask": 0,
    }
    session = lt.session(settings)
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save_path
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags |= lt.torrent_flags.paused
    handle = session.add_torrent(params)
    start = time.monotonic()
    handle.force_recheck()
    handle.resume()
    while True:
        status = handle.status()
        if status.state not in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data) \
                and time.monotonic() - start > 0.05:
            break
        time.sleep(0.01)
    elapsed = time.monotonic() - start
    print("pieces", sum(1 for have in status.pieces if have), "of", len(status.pieces))
    print("seconds", "%.3f" % elapsed)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "info":
        info(sys.argv[2])
    elif command == "create":
        create(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "hybrid",
               int(sys.argv[5]) if len(sys.argv) > 5 else 0)
    elif command == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown command " + command)
