"""A secret in every encoding a server or a library may echo it in, and where to look for it."""

from __future__ import annotations

import html
import json
import re
import traceback
import urllib.parse


def forms(secret: str) -> list[str]:
    """``secret`` raw, %-encoded (upper and lower hex, ``+`` for spaces), JSON- and HTML-escaped."""
    quoted = urllib.parse.quote(secret, safe="")
    escaped = json.dumps(secret)[1:-1]
    found = [
        secret,
        quoted,
        re.sub("%[0-9A-F]{2}", lambda m: m.group().lower(), quoted),
        urllib.parse.quote_plus(secret),
        urllib.parse.quote(secret),  # requests' own quoting keeps "/"
        escaped,
        escaped.replace("/", "\\/"),
        re.sub(r"\\u[0-9a-f]{4}", lambda m: m.group().upper().replace("\\U", "\\u"), escaped),
        json.dumps(secret, ensure_ascii=False)[1:-1],
        html.escape(secret),
        html.escape(secret).replace("&#x27;", "&#39;"),
        html.escape(secret, quote=False),
        "".join(f"&#{ord(c)};" for c in secret),
        repr(secret)[1:-1],
        repr(secret.encode())[2:-1],
    ]
    return list(dict.fromkeys(found))


def everything_shown(exc: BaseException) -> str:
    """All an error tracker or a debugger could show of ``exc``: texts, args, vars(), the chain."""
    parts = ["".join(traceback.format_exception(exc))]
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        parts += [str(current), repr(current), repr(current.args)]
        state = getattr(current, "__dict__", {})
        parts.append(repr(state))
        for value in (*current.args, *state.values()):
            if isinstance(value, BaseException):
                todo.append(value)
            for attr in ("url", "body"):
                inner = getattr(value, attr, None)
                if isinstance(inner, str | bytes):
                    parts.append(repr(inner))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)
    return "\n".join(parts)


def surviving(secret: str, text: str) -> list[str]:
    """The forms of ``secret`` still in ``text``."""
    return [form for form in forms(secret) if form in text]
