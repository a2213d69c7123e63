"""The command's credentials and endpoints: from flags, else the ``MAILRU_*`` variables."""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import Any

from mailru_sdk.cli.messages import UsageError, shown
from mailru_sdk.sessions import DEFAULT_API_URL, TokenSession

__all__ = ["ENV", "add_credentials", "app_id", "setting", "token_session", "url_setting"]

#: setting → the environment variable that gives it when its flag is absent
ENV = {
    "app_id": "MAILRU_APP_ID",
    "private_key": "MAILRU_PRIVATE_KEY",
    "secret_key": "MAILRU_SECRET_KEY",
    "access_token": "MAILRU_ACCESS_TOKEN",
    "uid": "MAILRU_UID",
    "api_url": "MAILRU_API_URL",
    "token_url": "MAILRU_TOKEN_URL",
}


def add_credentials(parser: argparse.ArgumentParser, *, token: bool = False) -> None:
    """The credential flags of a command (``token``: those of an OAuth grant)."""
    group = parser.add_argument_group("credentials (default: the MAILRU_* variables)")
    group.add_argument("--app-id", help="application id (MAILRU_APP_ID)")
    group.add_argument("--private-key", help="private key, client-server (MAILRU_PRIVATE_KEY)")
    group.add_argument("--secret-key", help="secret key, server-server (MAILRU_SECRET_KEY)")
    if token:
        group.add_argument("--token-url", help="token endpoint (MAILRU_TOKEN_URL)")
        return
    group.add_argument("--access-token", help="the user's access token (MAILRU_ACCESS_TOKEN)")
    group.add_argument("--uid", help="the user's id, client-server (MAILRU_UID)")
    group.add_argument("--api-url", help=f"REST endpoint (MAILRU_API_URL; {DEFAULT_API_URL})")


def setting(args: argparse.Namespace, name: str) -> str:
    """The setting ``name`` from its flag, else from its variable, else ""."""
    value = getattr(args, name, None)
    if value is None:
        value = os.environ.get(ENV[name], "")
    return str(value)


def app_id(args: argparse.Namespace) -> int:
    """The application id, a positive integer.

    Raises:
        UsageError: none given, or not a positive integer.
    """
    text = setting(args, "app_id")
    if not text:
        raise UsageError("missing credentials: give --app-id or set MAILRU_APP_ID")
    number = 0
    if text.isascii() and text.isdigit():  # "²".isdigit() is true, but int() refuses it
        with contextlib.suppress(ValueError):  # more digits than int() converts
            number = int(text)
    if number <= 0:
        raise UsageError(f"app id must be a positive integer, got {shown(text)}")
    return number


def url_setting(args: argparse.Namespace, name: str) -> str:
    """An endpoint from its flag or variable; "" when neither gives one (use the default).

    A flag given explicitly empty is an error, not a silent fall-back to the
    platform's production endpoint.
    """
    if getattr(args, name, None) == "":
        flag = "--" + name.replace("_", "-")
        raise UsageError(
            f"{flag} must not be empty (leave it out to use {ENV[name]} or the default)"
        )
    return setting(args, name)


def token_session(args: argparse.Namespace) -> TokenSession:
    """The session ``call`` and ``sign`` use, from the credentials and the call's options."""
    app = app_id(args)
    private_key, secret_key = setting(args, "private_key"), setting(args, "secret_key")
    if not private_key and not secret_key:
        raise UsageError(
            "missing credentials: give --secret-key (server-server) or --private-key with "
            "--uid (client-server), or set MAILRU_SECRET_KEY / MAILRU_PRIVATE_KEY and MAILRU_UID"
        )
    options: dict[str, Any] = {"api_url": url_setting(args, "api_url") or DEFAULT_API_URL}
    if getattr(args, "timeout", None) is not None:
        options["timeout"] = args.timeout
    if getattr(args, "max_retries", None) is not None:
        options["max_retries"] = args.max_retries
    if getattr(args, "rate_limit", None) is not None:
        options["rate_limit"] = args.rate_limit
    try:
        return TokenSession(
            app,
            private_key,
            secret_key,
            setting(args, "access_token"),
            setting(args, "uid"),
            **options,
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
