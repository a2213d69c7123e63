"""Keeping secrets out of what the SDK shows: messages, excerpts, log records, exception chains.

Every value to hide is given by the caller (the session's secrets registry,
plus a try's own signature); this module only knows how a secret can be
written (raw, %-encoded) and where requests and urllib3 keep copies of a URL
or a body (exception arguments, ``.request``, ``.response``, ``.url``).
"""

from __future__ import annotations

import contextlib
import functools
import html.entities
import logging
import re
import threading
import urllib.parse
import weakref
from collections.abc import Iterable, Mapping

import requests
from requests.structures import CaseInsensitiveDict

from mailru_sdk._fork import forget_at_fork

__all__ = [
    "REDACTED",
    "SECRET_PARAMS",
    "SHORT_SECRET",
    "TOKENS_KEPT",
    "QueryRedactingFilter",
    "Secrets",
    "body_excerpt",
    "live_secrets",
    "redact_params",
    "redact_text",
    "redact_third_party_logs",
    "scrub_exception_chain",
    "secret_pattern",
    "url_passwords",
]

#: Parameter names whose values are never logged or shown.
SECRET_PARAMS = frozenset(
    {
        "sig",
        "session_key",
        "access_token",
        "refresh_token",
        "password",
        "private_key",
        "secret_key",
        "client_secret",
        "code",
    }
)

REDACTED = "***"

_SECRET_IN_QUERY = re.compile(r"\b(" + "|".join(sorted(SECRET_PARAMS)) + r")=[^&\s\"']*")


