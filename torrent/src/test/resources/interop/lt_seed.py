#!/usr/bin/python3
"""A libtorrent seeder for Eddy's peer wire interop test.

  lt_seed.py <torrent> <save_path>

Listens on 127.0.0.1 (a port the system picks) with DHT, local discovery, UPnP and NAT-PMP off,
checks the data, and once it is seeding prints "READY <port>" on stdout. It then seeds until its
stdin closes, which is how the test stops it. Anything wrong exits non-zero with a message.
"""
import sys
import time

import libtorrent as lt

CHECK_TIMEOUT_SECONDS = 30


def main(torrent, save_path):
    session = lt.session({
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "listen_interfaces": "127.0.0.1:0", "enable_incoming_utp": False, "enable_outgoing_utp": False,
        "alert_mask": 0,
    })
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save_path
    params.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    handle = session.add_torrent(params)
    deadline = time.monotonic() + CHECK_TIMEOUT_SECONDS
    while True:
        status = handle.status()
        if status.state == lt.torrent_status.seeding and status.is_seeding:
            break
        if status.errc.value() != 0:
            sys.exit("libtorrent failed: " + status.errc.message())
        if time.monotonic() > deadline:
            sys.exit("libtorrent did not finish checking within %d s (state %s)" % (CHECK_TIMEOUT_SECONDS, status.state))
        time.sleep(0.02)
    print("READY", session.listen_port(), flush=True)
    # Seed (on libtorrent's own threads) until the test closes our stdin, or dies, which closes it too.
    sys.stdin.read()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
