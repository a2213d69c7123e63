"""Checks of the numbers users give (seconds, timeouts, deadlines): one place, clear errors."""

from __future__ import annotations

import math
import urllib.parse

__all__ = [
    "check_app_id",
    "check_base_url",
    "check_http_url",
    "check_pool_maxsize",
    "check_secret",
    "check_uid",
    "finite_float",
    "positive_seconds",
    "required_text",
    "shown_url",
    "validate_deadline",
    "validate_timeout",
]


def validate_timeout(timeout: object) -> float | tuple[float, float]:
    """Return ``timeout`` if it is a finite positive number or a pair of them.

    Raises:
        TypeError / ValueError: saying what is wrong; ``None`` (wait forever) is refused.
    """
    if isinstance(timeout, tuple):
        if len(timeout) != 2:
            raise ValueError(f"timeout must be a number or a (connect, read) pair, got {timeout!r}")
        connect, read = timeout
        return (
            positive_seconds("connect timeout", connect),
            positive_seconds("read timeout", read),
        )
    return positive_seconds("timeout", timeout)


def validate_deadline(deadline: object) -> float | None:
    """Return ``deadline`` as seconds if it is a finite positive number; ``None`` stays ``None``.

    Raises:
        TypeError / ValueError: saying what is wrong.
    """
    return None if deadline is None else positive_seconds("deadline", deadline)


def positive_seconds(what: str, value: object) -> float:
    """``value`` as a float if it is a finite number of seconds above 0.

    Raises:
        TypeError / ValueError: naming ``what``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(
            f"{what} must be a number of seconds, got {type(value).__name__}"
            + ("; waiting forever is not allowed, give a finite timeout" if value is None else "")
        )
    seconds = finite_float(what, value, "a finite number of seconds above 0")
    if seconds <= 0:
        raise ValueError(f"{what} must be a finite number of seconds above 0, got {value!r}")
    return seconds


def finite_float(what: str, value: int | float, expected: str) -> float:
    """``value`` as a finite float; ValueError naming ``what`` for NaN, infinities and huge ints.

    An int too large for a float (``10**400``) would raise ``OverflowError`` in
    ``math.isfinite`` or ``float()``; it is refused like an infinity.
    """
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        shown = repr(value) if len(str(value)) <= 40 else f"a {len(str(value))}-digit number"
        raise ValueError(f"{what} must be {expected}, got {shown}")
    return number


def check_pool_maxsize(size: object) -> int:
    if isinstance(size, bool) or not isinstance(size, int):
        raise TypeError(f"pool_maxsize must be an int, got {type(size).__name__}")
    if size < 1:
        raise ValueError(f"pool_maxsize must be at least 1, got {size}")
    return size


def check_uid(uid: object) -> str:
    if uid is None:
        return ""
    if isinstance(uid, bool) or not isinstance(uid, str | int):
        raise TypeError(f"uid must be a str or int, got {type(uid).__name__}")
    text = str(uid)
    if text and not (text.isascii() and text.isdigit()):
        raise ValueError(f"uid must be the user's numeric id, got {text!r}")
    return text


def check_secret(name: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def check_base_url(name: str, url: object) -> str:
    url = check_http_url(name, url)
    parts = urllib.parse.urlsplit(url)
    if parts.query or parts.fragment:
        # the platform signs every parameter: an unsigned one in the URL would fail (104)
        raise ValueError(
            f"{name} must not carry a query or fragment, got {shown_url(url)!r}; pass parameters "
            "to the call instead"
        )
    return url


def shown_url(url: str) -> str:
    # a URL for a message: a password in it (user:password@host) is not shown
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def check_http_url(name: str, url: object) -> str:
    """``url`` if it is an http(s) URL with a host; else TypeError/ValueError naming ``name``."""
    if not isinstance(url, str):
        raise TypeError(f"{name} must be a str, got {type(url).__name__}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{name} must be an http(s) URL with a host, got {shown_url(url)!r}")
    return url


def check_app_id(app_id: object) -> int:
    if isinstance(app_id, bool) or not isinstance(app_id, int):
        raise TypeError(
            f"app_id must be an int, got {type(app_id).__name__}; "
            "convert it with int(...) if it comes from configuration"
        )
    if app_id <= 0:
        raise ValueError(f"app_id must be a positive integer, got {app_id}")
    return app_id


def required_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty")
    return value
