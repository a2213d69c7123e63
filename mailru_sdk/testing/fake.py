"""``FakePlatform``: an in-memory Mail.Ru Platform for tests, the single home of its logic.

The fake keeps a small world (applications and their keys, users, friends,
photo albums, stream events, access and refresh tokens), checks every request
exactly as the platform does, answers every catalogued method, runs the OAuth
token endpoint, can be scripted to fail, and records what it received.

It is reached in one of two ways, both feeding :meth:`FakePlatform.handle`:

* in-process: ``with FakePlatform() as fake:`` intercepts requests to the
  platform's default URLs through ``responses`` (``pip install
  'mailru-sdk[testing]'``), see :mod:`mailru_sdk.testing._responses`;
* over HTTP: ``fake.serve()`` starts a server on 127.0.0.1 and returns its
  URLs, see :mod:`mailru_sdk.testing.server`.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import http
import itertools
import json
import secrets
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from mailru_sdk import _catalogue
from mailru_sdk.errors import APIError
from mailru_sdk.oauth import CODE_TOKEN_URL, TOKEN_URL
from mailru_sdk.options import DEFAULT_API_URL, DEFAULT_PUBLIC_URL
from mailru_sdk.sessions import ClientSession, PublicSession, ServerSession
from mailru_sdk.testing import canned as _canned

if TYPE_CHECKING:
    from mailru_sdk.testing._responses import Interceptor
    from mailru_sdk.testing.server import PlatformServer

__all__ = [
    "DEFAULT_TOKEN_URLS",
    "EXAMPLE",
    "PUBLIC",
    "TOKEN",
    "AppKeys",
    "FakePlatform",
    "FakeRequest",
    "FakeResponse",
    "FakeURLs",
    "Fault",
    "Handler",
    "RecordedCall",
    "RecordedPublicRequest",
    "expected_signature",
    "platform_error",
]

#: The OAuth token endpoints the SDK uses by default (password/refresh, and the code grant).
DEFAULT_TOKEN_URLS = (TOKEN_URL, CODE_TOKEN_URL)

#: The ``method`` that scripted faults use to target token requests: ``fake.http_error(503,
#: method=TOKEN)``.
TOKEN = "token"

#: The ``method`` that scripted faults use to target requests for public data:
#: ``fake.drop_connection(method=PUBLIC)``.
PUBLIC = "public"

Handler = Callable[[Mapping[str, str]], Any]
"""Answers one method: receives the decoded parameters, returns the JSON body."""


class _Example(NamedTuple):
    app_id: int
    private_key: str
    secret_key: str
    access_token: str
    uid: str
    email: str
    password: str


#: The app, keys, token and user of the platform documentation's signing example
#: (https://api.mail.ru/docs/guides/restapi/), which a ``FakePlatform`` knows by default,
#: plus the e-mail and password its password grant accepts.
EXAMPLE = _Example(
    app_id=423004,
    private_key="7815696ecbf1c96e6894b779456d330e",
    secret_key="3dad9cbf9baaa0360c0f2ba372d25716",
    access_token="be6ef89965d58e56dec21acb9b62bdaa",
    uid="1324730981306483817",
    email="ivan.petrov@example.com",
    password="correct horse battery staple",
)


@dataclass(frozen=True)
class RecordedCall:
    """One API request the fake received."""

    http_method: str
    method: str
    params: dict[str, str]
    """Every parameter as decoded from the query or form, ``sig`` and ``session_key`` included."""
    raw_query: str
    circuit: str
    """``"server-server"`` when ``secure=1`` was sent, else ``"client-server"``."""
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Uploaded files of a multipart request: field name → (file name, content)."""


@dataclass(frozen=True)
class Fault:
    """A misbehaviour for one request.

    ``kind`` is one of ``status`` (HTTP ``status`` with a text body), ``drop``
    (close the connection without answering), ``sleep`` (wait ``seconds`` then
    answer normally), ``html``, ``truncated``, ``empty``, and ``error`` (a
    platform error ``code`` with HTTP ``status`` and ``message``). The
    scripting verbs of :class:`FakePlatform` build these for you.
    """

    kind: str
    status: int = 200
    code: int = 1
    seconds: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)
    message: str = ""
    body: str = "Bad Gateway"
    """The text body of a ``status`` fault."""


