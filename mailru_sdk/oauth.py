"""OAuth: sessions that obtain their own token, and the helpers of the web login flow.

Sessions, one trio per grant (all of them ``TokenSession`` subclasses, hence
``requests.Session`` objects):

* ``CodeSession`` / ``CodeClientSession`` / ``CodeServerSession``: exchange the
  authorization code a web app's callback received;
* ``PasswordSession`` / ``…Client…`` / ``…Server…``: the user's email and
  password (native apps the platform approved for it);
* ``RefreshSession`` / ``…Client…`` / ``…Server…``: a refresh token kept from
  an earlier login.

``with CodeServerSession(...) as session:`` authorizes on entry (or call
``session.authorize()``); the session then holds ``access_token``,
``refresh_token``, ``expires_in``/``expires_at`` and ``uid`` and signs API calls
with the circuit its keys allow. When the platform answers error 102 (the
session expired), a session that holds a refresh token gets a new access token
once, repeats the call and hands the new tokens to ``token_updater``.

Web flow helpers: :func:`authorization_url` (the login redirect),
:func:`parse_authorization_response` (the callback: checks ``state``, returns
the code), :func:`parse_implicit_redirect` (standalone apps).
"""

from __future__ import annotations

import contextlib
import copy
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, ClassVar, Self, Unpack, cast

from mailru_sdk._log import logger
from mailru_sdk._pipeline import call_time_left
from mailru_sdk._validate import check_http_url, check_secret, check_uid, required_text
from mailru_sdk.auth.token_request import TOKEN_REQUEST, request_tokens
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.auth.web import (
    AUTHORIZE_URL,
    CODE_TOKEN_URL,
    PRIVILEGES,
    STANDALONE_REDIRECT_URI,
    TOKEN_URL,
    authorization_url,
    parse_authorization_response,
    parse_implicit_redirect,
    scope_string,
)
from mailru_sdk.errors import (
    CredentialsError,
    DeadlineExceededError,
    InvalidGrantError,
    MailRuError,
    OAuthError,
    TokenLockTimeoutError,
    TokenResponseError,
)
from mailru_sdk.options import SESSION_DEFAULTS, SessionOptions, check_option_names
from mailru_sdk.sessions import TokenSession
from mailru_sdk.signing import Circuit
from mailru_sdk.stores.tokens import StoredTokens, TokenStore, check_key

__all__ = [
    "AUTHORIZE_URL",
    "CODE_TOKEN_URL",
    "PRIVILEGES",
    "STANDALONE_REDIRECT_URI",
    "TOKEN_URL",
    "CodeClientSession",
    "CodeServerSession",
    "CodeSession",
    "OAuthOptions",
    "OAuthSession",
    "OAuthTokens",
    "PasswordClientSession",
    "PasswordServerSession",
    "PasswordSession",
    "RefreshClientSession",
    "RefreshServerSession",
    "RefreshSession",
    "TokenUpdater",
    "authorization_url",
    "parse_authorization_response",
    "parse_implicit_redirect",
]

TokenUpdater = Callable[[OAuthTokens], object]
"""Called with the session's new tokens after each automatic refresh, to persist them."""


class OAuthOptions(SessionOptions, total=False):
    """The keyword arguments of every OAuth session: the session options and its own."""

    token_url: str | None
    """The token endpoint of the session's grant (the class default when ``None``)."""
    refresh_url: str | None
    """The endpoint of automatic refreshes (see :class:`OAuthSession`)."""
    token_updater: TokenUpdater | None
    """Called with the new tokens after each automatic refresh."""
    auto_refresh: bool
    """``False``: error 102 is raised instead of refreshing."""
    token_store: TokenStore | None
    """Where the tokens are kept and refreshes are locked, shared by workers (e.g. Redis)."""
    token_key: str | None
    """The store's key for this session's tokens (e.g. the user's id)."""


#: The default of each option OAuth sessions add to the session options.
OAUTH_DEFAULTS: Mapping[str, Any] = {
    "token_url": None,
    "refresh_url": None,
    "token_updater": None,
    "auto_refresh": True,
    "token_store": None,
    "token_key": None,
}


