"""``mailru-sdk demo`` (and ``make demo``): a tour of the SDK against the fake platform.

Serves [`FakePlatform`][mailru_sdk.testing.FakePlatform] on 127.0.0.1 (no other
network is touched) and uses it as an application would: an OAuth password
login, typed calls on both signature circuits, a platform error, a retried
HTTP 503, an expired token refreshed on the fly, and a wrong key. Secrets
(keys, password, tokens, signatures) are never printed: they show as ``***``,
and a line that would contain one is refused.
"""

from __future__ import annotations

import logging
import sys
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from mailru_sdk._redact import SECRET_PARAMS
from mailru_sdk.api import API
from mailru_sdk.errors import AccessDeniedError, InvalidSignatureError, MailRuError
from mailru_sdk.oauth import PasswordSession
from mailru_sdk.sessions import ServerSession
from mailru_sdk.testing.fake import FakePlatform
from mailru_sdk.testing.records import RecordedCall
from mailru_sdk.testing.wire import FakeURLs
from mailru_sdk.testing.world import EXAMPLE

__all__ = ["DemoFailure", "run"]

WRONG_KEY = "0" * 32


class DemoFailure(Exception):
    """A step did not behave as documented."""


class _Printer:
    """Prints the tour, refusing any line with a key, password, token or signature in it."""

    def __init__(self, out: TextIO, fake: FakePlatform) -> None:
        self.out = out
        self.fake = fake

    def _secrets(self) -> list[str]:
        with self.fake._lock:
            found = [EXAMPLE.private_key, EXAMPLE.secret_key, EXAMPLE.password, WRONG_KEY]
            found += list(self.fake.tokens) + list(self.fake.refresh_tokens)
            found += [call.params.get("sig", "") for call in self.fake.calls]
            for form in self.fake.token_requests:
                found += [form.get(name, "") for name in ("client_secret", "refresh_token")]
        return [secret for secret in found if secret]

    def __call__(self, text: str = "") -> None:
        for secret in self._secrets():
            if secret in text:
                raise DemoFailure("refusing to print a line with a secret in it")
        print(text, file=self.out, flush=True)


def _sent(call: RecordedCall) -> str:
    """The request as the fake received it, secrets masked."""
    if call.http_method == "GET":
        pairs = urllib.parse.parse_qsl(call.raw_query, keep_blank_values=True)
    else:  # the default: a form body, nothing in the URL
        pairs = list(call.params.items())
    shown = "&".join(f"{k}={'***' if k in SECRET_PARAMS else v}" for k, v in pairs)
    if call.http_method == "GET":
        return f"GET /platform/api?{shown}"
    return f"{call.http_method} /platform/api  form: {shown}"


@contextmanager
def _sdk_log() -> Iterator[list[str]]:
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


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise DemoFailure(what)


