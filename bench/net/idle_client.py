"""The idle-connection client of bench/net.sh: opens N connections to 127.0.0.1:PORT, prints
"connected", sends nothing and holds them for at most HOLD seconds (the script kills it sooner).

usage: idle_client.py PORT N HOLD
"""
import socket
import sys
import time

port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
print("connected", len(held), flush=True)
time.sleep(hold)
