"""OAuth test fixtures: the loopback emulator with users, codes and refresh tokens (127.0.0.1)."""

from __future__ import annotations

import logging
import socket
import time
import traceback
import types
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mailru_sdk.oauth import (
    CodeClientSession,
    CodeServerSession,
    CodeSession,
    OAuthSession,
    PasswordClientSession,
    PasswordServerSession,
    PasswordSession,
    RefreshClientSession,
    RefreshServerSession,
    RefreshSession,
)
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, SECRETS, UID

EMAIL = "ivan@mail.ru"
PASSWORD = "correct horse battery staple"
CODE = "8c1e2b6f0d9a4c7e"
REDIRECT_URI = "https://example.com/mailru/callback"
REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"
WRONG_KEY = "0" * 32

#: every credential the OAuth tests hand to the SDK
OAUTH_SECRETS = (*SECRETS, PASSWORD, CODE, REFRESH_TOKEN)

SessionMaker = Callable[..., OAuthSession]

GRANTS = ("code", "password", "refresh")
VARIANTS = ("both", "client", "server")
#: every grant x variant, as pytest parameters for (grant, variant)
CASES = [pytest.param(g, v, id=f"{g}-{v}") for g in GRANTS for v in VARIANTS]

CLASSES: dict[tuple[str, str], type[OAuthSession]] = {
    ("code", "both"): CodeSession,
    ("code", "client"): CodeClientSession,
    ("code", "server"): CodeServerSession,
    ("password", "both"): PasswordSession,
    ("password", "client"): PasswordClientSession,
    ("password", "server"): PasswordServerSession,
    ("refresh", "both"): RefreshSession,
    ("refresh", "client"): RefreshClientSession,
    ("refresh", "server"): RefreshServerSession,
}


def build_session(
    grant: str,
    variant: str,
    *,
    key: str | None = None,
    credential: str | None = None,
    **options: Any,
) -> OAuthSession:
    """A session of the grant and variant, its keys (``key``) or credential replaced if given.

    Positional arguments as the contract lists them; ``options`` are the keywords.
    """
    private_key, secret_key = key or PRIVATE_KEY, key or SECRET_KEY
    if grant == "code":
        grant_args: tuple[str, ...] = (credential or CODE, REDIRECT_URI)
    elif grant == "password":
        grant_args = (EMAIL, credential or PASSWORD, "")
    else:
        grant_args = (credential or REFRESH_TOKEN,)
    keys = {"both": (private_key, secret_key), "client": (private_key,), "server": (secret_key,)}
    session = CLASSES[grant, variant](APP_ID, *keys[variant], *grant_args, **options)
    assert type(session) is CLASSES[grant, variant]
    return session


def make_platform(cls: type[LoopbackPlatform] = LoopbackPlatform) -> LoopbackPlatform:
    """An emulator (not started) knowing the app, the user, the code and the refresh token."""
    return cls(
        apps={APP_ID: (PRIVATE_KEY, SECRET_KEY)},
        tokens={ACCESS_TOKEN: UID},
        users={EMAIL: (PASSWORD, UID)},
        codes={CODE: (UID, REDIRECT_URI)},
        refresh_tokens={REFRESH_TOKEN: UID},
    )


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    """The emulator with the docs' example app, a user, a code and a refresh token."""
    with make_platform() as running:
        assert running.token_url.startswith("http://127.0.0.1:")
        yield running


@pytest.fixture(autouse=True)
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the SDK's retry sleeps instead of sleeping (the emulator's own sleeps stay real)."""
    slept: list[float] = []
    fake_time = types.SimpleNamespace(sleep=slept.append, time=time.time)
    monkeypatch.setattr("mailru_sdk._retry.time", fake_time)
    return slept


@pytest.fixture
def closed_port_url() -> str:
    """A token URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/oauth/token"


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG (the SDK's, urllib3's...), so leaks anywhere would show."""
    caplog.set_level(logging.DEBUG)
    return caplog


def issued_tokens(platform: LoopbackPlatform) -> list[str]:
    """Access and refresh tokens the emulator issued during the test."""
    return [t for t in (*platform.tokens, *platform.refresh_tokens) if t not in OAUTH_SECRETS]


def assert_no_secret(text: str, *extra: str) -> None:
    """None of the credentials (raw or URL-encoded) is in ``text``."""
    for secret in (*OAUTH_SECRETS, *extra):
        for form in (secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)):
            assert form not in text, f"{secret!r} leaked"


def error_text(error: BaseException) -> str:
    """Everything an app could print or log about ``error``."""
    return "".join(traceback.format_exception(error)) + repr(error) + str(error)
