#!/usr/bin/python3
"""A libtorrent leecher for Eddy's interop tests and swarm benchmark.

  lt_download.py <torrent> <save_path> [--tuned] [--timeout SECONDS] [--stay]

Listens on 127.0.0.1, prints "LISTEN <port>", downloads from the peers its tracker names, and
once every piece is verified prints "DONE <seconds>" (from adding the torrent). Then it exits, or
with --stay it seeds until its stdin closes, so the rest of a swarm can still fetch from it.
Anything wrong, or no completion within --timeout, exits non-zero with a message.
"""
import time

from lt_session import add_torrent, arguments, make_session, out, seed_until_stdin_closes, wait_until


def main():
    parser = arguments()
    parser.add_argument("--stay", action="store_true")
    args = parser.parse_args()
    session = make_session(args.tuned)
    out("LISTEN", session.listen_port())
    start = time.monotonic()
    handle = add_torrent(session, args.torrent, args.save_path)
    wait_until(session, handle, lambda status, replied: status.is_seeding, args.timeout, "finish downloading")
    out("DONE", "%.3f" % (time.monotonic() - start))
    if args.stay:
        seed_until_stdin_closes()
    else:
        # Flush to disk before exiting, so the caller compares what libtorrent wrote.
        handle.flush_cache()
        del session


if __name__ == "__main__":
    main()
