"""``FakePlatform``: an in-memory Mail.Ru Platform for tests, and its verbs.

The fake keeps a small world (applications and their keys, users, friends,
photo albums, stream events, access and refresh tokens; see
``world``), checks every request exactly as the
platform does and answers every catalogued method
(``api_endpoint``, ``canned``),
runs the OAuth token endpoint (``token_endpoint``),
can be scripted to fail (``faults``), and records
what it received. This module is its public face: the constructor, how to
reach it, the verbs that change its world and script its faults, and
[`FakePlatform.handle()`][mailru_sdk.testing.fake.FakePlatform.handle], which routes each request
to its endpoint.

It is reached in one of two ways, both feeding
[`FakePlatform.handle()`][mailru_sdk.testing.fake.FakePlatform.handle]:

* in-process: ``with FakePlatform() as fake:`` intercepts requests to the
  platform's default URLs through ``responses`` (``pip install
  'mailru-sdk[testing]'``), see ``mailru_sdk.testing._responses``;
* over HTTP: ``fake.serve()`` starts a server on 127.0.0.1 and returns its
  URLs, see ``mailru_sdk.testing.server``.
"""

from __future__ import annotations

import http
import json
import secrets
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from mailru_sdk.options import DEFAULT_API_URL, DEFAULT_PUBLIC_URL
from mailru_sdk.sessions import ClientSession, PublicSession, ServerSession
from mailru_sdk.testing import token_endpoint
from mailru_sdk.testing import world as _world
from mailru_sdk.testing.api_endpoint import answer_api, error_message, platform_error, record_call
from mailru_sdk.testing.faults import (
    KINDS,
    PUBLIC,
    TOKEN,
    UNPROCESSED,
    Fault,
    FaultScript,
    fault_response,
    finish,
)
from mailru_sdk.testing.records import RecordedCall, RecordedPublicRequest
from mailru_sdk.testing.server import PlatformServer
from mailru_sdk.testing.wire import (
    FakeRequest,
    FakeResponse,
    FakeURLs,
    body_text,
    parse_multipart,
    public_segments,
)
from mailru_sdk.testing.world import AppKeys, Handler, World

if TYPE_CHECKING:  # the in-process transport needs `responses`: imported on use, in start()
    from mailru_sdk.testing._responses import Interceptor

__all__ = ["FakePlatform"]

_NOT_FOUND = object()


