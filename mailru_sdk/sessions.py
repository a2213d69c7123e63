"""Sessions: ``requests.Session`` subclasses that sign and send API calls.

``TokenSession`` holds the app's keys and a user's access token, infers the
signature circuit at call time and sends calls with :meth:`TokenSession.call`
(``requests.Session.request`` keeps its usual meaning). ``ClientSession`` and
``ServerSession`` fix one circuit by taking only the key it needs.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Collection, Mapping
from typing import Any, Literal

import requests

from mailru_sdk._direct import tls_context
from mailru_sdk._fastsend import (
    Answer,
    SendPlan,
    adapter_patched,
    build_plan,
    plan_key,
    query_string,
)
from mailru_sdk._fastsend import send as fast_send
from mailru_sdk.errors import (
    APIError,
    AuthorizationFailedError,
    CredentialsError,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    RequestTimeoutError,
    ResponseDecodeError,
    TransportError,
)
from mailru_sdk.ratelimit import RateLimiter
from mailru_sdk.signing import Circuit, encode_params, sign
from mailru_sdk.transport import (
    DEFAULT_TIMEOUT,
    SECRET_PARAMS,
    RetryPolicy,
    Timeout,
    body_excerpt,
    logger,
    parse_retry_after,
    redact_params,
    redact_text,
    redact_third_party_logs,
    request_never_sent,
    scrub_exception_chain,
    validate_timeout,
)
from mailru_sdk.uploads import MultipartBody, PreparedFile, prepare_files

__all__ = ["DEFAULT_API_URL", "RESERVED_PARAMS", "ClientSession", "ServerSession", "TokenSession"]

DEFAULT_API_URL = "https://appsmail.ru/platform/api"

#: Parameters the session sets itself; passing them to a call is an error.
RESERVED_PARAMS = frozenset({"app_id", "method", "sig", "session_key", "secure", "format"})

HTTPMethod = Literal["GET", "POST"]

_EXCERPT = 200

redact_third_party_logs()  # urllib3 logs request lines, query strings included
_RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
_CONFIGURATION_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidHeader,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
)


def _check_app_id(app_id: object) -> int:
    if isinstance(app_id, bool) or not isinstance(app_id, int):
        raise TypeError(
            f"app_id must be an int, got {type(app_id).__name__}; "
            "convert it with int(...) if it comes from configuration"
        )
    if app_id <= 0:
        raise ValueError(f"app_id must be a positive integer, got {app_id}")
    return app_id


def check_http_url(name: str, url: object) -> str:
    """``url`` if it is an http(s) URL with a host; else TypeError/ValueError naming ``name``."""
    if not isinstance(url, str):
        raise TypeError(f"{name} must be a str, got {type(url).__name__}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{name} must be an http(s) URL with a host, got {url!r}")
    return url


def _check_api_url(url: object) -> str:
    url = check_http_url("api_url", url)
    parts = urllib.parse.urlsplit(url)
    if parts.query or parts.fragment:
        # the platform signs every parameter: an unsigned one in the URL would fail (104)
        raise ValueError(
            f"api_url must not carry a query or fragment, got {url!r}; pass parameters "
            "to the call instead"
        )
    return url


def _check_secret(name: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def _check_uid(uid: object) -> str:
    if uid is None:
        return ""
    if isinstance(uid, bool) or not isinstance(uid, str | int):
        raise TypeError(f"uid must be a str or int, got {type(uid).__name__}")
    text = str(uid)
    if text and not (text.isascii() and text.isdigit()):
        raise ValueError(f"uid must be the user's numeric id, got {text!r}")
    return text


class TokenSession(requests.Session):
    """A session that signs API calls with whichever circuit its keys allow.

    Args:
        app_id: the application's id.
        private_key: the app's private key (client-server circuit); ``""`` if unused.
        secret_key: the app's secret key (server-server circuit); ``""`` if unused.
        access_token: the user's OAuth access token, sent as ``session_key``;
            ``""`` to call without one (server-server calls with ``uid=``).
        uid: the user's id (``x_mailru_vid``), needed by the client-server circuit.
        api_url: the REST endpoint.
        pass_error: return the platform's error body as a dict instead of raising.
        timeout: seconds, or ``(connect, read)``; must be finite.
        max_retries: how many times a transient failure is retried.
        http_method: ``"POST"`` sends every call as a form body, so that
            ``session_key`` and ``sig`` never appear in URLs (proxy and server
            logs); ``"GET"`` (the default) uses it only for the methods the
            catalogue marks POST.
        rate_limit: at most this many calls per second, shared by every
            thread using the session (``None``: no limit).

    The circuit is chosen at each call: client-server when ``uid`` and
    ``private_key`` are set, else server-server when ``secret_key`` is set,
    else :class:`~mailru_sdk.errors.CredentialsError` before any traffic.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        access_token: str,
        uid: str | int,
        *,
        api_url: str = DEFAULT_API_URL,
        pass_error: bool = False,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_method: HTTPMethod = "GET",
        rate_limit: float | None = None,
    ) -> None:
        super().__init__()
        self.app_id = _check_app_id(app_id)
        self.private_key = _check_secret("private_key", private_key)
        self.secret_key = _check_secret("secret_key", secret_key)
        self.access_token = _check_secret("access_token", access_token)
        self.uid = _check_uid(uid)
        self.api_url = api_url
        self.pass_error = bool(pass_error)
        self.timeout = timeout
        self.retry_policy = RetryPolicy(max_retries=max_retries)
        if http_method not in ("GET", "POST"):
            raise ValueError(f"http_method must be 'GET' or 'POST', got {http_method!r}")
        self.http_method: HTTPMethod = http_method
        self.rate_limiter = None if rate_limit is None else RateLimiter(rate_limit)
        self._plan_cache: tuple[tuple[object, ...], SendPlan | None] | None = None
        self._plan_lock = threading.Lock()  # one plan (one pool) even when threads race
        # what requests.Session mounted: an adapter the user mounts instead is honoured
        self._stock_adapters = tuple(self.adapters.values())

    # -- public state --------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The REST endpoint every call is sent to."""
        return self._api_url

    @api_url.setter
    def api_url(self, value: str) -> None:
        self._api_url = _check_api_url(value)

    @property
    def timeout(self) -> Timeout:
        """Seconds, or ``(connect, read)``; always finite (``None`` is refused)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = validate_timeout(value)

    @property
    def max_retries(self) -> int:
        """How many times a transient failure is retried (0 = never)."""
        return self.retry_policy.max_retries

    @max_retries.setter
    def max_retries(self, value: int) -> None:
        self.retry_policy = self.retry_policy.with_max_retries(value)

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
            circuits: the circuits allowed to call ``method`` (``None``: any).
            files: uploads (path, bytes or binary file object) sent as a
                multipart POST; the signature covers the text parameters only.

        Raises:
            APIError: (a subclass per code) when the platform answers with an
                error and ``pass_error`` is off.
            TransportError, RequestTimeoutError, HTTPStatusError,
            ResponseDecodeError: when no usable answer arrived.
            CredentialsError: when the session cannot sign.
            TypeError / ValueError: for bad parameters, before any traffic.
        """
        if not isinstance(method, str) or not method or "." not in method:
            raise ValueError(f"method must be a name like 'friends.get', got {method!r}")
        if http_method not in (None, "GET", "POST"):
            raise ValueError(f"http_method must be 'GET' or 'POST', got {http_method!r}")
        verb: HTTPMethod = "POST" if "POST" in (http_method, self.http_method) else "GET"
        encoded = encode_params(params) if params else {}
        reserved = RESERVED_PARAMS.intersection(encoded)
        if reserved:
            raise ValueError(
                f"{', '.join(sorted(reserved))}: set by the session, not a method parameter"
            )
        circuit = self.circuit_for(circuits)  # fails before any traffic
        uploads = prepare_files(files) if files else None
        if uploads:
            verb = "POST"
        try:
            return self._call_with_retries(
                method,
                encoded,
                circuit,
                circuits,
                verb,
                idempotent,
                timeout,
                max_retries,
                uploads,
            )
        finally:
            for upload in (uploads or {}).values():
                upload.close()

    def _call_with_retries(
        self,
        method: str,
        encoded: dict[str, str],
        circuit: Circuit,
        circuits: Collection[Circuit] | None,
        http_method: HTTPMethod,
        idempotent: bool,
        timeout: Timeout | None,
        max_retries: int | None,
        uploads: dict[str, PreparedFile] | None,
    ) -> Any:
        call_timeout = self.timeout if timeout is None else validate_timeout(timeout)
        policy = (
            self.retry_policy
            if max_retries is None
            else self.retry_policy.with_max_retries(max_retries)
        )

        retry = 0
        refreshed = False
        while True:
            if self.rate_limiter is not None:
                self.rate_limiter.acquire()
            token_used = self.access_token
            started = time.perf_counter()
            outcome = self._attempt(method, encoded, circuit, http_method, call_timeout, uploads)
            if logger.isEnabledFor(10):  # DEBUG, checked first to keep the hot path lean
                logger.debug(
                    "call %s attempt=%d status=%s elapsed_ms=%.1f params=%s",
                    method,
                    retry + 1,
                    outcome.status,
                    (time.perf_counter() - started) * 1000,
                    redact_params(encoded),
                )
            if outcome.error is None:
                return outcome.result
            # any repeat sends the uploads again from their start
            rewound = all(u.rewind() for u in (uploads or {}).values())
            if (
                isinstance(outcome.error, AuthorizationFailedError)
                and not refreshed
                and rewound
                and self._refresh_after_auth_failure(token_used)
            ):
                # a fresh token: sign again and repeat the call once, outside the retry count
                refreshed = True
                circuit = self.circuit_for(circuits)
                continue
            may_retry = outcome.retryable and (idempotent or not outcome.sent) and rewound
            delay = policy.delay(retry + 1, outcome.retry_after) if may_retry else None
            if retry >= policy.max_retries or delay is None:
                if isinstance(outcome.error, APIError) and self.pass_error:
                    return outcome.result
                raise outcome.error from outcome.cause
            retry += 1
            logger.info(
                "retrying %s in %.2fs after %s (retry %d of %d)",
                method,
                delay,
                type(outcome.error).__name__,
                retry,
                policy.max_retries,
            )
            policy.sleep(delay)
            # the call's circuit could change between tries (e.g. a refreshed token): re-sign
            circuit = self.circuit_for(circuits)

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
        return [self.access_token, self.private_key, self.secret_key, *secret_values]

    def _attempt(
        self,
        method: str,
        encoded: Mapping[str, str],
        circuit: Circuit,
        http_method: HTTPMethod,
        timeout: Timeout,
        uploads: dict[str, PreparedFile] | None,
    ) -> _Outcome:
        wire = self.signed_params(method, encoded, circuit)
        try:
            if uploads:
                # streamed: the files are read in chunks while sending, never whole
                body = MultipartBody(wire, uploads)
                response = self.request(
                    "POST",
                    self.api_url,
                    data=body,
                    headers={"Content-Type": body.content_type},
                    timeout=timeout,
                    allow_redirects=False,
                )
            else:
                plan = self._send_plan()
                if plan is not None:
                    query = query_string(wire)
                    answer = fast_send(plan, http_method, query, timeout, self.cookies)
                    return self._interpret(method, answer, wire)
                # the parameters go in the query string for GET, in a form body for POST
                get = http_method == "GET"
                response = self.request(
                    http_method,
                    self.api_url,
                    params=wire if get else None,
                    data=None if get else wire,
                    timeout=timeout,
                    allow_redirects=False,
                )
        except _CONFIGURATION_ERRORS as exc:
            # a bad api_url or session header: not a network fault, so neither wrapped
            # nor retried; requests' message says what is wrong
            scrub_exception_chain(exc, self._secrets(wire))
            raise
        except requests.RequestException as exc:
            return self._network_failure(method, exc, wire)
        answer = Answer(response.status_code, response.headers, response.content)
        return self._interpret(method, answer, wire)

    # -- the fast path (see _fastsend) -------------------------------------------------

    def _send_plan(self) -> SendPlan | None:
        """The cached send plan, rebuilt when settings changed; ``None``: use requests."""
        if (
            self.auth is not None
            or any(self.hooks.values())
            or len(self.cookies)
            or adapter_patched()
        ):
            return None
        key = plan_key(self, self.api_url)
        cached = self._plan_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        # Building reads local files (netrc, CA bundle), never the network: holding
        # the lock keeps racing first calls from building a pool each.
        with self._plan_lock:
            cached = self._plan_cache
            if cached is None or cached[0] != key:
                self._drop_send_plan()
                cached = (key, build_plan(self, self.api_url, self._stock_adapters))
                self._plan_cache = cached
        return cached[1]

    def reset_send_plan(self) -> None:
        """Forget the cached send settings (read again on the next call).

        The session caches what ``requests`` would otherwise compute on every
        call from the environment (proxy and CA bundle variables, ``~/.netrc``),
        and the TLS settings loaded from CA files are shared by all sessions;
        call this after changing those at run time. Changes to the session's
        own settings (``verify``, ``proxies``, ``headers``, mounted adapters...)
        are noticed without it.
        """
        tls_context.cache_clear()
        self._drop_send_plan()

    def _drop_send_plan(self) -> None:
        cached, self._plan_cache = self._plan_cache, None
        if cached is not None and cached[1] is not None:
            cached[1].pool.close()

    def close(self) -> None:
        """Close every connection: the fast path's and the ``requests`` adapters'."""
        self._drop_send_plan()
        super().close()

    def _network_failure(
        self, method: str, exc: requests.RequestException, wire: Mapping[str, str]
    ) -> _Outcome:
        never_sent = request_never_sent(exc)
        secrets = self._secrets(wire)
        scrub_exception_chain(exc, secrets)
        detail = redact_text(str(exc), secrets)
        error: TransportError
        if isinstance(exc, requests.Timeout):
            phase = "connecting" if never_sent else "waiting for the answer"
            error = RequestTimeoutError(
                f"timed out {phase} calling {method}: {detail}", method=method, sent=not never_sent
            )
            retryable = True
        else:
            error = TransportError(
                f"network failure calling {method} ({type(exc).__name__}): {detail}",
                method=method,
                sent=not never_sent,
            )
            # retrying cannot fix a TLS failure, an invalid URL or a redirect loop
            retryable = isinstance(
                exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError
            ) and not isinstance(exc, requests.exceptions.SSLError)
        return _Outcome(error=error, cause=exc, retryable=retryable, sent=not never_sent)

    def _interpret(self, method: str, response: Answer, wire: Mapping[str, str]) -> _Outcome:
        status = response.status
        body = response.body
        try:
            data = json.loads(body) if body else None
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            if status >= 300:
                return self._status_failure(method, response, wire)
            return _Outcome(
                status=status,
                error=ResponseDecodeError(
                    f"the answer to {method} is not JSON (HTTP {status}, "
                    f"{response.headers.get('Content-Type') or 'no content type'})",
                    status=status,
                    body_excerpt=self._excerpt(body, wire),
                    method=method,
                ),
                cause=exc,
            )
        api_error = APIError.from_body(data, method)
        if api_error is not None:
            return _Outcome(
                status=status,
                result=data,
                error=api_error,
                retryable=api_error.retryable,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )
        if status >= 300:
            return self._status_failure(method, response, wire)
        if data is None:
            return _Outcome(
                status=status,
                error=EmptyResponseError(
                    f"the answer to {method} is empty (HTTP {status})",
                    status=status,
                    body_excerpt="",
                    method=method,
                ),
            )
        return _Outcome(status=status, result=data)

    def _status_failure(self, method: str, response: Answer, wire: Mapping[str, str]) -> _Outcome:
        status = response.status
        excerpt = self._excerpt(response.body, wire)
        if 300 <= status < 400:
            location = redact_text(response.headers.get("Location") or "?", self._secrets(wire))
            excerpt = f"redirect to {location} (redirects are not followed; check api_url)"
        return _Outcome(
            status=status,
            error=HTTPStatusError(status, excerpt, method=method),
            retryable=status in _RETRYABLE_STATUS,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )

    def _excerpt(self, body: bytes, wire: Mapping[str, str]) -> str:
        return body_excerpt(body, self._secrets(wire), _EXCERPT)


