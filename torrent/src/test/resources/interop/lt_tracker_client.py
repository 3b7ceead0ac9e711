#!/usr/bin/python3
"""libtorrent as a client of Eddy's tracker, for the tracker interop tests. Line based, both ways.

  lt_tracker_client.py <torrent> <save_path>

Adds the torrent (seeding if save_path holds its data) to a session on 127.0.0.1 and prints
  listen <port>                          the TCP port libtorrent announces
  reply <url> <num_peers>                each tracker reply
  state <state>                          the torrent's state at its first reply
  scrape <url> <complete> <incomplete>   each scrape reply
  error <url> <message>                  each tracker error, failure reason or failed scrape
  removed                                once "stop" has removed the torrent
  bye                                    as it exits
Commands on stdin, one a line:
  reannounce   announce now, whatever the interval
  scrape       scrape the tracker
  stop         remove the torrent, which announces "stopped"; the session stays up to send it
  quit         (or end of input) close the session and exit
"""
import select
import sys

import libtorrent as lt

ALERTS = lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification \
    | lt.alert.category_t.status_notification


def out(*words):
    print(*words, flush=True)


def make_session():
    return lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        # libtorrent 2.0 refuses trackers on localhost with query strings unless this is off.
        "ssrf_mitigation": False,
        "announce_to_all_trackers": True, "announce_to_all_tiers": True,
        "allow_multiple_connections_per_ip": True,
        "alert_mask": ALERTS,
    })


class Client:
    def __init__(self, torrent, save_path):
        self.session = make_session()
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(torrent)
        params.save_path = save_path
        self.handle = self.session.add_torrent(params)
        self.replied = False

    def report(self, alert):
        if isinstance(alert, lt.tracker_reply_alert):
            out("reply", alert.tracker_url(), alert.num_peers)
            if not self.replied:
                self.replied = True
                out("state", str(self.handle.status().state))
        elif isinstance(alert, lt.tracker_error_alert):
            out("error", alert.tracker_url(), alert.failure_reason() or alert.error.message())
        elif isinstance(alert, lt.scrape_reply_alert):
            out("scrape", alert.tracker_url(), alert.complete, alert.incomplete)
        elif isinstance(alert, lt.scrape_failed_alert):
            out("error", alert.tracker_url(), "scrape failed: " + alert.error_message())
        elif isinstance(alert, lt.torrent_removed_alert):
            out("removed")

    def obey(self, command):
        """Carries out one command; False once it is time to exit."""
        if command == "reannounce":
            self.handle.force_reannounce(0, -1, lt.reannounce_flags_t.ignore_min_interval)
        elif command == "scrape":
            self.handle.scrape_tracker()
        elif command == "stop":
            self.session.remove_torrent(self.handle)
        elif command in ("quit", ""):
            return False
        else:
            out("error", "-", "unknown command " + command)
        return True

    def run(self):
        out("listen", self.session.listen_port())
        while True:
            for alert in self.session.pop_alerts():
                self.report(alert)
            if select.select([sys.stdin], [], [], 0.05)[0]:
                if not self.obey(sys.stdin.readline().strip()):
                    break
            else:
                self.session.wait_for_alert(50)
        del self.session
        out("bye")


if __name__ == "__main__":
    Client(sys.argv[1], sys.argv[2]).run()
