"""``mailru-sdk token password|refresh|code``: run an OAuth grant, print the tokens as JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from mailru_sdk import oauth
from mailru_sdk.cli.credentials import app_id, setting, url_setting
from mailru_sdk.cli.messages import UsageError, report
from mailru_sdk.errors import MailRuError

__all__ = ["run_token"]


def run_token(args: argparse.Namespace) -> int:
    """Run the grant ``args.grant`` and print the tokens; returns the exit status."""
    app = app_id(args)
    private_key, secret_key = setting(args, "private_key"), setting(args, "secret_key")
    if not private_key and not secret_key:
        raise UsageError(
            "missing credentials: give --secret-key or --private-key (or set "
            "MAILRU_SECRET_KEY / MAILRU_PRIVATE_KEY)"
        )
    token_url = url_setting(args, "token_url")
    options: dict[str, Any] = {"token_url": token_url} if token_url else {}
    session: oauth.OAuthSession
    try:
        if args.grant == "password":
            email = args.email or os.environ.get("MAILRU_EMAIL", "")
            if not email:
                raise UsageError("missing --email (or MAILRU_EMAIL)")
            password = args.password or os.environ.get("MAILRU_PASSWORD") or _ask_password()
            session = oauth.PasswordSession(
                app, private_key, secret_key, email, password, args.scope, **options
            )
        elif args.grant == "refresh":
            refresh_token = args.refresh_token or os.environ.get("MAILRU_REFRESH_TOKEN", "")
            if not refresh_token:
                raise UsageError("missing --refresh-token (or MAILRU_REFRESH_TOKEN)")
            session = oauth.RefreshSession(app, private_key, secret_key, refresh_token, **options)
        else:
            session = oauth.CodeSession(
                app, private_key, secret_key, args.code, args.redirect_uri, **options
            )
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    try:
        session.authorize()
    except MailRuError as exc:
        report(exc, False, sys.stderr)
        return 1
    finally:
        session.close()
    tokens = {
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "expires_in": session.expires_in,
        "uid": session.uid,
    }
    print(json.dumps(tokens, indent=2))
    return 0


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise UsageError("missing --password (or MAILRU_PASSWORD)")
    return getpass.getpass("password: ")
