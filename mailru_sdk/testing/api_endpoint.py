"""The fake platform's REST endpoint: every API request checked, recorded and answered.

A request is checked as the platform checks it (a repeated parameter gets
error 100, an unknown ``app_id`` 103, an unknown ``session_key`` 102, a wrong
signature on either circuit 104), then answered by a scripted error, a
handler (``fake.respond``), the canned answer of a catalogued method
(``mailru_sdk.testing.canned``), or error 2 for an unknown method.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from mailru_sdk import _catalogue
from mailru_sdk.errors import APIError
from mailru_sdk.testing import canned
from mailru_sdk.testing.faults import Fault
from mailru_sdk.testing.records import RecordedCall
from mailru_sdk.testing.world import World

__all__ = ["answer_api", "expected_signature", "platform_error", "record_call"]


def platform_error(code: int, message: str | None = None) -> dict[str, Any]:
    """The platform's error body for ``code``, with its catalogued message by default."""
    return {"error": {"error_code": code, "error_msg": message or error_message(code)}}


def error_message(code: int) -> str:
    """The catalogued message of platform error ``code`` (``Error N.`` when it has none)."""
    text = APIError.class_for(code).message
    return text if text and text != "unknown" else f"Error {code}."


def expected_signature(
    params: Mapping[str, str], private_key: str, secret_key: str, uid: str | None
) -> str:
    """The signature the platform expects for ``params`` (independent of the SDK's code).

    Server-server when ``secure=1`` is among the parameters: ``md5(concat +
    secret_key)``; else client-server: ``md5(uid + concat + private_key)``.
    """
    concat = "".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
    if params.get("secure") == "1":
        text = concat + secret_key
    else:
        text = (uid or "") + concat + private_key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def record_call(
    world: World,
    http_method: str,
    pairs: list[tuple[str, str]],
    raw_query: str,
    files: dict[str, tuple[str, bytes]],
) -> RecordedCall:
    """Add the API request to ``world.calls``; returns its record."""
    params = dict(pairs)
    circuit = "server-server" if params.get("secure") == "1" else "client-server"
    call = RecordedCall(http_method, params.get("method", ""), params, raw_query, circuit, files)
    with world._lock:
        world.calls.append(call)
    return call


def answer_api(
    world: World,
    http_method: str,
    pairs: list[tuple[str, str]],
    raw_query: str,
    files: dict[str, tuple[str, bytes]],
    scripted: Fault | None,
) -> tuple[int, Any]:
    """Record, check and answer one API request; returns the HTTP status and the JSON body.

    ``pairs`` are the decoded parameters in the order received, ``raw_query``
    the query string (or urlencoded body) as recorded. ``scripted`` replaces
    the answer of a request that passes the checks.
    """
    call = record_call(world, http_method, pairs, raw_query, files)
    params = call.params
    if len(pairs) != len(params):
        return 200, platform_error(100, "A parameter is repeated.")
    with world._lock:
        app = world.apps.get(params.get("app_id", ""))
        session_key = params.get("session_key")
        uid = world.tokens.get(session_key) if session_key is not None else params.get("uid")
    if app is None:
        return 200, platform_error(103)
    if session_key is not None and uid is None:
        return 200, platform_error(102)
    key = app.secret_key if params.get("secure") == "1" else app.private_key
    if not key:  # an app registered without this circuit's key: no signature is valid
        return 200, platform_error(104)
    if params.get("sig") != expected_signature(params, app.private_key, app.secret_key, uid):
        return 200, platform_error(104)
    if scripted is not None:
        return scripted.status, platform_error(
            scripted.code, scripted.message or f"Injected error {scripted.code}"
        )
    with world._lock:
        handler = world.handlers.get(call.method)
    if handler is not None:
        return 200, handler(params)
    entry = _catalogue.methods().get(call.method) if world.canned else None
    if entry is None:
        return 200, platform_error(2)
    missing = [name for name in entry.info.required if name not in params]
    if missing:
        return 200, platform_error(100, f"Required parameter missing: {', '.join(missing)}.")
    try:
        with world._lock:
            return 200, canned.answer(world, entry, params, uid or "")
    except canned.InvalidParameter as exc:
        return 200, platform_error(100, f"{exc}.")
