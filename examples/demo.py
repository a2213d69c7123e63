"""`make demo`: a short tour of mailru-sdk against a local emulator of the platform.

Starts :class:`mailru_sdk.testing.LoopbackPlatform` on 127.0.0.1 (no other
network is touched), registers the platform documentation's example app, and
calls it the way an application would: both signature circuits, the escape
hatch, a platform error, a retried 503 and a wrong key. Secrets (keys, access
token, signatures) are never printed: they show as ``***``.

Run it with ``python examples/demo.py``; it exits 0 when every step behaved
as documented.
"""

from __future__ import annotations

import logging
import sys
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager

from mailru_sdk import API, ClientSession, ServerSession
from mailru_sdk.errors import AccessDeniedError, InvalidSignatureError
from mailru_sdk.testing import Fault, LoopbackPlatform, RecordedCall
from mailru_sdk.testing.server import expected_signature

# The example app, user and token of the platform documentation
# (https://api.mail.ru/docs/guides/restapi/). Treated as secrets all the same.
APP_ID = 423004
PRIVATE_KEY = "7815696ecbf1c96e6894b779456d330e"
SECRET_KEY = "3dad9cbf9baaa0360c0f2ba372d25716"
ACCESS_TOKEN = "be6ef89965d58e56dec21acb9b62bdaa"
UID = "1324730981306483817"
WRONG_KEY = "0" * 32

MASKED_PARAMS = frozenset({"session_key", "sig"})


class DemoFailure(Exception):
    """A step did not behave as documented."""


class Printer:
    """Prints the tour, refusing any line with a key, the token or a signature in it."""

    def __init__(self, secrets: list[str], platform: LoopbackPlatform) -> None:
        self.secrets = [s for s in secrets if s]
        self.platform = platform

    def __call__(self, text: str = "") -> None:
        signatures = [call.params.get("sig", "") for call in self.platform.calls]
        for secret in (*self.secrets, *signatures):
            if secret and secret in text:
                raise DemoFailure("refusing to print a line with a secret in it")
        print(text, flush=True)


def masked_query(call: RecordedCall) -> str:
    """The request as the server received it, with the access token and signature masked."""
    pairs = urllib.parse.parse_qsl(call.raw_query, keep_blank_values=True)
    shown = "&".join(f"{k}={'***' if k in MASKED_PARAMS else v}" for k, v in pairs)
    return f"{call.http_method} /platform/api?{shown}"


def verdict(call: RecordedCall) -> str:
    """Recheck a recorded request with the emulator's own signature check."""
    uid = UID if call.params.get("session_key") == ACCESS_TOKEN else None
    valid = call.params.get("sig") == expected_signature(call.params, PRIVATE_KEY, SECRET_KEY, uid)
    return f"signature {'valid' if valid else 'INVALID'} ({call.circuit} circuit)"


@contextmanager
def sdk_log_lines() -> Iterator[list[str]]:
    """Collect the SDK's INFO log lines (logger ``mailru_sdk``) while the block runs."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("mailru_sdk")
    handler = Collect(logging.INFO)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise DemoFailure(what)


def tour(platform: LoopbackPlatform, show: Printer) -> None:
    url = platform.url
    show(f"mailru-sdk demo: the SDK against a local platform emulator at {url}")
    show(f"(app {APP_ID} from the platform docs; access token and signatures shown as ***)")

    # 1. server-server circuit -------------------------------------------------------------
    show()
    show("1. ServerSession: server-server circuit (secret key, secure=1)")
    server = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=url)
    show(f"   session: {server!r}")
    friends = server.call("friends.get")
    call = platform.calls[-1]
    show("   session.call('friends.get')")
    show(f"   sent:    {masked_query(call)}")
    show(f"   server:  {verdict(call)}")
    show(f"   answer:  {friends!r}")
    expect(friends == ["100", "200"] and call.circuit == "server-server", "step 1")

    # 2. client-server circuit -------------------------------------------------------------
    show()
    show("2. ClientSession: client-server circuit (uid + private key)")
    client = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=url)
    show(f"   session: {client!r}")
    friends = client.call("friends.get")
    call = platform.calls[-1]
    show("   session.call('friends.get')")
    show(f"   sent:    {masked_query(call)}")
    show(f"   server:  {verdict(call)}")
    show(f"   answer:  {friends!r}")
    expect(friends == ["100", "200"] and call.circuit == "client-server", "step 2")

    # 3. any method by name ----------------------------------------------------------------
    show()
    show("3. Any method by name: API(session)('users.getInfo', uids=[101, 102])")
    users = API(client)("users.getInfo", uids=[101, 102])
    call = platform.calls[-1]
    show(f"   sent:    {masked_query(call)}")
    show(f"   server:  {verdict(call)}")
    for user in users:
        show(f"   user:    uid={user['uid']} name={user['first_name']} {user['last_name']}")
    expect([u["uid"] for u in users] == ["101", "102"], "step 3")

    # 4. a platform error --------------------------------------------------------------------
    show()
    show("4. A platform error: the server answers error 202 (access denied)")
    platform.inject(Fault(kind="error", code=202))
    try:
        API(server)("photos.get", aid="1")
    except AccessDeniedError as exc:
        show(f"   caught {type(exc).__name__}: {exc}")
        show(f"   exc.code={exc.code}  exc.method={exc.method!r}  retryable={exc.retryable}")
    else:
        raise DemoFailure("step 4: no AccessDeniedError")

    # 5. a transient failure, retried ------------------------------------------------------
    show()
    show("5. A transient failure: the server answers HTTP 503 once")
    platform.inject(Fault(kind="status", status=503))
    before = len(platform.calls)
    with sdk_log_lines() as log:
        friends = server.call("friends.get")
    for line in log:
        show(f"   log:     {line}")
    show(f"   requests seen by the server: {len(platform.calls) - before}; answer: {friends!r}")
    expect(friends == ["100", "200"] and len(platform.calls) - before == 2, "step 5")

    # 6. a wrong key -------------------------------------------------------------------------
    show()
    show("6. A wrong secret key")
    wrong = ServerSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, api_url=url)
    try:
        wrong.call("friends.get")
    except InvalidSignatureError as exc:
        call = platform.calls[-1]
        show(f"   sent:    {masked_query(call)}")
        show(f"   server:  {verdict(call)}")
        show(f"   caught {type(exc).__name__}: {exc}")
    else:
        raise DemoFailure("step 6: no InvalidSignatureError")

    show()
    show(f"Done: {len(platform.calls)} requests, all to 127.0.0.1, every answer as documented.")


def main() -> int:
    with LoopbackPlatform(
        apps={APP_ID: (PRIVATE_KEY, SECRET_KEY)}, tokens={ACCESS_TOKEN: UID}
    ) as platform:
        show = Printer([PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, WRONG_KEY], platform)
        try:
            tour(platform, show)
        except DemoFailure as exc:
            print(f"demo failed: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
