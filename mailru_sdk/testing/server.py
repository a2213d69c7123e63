"""A local emulator of the platform's REST endpoint, served on 127.0.0.1.

It checks every request the way the platform does (application id, access
token, signature of either circuit, method name), answers from handlers, and
can be told to misbehave for the next requests: an HTTP error, a dropped
connection, a slow answer, HTML, truncated JSON, an empty body, or a platform
error with any HTTP status. Every request is recorded for assertions.

Only the standard library is used, so the emulator ships with the package.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Fault", "LoopbackPlatform", "RecordedCall"]

Handler = Callable[[Mapping[str, str]], Any]
"""Answers one method: receives the decoded parameters, returns the JSON body."""


@dataclass(frozen=True)
class RecordedCall:
    """One request the emulator received."""

    http_method: str
    method: str
    params: dict[str, str]
    raw_query: str
    circuit: str
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Uploaded files of a multipart request: field name → (file name, content)."""


@dataclass(frozen=True)
class Fault:
    """A misbehaviour for one request.

    ``kind`` is one of ``status`` (HTTP ``status`` with a text body), ``drop``
    (close the connection without answering), ``sleep`` (wait ``seconds`` then
    answer normally), ``html``, ``truncated``, ``empty``, and ``error`` (a
    platform error ``code`` with HTTP ``status``).
    """

    kind: str
    status: int = 200
    code: int = 1
    seconds: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _App:
    private_key: str
    secret_key: str


class LoopbackPlatform:
    """The emulator. Use as a context manager, or call :meth:`start` and :meth:`stop`.

    Args:
        apps: app_id → ``(private_key, secret_key)``.
        tokens: access token → uid.
        handlers: method name → handler; ``friends.get`` and ``users.getInfo``
            have defaults.
    """

    def __init__(
        self,
        apps: Mapping[int, tuple[str, str]],
        tokens: Mapping[str, str],
        handlers: Mapping[str, Handler] | None = None,
        *,
        users: Mapping[str, tuple[str, str]] | None = None,
        codes: Mapping[str, tuple[str, str]] | None = None,
        refresh_tokens: Mapping[str, str] | None = None,
        expires_in: int = 86400,
    ) -> None:
        self.apps = {str(app_id): _App(*keys) for app_id, keys in apps.items()}
        self.tokens = dict(tokens)
        #: OAuth: email → (password, uid) for the password grant.
        self.users = dict(users or {})
        #: OAuth: authorization code → (uid, redirect_uri); a code works once.
        self.codes = dict(codes or {})
        #: OAuth: refresh token → uid.
        self.refresh_tokens = dict(refresh_tokens or {})
        self.expires_in = expires_in
        #: OAuth: the form of every token request, in order.
        self.token_requests: list[dict[str, str]] = []
        self.handlers: dict[str, Handler] = {
            "friends.get": _friends_get,
            "users.getInfo": _users_get_info,
        }
        self.handlers.update(handlers or {})
        self.calls: list[RecordedCall] = []
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------

    @property
    def url(self) -> str:
        """The REST endpoint URL, e.g. ``http://127.0.0.1:PORT/platform/api``."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return f"http://127.0.0.1:{self._server.server_address[1]}/platform/api"

    @property
    def token_url(self) -> str:
        """The OAuth token endpoint URL, e.g. ``http://127.0.0.1:PORT/oauth/token``."""
        return self.url.replace("/platform/api", "/oauth/token")

    def start(self, port: int = 0) -> LoopbackPlatform:
        """Serve on 127.0.0.1 (``port`` 0 picks a free one) in a background thread."""
        server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        # a short poll interval keeps stop() quick (shutdown waits for the next poll)
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LoopbackPlatform:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting -----------------------------------------------------------------

    def inject(self, *faults: Fault) -> None:
        """Apply ``faults`` to the next requests, one each, in order."""
        with self._lock:
            self._faults.extend(faults)

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self._faults.popleft() if self._faults else None

    def _record(self, call: RecordedCall) -> None:
        with self._lock:
            self.calls.append(call)

    # -- the platform's checks -----------------------------------------------------

    def answer(
        self,
        http_method: str,
        raw_query: str,
        form: list[tuple[str, str]] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> tuple[int, Any]:
        """Check and answer one request; returns the HTTP status and the JSON body.

        ``raw_query`` is the query string (or urlencoded body); ``form`` and
        ``files`` are the text fields and files of a multipart body. Files are
        not signed, as on the platform.
        """
        pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True) + (form or [])
        params = dict(pairs)
        method = params.get("method", "")
        app = self.apps.get(params.get("app_id", ""))
        circuit = "server-server" if params.get("secure") == "1" else "client-server"
        self._record(RecordedCall(http_method, method, params, raw_query, circuit, files or {}))
        if len(pairs) != len(params):
            return 200, _error(100, "A parameter is repeated.")
        if app is None:
            return 200, _error(103, "Application lookup failed: the application id is not correct.")
        session_key = params.get("session_key")
        uid = self.tokens.get(session_key) if session_key is not None else params.get("uid")
        if session_key is not None and uid is None:
            return 200, _error(102, "User authorization failed: the session key is incorrect.")
        if params.get("sig") != expected_signature(params, app.private_key, app.secret_key, uid):
            return 200, _error(104, "Incorrect signature.")
        handler = self.handlers.get(method)
        if handler is None:
            return 200, _error(2, "Unknown method called.")
        return 200, handler(params)

    # -- OAuth -----------------------------------------------------------------------

    def expire_token(self, access_token: str) -> None:
        """Make ``access_token`` unknown: calls with it now get error 102."""
        with self._lock:
            self.tokens.pop(access_token, None)

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
        """Answer one token request (a POST form); returns the HTTP status and JSON body."""
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
            user = self.users.get(form.get("username", ""))
            uid = user[1] if user is not None and user[0] == form.get("password") else None
            if uid is None:
                return 400, _oauth_error("invalid_grant", "invalid login or password")
        elif grant == "authorization_code":
            with self._lock:
                entry = self.codes.get(form.get("code", ""))
                if entry is not None and entry[1] == form.get("redirect_uri"):
                    del self.codes[form.get("code", "")]
            if entry is None or entry[1] != form.get("redirect_uri"):
                return 400, _oauth_error("invalid_grant", "invalid code or redirect_uri")
            uid = entry[0]
        elif grant == "refresh_token":
            with self._lock:
                uid = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if uid is None:
                return 400, _oauth_error("invalid_grant", "invalid refresh token")
        else:
            return 400, _oauth_error("unsupported_grant_type", f"grant {grant!r}")
        return 200, self.issue_tokens(uid)


