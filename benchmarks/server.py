"""A keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with a small JSON body.

Run in its own process (``python -m benchmarks.server``: prints the port, then
serves until stdin closes), so its work does not share the measuring
process's interpreter. It is a single-threaded asyncio server: a thread per
connection (``ThreadingHTTPServer``) loses throughput to its own lock
contention at 16 connections, which would hide the client's behaviour. The
content type is the one aiomailru insists on.
"""

from __future__ import annotations

import asyncio
import sys

BODY = b'["100", "200"]'
RESPONSE = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/javascript; charset=utf-8\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n"
    b"\r\n" + BODY
)


async def _serve_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            writer.write(RESPONSE)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
        pass  # the client hung up, or the server is stopping
    finally:
        writer.close()


async def _main() -> None:
    server = await asyncio.start_server(_serve_connection, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
    server.close()


def main() -> None:
    """Serve on a free port of 127.0.0.1; print it; stop when stdin reaches EOF."""
    asyncio.run(_main())


if __name__ == "__main__":
    main()
