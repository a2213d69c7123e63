"""``LoopbackPlatform``: the served fake our own integration tests started with.

A served [`FakePlatform`][mailru_sdk.testing.FakePlatform] with no example world,
built from explicit apps and tokens, answering ``friends.get`` and
``users.getInfo`` with fixed values, under the names its first tests used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailru_sdk.testing.fake import FakePlatform
from mailru_sdk.testing.faults import Fault
from mailru_sdk.testing.records import RecordedCall
from mailru_sdk.testing.server import PlatformServer
from mailru_sdk.testing.world import Handler

__all__ = ["LoopbackPlatform"]


_LOOPBACK_FRIENDS = ["100", "200"]


def _friends_get(params: Mapping[str, str]) -> Any:
    if params.get("ext") == "1":
        return [{"uid": "100", "first_name": "Ivan", "last_name": "Petrov"}]
    return list(_LOOPBACK_FRIENDS)


def _users_get_info(params: Mapping[str, str]) -> Any:
    uids = params.get("uids", "1").split(",")
    return [{"uid": uid, "first_name": "User", "last_name": uid} for uid in uids]


class LoopbackPlatform:
    """A served [`FakePlatform`][mailru_sdk.testing.FakePlatform] built from explicit apps and
    tokens.

    Use as a context manager, or call
    [`start()`][mailru_sdk.testing.loopback.LoopbackPlatform.start] and
    [`stop()`][mailru_sdk.testing.loopback.LoopbackPlatform.stop]. The fake
    behind it is ``fake``; the state and scripting most tests use are
    reachable here too, everything else through ``fake``.

    Args:
        apps: app_id → ``(private_key, secret_key)``.
        tokens: access token → uid.
        handlers: method name → handler; ``friends.get`` (``["100", "200"]``)
            and ``users.getInfo`` have fixed defaults, every other catalogued
            method gets its canned answer.
        users: OAuth: e-mail → ``(password, uid)`` for the password grant.
        codes: OAuth: authorization code → ``(uid, redirect_uri)``.
        refresh_tokens: OAuth: refresh token → uid.
        expires_in: the lifetime the token endpoint announces.
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
        all_handlers: dict[str, Handler] = {
            "friends.get": _friends_get,
            "users.getInfo": _users_get_info,
        }
        all_handlers.update(handlers or {})
        #: the fake platform that answers every request.
        self.fake = FakePlatform(
            apps,
            tokens,
            all_handlers,
            accounts=users or {},
            codes=codes,
            refresh_tokens=refresh_tokens,
            expires_in=expires_in,
            seed=False,
        )
        self._server: PlatformServer | None = None

    # -- the fake's state, under the names this class always had -----------------------

    @property
    def tokens(self) -> dict[str, str]:
        """access token → uid."""
        return self.fake.tokens

    @property
    def refresh_tokens(self) -> dict[str, str]:
        """OAuth: refresh token → uid."""
        return self.fake.refresh_tokens

    @property
    def expires_in(self) -> int:
        """The lifetime the token endpoint announces, in seconds."""
        return self.fake.expires_in

    @expires_in.setter
    def expires_in(self, value: int) -> None:
        self.fake.expires_in = value

    @property
    def handlers(self) -> dict[str, Handler]:
        """method → handler (takes precedence over canned answers)."""
        return self.fake.handlers

    @property
    def calls(self) -> list[RecordedCall]:
        """Every API request received, in order."""
        return self.fake.calls

    @property
    def token_requests(self) -> list[dict[str, str]]:
        """The form of every token request, in order."""
        return self.fake.token_requests

    def inject(self, *faults: Fault) -> None:
        """Apply ``faults`` to the next requests, one each, in order."""
        self.fake.inject(*faults)

    def expire_token(self, access_token: str) -> None:
        """Make ``access_token`` unknown: calls with it now get error 102."""
        self.fake.expire_token(access_token)

    def answer(
        self,
        http_method: str,
        raw_query: str,
        form: list[tuple[str, str]] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> tuple[int, Any]:
        """Check and answer one API request (see
        [`FakePlatform.answer()`][mailru_sdk.testing.fake.FakePlatform.answer])."""
        return self.fake.answer(http_method, raw_query, form, files)

    # -- lifecycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The REST endpoint URL, e.g. ``http://127.0.0.1:PORT/platform/api``."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return self._server.urls.api_url

    @property
    def token_url(self) -> str:
        """The OAuth token endpoint URL, e.g. ``http://127.0.0.1:PORT/oauth/token``."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return self._server.urls.token_url

    def start(self, port: int = 0) -> LoopbackPlatform:
        """Serve on 127.0.0.1 (``port`` 0 picks a free one) in a background thread."""
        if self._server is None:
            self._server = PlatformServer(self.fake, port)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> LoopbackPlatform:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
