"""Deliberate mistakes, one per line: mypy --strict must report each of them.

The expected report is tests/typing/expected_mistakes.txt; checked by
tests/typing/test_type_snapshots.py. Not collected by pytest, not linted.
"""

from __future__ import annotations

from collections.abc import Iterator

from mailru_sdk import API, ServerSession
from mailru_sdk.types import User

api = API(ServerSession(423004, "secret key", "access token"))

api.frends.get()  # wrong namespace (misspelt "friends")
api.friends.get(extended=True)  # unknown parameter
api.stream.getByAuthor(limit="5")  # wrong parameter type (int expected)
api.friends.getInvitationsCount()  # missing required parameter uid
api.friends.get(ext=True)[0]["no_such_key"]  # misuse of a return value: User has no such key
api.friends.get()[0] + 1  # misuse of a return value: uids are str, not int
users: list[User] = api.friends.get(ext=False)  # wrong Literal: ext=False gives uid strings
api.session.call("friends.get", http_method="PUT")  # wrong Literal: only "GET" or "POST"
api.friends.getInvitationsCount("1")  # positional argument to a keyword-only stub
api.users.getInfo(uids=[1.5])  # wrong element type in a list parameter
api.friends.get(timeout="10")  # wrong type for a call option
profiles: Iterator[User] = api.friends.iter_get()  # wrong Literal: without ext, uid strings
api.stream.iter_get(skip=5)  # the skip cursor is an event id string, not an int
len(api.stream.iter_get())  # an iterator has no length: pages are fetched lazily
api.audio.iter_search(query="jazz")  # no iter_ companion: no source shows the answer is a list
api.achievements.add(weight=1)  # the code source sends width, not weight
api.photos.getAlbums(aids=[1.5])  # ids are str or int, in a string or a list
api.audio.get(mids={"1": 2})  # neither a comma-separated string nor a list of ids