class OAuthSession(TokenSession):
    """The base of the OAuth sessions: a ``TokenSession`` that obtains its own tokens.

    Use one of its subclasses (``Code…``, ``Password…``, ``Refresh…``). Besides
    the :class:`~mailru_sdk.sessions.TokenSession` keywords (``api_url``, ``deadline``,
    ``pass_error``, ``timeout``, ``max_retries``, ``http_method``, ``rate_limit``):

    Args:
        token_url: the token endpoint of the session's grant (the class default
            when ``None``).
        refresh_url: the endpoint of automatic refreshes. ``None``: the password
            and refresh endpoint (:data:`TOKEN_URL`) when ``token_url`` is the
            default code endpoint, otherwise ``token_url`` itself (a custom
            endpoint, such as a proxy or a test server, is taken to serve
            every grant).
        token_updater: called as ``token_updater(tokens)`` after each automatic
            refresh, so the app can persist the new tokens (the name
            requests-oauthlib uses). Exceptions it raises propagate.
        auto_refresh: ``False`` turns automatic refresh off (error 102 is raised).
        token_store: where the tokens are shared with other sessions of the same
            user (other threads, processes or hosts), e.g. an
            :class:`~mailru_sdk.stores.tokens.InMemoryTokenStore` or a
            ``mailru_sdk.stores.redis_tokens.RedisTokenStore``; ``None``: the
            session keeps its tokens to itself. See :mod:`mailru_sdk.stores.tokens`.
        token_key: the user's key in ``token_store`` (e.g. ``"user:42"``);
            required with a store.

    The grant's ``client_secret`` is the app's ``secret_key`` when the session
    has one, else its ``private_key``: clients disagree on which one the
    platform expects (aiomailru sends the secret key, the beobyte iOS SDK the
    private key), and a server-side app should hold the secret key anyway.

    Attributes:
        access_token, refresh_token, uid: set by :meth:`authorize` (``""`` before).
        expires_in: the access token's lifetime in seconds as the endpoint said it.
        expires_at: ``time.time()`` when it expires (``None`` when unknown).
    """

    #: the OAuth ``grant_type`` of :meth:`authorize`.
    grant_type: ClassVar[str] = ""
    #: the token endpoint when ``token_url`` is not given.
    default_token_url: ClassVar[str] = TOKEN_URL

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        check_option_names(type(self).__name__, options, {**SESSION_DEFAULTS, **OAUTH_DEFAULTS})
        own: dict[str, Any] = {
            name: options.pop(name, default)  # type: ignore[misc]
            for name, default in OAUTH_DEFAULTS.items()
        }
        token_url, refresh_url = own["token_url"], own["refresh_url"]
        token_updater, auto_refresh = own["token_updater"], own["auto_refresh"]
        token_store, token_key = own["token_store"], own["token_key"]
        super().__init__(app_id, private_key, secret_key, "", "", **cast(SessionOptions, options))
        if not (self.secret_key or self.private_key):
            raise CredentialsError(
                f"{type(self).__name__} needs the app's secret_key or private_key: "
                "the token endpoint expects one as client_secret"
            )
        self.token_url = check_http_url(
            "token_url", self.default_token_url if token_url is None else token_url
        )
        if refresh_url is None:
            refresh_url = TOKEN_URL if self.token_url == CODE_TOKEN_URL else self.token_url
        self.refresh_url = check_http_url("refresh_url", refresh_url)
        if token_updater is not None and not callable(token_updater):
            raise TypeError("token_updater must be callable, e.g. a function taking the tokens")
        self.token_updater = token_updater
        self.auto_refresh = bool(auto_refresh)
        self.token_store, self.token_key = _check_store(token_store, token_key)
        self.refresh_token = ""
        self.expires_in: int | None = None
        self.expires_at: float | None = None
        # Guards the token state. Held during the refresh request, by necessity: the
        # threads that saw the old token rejected must wait for the new one, not each
        # spend the single-use refresh token. Calls never take it, so it serialises
        # refreshes (and authorize()) only, never the API traffic.
        self._token_lock = threading.Lock()
        # (refresh token, error, description) of a refresh the endpoint refused
        self._refused_refresh: tuple[str, str, str] | None = None
        # the last failed refresh, whatever the failure (refusal, 503, timeout, network):
        # (rejected access token, the exception, its serial number). The calls that were
        # already out with that token when it failed share its failure instead of each
        # sending a refresh of its own (see _refresh_after_auth_failure).
        self._failed_refresh: tuple[str, BaseException, int] | None = None
        self._refresh_failures = 0
        # with a token_store: the store version of the tokens the session holds (None:
        # unknown); one the store has not reached means the store missed a save
        self._stored_version: int | None = None
        # per thread: .updating (inside token_updater), .failures_seen (_refresh_failures
        # when the thread last signed a call)
        self._local = threading.local()

    # -- state ---------------------------------------------------------------------

    @property
    def authorized(self) -> bool:
        """Whether the session holds an access token."""
        return bool(self.access_token)

    @property
    def client_secret(self) -> str:
        """What the token requests send as ``client_secret``: secret_key, else private_key."""
        return self.secret_key if self.secret_key else self.private_key

    @property
    def tokens(self) -> OAuthTokens:
        """The session's tokens, ready to store (give them back with :meth:`load_tokens`)."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_in": self.expires_in,
            "expires_at": self.expires_at,
            "uid": self.uid,
        }

    def load_tokens(self, tokens: Mapping[str, Any]) -> Self:
        """Adopt tokens stored earlier (e.g. :attr:`tokens` kept in a web session).

        The session is then authorized without any request, and refreshes them
        when they expire. Returns the session.

        Raises:
            ValueError / TypeError: when ``tokens`` lacks an access token or has
                a malformed field (named, never shown).
        """
        access_token = tokens.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise ValueError("tokens must hold a non-empty access_token")
        refresh_token = check_secret("refresh_token", tokens.get("refresh_token"))
        uid = check_uid(tokens.get("uid"))
        expires_in = tokens.get("expires_in")
        expires_at = tokens.get("expires_at")
        if expires_in is not None and (
            isinstance(expires_in, bool) or not isinstance(expires_in, int)
        ):
            raise TypeError("expires_in must be an int or None")
        if expires_at is not None and (
            isinstance(expires_at, bool) or not isinstance(expires_at, int | float)
        ):
            raise TypeError("expires_at must be a number or None")
        with self._token_lock:
            self.access_token, self.refresh_token, self.uid = access_token, refresh_token, uid
            self.expires_in = expires_in
            self.expires_at = None if expires_at is None else float(expires_at)
            self._stored_version = None
        return self

    def load_stored(self) -> Self:
        """Adopt the tokens ``token_store`` holds under ``token_key``; returns the session.

        Raises:
            LookupError: the store holds no tokens under the key (log the user in).
            ValueError: the session has no ``token_store``.
            RedisUnavailableError: a Redis store could not be read.
        """
        store, key = self._require_store()
        stored = store.load(key)
        if stored is None:
            raise LookupError(f"the token store holds no tokens under {key!r}: log the user in")
        self.load_tokens(stored.tokens)
        with self._token_lock:
            self._stored_version = stored.version
        return self

    def _require_store(self) -> tuple[TokenStore, str]:
        if self.token_store is None or self.token_key is None:
            raise ValueError(f"{type(self).__name__} has no token_store (and token_key)")
        return self.token_store, self.token_key

    def circuit_for(self, allowed: Collection[Circuit] | None) -> Circuit:
        """As :meth:`TokenSession.circuit_for`, but an unauthorized session cannot sign.

        Raises:
            CredentialsError: before :meth:`authorize`, or when no allowed
                circuit has its keys.
        """
        if not self.access_token:
            raise CredentialsError(
                f"{type(self).__name__} is not authorized yet: use "
                f"`with {type(self).__name__}(...) as session:` or call session.authorize()"
            )
        return super().circuit_for(allowed)

    def __repr__(self) -> str:
        if self.access_token:
            try:
                circuit: str = self.circuit
            except CredentialsError:
                circuit = "unsigned"
        else:  # the circuit it will use once the token (and uid) arrive
            circuit = "client-server" if self.private_key else "server-server"
        return (
            f"<{type(self).__name__} app_id={self.app_id} circuit={circuit} "
            f"authorized={self.authorized}>"
        )

    # -- grants --------------------------------------------------------------------

    def authorize(self) -> Self:
        """Run the session's grant against ``token_url`` and keep the tokens; returns the session.

        With a ``token_store``, the new tokens are saved under ``token_key`` too
        (replacing whatever the key held: a new login).

        Raises:
            OAuthError: a subclass per ``error`` (``InvalidGrantError`` for a wrong
                password or a used code, ``InvalidClientError``...), or
                ``TokenResponseError`` when the endpoint answered without tokens.
            TransportError: the request failed on the network (its subclasses
                ``RequestTimeoutError`` and ``DeadlineExceededError`` for timeouts).
        """
        form = self._grant_form()
        with self._token_lock:
            tokens = self._store(self._request(self.token_url, form))
        if self.token_store is not None and self.token_key is not None:
            saved = self.token_store.save(self.token_key, tokens)
            with self._token_lock:
                if saved.tokens["access_token"] == self.access_token:
                    self._stored_version = saved.version
        return self

    def __enter__(self) -> Self:
        """Authorize (unless already authorized); the session is closed if that fails."""
        if not self.access_token:
            try:
                self.authorize()
            except BaseException:
                self.close()
                raise
        return self

    def _grant_form(self) -> dict[str, str]:
        raise NotImplementedError(f"{type(self).__name__} has no grant; use a subclass")

    def _client_form(self, grant_type: str) -> dict[str, str]:
        return {
            "grant_type": grant_type,
            "client_id": str(self.app_id),
            "client_secret": self.client_secret,
        }

    def _refresh_form(self, refresh_token: str) -> dict[str, str]:
        form = self._client_form("refresh_token")
        form["refresh_token"] = refresh_token
        return form

    def _oauth_secrets(self) -> list[str]:
        return [self.access_token, self.refresh_token, self.private_key, self.secret_key]

    def _request(
        self, url: str, form: Mapping[str, str], *, deadline: float | None = None
    ) -> OAuthTokens:
        return request_tokens(self, url, form, secrets=self._oauth_secrets(), deadline=deadline)

    @contextlib.contextmanager
    def _store_lock(self, store: TokenStore, key: str) -> Iterator[None]:
        """The store's lock for ``key``, waited for no longer than the call's deadline allows."""
        left = call_time_left()
        try:
            with store.lock(key, wait=None if left is None else max(0.0, left)):
                yield
        except TokenLockTimeoutError as exc:
            if left is not None and (call_time_left() or 0.0) <= 0:
                raise DeadlineExceededError(
                    f"{type(self).__name__}: the call's deadline passed while another worker "
                    "held the token store's refresh lock (error 102)",
                    method=TOKEN_REQUEST,
                    sent=False,
                ) from exc
            raise

    def _store(self, tokens: OAuthTokens) -> OAuthTokens:
        # under self._token_lock; a response without a refresh token or uid keeps the old ones
        self.access_token = tokens["access_token"]
        if tokens["refresh_token"]:
            self.refresh_token = tokens["refresh_token"]
        if tokens["uid"]:
            self.uid = tokens["uid"]
        self.expires_in = tokens["expires_in"]
        self.expires_at = tokens["expires_at"]
        self._refused_refresh = None
        self._failed_refresh = None
        return self.tokens

    # -- automatic refresh -----------------------------------------------------------

    def signed_params(
        self, method: str, params: Mapping[str, str], circuit: Circuit
    ) -> dict[str, str]:
        """As :meth:`TokenSession.signed_params`; also notes which refresh failures the call saw."""
        self._local.failures_seen = self._refresh_failures
        return super().signed_params(method, params, circuit)

    def _refresh_after_auth_failure(self, rejected_token: str) -> bool:
        """Refresh the access token after error 102; ``True`` when a new one is in place.

        Runs the refresh-token grant against ``refresh_url`` once for all the
        threads that saw ``rejected_token`` refused: the first one refreshes
        under the lock, the others find a new token when they get the lock and
        repeat their call without a request. ``token_updater`` is called once
        per refresh, outside the lock.

        When that refresh fails, whatever the failure (a refusal, a 503, a
        timeout, a network error), the calls that were already out with
        ``rejected_token`` raise it too (a copy, with a note), without a request
        of their own: after a lost answer the single-use refresh token may be
        spent already, and eight waiting threads must not wait eight timeouts.
        A call signed after the failure may try again.

        Returns ``False`` (the 102 is raised) when ``auto_refresh`` is off, the
        session has no refresh token, or the call was made from inside
        ``token_updater`` (in this thread): a refresh there would call
        ``token_updater`` again, without end if the platform keeps answering 102.

        Raises:
            OAuthError: the endpoint refused the refresh token (e.g.
                ``InvalidGrantError``: expired or revoked; the user must log in
                again). Raised again, without a request, by later calls until
                the session gets new tokens.
            TransportError: the refresh request failed on the network.
            TokenResponseError: the token endpoint answered without tokens.
        """
        if not self.auto_refresh or getattr(self._local, "updating", False):
            return False
        if self.token_store is not None and self.token_key is not None:
            return self._refresh_through_store(rejected_token, self.token_store, self.token_key)
        failures_seen: int = getattr(self._local, "failures_seen", self._refresh_failures)
        with self._refresh_turn(rejected_token):
            if self.access_token != rejected_token:
                return True  # another thread refreshed while this call was out
            refresh_token = self.refresh_token
            if not refresh_token:
                return False
            self._raise_if_refused(refresh_token)
            self._raise_shared_failure(rejected_token, failures_seen)
            form = self._refresh_form(refresh_token)
            try:
                tokens = self._store(self._request(self.refresh_url, form))
            except Exception as exc:
                self._note_failed_refresh(rejected_token, refresh_token, exc)
                raise
        logger.info("%s: access token refreshed after error 102", type(self).__name__)
        self._call_token_updater(tokens)
        return True

    @contextlib.contextmanager
    def _refresh_turn(self, rejected_token: str) -> Iterator[None]:
        """Hold the session's token lock for a refresh; wait for it no longer than the call may.

        Another thread may be refreshing (a request to the token endpoint): a
        call waiting for it gives up when its own deadline passes.
        """
        left = call_time_left()
        if not self._token_lock.acquire(timeout=-1 if left is None else max(0.0, left)):
            raise DeadlineExceededError(
                f"{type(self).__name__}: the call's deadline passed while another thread "
                "refreshed the access token (error 102); the next call uses the new token",
                method=TOKEN_REQUEST,
                sent=False,
            )
        try:
            yield
        finally:
            self._token_lock.release()

    def _raise_if_refused(self, refresh_token: str) -> None:
        """Raise again the endpoint's refusal of ``refresh_token``, without a request."""
        refused = self._refused_refresh
        if refused is not None and refused[0] == refresh_token:
            raise OAuthError.from_response(refused[1], refused[2])

    def _raise_shared_failure(self, rejected_token: str, failures_seen: int) -> None:
        """Raise the failed refresh a call out with ``rejected_token`` was waiting on, if any."""
        failed = self._failed_refresh
        if failed is not None and failed[0] == rejected_token and failed[2] > failures_seen:
            raise _shared_failure(failed[1])

    def _note_failed_refresh(self, rejected_token: str, refresh_token: str, exc: Exception) -> None:
        """Under the token lock: remember a failed refresh for the calls that wait on it.

        A refusal of ``refresh_token`` is raised again, without a request, until
        the session gets new tokens; any failure is shared with the calls that
        were already out with ``rejected_token``.
        """
        if isinstance(exc, OAuthError) and not isinstance(exc, TokenResponseError):
            self._refused_refresh = (refresh_token, exc.error, exc.error_description)
        self._refresh_failures += 1
        self._failed_refresh = (rejected_token, exc, self._refresh_failures)

    def _call_token_updater(self, tokens: OAuthTokens) -> None:
        if self.token_updater is not None:
            self._local.updating = True
            try:
                self.token_updater(tokens)
            finally:
                self._local.updating = False

    def _refresh_through_store(self, rejected_token: str, store: TokenStore, key: str) -> bool:
        """:meth:`_refresh_after_auth_failure` for a session sharing its tokens through a store.

        Under the key's lock (after this session's own lock, so that its threads
        queue in the process, not on the store): re-read the store; when it
        holds another access token than the rejected one, another session
        refreshed, and this one adopts the stored tokens without a request.
        Otherwise refresh (with the stored refresh token), save the new tokens
        as the version after the one read, release. A save refused because the
        key holds a newer version (this holder's lock expired mid-refresh)
        leaves the newer tokens in the store, and the session adopts them.

        ``token_updater`` is called only by the session that refreshed. When
        the save fails (Redis down), the session keeps the new tokens, passes
        them to ``token_updater``, and the store's error is raised: the tokens
        are not lost, and the next call uses them. A store that is then behind
        the session (older version, or empty after a Redis restart) is not
        adopted from: the session refreshes with its own refresh token and
        saves again.
        """
        failures_seen: int = getattr(self._local, "failures_seen", self._refresh_failures)
        save_error: MailRuError | None = None
        with self._refresh_turn(rejected_token):
            if self.access_token != rejected_token:
                return True  # another thread of this session refreshed while this call was out
            self._raise_shared_failure(rejected_token, failures_seen)
            refresh_token = self.refresh_token
            try:
                with self._store_lock(store, key):
                    stored = store.load(key)
                    mine = self._stored_version
                    # behind: empty (a Redis restart), or older than what this session
                    # holds (its last save failed): then the session's own tokens count
                    behind = stored is None or (mine is not None and stored.version < mine)
                    if stored is not None and not behind:
                        if stored.tokens["access_token"] != rejected_token:
                            self._store(stored.tokens)
                            self._stored_version = stored.version
                            logger.info(
                                "%s: adopted the tokens another session stored after error 102",
                                type(self).__name__,
                            )
                            return True
                        if stored.tokens["refresh_token"]:
                            refresh_token = stored.tokens["refresh_token"]
                    if not refresh_token:
                        return False
                    self._raise_if_refused(refresh_token)
                    version = max(1 if stored is None else stored.version + 1, mine or 0)
                    try:
                        answer = self._request(self.refresh_url, self._refresh_form(refresh_token))
                    except InvalidGrantError:
                        # a worker whose lock expired mid-refresh (a slow token endpoint)
                        # spent this refresh token and may have saved its tokens since
                        current = store.load(key)
                        read = 0 if stored is None else stored.version
                        if current is None or current.version <= read:
                            raise
                        self._store(current.tokens)
                        self._stored_version = current.version
                        logger.info(
                            "%s: adopted the tokens another worker saved after its refresh",
                            type(self).__name__,
                        )
                        return True
                    tokens = self._store(answer)
                    # from here on the session holds the new tokens: a failed save loses none
                    try:
                        kept = _save_retrying(store, key, tokens, version)
                    except MailRuError as exc:
                        save_error = exc
                        self._stored_version = version  # the store is behind this session
                    else:
                        self._stored_version = kept.version
                        if kept.tokens["access_token"] != tokens["access_token"]:
                            tokens = self._store(kept.tokens)
            except Exception as exc:
                self._note_failed_refresh(rejected_token, refresh_token, exc)
                raise
        logger.info("%s: access token refreshed after error 102", type(self).__name__)
        self._call_token_updater(tokens)
        if save_error is not None:
            save_error.add_note(
                "the refresh succeeded: the session holds the new tokens and token_updater "
                "received them, but the token store does not"
            )
            raise save_error
        return True


