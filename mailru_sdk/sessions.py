"""Sessions: ``requests.Session`` subclasses that send the platform's requests.

``PublicSession`` reads the platform's public, unsigned data. ``TokenSession``
adds the app's keys and a user's access token, infers the signature circuit
at call time and sends API calls with [`TokenSession.call()`][mailru_sdk.sessions.TokenSession.call]
(``requests.Session.request`` keeps its usual meaning). ``ClientSession`` and
``ServerSession`` fix one circuit by taking only the key it needs.

The classes are the public face; what they do belongs to composed parts,
each in its own module: the options ([`Options`][mailru_sdk.options.Options]),
the secrets registry, the app's credentials, the tokens, the exchanges and the
one pipeline (see the architecture page). Every request goes through
``requests.Session.send`` and the mounted adapters, so what a requests user
sets or patches applies to it.
"""

from __future__ import annotations

import dataclasses
import urllib.parse
from collections.abc import Collection, Iterable, Mapping
from typing import Any, NoReturn, Unpack

import requests
from requests.adapters import HTTPAdapter

from mailru_sdk._attributes import PartField
from mailru_sdk._exchanges import APICall, CallParts, PublicRequest
from mailru_sdk._fork import forget_at_fork
from mailru_sdk._http import SendSettings
from mailru_sdk._pipeline import run, session_params
from mailru_sdk._redact import Secrets, redact_third_party_logs
from mailru_sdk._retry import RetryPolicy
from mailru_sdk._validate import check_secret, check_uid, shown_url
from mailru_sdk.auth.credentials import AppCredentials
from mailru_sdk.auth.tokens import TokenHolder
from mailru_sdk.errors import CredentialsError
from mailru_sdk.hooks import Hooks
from mailru_sdk.options import (
    DEFAULT_API_URL,
    DEFAULT_PUBLIC_URL,
    HTTPMethod,
    Options,
    RequestOptions,
    SessionOptions,
    Timeout,
)
from mailru_sdk.signing import Circuit, Params, encode_params
from mailru_sdk.stores.ratelimit import RateLimit
from mailru_sdk.uploads import prepare_files

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


