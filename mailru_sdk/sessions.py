"""Sessions: ``requests.Session`` subclasses that send the platform's requests.

``PublicSession`` reads the platform's public, unsigned data. ``TokenSession``
adds the app's keys and a user's access token, infers the signature circuit
at call time and sends API calls with :meth:`TokenSession.call`
(``requests.Session.request`` keeps its usual meaning). ``ClientSession`` and
``ServerSession`` fix one circuit by taking only the key it needs.

Every request goes through ``requests.Session.send`` and the session's
mounted adapters (see :mod:`mailru_sdk._pipeline`), so what a requests user
sets or patches applies to it.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Collection, Iterable, Mapping
from typing import Any, NoReturn, Unpack

import requests
from requests.adapters import HTTPAdapter

from mailru_sdk._http import SendSettings, query_string
from mailru_sdk._pipeline import (
    Exchange,
    Outcome,
    call_time_left,
    interpret_api_answer,
    run,
)
from mailru_sdk._redact import SECRET_PARAMS, redact_params, redact_third_party_logs, url_passwords
from mailru_sdk._retry import RetryPolicy
from mailru_sdk._validate import (
    check_app_id,
    check_base_url,
    check_pool_maxsize,
    check_secret,
    check_uid,
    shown_url,
    validate_deadline,
    validate_timeout,
)
from mailru_sdk.errors import AuthorizationFailedError, CredentialsError
from mailru_sdk.options import (
    DEFAULT_API_URL,
    DEFAULT_PUBLIC_URL,
    SESSION_DEFAULTS,
    HTTPMethod,
    SessionOptions,
    Timeout,
    check_option_names,
)
from mailru_sdk.signing import Circuit, encode_params, sign
from mailru_sdk.stores.ratelimit import RateLimit, RateLimiter
from mailru_sdk.uploads import MultipartBody, PreparedFile, prepare_files

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_PUBLIC_URL",
    "RESERVED_PARAMS",
    "ClientSession",
    "PublicSession",
    "ServerSession",
    "TokenSession",
]

#: Parameters the session sets itself; passing them to a call is an error.
RESERVED_PARAMS = frozenset({"app_id", "method", "sig", "session_key", "secure", "format"})

redact_third_party_logs()  # urllib3 logs request lines, query strings included

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _rate_limiter(rate_limit: object) -> RateLimit | None:
    if rate_limit is None:
        return None
    if isinstance(rate_limit, RateLimit):
        return rate_limit
    if isinstance(rate_limit, int | float) and not isinstance(rate_limit, bool):
        return RateLimiter(rate_limit)
    raise TypeError(
        "rate_limit must be a number of calls per second, a limiter with reserve() and "
        f"acquire() (e.g. the Redis one), or None; got {type(rate_limit).__name__}"
    )


class PublicSession(requests.Session):
    """A session for the platform's public, unsigned data, and the base of every session.

    ``PublicSession(**options)``: the options are the
    :class:`~mailru_sdk.options.SessionOptions` (``api_url``, ``public_url``,
    ``pass_error``, ``timeout``, ``deadline``, ``max_retries``,
    ``http_method``, ``rate_limit``, ``pool_maxsize``), with the defaults
    listed in :mod:`mailru_sdk.options`. An unknown option is a TypeError.

    Its one call, :meth:`public_request`, reads a URL under ``public_url``
    without keys or a signature, as aiomailru's ``public_request`` does.
    Every request goes through ``requests.Session.send`` and the mounted
    adapters; a session is safe to share between threads, and its pool keeps
    ``pool_maxsize`` connections per host for them. Sessions cannot be copied
    or pickled (they hold connections, locks and keys): build a new one.
    """

    def __init__(self, **options: Unpack[SessionOptions]) -> None:
        super().__init__()
        check_option_names(type(self).__name__, options, SESSION_DEFAULTS)
        settings: dict[str, Any] = {**SESSION_DEFAULTS, **options}
        self.api_url = settings["api_url"]
        self.public_url = settings["public_url"]
        self.pass_error = bool(settings["pass_error"])
        self.timeout = settings["timeout"]
        self.deadline = settings["deadline"]
        self.retry_policy = RetryPolicy(max_retries=settings["max_retries"])
        http_method = settings["http_method"]
        if http_method not in ("GET", "POST"):
            raise ValueError(f"http_method must be 'GET' or 'POST', got {http_method!r}")
        self.http_method: HTTPMethod = http_method
        self.rate_limiter: RateLimit | None = _rate_limiter(settings["rate_limit"])
        self.pool_maxsize = check_pool_maxsize(settings["pool_maxsize"])
        for prefix in ("https://", "http://"):
            self.mount(prefix, HTTPAdapter(pool_maxsize=self.pool_maxsize))
        # what requests computes from the environment for each base URL (see _http)
        self._send_settings: dict[str, SendSettings] = {}

    # -- public state --------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The REST endpoint every API call is sent to."""
        return self._api_url

    @api_url.setter
    def api_url(self, value: str) -> None:
        self._api_url = check_base_url("api_url", value)

    @property
    def public_url(self) -> str:
        """The root of the public data :meth:`public_request` reads."""
        return self._public_url

    @public_url.setter
    def public_url(self, value: str) -> None:
        self._public_url = check_base_url("public_url", value).rstrip("/")

    @property
    def timeout(self) -> Timeout:
        """Seconds, or ``(connect, read)``; always finite (``None`` is refused)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = validate_timeout(value)

    @property
    def deadline(self) -> float | None:
        """Seconds a whole call may take, retries and the body included (``None``: unbounded)."""
        return self._deadline

    @deadline.setter
    def deadline(self, value: float | None) -> None:
        self._deadline = validate_deadline(value)

    @property
    def max_retries(self) -> int:
        """How many times a transient failure is retried (0 = never)."""
        return self.retry_policy.max_retries

    @max_retries.setter
    def max_retries(self, value: int) -> None:
        self.retry_policy = self.retry_policy.with_max_retries(value)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} public_url={shown_url(self.public_url)!r}>"

    # -- copies and pickles: refused, with a reason --------------------------------

    def __getstate__(self) -> NoReturn:
        raise TypeError(
            f"a {type(self).__name__} cannot be pickled: it holds connections, locks and "
            "keys; pickle its settings and build a new session from them"
        )

    def __copy__(self) -> NoReturn:
        raise TypeError(
            f"a {type(self).__name__} cannot be copied: it holds connections, locks and "
            "keys; build a new session with the same arguments"
        )

    def __deepcopy__(self, memo: object) -> NoReturn:
        self.__copy__()

    # -- requests ------------------------------------------------------------------

    def public_request(
        self,
        segments: str | Iterable[str],
        params: Mapping[str, object] | None = None,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Any:
        """GET ``public_url/segment/segment...`` with unsigned ``params``; the decoded JSON.

        ``segments`` are path segments (each quoted, so a ``/`` in one stays
        inside it), e.g. ``("mail", "ivanov")`` for
        ``https://appsmail.ru/platform/mail/ivanov``; a string is one segment.
        The platform does not document these answers: the JSON is returned as
        it arrives (``Any``). Errors, ``pass_error``, timeouts, the deadline
        and retries are those of API calls.

        Raises:
            APIError: the platform answered with an error body (``pass_error`` off).
            TransportError: no usable answer arrived (a network failure);
                its subclasses ``RequestTimeoutError`` and ``DeadlineExceededError``
                for a timeout and the call's deadline.
            HTTPStatusError: an unexpected HTTP status without an error body.
            ResponseDecodeError: a body that is not JSON.
            ValueError: bad segments or parameters, before any traffic.
        """
        if isinstance(segments, str):
            parts: list[object] = [segments]
        elif isinstance(segments, Iterable):
            parts = list(segments)
        else:
            parts = []
        if not parts or not all(isinstance(part, str) and part for part in parts):
            raise ValueError(
                f"segments must be non-empty strings, e.g. ('mail', 'login'), got {segments!r}"
            )
        if any(part in (".", "..") for part in parts):
            # a server normalises them: ("..", "api") would reach /platform/api, unsigned
            raise ValueError(f"segments must not be '.' or '..', got {segments!r}")
        path = "/" + "/".join(urllib.parse.quote(str(part), safe="") for part in parts)
        encoded = self._call_params(params)
        return self._run(_PublicRequest(self, path, encoded), timeout, max_retries, deadline)

    def _run(
        self,
        exchange: Exchange,
        timeout: Timeout | None,
        max_retries: int | None,
        deadline: float | None,
    ) -> Any:
        """Send ``exchange`` through the pipeline with the session's or the call's options."""
        return run(
            self,
            self._send_settings,
            exchange,
            timeout=self.timeout if timeout is None else validate_timeout(timeout),
            policy=(
                self.retry_policy
                if max_retries is None
                else self.retry_policy.with_max_retries(max_retries)
            ),
            deadline=self.deadline if deadline is None else validate_deadline(deadline),
            limiter=self.rate_limiter,
        )

    def _call_params(self, params: Mapping[str, object] | None) -> dict[str, str]:
        """A call's parameters as wire strings, after ``session.params`` (the call's win)."""
        encoded = encode_params(params) if params else {}
        return {**self._session_params(), **encoded} if self.params else encoded

    def _session_params(self) -> dict[str, str]:
        """``session.params`` as wire strings: sent with (and signed into) every call."""
        if not self.params:
            return {}
        if not isinstance(self.params, Mapping):
            raise TypeError(
                "session.params must be a dict to be sent with the platform's calls "
                f"(they are signed with each call's parameters), got {type(self.params).__name__}"
            )
        return encode_params(self.params)

    def _url_secrets(self) -> list[str]:
        """Passwords in the session's URLs (``user:password@host``)."""
        return [*url_passwords(self._api_url), *url_passwords(self._public_url)]

    def reset_send_settings(self) -> None:
        """Read the environment again on the next request.

        The session caches what ``requests`` would otherwise compute on every
        request from the environment (proxy and CA bundle variables,
        ``~/.netrc``); call this after changing those at run time. Changes to
        the session's own settings (``verify``, ``cert``, ``proxies``,
        ``headers``, ``auth``, ``trust_env``) are noticed without it.
        """
        self._send_settings.clear()