def _tour(fake: FakePlatform, urls: FakeURLs, show: _Printer) -> None:
    show(f"mailru-sdk demo: the SDK against a fake platform at {urls.api_url}")
    show("(keys, password, tokens and signatures are shown as ***)")

    show()
    show("1. Log in with the OAuth password grant")
    session = PasswordSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        EXAMPLE.email,
        EXAMPLE.password,
        "",
        api_url=urls.api_url,
        token_url=urls.token_url,
    )
    session.authorize()
    form = fake.token_requests[-1]
    show(f"   POST /oauth/token  grant_type={form['grant_type']} username={form['username']}")
    show(f"   got:     access_token=*** refresh_token=*** expires_in={session.expires_in}")
    show(f"            uid={session.uid}  -> {session!r}")
    _expect(session.uid == EXAMPLE.uid and bool(session.refresh_token), "step 1")
    api = API(session)

    show()
    show("2. users.getInfo(): the logged-in user's profile (client-server circuit)")
    (me,) = api.users.getInfo()
    call = fake.calls[-1]
    show(f"   sent:    {_sent(call)}")
    show(f"   fake:    signature checked, {call.circuit} circuit")
    show(f"   answer:  {me.get('first_name')} {me.get('last_name')} (uid {me.get('uid')})")
    _expect(me.get("uid") == EXAMPLE.uid and call.circuit == "client-server", "step 2")

    show()
    show("3. friends.get(ext=True): friends as typed User dicts")
    friends = api.friends.get(ext=True)
    for friend in friends:
        online = "online" if friend.get("is_online") else "offline"
        show(f"   friend:  {friend.get('first_name')} {friend.get('last_name')} ({online})")
    _expect(len(friends) == 3, "step 3")

    show()
    show("4. A server-server call: ServerSession signs with the secret key and secure=1")
    server = API(
        ServerSession(
            EXAMPLE.app_id, EXAMPLE.secret_key, session.access_token, api_url=urls.api_url
        )
    )
    albums = server.photos.getAlbums()
    call = fake.calls[-1]
    show(f"   sent:    {_sent(call)}")
    show(f"   fake:    signature checked, {call.circuit} circuit")
    show(f"   albums:  {', '.join(repr(a.get('title')) for a in albums)}")
    _expect(call.circuit == "server-server" and len(albums) == 2, "step 4")

    show()
    show('5. A platform error: fake.fail("photos.getAlbums", code=202)')
    fake.fail("photos.getAlbums", code=202)
    try:
        api.photos.getAlbums()
    except AccessDeniedError as exc:
        show(f"   caught   {type(exc).__name__}: {exc}")
        show(f"            exc.code={exc.code} exc.method={exc.method!r} retryable={exc.retryable}")
    else:
        raise DemoFailure("step 5: no AccessDeniedError")

    show()
    show("6. A transient failure: fake.http_error(503) once, then the SDK retries")
    fake.http_error(503)
    before = len(fake.calls)
    with _sdk_log() as log:
        uids = api.friends.get()
    for line in log:
        show(f"   log:     {line}")
    tries = len(fake.calls) - before
    show(f"   requests seen by the fake: {tries}; answer: {len(uids)} uids")
    _expect(tries == 2 and len(uids) == 3, "step 6")

    show()
    show("7. The access token expires: error 102, the session refreshes it and repeats the call")
    old_token = session.access_token
    fake.expire_token(old_token)
    before_tokens = len(fake.token_requests)
    with _sdk_log() as log:
        (me,) = api.users.getInfo()
    for line in log:
        show(f"   log:     {line}")
    refresh = fake.token_requests[before_tokens:]
    show(f"   token requests: {', '.join(f['grant_type'] for f in refresh)}")
    show(
        f"   new access token: {'yes' if session.access_token != old_token else 'no'}; "
        f"answer: {me.get('first_name')} {me.get('last_name')}"
    )
    _expect(len(refresh) == 1 and session.access_token != old_token, "step 7")

    show()
    show("8. A wrong secret key: the fake checks every signature, as the platform does")
    wrong = API(
        ServerSession(EXAMPLE.app_id, WRONG_KEY, session.access_token, api_url=urls.api_url)
    )
    try:
        wrong.friends.get()
    except InvalidSignatureError as exc:
        show(f"   caught   {type(exc).__name__}: {exc}")
        show("   `mailru-sdk sign friends.get` shows what was signed, secrets masked")
    else:
        raise DemoFailure("step 8: no InvalidSignatureError")

    show()
    show(
        f"Done: {len(fake.calls)} API and {len(fake.token_requests)} token requests, "
        "all to 127.0.0.1."
    )
    session.close()


def run(out: TextIO) -> int:
    """Run the tour, printing to ``out``; returns the exit status (0 when every step worked)."""
    fake = FakePlatform()
    urls = fake.serve()
    try:
        _tour(fake, urls, _Printer(out, fake))
    except (DemoFailure, MailRuError) as exc:
        print(f"demo failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        fake.stop()
    return 0
