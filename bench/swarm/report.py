#!/usr/bin/python3
"""Prints bench/swarm.sh's download results as a table, with each client's median over its runs and
Eddy's ratios to the fastest other client, against the targets of issue 6.

  report.py RESULTS

RESULTS has one line per download: name-run wall_s MB/s cpu_s user_s sys_s max_rss_MiB load1 load5 load15.
"""
import statistics
import sys

CLIENTS = ("eddy", "eddy-1thread", "aria2", "libtorrent")


def main(path):
    runs = {client: [] for client in CLIENTS}
    for line in open(path):
        fields = line.split()
        client = fields[0].rsplit("-", 1)[0]
        if client in runs:
            runs[client].append([float(value) for value in fields[1:7]])
    medians = {client: [statistics.median(column) for column in zip(*rows)] for client, rows in runs.items() if rows}
    print()
    print("| client | runs | wall time | MB/s | CPU (user+sys) | max RSS |")
    print("|---|---|---|---|---|---|")
    for client, (wall, mbs, cpu, user, sys_, rss) in medians.items():
        print("| %s | %d | %.2f s | %.0f | %.2f s (%.2f + %.2f) | %.0f MiB |"
              % (client, len(runs[client]), wall, mbs, cpu, user, sys_, rss))
    others = {client: values for client, values in medians.items() if not client.startswith("eddy")}
    if "eddy" not in medians or not others:
        return
    eddy = medians["eddy"]
    fastest = min(others, key=lambda client: others[client][0])
    wall_ratio = eddy[0] / others[fastest][0]
    cpu_ratio = eddy[2] / others["aria2"][2] if "aria2" in others else float("nan")
    print()
    print("Eddy / fastest other (%s): wall %.2fx (target <= 0.80: %s); Eddy CPU / aria2 CPU %.2fx (target <= 1: %s);"
          " Eddy max RSS %.0f MiB (target <= 256: %s)"
          % (fastest, wall_ratio, verdict(wall_ratio <= 0.8), cpu_ratio, verdict(cpu_ratio <= 1.0), eddy[5],
             verdict(eddy[5] <= 256)))


def verdict(met):
    return "met" if met else "MISSED"


if __name__ == "__main__":
    main(sys.argv[1])
