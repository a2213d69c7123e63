"""``python -m mailru_sdk.testing [--port N]``: serve the fake platform on 127.0.0.1.

Prints every setting the ``mailru-sdk`` command reads, as ``export MAILRU_…=…``
lines to paste into a shell (the URLs, the example app's id and keys, the
example user's access token, uid, e-mail and password), and serves until
interrupted. These are the platform documentation's public example values,
which the fake accepts; they are no one's secrets.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import threading

from mailru_sdk.testing.fake import FakePlatform
from mailru_sdk.testing.world import EXAMPLE

__all__ = ["main", "settings"]


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
    print("# Fake Mail.Ru Platform on 127.0.0.1 (Ctrl-C to stop); for the mailru-sdk command:")
    for name, value in settings(urls.api_url, urls.token_url).items():
        print(f"export {name}={shlex.quote(value)}")
    sys.stdout.flush()
    try:
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0


def settings(api_url: str, token_url: str) -> dict[str, str]:
    """The ``MAILRU_*`` variables that point the ``mailru-sdk`` command at the served fake.

    The app, keys, token and login are ``EXAMPLE``'s,
    the public example values of the platform documentation.
    """
    return {
        "MAILRU_API_URL": api_url,
        "MAILRU_TOKEN_URL": token_url,
        "MAILRU_APP_ID": str(EXAMPLE.app_id),
        "MAILRU_PRIVATE_KEY": EXAMPLE.private_key,
        "MAILRU_SECRET_KEY": EXAMPLE.secret_key,
        "MAILRU_ACCESS_TOKEN": EXAMPLE.access_token,
        "MAILRU_UID": EXAMPLE.uid,
        "MAILRU_EMAIL": EXAMPLE.email,
        "MAILRU_PASSWORD": EXAMPLE.password,
    }


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