def _oauth_error(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}


def expected_signature(
    params: Mapping[str, str], private_key: str, secret_key: str, uid: str | None
) -> str:
    """The signature the platform expects for ``params`` (independent of the SDK's code)."""
    concat = "".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
    if params.get("secure") == "1":
        text = concat + secret_key
    else:
        text = (uid or "") + concat + private_key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _error(code: int, msg: str) -> dict[str, Any]:
    return {"error": {"error_code": code, "error_msg": msg}}


def _friends_get(params: Mapping[str, str]) -> Any:
    if params.get("ext") == "1":
        return [{"uid": "100", "first_name": "Ivan", "last_name": "Petrov"}]
    return ["100", "200"]


def _users_get_info(params: Mapping[str, str]) -> Any:
    uids = params.get("uids", "1").split(",")
    return [{"uid": uid, "first_name": "User", "last_name": uid} for uid in uids]


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


def _make_handler(platform: LoopbackPlatform) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in separate writes: without TCP_NODELAY, Nagle's
        # algorithm and the client's delayed ACK add ~40 ms to every keep-alive answer
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr
            pass

        def handle(self) -> None:
            # the client may hang up first, e.g. when its timeout expires during a "sleep" fault
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def do_GET(self) -> None:
            self._serve("GET", urllib.parse.urlsplit(self.path).query)

        def _is_token_request(self) -> bool:
            return urllib.parse.urlsplit(self.path).path == "/oauth/token"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            content_type = self.headers.get("Content-Type", "")
            if content_type.startswith("multipart/form-data"):
                form, files = _parse_multipart(content_type, body)
                self._serve("POST", "", form, files)
            else:
                self._serve("POST", body.decode("ascii", errors="replace"))

        def _serve(
            self,
            http_method: str,
            raw_query: str,
            form: list[tuple[str, str]] | None = None,
            files: dict[str, tuple[str, bytes]] | None = None,
        ) -> None:
            fault = platform._next_fault()
            if fault is not None and fault.kind == "drop":
                platform._record(RecordedCall(http_method, "", {}, raw_query, ""))
                self.close_connection = True
                self.connection.close()
                return
            if fault is not None and fault.kind == "sleep":
                time.sleep(fault.seconds)
            if http_method == "POST" and self._is_token_request():
                token_form = dict(urllib.parse.parse_qsl(raw_query, keep_blank_values=True))
                status, body = platform.answer_token(token_form)
            else:
                status, body = platform.answer(http_method, raw_query, form, files)
            if fault is None or fault.kind == "sleep":
                self._send(status, json.dumps(body).encode(), "application/json")
            elif fault.kind == "status":
                self._send(fault.status, b"Bad Gateway", "text/plain", fault.headers)
            elif fault.kind == "html":
                self._send(fault.status, b"<html><body>Maintenance</body></html>", "text/html")
            elif fault.kind == "truncated":
                self._send(200, json.dumps(body).encode()[:-3], "application/json")
            elif fault.kind == "empty":
                self._send(200, b"", "application/json")
            elif fault.kind == "error":
                payload = json.dumps(_error(fault.code, f"Injected error {fault.code}")).encode()
                self._send(fault.status, payload, "application/json", fault.headers)
            else:
                raise ValueError(f"unknown fault kind {fault.kind!r}")

        def _send(
            self,
            status: int,
            payload: bytes,
            content_type: str,
            headers: Mapping[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

    return _Handler