class _Outcome:
    """What one attempt produced: a result, or an error and whether to retry it."""

    __slots__ = ("cause", "error", "result", "retry_after", "retryable", "sent", "status")

    def __init__(
        self,
        *,
        status: int | None = None,
        result: Any = None,
        error: MailRuError | None = None,
        cause: BaseException | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        sent: bool = True,
    ) -> None:
        self.status = status
        self.result = result
        self.error = error
        self.cause = cause
        self.retryable = retryable
        self.retry_after = retry_after
        self.sent = sent


class ClientSession(TokenSession):
    """A session that always signs with the client-server circuit (uid + private key)."""

    def __init__(
        self,
        app_id: int,
        private_key: str,
        access_token: str,
        uid: str | int,
        *,
        api_url: str = DEFAULT_API_URL,
        pass_error: bool = False,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_method: HTTPMethod = "GET",
        rate_limit: float | None = None,
    ) -> None:
        super().__init__(
            app_id,
            private_key,
            "",
            access_token,
            uid,
            api_url=api_url,
            pass_error=pass_error,
            timeout=timeout,
            max_retries=max_retries,
            http_method=http_method,
            rate_limit=rate_limit,
        )


class ServerSession(TokenSession):
    """A session that always signs with the server-server circuit (secret key, ``secure=1``)."""

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        access_token: str,
        *,
        api_url: str = DEFAULT_API_URL,
        pass_error: bool = False,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_method: HTTPMethod = "GET",
        rate_limit: float | None = None,
    ) -> None:
        super().__init__(
            app_id,
            "",
            secret_key,
            access_token,
            "",
            api_url=api_url,
            pass_error=pass_error,
            timeout=timeout,
            max_retries=max_retries,
            http_method=http_method,
            rate_limit=rate_limit,
        )
