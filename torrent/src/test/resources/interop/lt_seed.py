#!/usr/bin/python3
"""A libtorrent seeder for Eddy's interop tests and swarm benchmark.

  lt_seed.py <torrent> <save_path> [--tuned] [--timeout SECONDS]

Listens on 127.0.0.1 (a port the system picks), checks the data, and once it is seeding (and, if
the torrent names a tracker, once the tracker has answered, so leechers that announce later find
it) prints "READY <port>" on stdout. It then seeds until its stdin closes, which is how the caller
stops it. --tuned raises the send buffers and request queue for a fast loopback peer (see
lt_session.TUNED). Anything wrong exits non-zero with a message.
"""

import libtorrent as lt

from lt_session import add_torrent, arguments, make_session, out, seed_until_stdin_closes, wait_until


def main():
    args = arguments().parse_args()
    session = make_session(args.tuned)
    handle = add_torrent(session, args.torrent, args.save_path)
    has_tracker = any(True for _ in handle.torrent_file().trackers())
    wait_until(session, handle,
               lambda status, replied: status.state == lt.torrent_status.seeding and status.is_seeding
               and (replied or not has_tracker),
               args.timeout, "finish checking and hear from its tracker")
    out("READY", session.listen_port())
    seed_until_stdin_closes()


if __name__ == "__main__":
    main()