@dataclass
class AppKeys:
    """An application's keys: ``private_key`` (client-server) and ``secret_key`` (server-server)."""

    private_key: str
    secret_key: str


@dataclass(frozen=True)
class FakeRequest:
    """An HTTP request as a transport hands it to :meth:`FakePlatform.handle`."""

    http_method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str = ""


@dataclass(frozen=True)
class FakeResponse:
    """What a transport must do: wait ``delay`` seconds, then send the answer or ``drop``."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False


class FakeURLs(NamedTuple):
    """Where a served fake listens."""

    api_url: str
    token_url: str

    @property
    def public_url(self) -> str:
        """The root of the public data (``PublicSession``'s ``public_url``): above ``api_url``."""
        return self.api_url.rsplit("/", 1)[0]


@dataclass(frozen=True)
class RecordedPublicRequest:
    """One request for public data the fake received."""

    segments: tuple[str, ...]
    """The path under the public root, decoded: ``("mail", "ivanov")``."""
    params: dict[str, str]


@dataclass
class _Script:
    fault: Fault | None
    method: str | None
    remaining: int | None  # None: until cleared
    delay: float = 0.0


# faults answered without processing the request (a proxy or the network fails)
_UNPROCESSED = frozenset({"drop", "status", "html"})
_KINDS = frozenset({"status", "drop", "sleep", "html", "truncated", "empty", "error"})


def platform_error(code: int, message: str | None = None) -> dict[str, Any]:
    """The platform's error body for ``code``, with its catalogued message by default."""
    return {"error": {"error_code": code, "error_msg": message or _message(code)}}


def _message(code: int) -> str:
    text = APIError.class_for(code).message
    return text if text and text != "unknown" else f"Error {code}."


def expected_signature(
    params: Mapping[str, str], private_key: str, secret_key: str, uid: str | None
) -> str:
    """The signature the platform expects for ``params`` (independent of the SDK's code).

    Server-server when ``secure=1`` is among the parameters: ``md5(concat +
    secret_key)``; else client-server: ``md5(uid + concat + private_key)``.
    """
    concat = "".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
    if params.get("secure") == "1":
        text = concat + secret_key
    else:
        text = (uid or "") + concat + private_key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _oauth_error(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}


class FakePlatform:
    """An in-memory Mail.Ru Platform: use ``with FakePlatform() as fake:`` or ``fake.serve()``.

    Args:
        apps: app_id → ``(private_key, secret_key)``; by default the
            documentation's example app (:data:`EXAMPLE`).
        tokens: access token → uid; by default the example token of the example user.
        handlers: method name → handler (see :meth:`respond`).
        accounts: e-mail → ``(password, uid)`` for the password grant; by default
            the example user's :data:`EXAMPLE` e-mail and password.
        codes: authorization code → ``(uid, redirect_uri)`` for the code grant.
        refresh_tokens: refresh token → uid.
        expires_in: the lifetime the token endpoint announces, in seconds.
        seed: start with example users, friends, albums and stream events.
        canned: answer every catalogued method (else only ``handlers``; the rest get error 2).

    Every request is checked as the platform checks it: an unknown ``app_id``
    gets error 103, an unknown or expired ``session_key`` error 102, a wrong
    signature (either circuit) error 104, an unknown method error 2, a missing
    required parameter error 100. Calls are recorded in :attr:`calls`, token
    requests in :attr:`token_requests`.
    """

    def __init__(
        self,
        apps: Mapping[int, tuple[str, str]] | None = None,
        tokens: Mapping[str, str] | None = None,
        handlers: Mapping[str, Handler] | None = None,
        *,
        accounts: Mapping[str, tuple[str, str]] | None = None,
        codes: Mapping[str, tuple[str, str]] | None = None,
        refresh_tokens: Mapping[str, str] | None = None,
        expires_in: int = 86400,
        seed: bool = True,
        canned: bool = True,
    ) -> None:
        if apps is None:
            apps = {EXAMPLE.app_id: (EXAMPLE.private_key, EXAMPLE.secret_key)}
        if tokens is None:
            tokens = {EXAMPLE.access_token: EXAMPLE.uid}
        if accounts is None:
            accounts = {EXAMPLE.email: (EXAMPLE.password, EXAMPLE.uid)} if seed else {}
        #: app_id (as a string) → its keys.
        self.apps: dict[str, AppKeys] = {str(k): AppKeys(*keys) for k, keys in apps.items()}
        #: access token → uid; a token missing here gets error 102.
        self.tokens: dict[str, str] = dict(tokens)
        #: OAuth: e-mail → (password, uid) for the password grant.
        self.accounts: dict[str, tuple[str, str]] = dict(accounts)
        #: OAuth: authorization code → (uid, redirect_uri); a code works once.
        self.codes: dict[str, tuple[str, str]] = dict(codes or {})
        #: OAuth: refresh token → uid; a refresh token works once.
        self.refresh_tokens: dict[str, str] = dict(refresh_tokens or {})
        self.expires_in = expires_in
        #: method → handler; takes precedence over the canned answers.
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.canned = canned
        #: uid → profile (a ``User`` object).
        self.users: dict[str, dict[str, Any]] = {}
        #: uid → the uids of their friends.
        self.friends: dict[str, list[str]] = {}
        #: uid → their photo albums (``Album`` objects).
        self.albums: dict[str, list[dict[str, Any]]] = {}
        #: stream events (``Event`` objects), oldest first.
        self.events: list[dict[str, Any]] = []
        #: every API request received, in order.
        self.calls: list[RecordedCall] = []
        #: the form of every token request, in order.
        self.token_requests: list[dict[str, str]] = []
        #: public data: path segments → the JSON answer, or a handler of the parameters.
        self.public: dict[tuple[str, ...], Any] = {}
        #: every request for public data received, in order.
        self.public_requests: list[RecordedPublicRequest] = []
        self._script: list[_Script] = []
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._server: PlatformServer | None = None
        self._interceptor: Interceptor | None = None
        first_app = next(iter(apps.items()), None)
        first_token = next(iter(tokens.items()), None)
        #: the credentials :meth:`server_session` and :meth:`client_session` use.
        self.app_id = first_app[0] if first_app else EXAMPLE.app_id
        self.private_key = first_app[1][0] if first_app else ""
        self.secret_key = first_app[1][1] if first_app else ""
        self.access_token = first_token[0] if first_token else ""
        self.uid = first_token[1] if first_token else ""
        if seed:
            _canned.seed(self)

    def __repr__(self) -> str:
        mode = "served" if self._server else "intercepting" if self._interceptor else "idle"
        return f"<FakePlatform {mode}, {len(self.calls)} calls>"

    # -- how to reach it -------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The REST endpoint: the served one after :meth:`serve`, else the platform's default."""
        return self._server.urls.api_url if self._server else DEFAULT_API_URL

    @property
    def token_url(self) -> str:
        """The token endpoint: the served one after :meth:`serve`, else the platform's default."""
        return self._server.urls.token_url if self._server else DEFAULT_TOKEN_URLS[0]

    @property
    def public_url(self) -> str:
        """The root of the public data: the served one after :meth:`serve`, else the default."""
        return self._server.urls.public_url if self._server else DEFAULT_PUBLIC_URL

    def serve(self, port: int = 0) -> FakeURLs:
        """Serve on 127.0.0.1 (``port`` 0 picks a free one) in a background thread.

        Returns the REST and token URLs; :meth:`stop` (or leaving the ``with``
        block) stops the server.
        """
        from mailru_sdk.testing.server import PlatformServer

        if self._server is None:
            self._server = PlatformServer(self, port=port)
        return self._server.urls

    def start(self) -> FakePlatform:
        """Intercept requests to the platform's hosts in this process (``responses``).

        The REST and token endpoints are answered; any other URL on a platform
        host fails with ``requests.ConnectionError`` and never reaches the
        network; other hosts are passed through.
        """
        from mailru_sdk.testing._responses import Interceptor

        if self._interceptor is None:
            interceptor = Interceptor(self, [DEFAULT_API_URL, *DEFAULT_TOKEN_URLS])
            interceptor.start()
            self._interceptor = interceptor
        return self

    def stop(self) -> None:
        """Stop intercepting and stop the server, whichever runs."""
        if self._interceptor is not None:
            self._interceptor.stop()
            self._interceptor = None
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> FakePlatform:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def public_session(self, **kwargs: Any) -> PublicSession:
        """A :class:`~mailru_sdk.PublicSession` reading the fake's public data."""
        kwargs.setdefault("public_url", self.public_url)
        return PublicSession(**kwargs)

    def server_session(self, **kwargs: Any) -> ServerSession:
        """A :class:`~mailru_sdk.ServerSession` for the fake's first app and token."""
        kwargs.setdefault("api_url", self.api_url)
        kwargs.setdefault("public_url", self.public_url)
        return ServerSession(self.app_id, self.secret_key, self.access_token, **kwargs)

    def client_session(self, **kwargs: Any) -> ClientSession:
        """A :class:`~mailru_sdk.ClientSession` for the fake's first app, token and user."""
        kwargs.setdefault("api_url", self.api_url)
        kwargs.setdefault("public_url", self.public_url)
        return ClientSession(self.app_id, self.private_key, self.access_token, self.uid, **kwargs)

    # -- the world --------------------------------------------------------------------

    def add_app(self, app_id: int, private_key: str = "", secret_key: str = "") -> None:
        """Register an application and its keys."""
        with self._lock:
            self.apps[str(app_id)] = AppKeys(private_key, secret_key)

    def add_token(self, uid: str, token: str | None = None) -> str:
        """Make ``token`` (a fresh one by default) a valid access token of ``uid``; returns it."""
        token = token or secrets.token_hex(16)
        with self._lock:
            self.tokens[token] = str(uid)
        return token

    def expire_token(self, access_token: str) -> None:
        """Make ``access_token`` unknown: calls with it now get error 102."""
        with self._lock:
            self.tokens.pop(access_token, None)

    def add_user(self, uid: str, *, friends: Iterable[str] = (), **fields: Any) -> dict[str, Any]:
        """Add (or update) a profile; ``friends`` become mutual friends. Returns the profile."""
        uid = str(uid)
        with self._lock:
            user = self.users.setdefault(uid, {"uid": uid})
            user.update(fields)
            for friend in friends:
                friend = str(friend)
                self.users.setdefault(friend, {"uid": friend})
                for a, b in ((uid, friend), (friend, uid)):
                    if b not in self.friends.setdefault(a, []):
                        self.friends[a].append(b)
            return user

    def add_account(self, email: str, password: str, uid: str) -> None:
        """Let the password grant log ``email`` in as ``uid``."""
        with self._lock:
            self.accounts[email] = (password, str(uid))

    def add_code(self, uid: str, redirect_uri: str, code: str | None = None) -> str:
        """Issue an authorization code (one use) for ``uid`` and ``redirect_uri``; returns it."""
        code = code or secrets.token_hex(8)
        with self._lock:
            self.codes[code] = (str(uid), redirect_uri)
        return code

    def add_album(self, owner: str, **fields: Any) -> dict[str, Any]:
        """Add a photo album of ``owner``; ``aid`` is generated unless given. Returns it."""
        return _canned.add_album(self, str(owner), fields)

    def add_event(self, author: str, **fields: Any) -> dict[str, Any]:
        """Add a stream event by ``author`` (the newest); ``id`` is generated unless given."""
        return _canned.add_event(self, str(author), fields)

    # -- scripting --------------------------------------------------------------------

    def add_public(self, segments: Iterable[str], answer: Any) -> None:
        """Serve ``answer`` (JSON, or a handler of the query parameters) at ``segments``.

        ``fake.add_public(("mail", "ivanov"), {...})`` answers
        ``PublicSession.public_request(("mail", "ivanov"))``. The platform does
        not document these answers: give the shape your code expects. A path
        with nothing added is answered with HTTP 404 when served; in process
        (``start()``) it fails as any other unknown platform URL does (a
        ``requests.ConnectionError``, so a near miss of an endpoint is never
        mistaken for public data). Faults scripted with ``method=PUBLIC`` (or
        for every request) apply to these requests too.
        """
        with self._lock:
            self.public[tuple(segments)] = answer

    def respond(self, method: str, answer: Any) -> None:
        """Answer ``method`` with ``answer`` from now on (any method name, catalogued or not).

        ``answer`` is the JSON value to return, or a callable receiving the
        decoded parameters and returning it. The request is still checked
        (app, token, signature) first.
        """
        if callable(answer):
            handler: Handler = answer
        else:
            json.dumps(answer)  # refuse what cannot be sent, now rather than mid-test
            value = answer

            def handler(params: Mapping[str, str]) -> Any:
                return value

        with self._lock:
            self.handlers[method] = handler

    def fail(
        self,
        method: str,
        code: int,
        message: str | None = None,
        *,
        times: int | None = 1,
        status: int = 200,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with platform error ``code``.

        The calls are checked first, as the platform does: a bad signature still
        gets 104. ``times=None`` fails every call until :meth:`clear_faults`.
        """
        fault = Fault(kind="error", code=code, status=status, message=message or _message(code))
        self._add_script(_Script(fault, method, _times(times)))

    def http_error(
        self,
        status: int,
        *,
        times: int | None = 1,
        method: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next ``times`` requests with HTTP ``status`` and a text body.

        ``method`` limits it to one API method (or :data:`TOKEN` for the token
        endpoint); ``retry_after`` adds a ``Retry-After`` header. The requests
        are recorded but not processed, as when a proxy fails.
        """
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        fault = Fault(kind="status", status=status, headers=headers, body=f"{status} {phrase}")
        self._add_script(_Script(fault, method, _times(times)))

    def delay(self, seconds: float, *, times: int | None = None, method: str | None = None) -> None:
        """Answer ``seconds`` late: every request (``times=None``) or the next ``times``.

        A client whose read timeout is shorter gets a timeout. ``delay(0)``
        removes standing delays.
        """
        if seconds < 0:
            raise ValueError(f"seconds must be 0 or more, got {seconds}")
        with self._lock:
            self._script = [s for s in self._script if s.fault is not None or s.remaining]
            if seconds:
                self._script.append(_Script(None, method, _times(times), delay=seconds))

    def drop_connection(self, *, times: int | None = 1, method: str | None = None) -> None:
        """Close the connection of the next ``times`` requests without answering."""
        self._add_script(_Script(Fault(kind="drop"), method, _times(times)))

    def inject(self, *faults: Fault) -> None:
        """Apply ``faults`` to the next requests, one each, in order."""
        for fault in faults:
            if fault.kind not in _KINDS:
                raise ValueError(f"unknown fault kind {fault.kind!r}")
            self._add_script(_Script(fault, None, 1))

    def clear_faults(self) -> None:
        """Forget every scripted failure and delay."""
        with self._lock:
            self._script.clear()

    def calls_to(self, method: str) -> list[RecordedCall]:
        """The recorded calls of ``method``."""
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)

    def _add_script(self, script: _Script) -> None:
        with self._lock:
            self._script.append(script)

    def _take(self, method: str) -> tuple[Fault | None, float]:
        """The fault and the delay for a request to ``method``, consuming one use of each."""
        fault: Fault | None = None
        delay = 0.0
        with self._lock:
            for script in list(self._script):
                if script.method is not None and script.method != method:
                    continue
                if script.fault is None:
                    if delay:
                        continue
                    delay = script.delay
                elif fault is None:
                    fault = script.fault
                else:
                    continue
                if script.remaining is not None:
                    script.remaining -= 1
                    if script.remaining <= 0:
                        self._script.remove(script)
        if fault is not None and fault.kind == "sleep":
            delay += fault.seconds
        return fault, delay

    # -- answering --------------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one HTTP request: the single entry point of both transports."""
        if request.http_method == "POST" and request.path.rstrip("/").endswith("/oauth/token"):
            token_form = dict(urllib.parse.parse_qsl(_text(request.body), keep_blank_values=True))
            fault, delay = self._take(TOKEN)
            if fault is not None and fault.kind in _UNPROCESSED:
                with self._lock:
                    self.token_requests.append(token_form)
                return _fault_response(fault, delay)
            status, body = self.answer_token(token_form)
            return _finish(status, body, fault, delay)

        public = _public_segments(request.path)
        if public is not None:
            return self._answer_public(public, request.query)

        form: list[tuple[str, str]] = []
        files: dict[str, tuple[str, bytes]] = {}
        if request.http_method == "GET":
            raw_query = request.query
        elif request.content_type.startswith("multipart/form-data"):
            raw_query = ""
            form, files = _parse_multipart(request.content_type, request.body)
        else:
            raw_query = _text(request.body)
        pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True) + form
        method = dict(pairs).get("method", "")
        fault, delay = self._take(method)
        if fault is not None and fault.kind in _UNPROCESSED:
            self._record(request.http_method, pairs, raw_query, files)
            return _fault_response(fault, delay)
        scripted = fault if fault is not None and fault.kind == "error" else None
        status, body = self._answer(request.http_method, pairs, raw_query, files, scripted)
        return _finish(status, body, fault, delay)

    def has_public(self, path: str) -> bool:
        """Whether :meth:`add_public` gave data for the URL path ``path``."""
        segments = _public_segments(path)
        with self._lock:
            return segments is not None and segments in self.public

    def _answer_public(self, segments: tuple[str, ...], query: str) -> FakeResponse:
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        fault, delay = self._take(PUBLIC)  # faults scripted with method=PUBLIC (or for all)
        with self._lock:
            self.public_requests.append(RecordedPublicRequest(segments, params))
            answer = self.public.get(segments, _NOT_FOUND)
        if fault is not None and fault.kind in _UNPROCESSED:
            return _fault_response(fault, delay)
        if fault is not None and fault.kind == "error":
            error = platform_error(fault.code, fault.message or f"Injected error {fault.code}")
            return _finish(fault.status, error, fault, delay)
        if answer is _NOT_FOUND:
            shown = "/".join(segments)
            body = f"no public data at {shown}".encode()
            return FakeResponse(404, body, "text/plain", delay=delay)
        if callable(answer):
            answer = answer(params)
        return _finish(200, answer, fault, delay)

    def _record(
        self,
        http_method: str,
        pairs: list[tuple[str, str]],
        raw_query: str,
        files: dict[str, tuple[str, bytes]],
    ) -> RecordedCall:
        params = dict(pairs)
        circuit = "server-server" if params.get("secure") == "1" else "client-server"
        call = RecordedCall(
            http_method, params.get("method", ""), params, raw_query, circuit, files
        )
        with self._lock:
            self.calls.append(call)
        return call

    def answer(
        self,
        http_method: str,
        raw_query: str,
        form: list[tuple[str, str]] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
        *,
        scripted: Fault | None = None,
    ) -> tuple[int, Any]:
        """Check, record and answer one API request; returns the HTTP status and the JSON body.

        ``raw_query`` is the query string (or urlencoded body); ``form`` and
        ``files`` are the text fields and files of a multipart body. Files are
        not signed, as on the platform. ``scripted`` replaces the answer of a
        request that passes the checks.
        """
        pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True) + (form or [])
        return self._answer(http_method, pairs, raw_query, files or {}, scripted)

    def _answer(
        self,
        http_method: str,
        pairs: list[tuple[str, str]],
        raw_query: str,
        files: dict[str, tuple[str, bytes]],
        scripted: Fault | None,
    ) -> tuple[int, Any]:
        call = self._record(http_method, pairs, raw_query, files)
        params = call.params
        if len(pairs) != len(params):
            return 200, platform_error(100, "A parameter is repeated.")
        with self._lock:
            app = self.apps.get(params.get("app_id", ""))
            session_key = params.get("session_key")
            uid = self.tokens.get(session_key) if session_key is not None else params.get("uid")
        if app is None:
            return 200, platform_error(103)
        if session_key is not None and uid is None:
            return 200, platform_error(102)
        key = app.secret_key if params.get("secure") == "1" else app.private_key
        if not key:  # an app registered without this circuit's key: no signature is valid
            return 200, platform_error(104)
        if params.get("sig") != expected_signature(params, app.private_key, app.secret_key, uid):
            return 200, platform_error(104)
        if scripted is not None:
            return scripted.status, platform_error(
                scripted.code, scripted.message or f"Injected error {scripted.code}"
            )
        with self._lock:
            handler = self.handlers.get(call.method)
        if handler is not None:
            return 200, handler(params)
        entry = _catalogue.methods().get(call.method) if self.canned else None
        if entry is None:
            return 200, platform_error(2)
        missing = [name for name in entry.info.required if name not in params]
        if missing:
            return 200, platform_error(100, f"Required parameter missing: {', '.join(missing)}.")
        try:
            with self._lock:
                return 200, _canned.answer(self, entry, params, uid or "")
        except _canned.InvalidParameter as exc:
            return 200, platform_error(100, f"{exc}.")

    # -- OAuth ------------------------------------------------------------------------

    def issue_tokens(self, uid: str) -> dict[str, Any]:
        """Create a fresh access and refresh token for ``uid``; returns the token response."""
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        with self._lock:
            self.tokens[access] = uid
            self.refresh_tokens[refresh] = uid
        return {
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": self.expires_in,
            "token_type": "bearer",
            "x_mailru_vid": uid,
        }

    def answer_token(self, form: Mapping[str, str]) -> tuple[int, Any]:
        """Answer one token request (a POST form); returns the HTTP status and JSON body.

        Grants: ``password`` (``username``, ``password``), ``authorization_code``
        (``code``, ``redirect_uri``; a code works once) and ``refresh_token``
        (a refresh token works once). The client is the app id and either key.
        """
        with self._lock:
            self.token_requests.append(dict(form))
            app = self.apps.get(form.get("client_id", ""))
        secret = form.get("client_secret", "")
        # clients disagree on the password grant's client_secret: accept either key
        if app is None or not secret or secret not in (app.secret_key, app.private_key):
            return 400, _oauth_error("invalid_client", "invalid client id or secret")
        grant = form.get("grant_type")
        uid: str | None
        if grant == "password":
            with self._lock:
                account = self.accounts.get(form.get("username", ""))
            uid = account[1] if account is not None and account[0] == form.get("password") else None
            if uid is None:
                return 400, _oauth_error("invalid_grant", "invalid login or password")
        elif grant == "authorization_code":
            code = form.get("code", "")
            with self._lock:
                entry = self.codes.get(code)
                if entry is None or entry[1] != form.get("redirect_uri"):
                    return 400, _oauth_error("invalid_grant", "invalid code or redirect_uri")
                del self.codes[code]  # a code works once
            uid = entry[0]
        elif grant == "refresh_token":
            with self._lock:
                uid = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if uid is None:
                return 400, _oauth_error("invalid_grant", "invalid refresh token")
        else:
            return 400, _oauth_error("unsupported_grant_type", f"grant {grant!r}")
        return 200, self.issue_tokens(uid)


