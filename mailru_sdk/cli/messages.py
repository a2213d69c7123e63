"""What the ``mailru-sdk`` command says when something is wrong: always one line on stderr.

``UsageError`` is bad input (exit status 2); ``report()`` prints an
error of the platform or the network (exit status 1); ``did_you_mean()``
names the catalogued name closest to a mistyped one.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import TextIO

from mailru_sdk.errors import APIError, MailRuError, OAuthError

__all__ = ["PROG", "UsageError", "did_you_mean", "one_line", "report", "shown"]

PROG = "mailru-sdk"


class UsageError(Exception):
    """Bad input on the command line: reported on one line, exit status 2."""


def one_line(text: str) -> str:
    """``text`` on one line, starting with the command's name."""
    text = " ".join(text.split())
    return text if text.startswith(PROG) else f"{PROG}: {text}"


def shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut short when long."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} chars)"


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean X?)`` with the choice closest to a mistyped ``name``; "" when none is."""
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def report(exc: MailRuError, as_json: bool, out: TextIO) -> None:
    """Print the error of a failed call or grant: one line, or a JSON object with ``as_json``."""
    if as_json:
        error: dict[str, object] = {"type": type(exc).__name__, "message": str(exc)}
        if isinstance(exc, APIError):
            error.update(error_code=exc.code, error_msg=exc.msg, method=exc.method)
        if isinstance(exc, OAuthError):
            error.update(error=exc.error, error_description=exc.error_description)
        print(json.dumps({"error": error}, ensure_ascii=False), file=out)
    elif isinstance(exc, APIError):
        print(
            f"{PROG}: error {exc.code} ({type(exc).__name__}) from {exc.method}: {exc.msg}",
            file=out,
        )
    else:
        print(one_line(f"{type(exc).__name__}: {exc}"), file=out)
