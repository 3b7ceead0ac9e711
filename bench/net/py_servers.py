"""The Python comparators of bench/net.sh, on asyncio's own loop or on uvloop.

Usage: py_servers.py {http|echo|idle} PORT {asyncio|uvloop}

  http  answers every complete request head (ends with CRLFCRLF; pipelined or split across reads)
        with one fixed HTTP/1.1 keep-alive response, at Protocol level;
  echo  sends back every byte it receives, at Protocol level;
  idle  start_server with a handler task per connection that awaits reader.read(), as a parked
        stream task.
Listens on 127.0.0.1 only and prints "listening" once it accepts.
"""
import asyncio
import sys

RESPONSE = (b"HTTP/1.1 200 OK\r\n"
            b"Content-Type: text/plain\r\n"
            b"Content-Length: 13\r\n"
            b"\r\n"
            b"Hello, World!")
END_OF_HEAD = b"\r\n\r\n"


class Hello(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.tail = b""  # at most the last 3 bytes, which may start a terminator split across reads

    def data_received(self, data):
        seen = self.tail + data if self.tail else data
        heads = seen.count(END_OF_HEAD)
        if heads:
            self.transport.write(RESPONSE * heads)
            seen = seen[seen.rfind(END_OF_HEAD) + 4:]
        self.tail = seen[-3:]


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def park(reader, writer):
    while await reader.read(1024):
        pass
    writer.close()


async def main(mode, port):
    loop = asyncio.get_running_loop()
    if mode == "http":
        server = await loop.create_server(Hello, "127.0.0.1", port, backlog=4096)
    elif mode == "echo":
        server = await loop.create_server(Echo, "127.0.0.1", port, backlog=4096)
    elif mode == "idle":
        server = await asyncio.start_server(park, "127.0.0.1", port, backlog=4096)
    else:
        raise SystemExit("unknown mode " + mode)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    mode, port, flavour = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if flavour == "uvloop":
        import uvloop
        uvloop.install()
    elif flavour != "asyncio":
        raise SystemExit("unknown loop " + flavour)
    asyncio.run(main(mode, port))