def _save_retrying(store: TokenStore, key: str, tokens: OAuthTokens, version: int) -> StoredTokens:
    """``store.save``, tried again twice on a store failure: the new tokens exist only here.

    A refresh token works once: if the save is lost, a worker that builds its
    session from the store later has only the spent one.
    """
    for pause in (0.05, 0.2):
        try:
            return store.save(key, tokens, version=version)
        except MailRuError:
            time.sleep(pause)
    return store.save(key, tokens, version=version)


def _check_store(store: object, key: object) -> tuple[TokenStore | None, str | None]:
    if store is None:
        if key is not None:
            raise ValueError("token_key is given without a token_store: pass both, or neither")
        return None, None
    if not isinstance(store, TokenStore):
        raise TypeError(
            "token_store must have load, save, delete and lock methods (see "
            f"mailru_sdk.stores.tokens), got {type(store).__name__}"
        )
    if key is None:
        raise ValueError("a token_store needs a token_key naming the user, e.g. 'user:42'")
    return store, check_key(key)


def _shared_failure(exc: BaseException) -> BaseException:
    """A copy of the failed refresh's exception for another call that was waiting for it."""
    note = "raised by the refresh another call made for the same rejected token; not sent again"
    try:
        shared = copy.copy(exc)
    except Exception:  # an exception that cannot be copied: raise the same one
        shared = exc
    else:  # the copy must not share the original's list of notes
        shared.__notes__ = list(getattr(exc, "__notes__", ()))
    if note not in getattr(shared, "__notes__", ()):
        shared.add_note(note)
    return shared