class _PublicRequest(Exchange):
    """A GET of public data: unsigned, read like an API answer."""

    def __init__(self, session: PublicSession, path: str, params: dict[str, str]) -> None:
        self.session = session
        self.path = path
        self.params = params
        self.name = f"public{path}"
        self.pass_error = session.pass_error

    def build(self) -> tuple[str, str, str, str, object, Mapping[str, str] | None]:
        return "GET", self.session.public_url, self.path, query_string(self.params), None, None

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        return interpret_api_answer(self.name, status, headers, body, self.secrets)

    def secrets(self) -> list[str]:
        return self.session._url_secrets()


class TokenSession(PublicSession):
    """A session that signs API calls with whichever circuit its keys allow.

    Args:
        app_id: the application's id.
        private_key: the app's private key (client-server circuit); ``""`` if unused.
        secret_key: the app's secret key (server-server circuit); ``""`` if unused.
        access_token: the user's OAuth access token, sent as ``session_key``;
            ``""`` to call without one (server-server calls with ``uid=``).
        uid: the user's id (``x_mailru_vid``), needed by the client-server circuit.
        **options: the :class:`~mailru_sdk.options.SessionOptions`: ``api_url``,
            ``public_url``, ``pass_error``, ``timeout`` (seconds or
            ``(connect, read)``, finite), ``deadline`` (seconds for a whole
            call), ``max_retries``, ``http_method`` (``"POST"`` sends every
            call as a form body, so that ``session_key`` and ``sig`` never
            appear in URLs), ``rate_limit`` (calls per second, or a shared
            limiter), ``pool_maxsize``.

    The circuit is chosen at each call: client-server when ``uid`` and
    ``private_key`` are set, else server-server when ``secret_key`` is set,
    else :class:`~mailru_sdk.errors.CredentialsError` before any traffic.
    ``session.params``, if set, are sent with every call and signed with it.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        access_token: str,
        uid: str | int,
        **options: Unpack[SessionOptions],
    ) -> None:
        self.app_id = check_app_id(app_id)
        self.private_key = check_secret("private_key", private_key)
        self.secret_key = check_secret("secret_key", secret_key)
        self.access_token = check_secret("access_token", access_token)
        self.uid = check_uid(uid)
        super().__init__(**options)

    @property
    def circuit(self) -> Circuit:
        """The circuit the next call will be signed with.

        Raises:
            CredentialsError: when neither circuit has its keys.
        """
        return self.circuit_for(None)

    def circuit_for(self, allowed: Collection[Circuit] | None) -> Circuit:
        """The circuit to sign with when only ``allowed`` circuits may call the method.

        Client-server is preferred when the session has ``uid`` and
        ``private_key``; server-server when it has ``secret_key``.

        Raises:
            CredentialsError: when no allowed circuit has its keys.
        """
        can_client = bool(self.uid and self.private_key)
        can_server = bool(self.secret_key)
        if (allowed is None or "client-server" in allowed) and can_client:
            return "client-server"
        if (allowed is None or "server-server" in allowed) and can_server:
            return "server-server"
        if allowed is not None and (can_client or can_server):
            only = " or ".join(sorted(allowed))
            raise CredentialsError(
                f"this method can only be signed {only}, and {type(self).__name__} lacks the "
                + ("secret_key" if "server-server" in allowed else "uid and private_key")
                + " for it"
            )
        missing = []
        if not self.private_key:
            missing.append("private_key")
        if not self.uid:
            missing.append("uid")
        raise CredentialsError(
            f"{type(self).__name__} cannot sign requests: the client-server circuit needs "
            f"uid and private_key (missing: {', '.join(missing)}), the server-server circuit "
            "needs secret_key (missing)"
        )

    def __repr__(self) -> str:
        try:
            circuit: str = self.circuit
        except CredentialsError:
            circuit = "unsigned"
        return f"<{type(self).__name__} app_id={self.app_id} circuit={circuit}>"

    # -- calls ---------------------------------------------------------------------

    def call(
        self,
        method: str,
        params: Mapping[str, object] | None = None,
        *,
        http_method: HTTPMethod | None = None,
        idempotent: bool = True,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        circuits: Collection[Circuit] | None = None,
        files: Mapping[str, object] | None = None,
    ) -> Any:
        """Call API ``method`` with ``params`` and return the decoded JSON answer.

        Args:
            method: the platform's method name, e.g. ``"stream.getByAuthor"``.
            params: method parameters; ``None`` values are left out.
            http_method: ``"POST"`` for a form body; ``None`` or ``"GET"`` uses
                the session's ``http_method`` (a POST session always posts).
            idempotent: ``False`` for writes: they are retried only when the
                request provably never reached the server.
            timeout: overrides the session's timeout for this call.
            max_retries: overrides the session's retry count for this call.
            deadline: overrides the session's deadline for this call: seconds
                for the whole call, every try, wait and the body included.
            circuits: the circuits allowed to call ``method`` (``None``: any).
            files: uploads (path, bytes or binary file object) sent as a
                multipart POST; the signature covers the text parameters only.

        Raises:
            APIError: (a subclass per code) when the platform answers with an
                error and ``pass_error`` is off.
            TransportError: no usable answer arrived (a network failure);
                its subclasses ``RequestTimeoutError`` and ``DeadlineExceededError``
                for a timeout and the call's deadline.
            HTTPStatusError: an unexpected HTTP status without an error body.
            ResponseDecodeError: a body that is not JSON.
            CredentialsError: when the session cannot sign.
            TypeError: for a parameter of a type the wire cannot carry, before any traffic.
            ValueError: for a bad method name or parameter, before any traffic.
        """
        if not isinstance(method, str) or not method or "." not in method:
            raise ValueError(f"method must be a name like 'friends.get', got {method!r}")
        if http_method not in (None, "GET", "POST"):
            raise ValueError(f"http_method must be 'GET' or 'POST', got {http_method!r}")
        verb: HTTPMethod = "POST" if "POST" in (http_method, self.http_method) else "GET"
        encoded = self._call_params(params)
        reserved = RESERVED_PARAMS.intersection(encoded)
        if reserved:
            raise ValueError(
                f"{', '.join(sorted(reserved))}: set by the session, not a method parameter"
            )
        self.circuit_for(circuits)  # fails before any traffic
        uploads = prepare_files(files) if files else None
        try:
            exchange = _APICall(self, method, encoded, circuits, verb, idempotent, uploads)
            return self._run(exchange, timeout, max_retries, deadline)
        finally:
            for upload in (uploads or {}).values():
                upload.close()

    def _refresh_after_auth_failure(self, rejected_token: str) -> bool:
        """Called when the platform rejects ``rejected_token`` (error 102).

        Sessions that can obtain a new token (the OAuth sessions) do so and
        return ``True``; the call is then signed again and repeated once. The
        base session cannot, and returns ``False``.
        """
        return False

    def signed_params(
        self, method: str, params: Mapping[str, str], circuit: Circuit
    ) -> dict[str, str]:
        """The full wire parameters of a call, ``sig`` included, from encoded ``params``."""
        wire = dict(params)
        wire["method"] = method
        wire["app_id"] = str(self.app_id)
        if self.access_token:
            wire["session_key"] = self.access_token
        if circuit == "server-server":
            wire["secure"] = "1"
            wire["sig"] = sign(wire, circuit, uid="", key=self.secret_key)
        else:
            wire["sig"] = sign(wire, circuit, uid=self.uid, key=self.private_key)
        return wire

    def _secrets(self, wire: Mapping[str, str]) -> list[str]:
        # sig, session_key, and secret method parameters (photos.createAlbum's password):
        # requests puts the whole URL, query included, in its exception messages
        secret_values = [value for name, value in wire.items() if name in SECRET_PARAMS]
        return [
            self.access_token,
            self.private_key,
            self.secret_key,
            *secret_values,
            *self._url_secrets(),
        ]


class _APICall(Exchange):
    """One API call: signed afresh for each try, its answer read as the platform's JSON."""

    def __init__(
        self,
        session: TokenSession,
        method: str,
        encoded: dict[str, str],
        circuits: Collection[Circuit] | None,
        verb: HTTPMethod,
        idempotent: bool,
        uploads: dict[str, PreparedFile] | None,
    ) -> None:
        self.session = session
        self.name = method
        self.encoded = encoded
        self.circuits = circuits
        self.verb = verb
        self.idempotent = idempotent
        self.pass_error = session.pass_error
        self.uploads = uploads
        self.refreshed = False
        self.token_used = ""
        self.wire: dict[str, str] = {}

    def build(self) -> tuple[str, str, str, str, object, Mapping[str, str] | None]:
        session = self.session
        # the circuit and the token can change between tries (a refresh): sign each try
        circuit = session.circuit_for(self.circuits)
        self.token_used = session.access_token
        self.wire = wire = session.signed_params(self.name, self.encoded, circuit)
        if self.uploads:
            # streamed: the files are read in chunks while sending, never whole
            left = call_time_left()
            end = None if left is None else time.monotonic() + left
            body = MultipartBody(wire, self.uploads, end=end)
            return "POST", session.api_url, "", "", body, {"Content-Type": body.content_type}
        query = query_string(wire)
        if self.verb == "GET":
            return "GET", session.api_url, "", query, None, None
        return "POST", session.api_url, "", "", query, _FORM

    def interpret(self, status: int, headers: Any, body: bytes) -> Outcome:
        return interpret_api_answer(self.name, status, headers, body, self.secrets)

    def secrets(self) -> list[str]:
        return self.session._secrets(self.wire)

    def rewind(self) -> bool:
        # any repeat sends the uploads again from their start
        return all(upload.rewind() for upload in (self.uploads or {}).values())

    def recover(self, outcome: Outcome) -> bool:
        if (
            isinstance(outcome.error, AuthorizationFailedError)
            and not self.refreshed
            and self.session._refresh_after_auth_failure(self.token_used)
        ):
            # a fresh token: sign again and repeat the call once, outside the retry count
            self.refreshed = True
            return True
        return False

    def log_details(self) -> object:
        return f"params={redact_params(self.encoded)}"


class ClientSession(TokenSession):
    """A session that always signs with the client-server circuit (uid + private key).

    ``ClientSession(app_id, private_key, access_token, uid, **options)``; the
    options are :class:`TokenSession`'s.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        access_token: str,
        uid: str | int,
        **options: Unpack[SessionOptions],
    ) -> None:
        super().__init__(app_id, private_key, "", access_token, uid, **options)


class ServerSession(TokenSession):
    """A session that always signs with the server-server circuit (secret key, ``secure=1``).

    ``ServerSession(app_id, secret_key, access_token, **options)``; the
    options are :class:`TokenSession`'s.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        access_token: str,
        **options: Unpack[SessionOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, access_token, "", **options)
