"""``python -m mailru_sdk.testing [--port N]``: serve the fake platform on 127.0.0.1.

Prints the URLs (as ``MAILRU_*`` environment assignments the ``mailru-sdk``
command reads) and serves until interrupted.
"""

from __future__ import annotations

import argparse
import sys
import threading

from mailru_sdk.testing.fake import EXAMPLE, FakePlatform

__all__ = ["main"]


def main(argv: list[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl-C (or until ``stop`` is set); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m mailru_sdk.testing",
        description="Serve a fake Mail.Ru Platform on 127.0.0.1 (REST API and OAuth token "
        "endpoint) with the platform documentation's example app, user and token.",
    )
    parser.add_argument(
        "--port", type=_port, default=0, help="TCP port, 0-65535 (default 0: a free one)"
    )
    args = parser.parse_args(argv)
    fake = FakePlatform()
    try:
        urls = fake.serve(args.port)
    except OSError as exc:
        print(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print("Fake Mail.Ru Platform on 127.0.0.1 (Ctrl-C to stop)")
    print(f"MAILRU_API_URL={urls.api_url}")
    print(f"MAILRU_TOKEN_URL={urls.token_url}")
    print(f"MAILRU_APP_ID={EXAMPLE.app_id}")
    print(f"MAILRU_UID={EXAMPLE.uid}")
    print("keys, access token and login: the platform docs' examples (mailru_sdk.testing.EXAMPLE)")
    sys.stdout.flush()
    try:
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0


def _port(text: str) -> int:
    """A TCP port number for argparse: 0 to 65535 (else exit 2 with one message)."""
    try:
        port = int(text) if text.isascii() else -1
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535, not {text[:40]!r}")
    return port


if __name__ == "__main__":
    sys.exit(main())
