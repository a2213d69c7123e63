"""The one refresh path: after error 102, one refresh per rejected token, over a token store.

A refresh token works once. However many calls (threads, processes, hosts)
see the same access token rejected, one of them may spend the refresh token;
the others must use what it got. ``Refresher`` does this the same way
for every OAuth session: over the session's
[`TokenStore`][mailru_sdk.stores.tokens.TokenStore] (the one the user gave, shared
with other sessions, e.g. on Redis; else a private in-memory one):

1. Single flight in the process: the first call that reports a rejected token
   starts a *flight* (a thread that refreshes); the calls that report the same
   token join it. A flight that failed is shared by the calls that were
   signed before it ended; a call signed after may start another.
2. The flight takes the store's lock for the key, loads the key again (another
   session may have refreshed: then it adopts the stored tokens without a
   request), else spends the refresh token, saves the new tokens as the next
   version (a store that refuses it holds newer tokens, which are adopted),
   and releases the lock. ``token_updater`` gets the new tokens in a caller's
   thread, not the flight's (a web app's updater writes to the request's
   session or database connection): the first call that waited for the
   flight, or else the next call, hands them over (``Refresher.deliver()``).
3. A flight is never cut short: a refresh token cut off after it was sent may
   be spent, and the user logged out. A caller whose deadline comes first
   gets [`DeadlineExceededError`][mailru_sdk.errors.DeadlineExceededError] on time, while the
   flight goes on; its tokens are held (and stored) for the calls after.

A refusal of a refresh token (``InvalidGrantError``...) is remembered: later
calls raise it again without a request until the session gets other tokens.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable

from mailru_sdk._fork import forget_at_fork
from mailru_sdk._log import logger
from mailru_sdk._pipeline import call_time_left, deadline_error
from mailru_sdk.auth.credentials import AppCredentials
from mailru_sdk.auth.grants import RefreshGrant, token_form
from mailru_sdk.auth.token_request import TokenEndpoint
from mailru_sdk.auth.tokens import Held, OAuthTokens, TokenHolder
from mailru_sdk.errors import InvalidGrantError, MailRuError, OAuthError, TokenResponseError
from mailru_sdk.hooks import Hooks, active_hooks, emit_refresh
from mailru_sdk.options import Options
from mailru_sdk.stores.tokens import StoredTokens, TokenStore

__all__ = ["RefreshGrantSender", "Refresher"]

SendRefresh = Callable[[str], OAuthTokens]
"""Sends the refresh-token grant with a refresh token; the new tokens."""


class _Flight:
    """One refresh in progress (or ended) for one rejected access token."""

    __slots__ = ("done", "ended", "error", "refreshed")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.refreshed = False
        self.error: BaseException | None = None
        #: the refresher's generation when the flight ended
        self.ended = 0


class Refresher:
    """Refreshes a session's tokens after error 102: single flight, over a token store.

    Args:
        owner: the session's name, for messages.
        holder: the session's tokens.
        store: where the tokens are kept and the refresh locked.
        key: the user's key in ``store``.
        send: sends the refresh-token grant (through the session's pipeline,
            with the session's own deadline, never a caller's).
        updater: gives ``token_updater`` (read when it is due: the session's
            attribute may be set any time), called with the new tokens in a
            caller's thread (see ``deliver()``).
        private: ``store`` is the session's own (no other session shares it).
    """

    def __init__(
        self,
        *,
        owner: str,
        holder: TokenHolder,
        store: TokenStore,
        key: str,
        send: SendRefresh,
        updater: Callable[[], Callable[[OAuthTokens], object] | None],
        private: bool = False,
    ) -> None:
        self._owner = owner
        self._holder = holder
        self._store = store
        self._key = key
        self._send = send
        self._updater = updater
        self._private = private
        self._lock = threading.Lock()  # guards the fields below; never held during I/O
        self._flights: dict[str, _Flight] = {}
        self._generation = 0
        # (refresh token, error, description) of the endpoint's last refusal
        self._refused: tuple[str, str, str] | None = None
        self._local = threading.local()  # .updating: inside token_updater, in this thread
        # the last refresh's tokens (and the store's failure to save them, if any), until a
        # caller hands them to token_updater (see deliver)
        self._undelivered: tuple[OAuthTokens, MailRuError | None] | None = None
        forget_at_fork(self)

    def _after_fork(self) -> None:
        # the parent's refresh threads do not exist in a forked child: their flights
        # would never end there; a refusal remembered stays true
        self._lock = threading.Lock()
        self._flights = {}
        self._local = threading.local()

    @property
    def generation(self) -> int:
        """How many flights have ended; a call notes it when it is signed."""
        return self._generation

    def forget_refusal(self) -> None:
        """The session got tokens from elsewhere (a login): a remembered refusal no longer holds."""
        self._refused = None

    def after_rejection(self, rejected: str, signed_at: int, method: str) -> bool:
        """Make a new token hold after ``rejected`` was refused (error 102); ``True`` when one does.

        ``signed_at`` is ``generation`` when the call was signed; ``method``
        names the call in a deadline error. Returns ``False`` (the 102 stands)
        when there is nothing to refresh with, or when called from inside
        ``token_updater`` (a refresh there would call it again, without end if
        the platform kept answering 102).

        Raises:
            DeadlineExceededError: the call's deadline passed first; the refresh
                goes on and later calls use its tokens.
            OAuthError, TransportError, ...: the refresh failed (every call that
                was out with ``rejected`` raises the same failure, a copy).
        """
        if getattr(self._local, "updating", False):
            return False
        left = call_time_left()
        with self._lock:
            if self._holder.held.access_token != rejected:
                flight = None  # refreshed while this call was out
            else:
                flight = self._flights.get(rejected)
                if flight is not None and flight.done.is_set() and flight.ended <= signed_at:
                    flight = None  # it failed before this call was signed: this one may retry
                if flight is None:
                    if self._private:
                        # a refusal of the refresh token held stands (nobody else can have
                        # refreshed): raised again without a thread, a lock or a request
                        self._raise_if_refused(self._holder.held.refresh_token)
                    if left is not None and left <= 0:
                        raise deadline_error(
                            method, None, 1, "before refreshing the access token", sent=False
                        )
                    flight = self._start(rejected, method)
        if flight is not None:
            if not flight.done.wait(None if left is None else max(0.0, left)):
                raise deadline_error(
                    method,
                    None,
                    1,
                    "waiting for the access token's refresh after error 102; the refresh goes "
                    "on and the next calls use its token",
                    sent=False,  # the platform refused the call (102): it took no effect
                )
            if flight.error is not None:
                raise _shared(flight.error)
            if not flight.refreshed:
                return False
        self.deliver()
        return True

    def deliver(self) -> None:
        """Hand a refresh's new tokens to ``token_updater``, in this (a caller's) thread, once.

        The refresh runs in a thread of its own, but the updater belongs to the
        caller's world (a web request's session, a database connection of the
        request's thread): the first call after the refresh, the one that
        waited for it or the next one, calls it. A store's failure to save the
        new tokens is raised here too, once, after the updater had them.
        """
        if self._undelivered is None:
            return
        with self._lock:
            pending, self._undelivered = self._undelivered, None
        if pending is None:
            return
        tokens, save_error = pending
        updater = self._updater()
        if updater is not None:
            self._local.updating = True
            try:
                updater(tokens)
            finally:
                self._local.updating = False
        if save_error is not None:
            save_error.add_note(
                "the refresh succeeded: the session holds the new tokens and token_updater "
                "received them, but the token store does not"
            )
            raise save_error

    def _start(self, rejected: str, method: str) -> _Flight:
        """Under the lock: a flight for ``rejected``, its thread started."""
        flight = self._flights[rejected] = _Flight()
        thread = threading.Thread(
            target=self._fly,
            # the calling call's hooks get the refresh's event, from the flight
            args=(flight, rejected, active_hooks(), method),
            name=f"mailru_sdk refresh for {self._owner}",
        )
        try:
            thread.start()
        except BaseException:
            # no thread (the interpreter is shutting down, a thread limit): no flight either,
            # or every later call would wait for one that never ends
            del self._flights[rejected]
            raise
        return flight

    def _fly(
        self, flight: _Flight, rejected: str, hooks: Hooks | None = None, method: str = ""
    ) -> None:
        started = time.perf_counter()
        try:
            tokens, save_error = self._refresh(rejected)
            if tokens is not None:
                flight.refreshed = True
                with self._lock:
                    self._undelivered = (tokens, save_error)
            elif self._holder.held.access_token != rejected:
                flight.refreshed = True  # adopted another session's tokens
        except BaseException as exc:
            flight.error = exc
        finally:
            with self._lock:
                self._generation += 1
                flight.ended = self._generation
                if flight.error is None:
                    self._flights.pop(rejected, None)
            if hooks is not None:  # before the waiting calls go on: their events come after
                emit_refresh(hooks, method, started, flight.error)
            flight.done.set()

    def _refresh(self, rejected: str) -> tuple[OAuthTokens | None, MailRuError | None]:
        """Under the store's lock: adopt the stored tokens, or refresh and save.

        Returns the new tokens when this flight refreshed (``None`` when it
        adopted, or had nothing to refresh with), and the store's error when
        the save failed (the session holds the tokens all the same).
        """
        store, key, holder = self._store, self._key, self._holder
        with store.lock(key):
            stored = store.load(key)
            held = holder.held
            # behind: empty (a Redis restart), older than what the session holds (its last
            # save failed), or of the same version as the session's tokens but not the same
            # token (set by hand since): then the session's own tokens count
            behind = (
                stored is None
                or (held.version is not None and stored.version < held.version)
                or (
                    stored.version == held.version
                    and stored.tokens["access_token"] != held.access_token
                )
            )
            refresh_token = held.refresh_token
            if stored is not None and not behind:
                if stored.tokens["access_token"] != rejected:
                    self._adopt(stored, "another session stored after error 102")
                    return None, None
                refresh_token = stored.tokens["refresh_token"] or refresh_token
            if not refresh_token:
                return None, None
            self._raise_if_refused(refresh_token)
            version = max(1 if stored is None else stored.version + 1, held.version or 0)
            try:
                answer = self._send(refresh_token)
            except InvalidGrantError:
                # a worker whose lock expired mid-refresh spent this refresh token and
                # may have saved its tokens since
                current = store.load(key)
                if current is None or current.version <= (0 if stored is None else stored.version):
                    self._remember_refusal(refresh_token)
                    raise
                self._adopt(current, "another worker saved after its refresh")
                return None, None
            except OAuthError as exc:
                if not isinstance(exc, TokenResponseError):
                    self._remember_refusal(refresh_token, exc)
                raise
            new = holder.adopt(answer)
            # from here on the session holds the new tokens: a failed save loses none
            try:
                kept = _save(store, key, new, version)
            except MailRuError as exc:
                holder.replace(version=version)  # the store is behind the session
                logger.info(
                    "%s: access token refreshed after error 102",
                    self._owner,
                    extra={"session": self._owner, "event": "token_refreshed"},
                )
                return new.tokens(), exc
            if kept.tokens["access_token"] != new.access_token:
                # a holder whose lock expired saved newer tokens meanwhile: they win
                self._adopt(kept, "a newer version the store held")
                return holder.held.tokens(), None
            holder.replace(version=kept.version)
        logger.info(
            "%s: access token refreshed after error 102",
            self._owner,
            extra={"session": self._owner, "event": "token_refreshed"},
        )
        return new.tokens(), None

    def _adopt(self, stored: StoredTokens, whose: str) -> None:
        self._holder.adopt(stored.tokens, version=stored.version)
        logger.info(
            "%s: adopted the tokens %s",
            self._owner,
            whose,
            extra={"session": self._owner, "event": "tokens_adopted"},
        )

    def _raise_if_refused(self, refresh_token: str) -> None:
        refused = self._refused
        if refused is not None and refused[0] == refresh_token:
            raise OAuthError.from_response(refused[1], refused[2])

    def _remember_refusal(self, refresh_token: str, exc: OAuthError | None = None) -> None:
        error = exc if exc is not None else InvalidGrantError("invalid_grant", "")
        self._refused = (refresh_token, error.error, error.error_description)


def _save(store: TokenStore, key: str, held: Held, version: int) -> StoredTokens:
    """``store.save``, tried twice more on a store failure: the new tokens exist only here.

    A refresh token works once: if the save is lost, a worker that builds its
    session from the store later has only the spent one. The waits grow (0.05
    s, then 0.2 s); the flight runs apart from any caller, so no deadline cuts
    them.
    """
    for pause in (0.05, 0.2):
        try:
            return store.save(key, held.tokens(), version=version)
        except MailRuError:
            time.sleep(pause)
    return store.save(key, held.tokens(), version=version)


def _shared(exc: BaseException) -> BaseException:
    """A copy of a failed flight's exception for one of the calls that waited on it."""
    note = (
        "raised by the refresh of the rejected access token, shared by the calls that waited on it"
    )
    try:
        shared = copy.copy(exc)
    except Exception:  # an exception that cannot be copied: raise the same one
        shared = exc
    else:  # the copy must not share the original's list of notes
        shared.__notes__ = list(getattr(exc, "__notes__", ()))
    if note not in getattr(shared, "__notes__", ()):
        shared.add_note(note)
    return shared


class RefreshGrantSender:
    """Sends the refresh-token grant through a session's token endpoint, cut by no deadline.

    A refresh token cut off after it was sent may be spent: the request runs
    with the session's options without a deadline (its timeouts and retries
    still bound it). ``credentials`` and ``options`` give the session's parts
    as they are when the refresh is due (a setting may change meanwhile).
    """

    __slots__ = ("credentials", "endpoint", "options", "url")

    def __init__(
        self,
        endpoint: TokenEndpoint,
        url: str,
        credentials: Callable[[], AppCredentials],
        options: Callable[[], Options],
    ) -> None:
        self.endpoint = endpoint
        self.url = url
        self.credentials = credentials
        self.options = options

    def __call__(self, refresh_token: str) -> OAuthTokens:
        """The new tokens for ``refresh_token``."""
        credentials = self.credentials()
        form = token_form(
            RefreshGrant(refresh_token), credentials.app_id, credentials.client_secret
        )
        return self.endpoint.request(self.url, form, self.options().uncut)
