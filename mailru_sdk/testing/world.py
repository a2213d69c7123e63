"""The fake platform's world: its applications, tokens, users, friends, albums and events.

``World`` holds the state every part of the fake reads and changes (under
its one lock), and what it has recorded; [`FakePlatform`][mailru_sdk.testing.FakePlatform]
is a ``World``. The functions below build the world: users and friendships,
albums, stream events, and the example world a fake starts with
(``seed_example()``). ``EXAMPLE`` is the documentation's example app and user.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from mailru_sdk.testing.records import RecordedCall, RecordedPublicRequest

__all__ = [
    "CANNED_TIME",
    "EXAMPLE",
    "AppKeys",
    "Handler",
    "World",
    "add_album",
    "add_event",
    "add_user",
    "seed_example",
]

Handler = Callable[[Mapping[str, str]], Any]
"""Answers one method: receives the decoded parameters, returns the JSON body."""

#: the time every canned object carries (2023-11-14T22:13:20Z): answers are reproducible
CANNED_TIME = 1_700_000_000


class _Example(NamedTuple):
    app_id: int
    private_key: str
    secret_key: str
    access_token: str
    uid: str
    email: str
    password: str


#: The app, keys, token and user of the platform documentation's signing example
#: (https://api.mail.ru/docs/guides/restapi/), which a ``FakePlatform`` knows by default,
#: plus the e-mail and password its password grant accepts.
EXAMPLE = _Example(
    app_id=423004,
    private_key="7815696ecbf1c96e6894b779456d330e",
    secret_key="3dad9cbf9baaa0360c0f2ba372d25716",
    access_token="be6ef89965d58e56dec21acb9b62bdaa",
    uid="1324730981306483817",
    email="ivan.petrov@example.com",
    password="correct horse battery staple",
)


@dataclass
class AppKeys:
    """An application's keys: ``private_key`` (client-server) and ``secret_key`` (server-server)."""

    private_key: str
    secret_key: str


class World:
    """The state of a fake platform; the arguments are
    [`FakePlatform`][mailru_sdk.testing.FakePlatform]'s."""

    def __init__(
        self,
        apps: Mapping[int, tuple[str, str]] | None = None,
        tokens: Mapping[str, str] | None = None,
        handlers: Mapping[str, Handler] | None = None,
        *,
        accounts: Mapping[str, tuple[str, str]] | None = None,
        codes: Mapping[str, tuple[str, str]] | None = None,
        refresh_tokens: Mapping[str, str] | None = None,
        expires_in: int = 86400,
        seed: bool = True,
        canned: bool = True,
    ) -> None:
        if apps is None:
            apps = {EXAMPLE.app_id: (EXAMPLE.private_key, EXAMPLE.secret_key)}
        if tokens is None:
            tokens = {EXAMPLE.access_token: EXAMPLE.uid}
        if accounts is None:
            accounts = {EXAMPLE.email: (EXAMPLE.password, EXAMPLE.uid)} if seed else {}
        #: app_id (as a string) → its keys.
        self.apps: dict[str, AppKeys] = {str(k): AppKeys(*keys) for k, keys in apps.items()}
        #: access token → uid; a token missing here gets error 102.
        self.tokens: dict[str, str] = dict(tokens)
        #: OAuth: e-mail → (password, uid) for the password grant.
        self.accounts: dict[str, tuple[str, str]] = dict(accounts)
        #: OAuth: authorization code → (uid, redirect_uri); a code works once.
        self.codes: dict[str, tuple[str, str]] = dict(codes or {})
        #: OAuth: refresh token → uid; a refresh token works once.
        self.refresh_tokens: dict[str, str] = dict(refresh_tokens or {})
        self.expires_in = expires_in
        #: method → handler; takes precedence over the canned answers.
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.canned = canned
        #: uid → profile (a ``User`` object).
        self.users: dict[str, dict[str, Any]] = {}
        #: uid → the uids of their friends.
        self.friends: dict[str, list[str]] = {}
        #: uid → their photo albums (``Album`` objects).
        self.albums: dict[str, list[dict[str, Any]]] = {}
        #: stream events (``Event`` objects), oldest first.
        self.events: list[dict[str, Any]] = []
        #: every API request received, in order.
        self.calls: list[RecordedCall] = []
        #: the form of every token request, in order.
        self.token_requests: list[dict[str, str]] = []
        #: public data: path segments → the JSON answer, or a handler of the parameters.
        self.public: dict[tuple[str, ...], Any] = {}
        #: every request for public data received, in order.
        self.public_requests: list[RecordedPublicRequest] = []
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        first_app = next(iter(apps.items()), None)
        first_token = next(iter(tokens.items()), None)
        #: the credentials ``server_session()`` and ``client_session()`` use.
        self.app_id = first_app[0] if first_app else EXAMPLE.app_id
        self.private_key = first_app[1][0] if first_app else ""
        self.secret_key = first_app[1][1] if first_app else ""
        self.access_token = first_token[0] if first_token else ""
        self.uid = first_token[1] if first_token else ""
        if seed:
            seed_example(self)

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)


