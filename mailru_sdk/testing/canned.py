"""Canned answers of the fake platform, one for every catalogued method.

Methods that read or write the fake's world (users, friends, albums, stream
events) answer from it; every other method answers a value shaped like its
return type in the catalogue, built from the return and field types of the
generated catalogue (``mailru_sdk._generated.catalogue``, through
``mailru_sdk._catalogue``), never from ``spec/methods.yaml``. A method whose
return the catalogue does not know (``Any``) answers ``unknown_shape()``, a
placeholder object: script a realistic value with ``fake.respond(method, value)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mailru_sdk import _catalogue
from mailru_sdk._catalogue import MethodEntry
from mailru_sdk._typeexpr import PRIMITIVES, TypeRef, parse_type
from mailru_sdk.testing.world import CANNED_TIME, World, add_album, add_event

__all__ = [
    "InvalidParameter",
    "answer",
    "sample",
    "unknown_shape",
]


class InvalidParameter(ValueError):
    """A parameter value the platform would refuse with error 100."""


def unknown_shape(method: str) -> dict[str, Any]:
    """The answer of a method whose return shape the catalogue does not know."""
    return {"fake": True, "method": method}


# -- values shaped like a type -------------------------------------------------------------


def sample(expr: TypeRef | str, field: str = "", depth: int = 0) -> Any:
    """A JSON value of the catalogue's type ``expr`` (e.g. ``"list[Album]"``).

    Objects get every field whose type is known, nested objects down to two
    levels; ``Any`` is ``None`` (and such fields are left out of objects).
    """
    if isinstance(expr, str):
        expr = parse_type(expr)
    if expr.name == "list":
        return [sample(expr.args[0], field, depth)]
    if expr.name == "dict":
        return {"key": sample(expr.args[-1], field, depth)}
    if expr.name == "str":
        return _string(field)
    if expr.name == "int":
        return CANNED_TIME if field in ("time", "created", "updated", "last_visit") else 1
    if expr.name == "bool":
        return True
    if expr.name == "Any":
        return None
    return _object(expr.name, depth)


def _object(name: str, depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for field, spec_type in _catalogue.objects()[name].items():
        expr = parse_type(spec_type)
        if expr.name == "Any":
            continue
        if not _is_scalar(expr) and depth >= 1:
            continue
        value[field] = sample(expr, field, depth + 1)
    return value


def _is_scalar(expr: TypeRef) -> bool:
    if expr.name in ("list", "dict"):
        return _is_scalar(expr.args[-1])
    return expr.name in PRIMITIVES


def _string(field: str) -> str:
    if any(word in field for word in ("url", "src", "pic", "link", "href", "icon")):
        return f"https://fake.invalid/{field}"
    if field in ("uid", "huid", "owner", "aid", "pid", "id", "cover_pid") or field.endswith("_id"):
        return "1"
    return field.replace("_", " ").capitalize() if field else "text"


# -- the world's answers -------------------------------------------------------------------

Answer = Callable[[World, Mapping[str, str], str], Any]


def answer(world: World, entry: MethodEntry, params: Mapping[str, str], uid: str) -> Any:
    """The canned answer of catalogued method ``entry`` called by ``uid`` with ``params``.

    Raises:
        InvalidParameter: a value the platform would refuse (error 100).
    """
    stateful = _STATEFUL.get(entry.name)
    if stateful is not None:
        return stateful(world, params, uid)
    expr = parse_type(_returns(entry, params))
    if expr.name == "Any":
        return unknown_shape(entry.name)
    value = sample(expr)
    if isinstance(value, list):
        # one item in all: a page past it is empty, so paging over it ends
        offset = _int(params, "offset", 0)
        limit = _int(params, "limit", len(value))
        value = value[max(offset, 0) :][: max(limit, 0)]
    return value


def _returns(entry: MethodEntry, params: Mapping[str, str]) -> str:
    """The return type the call's flags select: the first overload that holds, else the base."""
    for overload in entry.overloads:
        if all(_flag(params, name) == value for name, value in overload.when):
            return overload.returns
    return entry.returns


