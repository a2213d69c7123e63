"""The options OAuth sessions add to the session options, checked once into ``OAuthConfig``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from mailru_sdk._validate import check_http_url, shown_url
from mailru_sdk.auth.tokens import OAuthTokens
from mailru_sdk.auth.web import CODE_TOKEN_URL, TOKEN_URL
from mailru_sdk.options import SESSION_DEFAULTS, SessionOptions, check_option_names
from mailru_sdk.stores.tokens import TokenStore, check_key

__all__ = ["OAUTH_DEFAULTS", "OAuthConfig", "OAuthOptions", "TokenUpdater"]

TokenUpdater = Callable[[OAuthTokens], object]
"""Called with the session's new tokens after each automatic refresh, to persist them."""


class OAuthOptions(SessionOptions, total=False):
    """The keyword arguments of every OAuth session: the session options and its own."""

    token_url: str | None
    """The token endpoint of the session's grant (the class default when ``None``)."""
    refresh_url: str | None
    """The endpoint of automatic refreshes (see [`OAuthSession`][mailru_sdk.oauth.OAuthSession])."""
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


@dataclasses.dataclass(frozen=True, slots=True)
class OAuthConfig:
    """An OAuth session's own options, checked, with the defaults that depend on its grant."""

    token_url: str
    refresh_url: str
    token_updater: TokenUpdater | None
    auto_refresh: bool
    token_store: TokenStore | None
    token_key: str | None

    def __post_init__(self) -> None:
        if self.token_updater is not None and not callable(self.token_updater):
            raise TypeError("token_updater must be callable, e.g. a function taking the tokens")

    def __repr__(self) -> str:
        return (
            f"OAuthConfig(token_url={shown_url(self.token_url)!r}, "
            f"refresh_url={shown_url(self.refresh_url)!r}, auto_refresh={self.auto_refresh}, "
            f"token_store={self.token_store!r}, token_key={self.token_key!r})"
        )

    def replace(self, **changes: Any) -> OAuthConfig:
        """A copy with ``changes``, checked."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def split(
        cls, owner: str, options: Mapping[str, Any], default_token_url: str
    ) -> tuple[OAuthConfig, dict[str, Any]]:
        """This config from an OAuth session's keywords, and the session options left over.

        Raises:
            TypeError / ValueError: an unknown option or a bad value, named.
        """
        check_option_names(owner, options, {**SESSION_DEFAULTS, **OAUTH_DEFAULTS})
        own = {name: options.get(name, default) for name, default in OAUTH_DEFAULTS.items()}
        rest = {name: value for name, value in options.items() if name not in OAUTH_DEFAULTS}
        token_url = check_http_url(
            "token_url", default_token_url if own["token_url"] is None else own["token_url"]
        )
        refresh_url = own["refresh_url"]
        if refresh_url is None:
            # the code endpoint serves only codes; a custom endpoint (a proxy, a test
            # server) is taken to serve every grant
            refresh_url = TOKEN_URL if token_url == CODE_TOKEN_URL else token_url
        store, key = _check_store(own["token_store"], own["token_key"])
        config = cls(
            token_url=token_url,
            refresh_url=check_http_url("refresh_url", refresh_url),
            token_updater=own["token_updater"],
            auto_refresh=bool(own["auto_refresh"]),
            token_store=store,
            token_key=key,
        )
        return config, rest


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