class PublicSession(requests.Session):
    """A session for the platform's public, unsigned data, and the base of every session.

    ``PublicSession(**options)``: the options are the
    [`SessionOptions`][mailru_sdk.options.SessionOptions] (``api_url``, ``public_url``,
    ``pass_error``, ``timeout``, ``deadline``, ``max_retries``,
    ``http_method``, ``rate_limit``, ``pool_maxsize``), with the defaults
    listed in [`mailru_sdk.options`][mailru_sdk.options]. An unknown option is a TypeError.

    Its one call, [`public_request()`][mailru_sdk.sessions.PublicSession.public_request], reads a
    URL under ``public_url`` without keys or a signature, as aiomailru's ``public_request`` does.
    Every request goes through ``requests.Session.send`` and the mounted
    adapters; a session is safe to share between threads, and its pool keeps
    ``pool_maxsize`` connections per host for them. Sessions cannot be copied
    or pickled (they hold connections, locks and keys): build a new one.

    The options are held as one frozen [`Options`][mailru_sdk.options.Options]
    ([`sdk_options`][mailru_sdk.sessions.PublicSession.sdk_options]); setting one
    (``session.timeout = 3``) checks it and
    replaces that object, so a call in flight keeps the options it began with.
    """

    def __init__(self, **options: Unpack[SessionOptions]) -> None:
        super().__init__()
        self._options = Options.build(type(self).__name__, options)
        #: every secret the session holds or sees: all it shows is redacted from it
        self._secrets = Secrets()
        self._secrets.add_url(self._options.api_url)
        self._secrets.add_url(self._options.public_url)
        for prefix in ("https://", "http://"):
            self.mount(prefix, HTTPAdapter(pool_maxsize=self._options.pool_maxsize))
        # what requests computes from the environment for each base URL (see _http)
        self._send_settings: dict[str, SendSettings] = {}
        forget_at_fork(self)

    def _after_fork(self) -> None:
        """In a forked child: new, empty connection pools (the parent's sockets stay its own).

        New pool managers rather than closing the old ones: closing would take
        their locks, which another of the parent's threads may have held at the fork.
        """
        for adapter in self.adapters.values():
            if isinstance(adapter, HTTPAdapter):
                adapter.init_poolmanager(
                    adapter._pool_connections,  # type: ignore[attr-defined]
                    adapter._pool_maxsize,  # type: ignore[attr-defined]
                    block=adapter._pool_block,  # type: ignore[attr-defined]
                )
                adapter.proxy_manager = {}

    # -- options -------------------------------------------------------------------

    @property
    def sdk_options(self) -> Options:
        """The session's options, checked and frozen (``options()`` is requests' HTTP OPTIONS)."""
        return self._options

    @property
    def api_url(self) -> str:
        """The REST endpoint every API call is sent to."""
        return self._options.api_url

    @api_url.setter
    def api_url(self, value: str) -> None:
        self._options = self._options.replace(api_url=value)
        self._secrets.add_url(self._options.api_url)

    @property
    def public_url(self) -> str:
        """The root of the public data
        [`public_request()`][mailru_sdk.sessions.PublicSession.public_request] reads."""
        return self._options.public_url

    @public_url.setter
    def public_url(self, value: str) -> None:
        self._options = self._options.replace(public_url=value)
        self._secrets.add_url(self._options.public_url)

    timeout: PartField[Timeout] = PartField("_options")
    """Seconds, or ``(connect, read)``, for every request sent through the session.

    The SDK's calls and requests' own (``session.get(url)``, ``session.send``)
    alike, unless the request gives its own. Always finite: ``None`` (wait
    forever) is refused with a TypeError.
    """
    deadline: PartField[float | None] = PartField("_options")
    """Seconds a whole call may take, retries and the body included (``None``: unbounded)."""
    retry_policy: PartField[RetryPolicy] = PartField("_options")
    """When and how long to wait before a retry (a
    [`RetryPolicy`][mailru_sdk._retry.RetryPolicy])."""
    pass_error: PartField[bool] = PartField("_options")
    """Return the platform's error body as a dict instead of raising."""
    http_method: PartField[HTTPMethod] = PartField("_options")
    """``"POST"`` (the default): every call a form body; ``"GET"``: parameters in the URL."""
    rate_limiter: PartField[RateLimit | None] = PartField("_options")
    """The limiter calls wait on (``None``: no limit)."""
    event_hooks: PartField[Hooks | None] = PartField("_options")
    """The session's event hooks (``mailru_sdk.hooks``); ``None``: none. Settable."""
    pool_maxsize: PartField[int] = PartField(
        "_options", writable=False, why_fixed=": mount an HTTPAdapter(pool_maxsize=...) instead"
    )
    """Connections kept per host, given to the mounted adapters when the session is built."""

    @property
    def max_retries(self) -> int:
        """How many times a transient failure is retried (0 = never)."""
        return self._options.retry_policy.max_retries

    @max_retries.setter
    def max_retries(self, value: int) -> None:
        self.retry_policy = self._options.retry_policy.with_max_retries(value)

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
        params: Params | None = None,
        **options: Unpack[RequestOptions],
    ) -> Any:
        """GET ``public_url/segment/segment...`` with unsigned ``params``; the decoded JSON.

        ``segments`` are path segments (each quoted, so a ``/`` in one stays
        inside it), e.g. ``("mail", "ivanov")`` for
        ``https://appsmail.ru/platform/mail/ivanov``; a string is one segment.
        The platform does not document these answers: the JSON is returned as
        it arrives (``Any``). Errors, ``pass_error``, timeouts, the deadline
        and retries are those of API calls; ``timeout``, ``max_retries`` and
        ``deadline`` override the session's for this request.

        Raises:
            APIError: the platform answered with an error body (``pass_error`` off).
            TransportError: no usable answer arrived (a network failure);
                its subclasses ``RequestTimeoutError`` and ``DeadlineExceededError``
                for a timeout and the call's deadline.
            HTTPStatusError: an unexpected HTTP status without an error body.
            ResponseDecodeError: a body that is not JSON.
            ValueError: bad segments or parameters (a mapping or pairs, as for
                [`call()`][mailru_sdk.sessions.TokenSession.call]), before any traffic.
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
        settings = self._options
        call = settings.for_call(options)  # checked before any traffic
        exchange = PublicRequest(
            settings.public_url, path, self._call_params(params), self._secrets
        )
        return run(self, self._send_settings, exchange, call)

    def _call_params(self, params: Params | None) -> dict[str, str]:
        """A call's parameters as wire strings, after ``session.params`` (the call's win)."""
        encoded = encode_params(params) if params else {}
        return {**session_params(self), **encoded} if self.params else encoded

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """``requests.Session.send``, with the session's
        [`timeout`][mailru_sdk.sessions.PublicSession.timeout] when none is given.

        So that ``session.timeout`` holds for every request sent through the
        session: ``session.get(url)`` and ``session.send(prepared)`` included
        (requests itself has no session timeout: a request without one waits
        forever). A ``timeout`` given to the request wins.
        """
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._options.timeout
        return super().send(request, **kwargs)

    def reset_send_settings(self) -> None:
        """Read the environment again on the next request.

        The session caches what ``requests`` would otherwise compute on every
        request from the environment (proxy and CA bundle variables,
        ``~/.netrc``); call this after changing those at run time. Changes to
        the session's own settings (``verify``, ``cert``, ``proxies``,
        ``headers``, ``auth``, ``trust_env``) are noticed without it.
        """
        self._send_settings.clear()


class TokenSession(PublicSession):
    """A session that signs API calls with whichever circuit its keys allow.

    Args:
        app_id: the application's id.
        private_key: the app's private key (client-server circuit); ``""`` if unused.
        secret_key: the app's secret key (server-server circuit); ``""`` if unused.
        access_token: the user's OAuth access token, sent as ``session_key``;
            ``""`` to call without one (server-server calls with ``uid=``).
        uid: the user's id (``x_mailru_vid``), needed by the client-server circuit.
        **options: the [`SessionOptions`][mailru_sdk.options.SessionOptions]: ``api_url``,
            ``public_url``, ``pass_error``, ``timeout`` (seconds or
            ``(connect, read)``, finite), ``deadline`` (seconds for a whole
            call), ``max_retries``, ``http_method`` (``"POST"``, the
            default, sends every call as a form body, so that ``session_key``
            and ``sig`` never appear in URLs; ``"GET"`` puts them in the
            query string), ``rate_limit`` (calls per second, or a shared
            limiter), ``pool_maxsize``.

    The circuit is chosen at each call: client-server when ``uid`` and
    ``private_key`` are set, else server-server when ``secret_key`` is set,
    else [`CredentialsError`][mailru_sdk.errors.CredentialsError] before any traffic.
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
        credentials = AppCredentials(app_id, private_key, secret_key)
        holder_args = (check_secret("access_token", access_token), check_uid(uid))
        super().__init__(**options)
        self._secrets.add(*credentials.secrets())
        self._parts = CallParts(
            type(self).__name__,
            credentials,
            TokenHolder(self._secrets, *holder_args),
            self._secrets,
        )

    # -- the parts' state, as attributes --------------------------------------------

    @property
    def app_id(self) -> int:
        """The application's id."""
        return self._parts.credentials.app_id

    @app_id.setter
    def app_id(self, value: int) -> None:
        # the credentials are frozen: replaced whole, checked as at construction
        self._parts.credentials = dataclasses.replace(self._parts.credentials, app_id=value)

    @property
    def private_key(self) -> str:
        """The app's private key (``""``: none)."""
        return self._parts.credentials.private_key

    @property
    def secret_key(self) -> str:
        """The app's secret key (``""``: none)."""
        return self._parts.credentials.secret_key

    @property
    def access_token(self) -> str:
        """The user's access token, sent as ``session_key`` (``""``: none)."""
        return self._parts.tokens.held.access_token

    @access_token.setter
    def access_token(self, value: str) -> None:
        self._parts.tokens.replace(access_token=check_secret("access_token", value))

    @property
    def uid(self) -> str:
        """The user's id (``""``: unknown)."""
        return self._parts.tokens.held.uid

    @uid.setter
    def uid(self, value: str | int) -> None:
        self._parts.tokens.replace(uid=check_uid(value))

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
        return self._parts.circuit_for(self._parts.tokens.held, allowed)

    def signed_params(
        self, method: str, params: Mapping[str, str], circuit: Circuit
    ) -> dict[str, str]:
        """The full wire parameters of a call, ``sig`` included, from encoded ``params``."""
        held = self._parts.tokens.held
        return self._parts.credentials.signed(method, params, circuit, held.access_token, held.uid)

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
        params: Params | None = None,
        *,
        http_method: HTTPMethod | None = None,
        idempotent: bool = True,
        circuits: Collection[Circuit] | None = None,
        files: Mapping[str, object] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Any:
        """Call API ``method`` with ``params`` and return the decoded JSON answer.

        Args:
            method: the platform's method name, e.g. ``"stream.getByAuthor"``.
            params: method parameters, a mapping or ``(name, value)`` pairs as
                requests takes them (a name given twice is a ``ValueError``);
                ``None`` values are left out.
            http_method: ``"POST"`` for a form body; ``None`` or ``"GET"`` uses
                the session's ``http_method`` (a POST session, the default,
                always posts).
            idempotent: ``False`` for writes: they are retried only when the
                request provably never reached the server.
            circuits: the circuits allowed to call ``method`` (``None``: any).
            files: uploads (path, bytes or binary file object) sent as a
                multipart POST; the signature covers the text parameters only.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this
                call only ([`RequestOptions`][mailru_sdk.options.RequestOptions]; ``None``
                keeps the session's).

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
        settings = self._options
        call = settings.for_call(options)  # checked before any traffic
        verb: HTTPMethod = "POST" if "POST" in (http_method, settings.http_method) else "GET"
        encoded = self._call_params(params)
        reserved = RESERVED_PARAMS.intersection(encoded)
        if reserved:
            raise ValueError(
                f"{', '.join(sorted(reserved))}: set by the session, not a method parameter"
            )
        parts = self._parts
        parts.circuit_for(parts.tokens.held, circuits)  # fails before any traffic
        uploads = prepare_files(files) if files else None
        try:
            exchange = APICall(
                parts, settings.api_url, method, encoded, circuits, verb, idempotent, uploads
            )
            return run(self, self._send_settings, exchange, call)
        finally:
            for upload in (uploads or {}).values():
                upload.close()


class ClientSession(TokenSession):
    """A session that always signs with the client-server circuit (uid + private key).

    ``ClientSession(app_id, private_key, access_token, uid, **options)``; the
    options are [`TokenSession`][mailru_sdk.sessions.TokenSession]'s.
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
    options are [`TokenSession`][mailru_sdk.sessions.TokenSession]'s.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        access_token: str,
        **options: Unpack[SessionOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, access_token, "", **options)
