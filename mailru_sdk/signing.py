"""Wire encoding and the two signature circuits of the Mail.Ru Platform.

Pure functions, no I/O. Every value is encoded to its wire string exactly
once; the same strings are signed and sent, so what the server decodes from
the query is byte for byte what was hashed.

The platform signs ``md5(prefix + concat + key)`` where ``concat`` is every
parameter except ``sig``, sorted by name and joined as ``name=value`` with no
separator:

* client-server: ``prefix`` is the user's uid, ``key`` the app's private key;
* server-server: ``secure=1`` is one of the parameters, no prefix, ``key`` is
  the app's secret key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Literal

__all__ = [
    "Circuit",
    "Params",
    "canonical_string",
    "encode_params",
    "encode_value",
    "param_mapping",
    "sign",
    "sign_client_server",
    "sign_server_server",
]

Circuit = Literal["client-server", "server-server"]
"""The two signature circuits: with ``uid`` + private key, or with the secret key."""

Params = Mapping[str, object] | Iterable[tuple[str, object]]
"""Parameters as requests takes them: a mapping, or ``(name, value)`` pairs (a list, a tuple)."""


def param_mapping(params: Params, what: str = "params") -> Mapping[str, object]:
    """``params`` as a mapping: a mapping as is, ``(name, value)`` pairs as a dict.

    The one place where every entry point (``session.call``, ``public_request``,
    ``extra_params``, ``session.params``) accepts pairs as requests does. The
    platform signs each name once, so a name given twice is refused rather
    than sent twice; ``what`` names the argument in the message.

    Raises:
        TypeError: ``params`` is neither a mapping nor an iterable of pairs, or
            an item is not a ``(str, value)`` pair.
        ValueError: a name given more than once.
    """
    if isinstance(params, Mapping):
        return params
    if isinstance(params, str | bytes | bytearray) or not isinstance(params, Iterable):
        raise TypeError(
            f"{what} must be a mapping or (name, value) pairs, got {type(params).__name__}"
        )
    pairs: dict[str, object] = {}
    for index, item in enumerate(params):
        if not isinstance(item, tuple | list) or len(item) != 2:
            size = f" of {len(item)} items" if isinstance(item, tuple | list) else ""
            raise TypeError(
                f"{what}: item {index} is not a (name, value) pair (a {type(item).__name__}{size})"
            )
        name, value = item
        if not isinstance(name, str) or not name:
            raise TypeError(
                f"{what}: item {index} has a name of type {type(name).__name__}; "
                "names must be non-empty strings"
            )
        if name in pairs:
            raise ValueError(
                f"{what}: {name!r} is given more than once; the platform signs each name "
                f"once, so give one value (a list is sent comma-joined: {name}=[1, 2])"
            )
        pairs[name] = value
    return pairs


def encode_value(name: str, value: object) -> str | None:
    """Encode one parameter value to its wire string.

    ``str`` is kept as is, ``int`` becomes decimal, ``bool`` becomes ``"1"`` or
    ``"0"``, a list or tuple of ``str``/``int`` is comma-joined and ``None``
    means "do not send" (returns ``None``). ``0``, ``False`` and ``""`` are real
    values and are sent.

    Raises:
        TypeError: for any other type (dict, float, bytes, objects), naming
            the parameter.
        ValueError: for a list element that itself contains a comma, which the
            platform could not tell apart from two elements.
    """
    # Exact type checks first: they are the common case and keep the hot path short.
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is bool:
        return "1" if value else "0"
    if kind is int:
        return str(value)
    if value is None:
        return None
    if isinstance(value, bool):  # pragma: no cover - bool cannot be subclassed
        return "1" if value else "0"
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, list | tuple):
        return _encode_sequence(name, value)
    raise TypeError(
        f"parameter {name!r}: cannot send a value of type {type(value).__name__}; "
        "use str, int, bool, a list/tuple of str or int, or None to leave it out"
    )


_INTS = {int}
_STRS = {str}


def _encode_sequence(name: str, values: list[object] | tuple[object, ...]) -> str:
    # Fast paths, checked in C: every element a plain int (ids), or every element a plain,
    # non-empty str without a comma (the joined text then has exactly len - 1 commas).
    # Anything else takes the element-by-element walk, which names a bad element.
    kinds = set(map(type, values))
    if kinds == _INTS:
        return ",".join(map(int.__repr__, values))
    if kinds == _STRS and "" not in values:
        joined = ",".join(values)  # type: ignore[arg-type]
        if joined.count(",") == len(values) - 1 or not values:
            return joined
    return _encode_elements(name, values)


def _encode_elements(name: str, values: Iterable[object]) -> str:
    parts: list[str] = []
    for index, item in enumerate(values):
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise TypeError(
                f"parameter {name!r}: element {index} has type {type(item).__name__}; "
                "list elements must be str or int"
            )
        text = str.__str__(item) if isinstance(item, str) else int.__repr__(item)
        if not text:
            raise ValueError(
                f"parameter {name!r}: element {index} is an empty string, which the platform "
                "would read as an empty id; leave it out of the list"
            )
        if "," in text:
            raise ValueError(
                f"parameter {name!r}: element {index} ({text!r}) contains a comma, "
                "which the platform reads as a separator; split it into separate elements"
            )
        parts.append(text)
    return ",".join(parts)


def encode_params(params: Params, what: str = "params") -> dict[str, str]:
    """Encode every parameter with [`encode_value()`][mailru_sdk.signing.encode_value], leaving
    out ``None`` values.

    ``params`` is a mapping or ``(name, value)`` pairs
    ([`param_mapping()`][mailru_sdk.signing.param_mapping]).
    """
    mapping = params if type(params) is dict else param_mapping(params, what)
    encoded: dict[str, str] = {}
    for name, value in mapping.items():
        # plain str values, the common case, skip the call
        text = value if type(value) is str else encode_value(name, value)
        if text is not None:
            encoded[name] = text
    return encoded


def canonical_string(params: Mapping[str, str]) -> str:
    """Join the encoded parameters, except ``sig``, sorted by name, as ``name=value``."""
    # sorting (name, value) pairs orders by name: names are unique
    return "".join([f"{name}={value}" for name, value in sorted(params.items()) if name != "sig"])


def _md5_hex(text: str, params: Mapping[str, str]) -> str:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise _unencodable(params) from None
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _unencodable(params: Mapping[str, str]) -> ValueError:
    # Only on the error path: find the parameter that holds a lone surrogate.
    for name, value in params.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return ValueError(
                f"parameter {name!r}: character {value[exc.start]!r} at position {exc.start} "
                "cannot be encoded as UTF-8 (a lone surrogate); fix the text before sending"
            )
    return ValueError("a key or uid cannot be encoded as UTF-8")


def sign_client_server(params: Mapping[str, str], uid: str, private_key: str) -> str:
    """Signature of the client-server circuit: ``md5(uid + concat + private_key)``."""
    return _md5_hex(uid + canonical_string(params) + private_key, params)


def sign_server_server(params: Mapping[str, str], secret_key: str) -> str:
    """Signature of the server-server circuit: ``md5(concat + secret_key)``.

    ``params`` must already contain ``secure=1``: the platform signs it too.
    """
    if params.get("secure") != "1":
        raise ValueError("server-server signing needs secure=1 among the parameters")
    return _md5_hex(canonical_string(params) + secret_key, params)


def sign(params: Mapping[str, str], circuit: Circuit, *, uid: str, key: str) -> str:
    """Sign ``params`` with ``circuit``; ``key`` is the private or the secret key."""
    if circuit == "client-server":
        return sign_client_server(params, uid, key)
    return sign_server_server(params, key)