class QueryRedactingFilter(logging.Filter):
    """Masks secrets in a logger's records: secret query parameters, and every live secret.

    ``urllib3`` logs every request line, query string included, at DEBUG. On the
    ``requests`` path (a mounted adapter, a proxy...) that line would carry the
    access token and the signature into any application that logs DEBUG.
    Parameters named in ``SECRET_PARAMS`` are masked (``session_key=***``);
    then the record's text is redacted of every secret of every live session
    (in any encoding, see ``redact_text()``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record's message and arguments; never drops a record."""
        if isinstance(record.msg, str):
            record.msg = _SECRET_IN_QUERY.sub(rf"\1={REDACTED}", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                _SECRET_IN_QUERY.sub(rf"\1={REDACTED}", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        live = live_secrets()
        if live:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # a record whose args do not fit: left to logging
                return True
            redacted = redact_text(message, live)
            if redacted != message:
                record.msg, record.args = redacted, None
        return True


# every live session's registry: what log records are redacted of
_LIVE: weakref.WeakSet[Secrets] = weakref.WeakSet()
_LIVE_LOCK = threading.Lock()  # a WeakSet may not grow while another thread iterates it


def live_secrets() -> list[str]:
    """Every secret registered by a ``Secrets`` that is still alive."""
    with _LIVE_LOCK:
        registries = list(_LIVE)
    return [value for registry in registries for value in registry.values()]


# urllib3 modules whose log records carry request URLs (request lines, retries, redirects)
_THIRD_PARTY_LOGGERS = (
    "urllib3.connectionpool",
    "urllib3.util.retry",
    "urllib3.poolmanager",
    "urllib3.connection",
    "urllib3.response",
)


def redact_third_party_logs() -> None:
    """Attach ``QueryRedactingFilter`` to the SDK's logger and urllib3's that log URLs (once).

    Process-wide: urllib3's loggers are shared by every ``requests`` user of the
    process, so their records are redacted too (docs/transport.md says so).
    """
    for name in ("mailru_sdk", *_THIRD_PARTY_LOGGERS):
        target = logging.getLogger(name)
        if not any(isinstance(f, QueryRedactingFilter) for f in target.filters):
            target.addFilter(QueryRedactingFilter())


def redact_params(params: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``params`` fit for a log line: secret values replaced by ``***``."""
    return {name: REDACTED if name in SECRET_PARAMS else value for name, value in params.items()}


@functools.lru_cache(maxsize=32)  # the session's few URLs, looked up for every failure
def url_passwords(url: str) -> tuple[str, ...]:
    """The password of ``user:password@`` in ``url``, as written and %-decoded; ``()`` if none."""
    password = urllib.parse.urlsplit(url).password
    return (password, urllib.parse.unquote(password)) if password else ()


#: secrets shorter than this are redacted only as whole tokens (see ``redact_text()``)
SHORT_SECRET = 8

# characters a short secret's occurrence must not touch to count as a whole token
_TOKEN_CHAR = "0-9A-Za-z_"

# the JSON escapes of characters that have a short one ("\/" for "/", "\n"...)
_JSON_SHORT = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


def _char_forms(char: str) -> str:
    """A regex matching ``char`` in each encoding a server may echo it in.

    Raw; %-escapes of its UTF-8 bytes in either case; ``+`` for a space; JSON
    (``\\uXXXX`` in either case, surrogate pairs, ``\\/``, ``\\n``...); Python
    ``repr`` escapes (``\\xe9``, ``\\u200b``, bytes as ``\\xc3\\xa9``); HTML
    entities (named, ``&#39;``, ``&#x27;``, any leading zeros).
    """
    code = ord(char)
    utf8 = char.encode("utf-8", errors="surrogatepass")
    forms = [re.escape(char), "(?i:" + "".join(f"%{byte:02x}" for byte in utf8) + ")"]
    if char == " ":
        forms.append(r"\+")
    if char in _JSON_SHORT:
        forms.append(re.escape(_JSON_SHORT[char]))
    if code > 0xFFFF:  # JSON writes it as a surrogate pair
        high, low = divmod(code - 0x10000, 0x400)
        forms.append(f"(?i:\\\\u{0xD800 + high:04x}\\\\u{0xDC00 + low:04x})")
    else:
        forms.append(f"(?i:\\\\u{code:04x})")
    if code < 0x100:
        forms.append(f"(?i:\\\\x{code:02x})")
    if code > 0xFFFF:
        forms.append(f"(?i:\\\\U{code:08x})")
    if len(utf8) > 1:  # bytes' repr
        forms.append("(?i:" + "".join(f"\\\\x{byte:02x}" for byte in utf8) + ")")
    forms.append(f"&\\#0*{code};")
    forms.append(f"(?i:&\\#x0*{code:x};)")
    name = html.entities.codepoint2name.get(code)
    if name is not None:
        forms.append(f"&{name};")
    if char == "'":
        forms += ["&apos;", re.escape("\\'")]  # and repr's \'
    return "(?:" + "|".join(forms) + ")"


@functools.lru_cache(maxsize=512)  # a session's few secrets, and each failed try's signature
def secret_pattern(secret: str) -> re.Pattern[str]:
    """The regex of ``secret`` in any encoding, each character in any of its forms.

    Mixed forms (part %-escaped, part raw, as a server may echo them) match
    too. A secret shorter than ``SHORT_SECRET`` matches only as a whole
    token: not inside a longer word (``"t"`` must not shred ``"HTTPSConnectionPool"``).
    """
    body = "".join(_char_forms(char) for char in secret)
    if len(secret) < SHORT_SECRET:
        body = f"(?<![{_TOKEN_CHAR}]){body}(?![{_TOKEN_CHAR}])"
    return re.compile(body)


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with each secret, in any encoding (see ``secret_pattern()``), replaced by ``***``.

    Longer secrets go first, so that one holding another is replaced whole.
    """
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        if len(secret) >= SHORT_SECRET and secret[:1] in text:
            text = text.replace(secret, REDACTED)  # the common form, quickly
        text = secret_pattern(secret).sub(REDACTED, text)
    return text


def _longest_form(secrets: list[str]) -> int:
    # the longest any secret can be written: 12 characters per character (%F0%9F%98%80)
    return 12 * max((len(s) for s in secrets), default=0)


def body_excerpt(body: bytes, secrets: Iterable[str], limit: int = 200) -> str:
    """The start of a body (at most ``limit`` characters) for an error message, redacted.

    Redacted before it is cut, and from enough of the body that no secret
    (in its longest encoding) can straddle the cut.
    """
    secret_list = [s for s in secrets if s]
    longest = _longest_form(secret_list)
    size = limit * 4 + longest
    while True:
        text = redact_text(body[:size].decode("utf-8", errors="replace"), secret_list)
        # a secret cut off at the window's end starts at least `longest` before it
        if size >= len(body) or len(text) >= limit + longest:
            return text[:limit]
        size *= 2


def scrub_exception_chain(exc: BaseException, secrets: Iterable[str]) -> None:
    """Redact ``secrets`` from the text of ``exc`` and every exception chained to it.

    ``requests`` and ``urllib3`` put the full URL, query string included, in
    their messages; the session's access token and the signature would then
    reach any log that prints the traceback.
    """
    secret_list = [s for s in secrets if s]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.args = tuple(_scrub_arg(arg, secret_list, seen) for arg in current.args)
        _scrub_attributes(current, secret_list, seen)
        if isinstance(current, OSError):
            # requests' exceptions are OSErrors: with two args, their text comes from
            # errno/strerror (and filename), not from args
            for attr in ("errno", "strerror", "filename", "filename2"):
                value = getattr(current, attr)
                if isinstance(value, str):
                    setattr(current, attr, redact_text(value, secret_list))
                elif isinstance(value, BaseException):
                    setattr(current, attr, _scrub_arg(value, secret_list, seen))
        current = current.__cause__ or current.__context__


def _scrub_attributes(exc: BaseException, secrets: list[str], seen: set[int]) -> None:
    # requests' exceptions keep the request (URL with the query, form body) and the
    # response as attributes, which a pickle or a debugger shows; urllib3's keep .url,
    # ._message, .reason: every attribute (vars()) is redacted, as error trackers dump them
    request = getattr(exc, "request", None)
    if request is not None and isinstance(getattr(request, "url", None), str):
        # a PreparedRequest, or a mock's wrapper of one (requests-mock's)
        exc.request = _redacted_request(request, secrets)  # type: ignore[attr-defined]
    response = getattr(exc, "response", None)
    if isinstance(response, requests.Response):
        if isinstance(response.url, str):
            response.url = redact_text(response.url, secrets)
        if isinstance(response.request, requests.PreparedRequest):
            response.request = _redacted_request(response.request, secrets)
    for name, value in list(getattr(exc, "__dict__", {}).items()):
        if name in ("request", "response"):
            continue
        scrubbed = _scrub_value(value, secrets, seen)
        if scrubbed is not value:
            with contextlib.suppress(AttributeError, TypeError):
                setattr(exc, name, scrubbed)


def _scrub_value(value: object, secrets: list[str], seen: set[int], depth: int = 0) -> object:
    """``value`` (an exception's attribute) redacted: text, bytes, exceptions, tuples of them.

    An object holding such values (a recorder's copy of the request, e.g. vcrpy's
    ``failed_request``) is redacted in place, one level deep.
    """
    if isinstance(value, str):
        redacted = redact_text(value, secrets)
        return value if redacted == value else redacted
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
        redacted = redact_text(text, secrets)
        return value if redacted == text else redacted.encode("utf-8")
    if isinstance(value, BaseException):
        if id(value) not in seen:
            scrub_exception_chain(value, secrets)
            seen.add(id(value))
        return value
    if isinstance(value, tuple | list):
        items = [_scrub_value(item, secrets, seen, depth) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        make = getattr(value, "_make", type(value))  # a named tuple (a parsed URL) too
        return make(items)
    if depth == 0 and not isinstance(value, type) and hasattr(value, "__dict__"):
        for name, inner in list(vars(value).items()):
            scrubbed = _scrub_value(inner, secrets, seen, depth + 1)
            if scrubbed is not inner:
                with contextlib.suppress(Exception):
                    setattr(value, name, scrubbed)
    return value


def _redacted_request(request: object, secrets: list[str]) -> requests.PreparedRequest:
    """A ``PreparedRequest`` copy of ``request`` without the secrets in its URL and body."""
    copy = requests.PreparedRequest()
    copy.method = getattr(request, "method", None)
    copy.url = redact_text(getattr(request, "url", None) or "", secrets)
    headers = getattr(request, "headers", None)
    copy.headers = CaseInsensitiveDict(headers if isinstance(headers, Mapping) else {})
    for name in ("Authorization", "Proxy-Authorization", "Cookie"):
        copy.headers.pop(name, None)
    body = getattr(request, "body", None)
    if isinstance(body, bytes):
        copy.body = redact_text(body.decode("utf-8", errors="replace"), secrets).encode("utf-8")
    elif isinstance(body, str):
        copy.body = redact_text(body, secrets)
    else:  # a stream (an upload): its text parts are not kept
        copy.body = None
    return copy


def _scrub_arg(arg: object, secrets: list[str], seen: set[int]) -> object:
    if isinstance(arg, str):
        return redact_text(arg, secrets)
    if isinstance(getattr(arg, "url", None), str) and hasattr(arg, "method"):
        return _redacted_request(arg, secrets)  # a request given as an argument (requests-mock)
    if isinstance(arg, BaseException):
        # A nested exception (urllib3's MaxRetryError inside requests' ConnectionError):
        # replace it by its redacted text, and redact its own chain too.
        scrub_exception_chain(arg, secrets)
        seen.add(id(arg))
        return redact_text(str(arg), secrets)
    return arg


class Secrets:
    """The one registry of a session's secrets: every value the SDK must never show.

    Parts register what they hold when they get it: the app's keys and the
    passwords in its URLs (``add()``, kept for the session's life), and each
    access and refresh token it receives (``add_token()``: the latest
    ``TOKENS_KEPT`` are kept, so an old token in a late error message is
    still hidden while the registry stays small over months of refreshes).
    Everything the SDK shows (exception texts and chains, excerpts, log
    records) is redacted from ``values()``, plus a try's own secret
    parameters (``with_params()``: ``sig``, ``session_key``...).
    """

    __slots__ = ("__weakref__", "_fixed", "_lock", "_tokens", "_values")

    def __init__(self, *values: str) -> None:
        self._lock = threading.Lock()
        self._fixed: tuple[str, ...] = ()
        self._tokens: tuple[str, ...] = ()
        self._values: tuple[str, ...] = ()
        self.add(*values)
        with _LIVE_LOCK:
            _LIVE.add(self)  # log records are redacted of it while it lives
        forget_at_fork(self)

    def _after_fork(self) -> None:
        global _LIVE_LOCK
        self._lock = threading.Lock()
        _LIVE_LOCK = threading.Lock()

    def add(self, *values: str) -> None:
        """Register ``values`` for the session's life (empty ones are ignored)."""
        new = [value for value in values if value and value not in self._fixed]
        if new:
            with self._lock:  # tuples swapped whole: readers never take the lock
                self._fixed = tuple(dict.fromkeys((*self._fixed, *new)))
                self._values = tuple(dict.fromkeys((*self._fixed, *self._tokens)))

    def add_token(self, *tokens: str) -> None:
        """Register tokens; the oldest beyond the latest ``TOKENS_KEPT`` are dropped."""
        new = [token for token in tokens if token and token not in self._tokens]
        if new:
            with self._lock:
                self._tokens = tuple(dict.fromkeys((*self._tokens, *new)))[-TOKENS_KEPT:]
                self._values = tuple(dict.fromkeys((*self._fixed, *self._tokens)))

    def add_url(self, url: str) -> None:
        """Register the password of ``user:password@`` in ``url``, if any."""
        self.add(*url_passwords(url))

    def values(self) -> tuple[str, ...]:
        """Every registered secret."""
        return self._values

    def with_params(self, params: Mapping[str, str]) -> list[str]:
        """``values()``, and the values of ``params`` named in ``SECRET_PARAMS``."""
        return [
            *self._values,
            *(value for name, value in params.items() if name in SECRET_PARAMS and value),
        ]

    def __repr__(self) -> str:
        return f"<Secrets: {len(self._values)} registered>"


TOKENS_KEPT = 16
"""How many of a session's latest tokens (access and refresh) its ``Secrets`` keeps."""