class CodeSession(OAuthSession):
    """Exchanges an authorization code (the web login flow) for tokens.

    ``CodeSession(app_id, private_key, secret_key, code, redirect_uri, **options)``:
    ``code`` is what the callback received (see :func:`parse_authorization_response`),
    ``redirect_uri`` exactly the one given to :func:`authorization_url`. A code
    works once. ``token_url`` defaults to :data:`CODE_TOKEN_URL`; see
    :class:`OAuthSession` for the options.
    """

    grant_type = "authorization_code"
    default_token_url = CODE_TOKEN_URL

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, secret_key, **options)
        self._code = required_text("code", code)
        self.redirect_uri = required_text("redirect_uri", redirect_uri)

    def _grant_form(self) -> dict[str, str]:
        form = self._client_form(self.grant_type)
        form["code"] = self._code
        form["redirect_uri"] = self.redirect_uri
        return form


class CodeClientSession(CodeSession):
    """A :class:`CodeSession` signing client-server.

    ``CodeClientSession(app_id, private_key, code, redirect_uri, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, "", code, redirect_uri, **options)


class CodeServerSession(CodeSession):
    """A :class:`CodeSession` signing server-server: the web apps' choice.

    ``CodeServerSession(app_id, secret_key, code, redirect_uri, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        code: str,
        redirect_uri: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, code, redirect_uri, **options)


