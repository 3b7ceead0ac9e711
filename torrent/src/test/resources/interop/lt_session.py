"""libtorrent session settings shared by Eddy's swarm scripts (lt_seed.py, lt_download.py).

Everything stays on 127.0.0.1: DHT, local discovery, UPnP, NAT-PMP and uTP are off, and
libtorrent 2.0's SSRF mitigation, which refuses localhost trackers with query strings, is off too.
Every peer in these swarms shares the address 127.0.0.1, so several connections per IP are allowed.
"""
import argparse
import sys
import time

import libtorrent as lt

# A fast loopback peer: libtorrent's default send buffer (500 kB) and request queue (500) cap a
# single connection near 7 MB/s here, so the benchmark raises them, and the socket buffers with them.
# The low watermark too: libtorrent sizes a peer's send buffer from its upload rate, which it
# measures once a second, and until that first tick it keeps only the low watermark (10 KiB) queued,
# so every download began with up to a second at about 160 MB/s, however fast the leecher.
TUNED = {
    "send_buffer_watermark": 4 * 1024 * 1024,
    "send_buffer_low_watermark": 4 * 1024 * 1024,
    "max_out_request_queue": 1500,
    "send_socket_buffer_size": 4 * 1024 * 1024,
    "recv_socket_buffer_size": 4 * 1024 * 1024,
}

ALERTS = lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification \
    | lt.alert.category_t.status_notification


def out(*words):
    print(*words, flush=True)


def arguments():
    """The arguments every swarm script takes; the caller adds its own before parsing."""
    parser = argparse.ArgumentParser()
    parser.add_argument("torrent")
    parser.add_argument("save_path")
    parser.add_argument("--tuned", action="store_true")
    parser.add_argument("--timeout", type=float, default=60)
    return parser


def make_session(tuned):
    settings = {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_incoming_utp": False, "enable_outgoing_utp": False,
        "ssrf_mitigation": False,
        "allow_multiple_connections_per_ip": True,
        "alert_mask": ALERTS,
    }
    if tuned:
        settings.update(TUNED)
    session = lt.session(settings)
    # Loopback peers land in libtorrent's local peer class, which no rate limit reaches; the
    # global class holds them to the same rules as any other peer.
    everyone = lt.ip_filter()
    everyone.add_rule("0.0.0.0", "255.255.255.255", 1 << lt.session.global_peer_class_id)
    session.set_peer_class_filter(everyone)
    return session


def add_torrent(session, torrent, save_path):
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = save_path
    params.flags &= ~(lt.torrent_flags.auto_managed | lt.torrent_flags.paused)
    return session.add_torrent(params)


def wait_until(session, handle, done, timeout, what):
    """Pumps alerts until done(status) holds; exits non-zero on an error or after timeout seconds.
    Returns whether a tracker has replied by then."""
    deadline = time.monotonic() + timeout
    replied = False
    while True:
        for alert in session.pop_alerts():
            if isinstance(alert, lt.tracker_reply_alert):
                replied = True
            elif isinstance(alert, lt.tracker_error_alert):
                sys.exit("tracker error: %s %s" % (alert.tracker_url(), alert.failure_reason() or alert.error.message()))
            elif isinstance(alert, (lt.file_error_alert, lt.torrent_error_alert)):
                sys.exit("libtorrent failed: " + alert.message())
        status = handle.status()
        if status.errc.value() != 0:
            sys.exit("libtorrent failed: " + status.errc.message())
        if done(status, replied):
            return replied
        if time.monotonic() > deadline:
            sys.exit("libtorrent did not %s within %d s (state %s, progress %.3f)"
                     % (what, timeout, status.state, status.progress))
        session.wait_for_alert(20)


def seed_until_stdin_closes():
    """Seeds (on libtorrent's own threads) until the caller closes our stdin, or dies, which closes it too."""
    sys.stdin.read()
