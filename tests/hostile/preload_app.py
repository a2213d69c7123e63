"""A WSGI app for ``gunicorn --preload``: one ServerSession built in the master, before the fork.

The session makes one call at import, so the master holds a keep-alive
connection to the fake platform when gunicorn forks its workers. Each request
(``/?tag=…``) then calls ``tags.echo`` with its tag and answers what came back.
``PRELOAD_NO_FORK_HOOK=1`` forgets the SDK's fork handling (to show the test
fails without it).
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from mailru_sdk import ServerSession

SESSION = ServerSession(
    int(os.environ["PRELOAD_APP_ID"]),
    os.environ["PRELOAD_SECRET_KEY"],
    os.environ["PRELOAD_ACCESS_TOKEN"],
    api_url=os.environ["PRELOAD_API_URL"],
    max_retries=0,
)
SESSION.call("tags.echo", {"tag": "master"})  # the master now holds a pooled connection

if os.environ.get("PRELOAD_NO_FORK_HOOK") == "1":
    from mailru_sdk import _fork

    _fork._REGISTERED.clear()  # as if the SDK did nothing at fork


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    tag = query.get("tag", ["?"])[0]
    try:
        got = SESSION.call("tags.echo", {"tag": tag}).get("tag")
    except Exception as exc:  # a mixed-up answer may also break the HTTP framing
        got = f"{type(exc).__name__}"
    body = json.dumps({"asked": tag, "got": got, "pid": os.getpid()}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