def add_user(
    world: World, uid: str, friends: Iterable[str], fields: Mapping[str, Any]
) -> dict[str, Any]:
    """Add (or update) the profile of ``uid``; ``friends`` become mutual friends."""
    uid = str(uid)
    with world._lock:
        user = world.users.setdefault(uid, {"uid": uid})
        user.update(fields)
        for friend in friends:
            friend = str(friend)
            world.users.setdefault(friend, {"uid": friend})
            for a, b in ((uid, friend), (friend, uid)):
                if b not in world.friends.setdefault(a, []):
                    world.friends[a].append(b)
        return user


def add_album(world: World, owner: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Add an album of ``owner`` to the world (the caller holds no lock)."""
    with world._lock:
        album: dict[str, Any] = {
            "aid": str(world._next_id()),
            "owner": owner,
            "title": "Album",
            "size": 0,
            "privacy": 2,
            "created": CANNED_TIME,
            "updated": CANNED_TIME,
        }
        album.update(fields)
        album["link"] = f"https://fake.invalid/{owner}/photo/{album['aid']}"
        world.albums.setdefault(owner, []).append(album)
        return album


def add_event(world: World, author: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Add a stream event by ``author`` to the world, as the newest event."""
    with world._lock:
        profile = world.users.get(author, {"uid": author})
        event: dict[str, Any] = {
            "id": f"{world._next_id():016x}",
            "huid": author,
            "thread_id": f"{author}-{len(world.events) + 1}",
            "authors": [dict(profile)],
            "subtype": "event",
            # a micropost: "3-23" in the platform's "group-item" type codes (see Event)
            "type": "3-23",
            "type_name": "Post",
            "time": CANNED_TIME + len(world.events),
            "user_text": "",
            "likes_count": 0,
            "comments_count": 0,
            "is_liked_by_me": 0,
            "is_likeable": 1,
            "is_commentable": 1,
        }
        event.update(fields)
        world.events.append(event)
        return event


def _profile(uid: str, first: str, last: str, sex: int, online: int, login: str) -> dict[str, Any]:
    return {
        "uid": uid,
        "first_name": first,
        "last_name": last,
        "nick": f"{first} {last}",
        "sex": sex,
        "has_pic": 0,
        "is_online": online,
        "link": f"https://fake.invalid/mail/{login}/",
    }


def seed_example(world: World) -> None:
    """Fill ``world`` with a small world around its first user: friends, albums, events."""
    me = world.uid or "1324730981306483817"
    people = [
        ("15410773191172635989", "Maria", "Ivanova", 1, 1, "maria.ivanova"),
        ("4470155491327866721", "Alexei", "Smirnov", 0, 0, "alexei.smirnov"),
        ("9223372036854775809", "Olga", "Kuznetsova", 1, 0, "olga.kuznetsova"),
    ]
    world.users[me] = _profile(me, "Ivan", "Petrov", 0, 1, "ivan.petrov")
    for uid, first, last, sex, online, login in people:
        world.users[uid] = _profile(uid, first, last, sex, online, login)
        add_user(world, me, [uid], {})
    add_album(world, me, {"title": "Summer 2023", "description": "Sea and sun", "size": 12})
    add_album(world, me, {"title": "Cats", "size": 3})
    add_album(world, people[0][0], {"title": "Mountains", "size": 7})
    add_event(world, people[1][0], {"user_text": "Hello from Kazan!"})
    add_event(world, me, {"user_text": "New photos in Summer 2023"})
    add_event(world, people[0][0], {"user_text": "Who is coming on Saturday?"})