_NOT_FOUND = object()


def _public_segments(path: str) -> tuple[str, ...] | None:
    """The segments of a public data path (``/platform/mail/x`` → ``("mail", "x")``), else None.

    The REST endpoint (``/platform/api``) and the token endpoints are not public data.
    """
    parts = [urllib.parse.unquote(part) for part in path.split("/") if part]
    if len(parts) < 2 or parts[0] != "platform" or parts[1] == "api":
        return None
    return tuple(parts[1:])


def _times(times: int | None) -> int | None:
    if times is not None and (isinstance(times, bool) or times < 1):
        raise ValueError(f"times must be a positive int or None (for ever), got {times!r}")
    return times


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def _json(body: Any) -> bytes:
    return json.dumps(body).encode()


def _finish(status: int, body: Any, fault: Fault | None, delay: float) -> FakeResponse:
    if fault is not None and fault.kind == "truncated":
        return FakeResponse(200, _json(body)[:-3], delay=delay)
    if fault is not None and fault.kind == "empty":
        return FakeResponse(200, b"", delay=delay)
    headers = fault.headers if fault is not None and fault.kind == "error" else {}
    return FakeResponse(status, _json(body), headers=headers, delay=delay)


def _fault_response(fault: Fault, delay: float) -> FakeResponse:
    if fault.kind == "drop":
        return FakeResponse(0, b"", drop=True, delay=delay)
    if fault.kind == "html":
        page = b"<html><body>Maintenance</body></html>"
        return FakeResponse(fault.status, page, "text/html", delay=delay)
    # a gateway's plain-text page, as when a proxy in front of the platform fails
    return FakeResponse(fault.status, fault.body.encode(), "text/plain", fault.headers, delay)


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[list[tuple[str, str]], dict[str, tuple[str, bytes]]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    form: list[tuple[str, str]] = []
    files: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if filename is not None:
            files[name] = (filename, payload)
        else:
            form.append((name, payload.decode("utf-8")))
    return form, files