def _int(params: Mapping[str, str], name: str, default: int) -> int:
    text = params.get(name)
    if text is None or text == "":
        return default
    try:
        return int(text)
    except ValueError:
        raise InvalidParameter(f"{name} must be an integer, got {text!r}") from None


def _flag(params: Mapping[str, str], name: str) -> bool:
    return params.get(name, "0") not in ("", "0")


def _friends(predicate: Callable[[dict[str, Any]], bool]) -> Answer:
    def friends(world: World, params: Mapping[str, str], uid: str) -> Any:
        offset = _int(params, "offset", 0)
        uids = [u for u in world.friends.get(uid, []) if predicate(world.users.get(u, {}))]
        uids = uids[offset:]
        if _flag(params, "ext"):
            return [dict(world.users.get(u, {"uid": u})) for u in uids]
        return uids

    return friends


def _users_get_info(world: World, params: Mapping[str, str], uid: str) -> Any:
    wanted = params["uids"].split(",") if params.get("uids") else [uid]
    return [dict(world.users[u]) for u in wanted if u in world.users]


def _has_app_permission(world: World, params: Mapping[str, str], uid: str) -> Any:
    return {params.get("ext_perm", ""): 1}


def _get_albums(world: World, params: Mapping[str, str], uid: str) -> Any:
    owner = params.get("uid") or uid
    albums = world.albums.get(owner, [])
    if params.get("aids"):
        wanted = set(params["aids"].split(","))
        albums = [a for a in albums if a.get("aid") in wanted]
    return [dict(a) for a in albums]


def _create_album(world: World, params: Mapping[str, str], uid: str) -> Any:
    fields: dict[str, Any] = {"title": params.get("title", "")}
    if "description" in params:
        fields["description"] = params["description"]
    if "privacy" in params:
        fields["privacy"] = _int(params, "privacy", 0)
    album = add_album(world, uid, fields)
    return {**unknown_shape("photos.createAlbum"), "aid": album["aid"]}


def _events_page(
    world: World, params: Mapping[str, str], author: str | None
) -> list[dict[str, Any]]:
    limit = _int(params, "limit", 10)
    events = list(reversed(world.events))  # newest first
    if author is not None:
        events = [e for e in events if _author(e) == author]
    if "filter_app" in params:
        app = _int(params, "filter_app", 0)
        events = [e for e in events if e.get("generator", {}).get("app_id") == app]
    if params.get("skip"):
        ids = [e.get("id") for e in events]
        events = events[ids.index(params["skip"]) + 1 :] if params["skip"] in ids else []
    return [dict(e) for e in events[: max(limit, 0)]]


def _author(event: Mapping[str, Any]) -> str | None:
    authors = event.get("authors") or [{}]
    author: str | None = authors[0].get("uid")
    return author


def _stream_get(world: World, params: Mapping[str, str], uid: str) -> Any:
    return _events_page(world, params, None)


def _stream_get_by_author(world: World, params: Mapping[str, str], uid: str) -> Any:
    return _events_page(world, params, params.get("uid") or uid)


def _stream_post(world: World, params: Mapping[str, str], uid: str) -> Any:
    text = params.get("user_text") or params.get("text", "")
    event = add_event(world, uid, {"user_text": text, "type_name": params.get("title", "Post")})
    return {**unknown_shape("stream.post"), "id": event["id"]}


_STATEFUL: dict[str, Answer] = {
    "users.getInfo": _users_get_info,
    "users.isAppUser": lambda world, params, uid: {"isAppUser": 1 if uid in world.users else 0},
    "users.hasAppPermission": _has_app_permission,
    "friends.get": _friends(lambda user: True),
    "friends.getAppUsers": _friends(lambda user: True),
    "friends.getOnline": _friends(lambda user: user.get("is_online") == 1),
    "photos.getAlbums": _get_albums,
    "photos.createAlbum": _create_album,
    "stream.get": _stream_get,
    "stream.getByAuthor": _stream_get_by_author,
    "stream.post": _stream_post,
}