class FakePlatform(World):
    """An in-memory Mail.Ru Platform: use ``with FakePlatform() as fake:`` or ``fake.serve()``.

    Args:
        apps: app_id → ``(private_key, secret_key)``; by default the
            documentation's example app (``EXAMPLE``).
        tokens: access token → uid; by default the example token of the example user.
        handlers: method name → handler (see
            [`respond()`][mailru_sdk.testing.fake.FakePlatform.respond]).
        accounts: e-mail → ``(password, uid)`` for the password grant; by default
            the example user's ``EXAMPLE`` e-mail and password.
        codes: authorization code → ``(uid, redirect_uri)`` for the code grant.
        refresh_tokens: refresh token → uid.
        expires_in: the lifetime the token endpoint announces, in seconds.
        seed: start with example users, friends, albums and stream events.
        canned: answer every catalogued method (else only ``handlers``; the rest get error 2).

    Every request is checked as the platform checks it: an unknown ``app_id``
    gets error 103, an unknown or expired ``session_key`` error 102, a wrong
    signature (either circuit) error 104, an unknown method error 2, a missing
    required parameter error 100. Calls are recorded in ``calls``, token
    requests in ``token_requests``.
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
        super().__init__(
            apps,
            tokens,
            handlers,
            accounts=accounts,
            codes=codes,
            refresh_tokens=refresh_tokens,
            expires_in=expires_in,
            seed=seed,
            canned=canned,
        )
        self._faults = FaultScript()
        self._server: PlatformServer | None = None
        self._interceptor: Interceptor | None = None

    def __repr__(self) -> str:
        mode = "served" if self._server else "intercepting" if self._interceptor else "idle"
        return f"<FakePlatform {mode}, {len(self.calls)} calls>"

    # -- how to reach it -------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The REST endpoint: the served one after
        [`serve()`][mailru_sdk.testing.fake.FakePlatform.serve], else the platform's default."""
        return self._server.urls.api_url if self._server else DEFAULT_API_URL

    @property
    def token_url(self) -> str:
        """The token endpoint: the served one after
        [`serve()`][mailru_sdk.testing.fake.FakePlatform.serve], else the platform's default."""
        return self._server.urls.token_url if self._server else token_endpoint.DEFAULT_TOKEN_URLS[0]

    @property
    def public_url(self) -> str:
        """The root of the public data: the served one after
        [`serve()`][mailru_sdk.testing.fake.FakePlatform.serve], else the default."""
        return self._server.urls.public_url if self._server else DEFAULT_PUBLIC_URL

    def serve(self, port: int = 0) -> FakeURLs:
        """Serve on 127.0.0.1 (``port`` 0 picks a free one) in a background thread.

        Returns the REST and token URLs; [`stop()`][mailru_sdk.testing.fake.FakePlatform.stop] (or
        leaving the ``with`` block) stops the server.
        """
        if self._server is None:
            self._server = PlatformServer(self, port=port)
        return self._server.urls

    def start(self) -> FakePlatform:
        """Intercept requests to the platform's hosts in this process (``responses``).

        The REST and token endpoints are answered; any other URL on a platform
        host fails with ``requests.ConnectionError`` and never reaches the
        network; other hosts are passed through.
        """
        # imported on use: the in-process transport needs the optional `responses`
        from mailru_sdk.testing._responses import Interceptor

        if self._interceptor is None:
            interceptor = Interceptor(self, [DEFAULT_API_URL, *token_endpoint.DEFAULT_TOKEN_URLS])
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
        """A [`PublicSession`][mailru_sdk.PublicSession] reading the fake's public data."""
        kwargs.setdefault("public_url", self.public_url)
        return PublicSession(**kwargs)

    def server_session(self, **kwargs: Any) -> ServerSession:
        """A [`ServerSession`][mailru_sdk.ServerSession] for the fake's first app and token."""
        kwargs.setdefault("api_url", self.api_url)
        kwargs.setdefault("public_url", self.public_url)
        return ServerSession(self.app_id, self.secret_key, self.access_token, **kwargs)

    def client_session(self, **kwargs: Any) -> ClientSession:
        """A [`ClientSession`][mailru_sdk.ClientSession] for the fake's first app, token and
        user."""
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
        return _world.add_user(self, uid, friends, fields)

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
        return _world.add_album(self, str(owner), fields)

    def add_event(self, author: str, **fields: Any) -> dict[str, Any]:
        """Add a stream event by ``author`` (the newest); ``id`` is generated unless given."""
        return _world.add_event(self, str(author), fields)

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
        gets 104. ``times=None`` fails every call until
        [`clear_faults()`][mailru_sdk.testing.fake.FakePlatform.clear_faults].
        """
        fault = Fault(
            kind="error", code=code, status=status, message=message or error_message(code)
        )
        self._faults.add(fault, method, times)

    def http_error(
        self,
        status: int,
        *,
        times: int | None = 1,
        method: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next ``times`` requests with HTTP ``status`` and a text body.

        ``method`` limits it to one API method (or ``TOKEN`` for the token
        endpoint); ``retry_after`` adds a ``Retry-After`` header. The requests
        are recorded but not processed, as when a proxy fails.
        """
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        fault = Fault(kind="status", status=status, headers=headers, body=f"{status} {phrase}")
        self._faults.add(fault, method, times)

    def delay(self, seconds: float, *, times: int | None = None, method: str | None = None) -> None:
        """Answer ``seconds`` late: every request (``times=None``) or the next ``times``.

        A client whose read timeout is shorter gets a timeout. ``delay(0)``
        removes standing delays.
        """
        if seconds < 0:
            raise ValueError(f"seconds must be 0 or more, got {seconds}")
        self._faults.set_delay(seconds, method, times)

    def drop_connection(self, *, times: int | None = 1, method: str | None = None) -> None:
        """Close the connection of the next ``times`` requests without answering."""
        self._faults.add(Fault(kind="drop"), method, times)

    def inject(self, *faults: Fault) -> None:
        """Apply ``faults`` to the next requests, one each, in order."""
        for fault in faults:
            if fault.kind not in KINDS:
                raise ValueError(f"unknown fault kind {fault.kind!r}")
            self._faults.add(fault, None, 1)

    def clear_faults(self) -> None:
        """Forget every scripted failure and delay."""
        self._faults.clear()

    def calls_to(self, method: str) -> list[RecordedCall]:
        """The recorded calls of ``method``."""
        with self._lock:
            return [call for call in self.calls if call.method == method]

    # -- answering --------------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        """Answer one HTTP request: the single entry point of both transports."""
        if request.http_method == "POST" and request.path.rstrip("/").endswith("/oauth/token"):
            token_form = dict(
                urllib.parse.parse_qsl(body_text(request.body), keep_blank_values=True)
            )
            fault, delay = self._faults.take(TOKEN)
            if fault is not None and fault.kind in UNPROCESSED:
                with self._lock:
                    self.token_requests.append(token_form)
                return fault_response(fault, delay)
            status, body = self.answer_token(token_form)
            return finish(status, body, fault, delay)

        public = public_segments(request.path)
        if public is not None:
            return self._answer_public(public, request.query)

        form: list[tuple[str, str]] = []
        files: dict[str, tuple[str, bytes]] = {}
        if request.http_method == "GET":
            raw_query = request.query
        elif request.content_type.startswith("multipart/form-data"):
            raw_query = ""
            form, files = parse_multipart(request.content_type, request.body)
        else:
            raw_query = body_text(request.body)
        pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True) + form
        method = dict(pairs).get("method", "")
        fault, delay = self._faults.take(method)
        if fault is not None and fault.kind in UNPROCESSED:
            record_call(self, request.http_method, pairs, raw_query, files)
            return fault_response(fault, delay)
        scripted = fault if fault is not None and fault.kind == "error" else None
        status, body = answer_api(self, request.http_method, pairs, raw_query, files, scripted)
        return finish(status, body, fault, delay)

    def has_public(self, path: str) -> bool:
        """Whether [`add_public()`][mailru_sdk.testing.fake.FakePlatform.add_public] gave data for
        the URL path ``path``."""
        segments = public_segments(path)
        with self._lock:
            return segments is not None and segments in self.public

    def _answer_public(self, segments: tuple[str, ...], query: str) -> FakeResponse:
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        fault, delay = self._faults.take(PUBLIC)  # faults scripted with method=PUBLIC (or for all)
        with self._lock:
            self.public_requests.append(RecordedPublicRequest(segments, params))
            answer = self.public.get(segments, _NOT_FOUND)
        if fault is not None and fault.kind in UNPROCESSED:
            return fault_response(fault, delay)
        if fault is not None and fault.kind == "error":
            error = platform_error(fault.code, fault.message or f"Injected error {fault.code}")
            return finish(fault.status, error, fault, delay)
        if answer is _NOT_FOUND:
            shown = "/".join(segments)
            body = f"no public data at {shown}".encode()
            return FakeResponse(404, body, "text/plain", delay=delay)
        if callable(answer):
            answer = answer(params)
        return finish(200, answer, fault, delay)

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
        return answer_api(self, http_method, pairs, raw_query, files or {}, scripted)

    # -- OAuth ------------------------------------------------------------------------

    def issue_tokens(self, uid: str) -> dict[str, Any]:
        """Create a fresh access and refresh token for ``uid``; returns the token response."""
        return token_endpoint.issue_tokens(self, uid)

    def answer_token(self, form: Mapping[str, str]) -> tuple[int, Any]:
        """Answer one token request (a POST form); returns the HTTP status and JSON body.

        Grants: ``password`` (``username``, ``password``), ``authorization_code``
        (``code``, ``redirect_uri``; a code works once) and ``refresh_token``
        (a refresh token works once). The client is the app id and either key.
        """
        return token_endpoint.answer_token(self, form)
