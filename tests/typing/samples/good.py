"""Sample user code that must pass ``mypy --strict`` without a single error.

Checked by tests/typing/test_type_snapshots.py; not collected by pytest, not linted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mailru_sdk import API, APIError, ClientSession, ServerSession, TokenSession
from mailru_sdk.types import Count, Event, Thread, User
from mailru_sdk.errors import AccessDeniedError


def sessions() -> list[TokenSession]:
    server = ServerSession(423004, "secret key", "access token", timeout=5.0, max_retries=1)
    client = ClientSession(423004, "private key", "access token", 1324730981306483817)
    token = TokenSession(423004, "private key", "secret key", "access token", "1324730981306483817")
    return [server, client, token]


def calls(api: API) -> None:
    uids: list[str] = api.friends.get()
    first_uid: str = uids[0]
    users: list[User] = api.friends.get(ext=True)
    name: str = users[0]["first_name"]
    plain: list[str] = api.friends.get(ext=False, offset=10)
    flag = bool(first_uid)
    either: list[User] | list[str] = api.friends.get(ext=flag)
    app_users: list[User] = api.friends.getAppUsers(ext=True, offset=0)
    pending: Count = api.friends.getInvitationsCount(uid=1324730981306483817)
    count: int = pending.get("count", 0)
    events: list[Event] = api.stream.getByAuthor(uid="1", limit=5)
    feed: list[Event] = api.stream.get(skip=events[-1]["id"] if events else None)
    profiles: list[User] = api.users.getInfo(uids=[1, "2"])
    anything: Any = api("any.method", x=1)
    extra: list[str] = api.friends.get(extra_params={"uid2": "1"})
    quick: list[User] = api.users.getInfo(timeout=(3.05, 10.0), max_retries=0)
    print(name, plain, either, app_users, count, feed, profiles, anything, extra, quick)
    # id lists: a comma-separated string as the sources send it, or a list joined by the SDK
    albums = api.photos.getAlbums(aids="_myphoto,2", uid=1)
    more_albums = api.photos.getAlbums(aids=["_myphoto", 2])
    photos = api.photos.get(aid="_myphoto", pids=("1", "2"))
    tracks: Any = api.audio.get(mids="1,2", offset=0, limit=10)
    # guessed numeric types take a string or an int
    api.achievements.add(width=100, group_id="7")
    top: Any = api.audio.top(offset=0, limit=10)
    unread: Any = api.email.getUnreadCount(uid="1")
    mine: list[str] = api.friends.get(uid=1324730981306483817)
    print(albums, more_albums, photos, tracks, top, unread, mine)


def paging(api: API) -> None:
    events: Iterator[Event] = api.stream.iter_get(limit=50)
    newest: Event = next(events)
    by_author: Iterator[Event] = api.stream.iter_getByAuthor(uid=1, skip=newest.get("id"))
    uids: Iterator[str] = api.friends.iter_get()
    profiles: Iterator[User] = api.friends.iter_get(ext=True)
    for thread in api.messages.iter_getThreadsList(limit=20, timeout=5.0, max_retries=1):
        typed: Thread = thread
        print(typed)
    found: Any = api.audio.search(query="jazz", offset=0, limit=10)
    print(by_author, uids, profiles, found)


def errors(api: API) -> str | None:
    try:
        api.users.getInfo(uids=["1"])
    except AccessDeniedError as exc:
        code: int = exc.error_code
        return f"denied ({code})"
    except APIError as exc:
        return str(exc)
    return None


for session in sessions():
    calls(API(session))
    paging(API(session))
    print(errors(API(session)))