class PasswordSession(OAuthSession):
    """Logs in with the user's email and password (the password grant).

    ``PasswordSession(app_id, private_key, secret_key, email, password, scope, **options)``.
    The platform enables this grant per app, on request, for native apps only.
    ``scope`` is privilege names (a space- or comma-separated string, or an
    iterable); empty means every known privilege (:data:`PRIVILEGES`). It is
    sent space-separated. ``token_url`` defaults to :data:`TOKEN_URL`; see
    :class:`OAuthSession` for the options. The password goes in the POST body
    only and is never shown.
    """

    grant_type = "password"

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, secret_key, **options)
        self.email = required_text("email", email)
        self._password = required_text("password", password)
        self.scope = scope_string(scope) or " ".join(PRIVILEGES)

    def _grant_form(self) -> dict[str, str]:
        form = self._client_form(self.grant_type)
        form["username"] = self.email
        form["password"] = self._password
        form["scope"] = self.scope
        return form


class PasswordClientSession(PasswordSession):
    """A :class:`PasswordSession` signing client-server.

    ``PasswordClientSession(app_id, private_key, email, password, scope, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        private_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, "", email, password, scope, **options)


class PasswordServerSession(PasswordSession):
    """A :class:`PasswordSession` signing server-server.

    ``PasswordServerSession(app_id, secret_key, email, password, scope, **options)``.
    """

    def __init__(
        self,
        app_id: int,
        secret_key: str,
        email: str,
        password: str,
        scope: str | Iterable[str] = "",
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, "", secret_key, email, password, scope, **options)


class RefreshSession(OAuthSession):
    """Obtains tokens with a refresh token kept from an earlier login.

    ``RefreshSession(app_id, private_key, secret_key, refresh_token, **options)``.
    The refresh token is spent: store the new one (:attr:`tokens`, or
    ``token_updater`` for later refreshes). ``token_url`` defaults to
    :data:`TOKEN_URL`; see :class:`OAuthSession` for the options. To resume
    stored tokens without a request, use :meth:`~OAuthSession.load_tokens`.
    """

    grant_type = "refresh_token"

    def __init__(
        self,
        app_id: int,
        private_key: str,
        secret_key: str,
        refresh_token: str,
        **options: Unpack[OAuthOptions],
    ) -> None:
        super().__init__(app_id, private_key, secret_key, **options)
        self.refresh_token = required_text("refresh_token", refresh_token)

    def _grant_form(self) -> dict[str, str]:
        return self._refresh_form(required_text("refresh_token", self.refresh_token))


class RefreshClientSession(RefreshSession):
    """A :class:`RefreshSession` signing client-server.

    ``RefreshClientSession(app_id, private_key, refresh_token, **options)``.
    """

    def __init__(
        self, app_id: int, private_key: str, refresh_token: str, **options: Unpack[OAuthOptions]
    ) -> None:
        super().__init__(app_id, private_key, "", refresh_token, **options)


class RefreshServerSession(RefreshSession):
    """A :class:`RefreshSession` signing server-server.

    ``RefreshServerSession(app_id, secret_key, refresh_token, **options)``.
    """

    def __init__(
        self, app_id: int, secret_key: str, refresh_token: str, **options: Unpack[OAuthOptions]
    ) -> None:
        super().__init__(app_id, "", secret_key, refresh_token, **options)
