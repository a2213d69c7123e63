"""Log users in with Mail.Ru from a Flask app, then call the API on their behalf.

Routes:

* ``/login``: redirects to the Mail.Ru login page (:func:`authorization_url`),
  keeping the anti-forgery ``state`` in the Flask session;
* ``/callback``: checks the state, exchanges the code with
  :class:`CodeServerSession` and stores the tokens in the Flask session;
* ``/``: the user's name and friend count (``users.getInfo``, ``friends.get``).
  When the access token has expired the SDK refreshes it, and ``token_updater``
  writes the new tokens back into the Flask session;
* ``/logout``: forgets the tokens.

Configuration (``create_app(config)`` or environment variables of the same
name): ``MAILRU_APP_ID``, ``MAILRU_SECRET_KEY``, ``MAILRU_REDIRECT_URI`` (the
``/callback`` URL as registered for the app), ``SECRET_KEY`` (Flask's), and
optionally ``MAILRU_SCOPE``, ``MAILRU_TOKEN_URL``, ``MAILRU_REFRESH_URL``,
``MAILRU_API_URL`` (other endpoints: a proxy, or a test server).

Flask's default session is a signed cookie: the browser can read (not change)
what is stored in it. The tokens are of no use without the app's secret key,
but a server-side session store (Flask-Session, a database row) keeps them off
the client altogether; the code is the same.

Run it: ``MAILRU_APP_ID=… MAILRU_SECRET_KEY=… MAILRU_REDIRECT_URI=http://localhost:5000/callback
SECRET_KEY=… flask --app examples/flask_app.py run``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from markupsafe import escape

from mailru_sdk import API, CodeServerSession, MailRuError, OAuthError, RefreshServerSession
from mailru_sdk.errors import AuthorizationFailedError
from mailru_sdk.oauth import (
    OAuthOptions,
    OAuthTokens,
    authorization_url,
    parse_authorization_response,
)

STATE_KEY = "mailru_state"
TOKENS_KEY = "mailru_tokens"
SETTINGS = (
    "MAILRU_APP_ID",
    "MAILRU_SECRET_KEY",
    "MAILRU_REDIRECT_URI",
    "MAILRU_SCOPE",
    "MAILRU_TOKEN_URL",
    "MAILRU_REFRESH_URL",
    "MAILRU_API_URL",
    "SECRET_KEY",
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured from the environment, then from ``config``."""
    app = Flask(__name__)
    app.config.update({name: os.environ[name] for name in SETTINGS if name in os.environ})
    app.config.update(config or {})
    app.config["MAILRU_APP_ID"] = int(app.config["MAILRU_APP_ID"])

    @app.get("/login")
    def login() -> ResponseReturnValue:
        url, state = authorization_url(
            app.config["MAILRU_APP_ID"],
            app.config["MAILRU_REDIRECT_URI"],
            scope=app.config.get("MAILRU_SCOPE", ""),
        )
        session[STATE_KEY] = state
        return redirect(url)

    @app.get("/callback")
    def callback() -> ResponseReturnValue:
        try:
            code = parse_authorization_response(request.args, session.pop(STATE_KEY, ""))
            with CodeServerSession(
                app.config["MAILRU_APP_ID"],
                app.config["MAILRU_SECRET_KEY"],
                code,
                app.config["MAILRU_REDIRECT_URI"],
                **endpoints(),
            ) as mailru:
                session[TOKENS_KEY] = mailru.tokens
        except OAuthError as exc:  # declined, forged state, used code...: no secret in it
            return f"Login failed: {escape(exc.error)}", 400
        except MailRuError:
            return "Mail.Ru cannot be reached; please try again later.", 502
        return redirect(url_for("home"))

    @app.get("/")
    def home() -> ResponseReturnValue:
        tokens: OAuthTokens | None = session.get(TOKENS_KEY)
        if not tokens or not tokens.get("refresh_token"):
            return redirect(url_for("login"))
        try:
            with user_session(tokens) as mailru:
                api = API(mailru)
                profile = api.users.getInfo()[0]
                friends = api.friends.get()
        except (AuthorizationFailedError, OAuthError):  # revoked or expired for good
            session.pop(TOKENS_KEY, None)
            return redirect(url_for("login"))
        except MailRuError:
            return "Mail.Ru cannot be reached; please try again later.", 502
        name = escape(profile.get("first_name", ""))
        return f"<h1>Hello, {name}</h1><p>You have {len(friends)} friends on My World.</p>"

    @app.post("/logout")
    def logout() -> ResponseReturnValue:
        session.pop(TOKENS_KEY, None)
        return redirect(url_for("login"))

    return app


def endpoints() -> OAuthOptions:
    """The session options from the configuration (default endpoints when unset)."""
    config = current_app.config
    options: OAuthOptions = {}
    if config.get("MAILRU_TOKEN_URL"):
        options["token_url"] = config["MAILRU_TOKEN_URL"]
    if config.get("MAILRU_REFRESH_URL"):
        options["refresh_url"] = config["MAILRU_REFRESH_URL"]
    if config.get("MAILRU_API_URL"):
        options["api_url"] = config["MAILRU_API_URL"]
    return options


def user_session(tokens: OAuthTokens) -> RefreshServerSession:
    """A session with the user's stored tokens; refreshed ones go back into the Flask session."""

    def save(new_tokens: OAuthTokens) -> None:
        session[TOKENS_KEY] = new_tokens

    config = current_app.config
    options = endpoints()
    options["token_updater"] = save
    return RefreshServerSession(
        config["MAILRU_APP_ID"], config["MAILRU_SECRET_KEY"], tokens["refresh_token"], **options
    ).load_tokens(tokens)


if __name__ == "__main__":
    create_app().run()
