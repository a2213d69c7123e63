"""docs/workers.md: each ```python block runs, in order, against the fake platform and a Redis.

The fake intercepts the platform's real URLs in this process (``responses``),
so the blocks keep their default endpoints; Redis is the fixture's server.
Every relative link of the page must name a file of the repository.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.workers.server import RedisServer

PAGE = Path(__file__).resolve().parents[2] / "docs" / "workers.md"
REDIRECT_URI = "https://example.com/mailru/callback"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_relative_link_resolves() -> None:
    links = re.findall(r"\]\(([^)]+)\)", PAGE.read_text(encoding="utf-8"))
    relative = [link for link in links if "://" not in link and not link.startswith("#")]
    assert relative, "the page links the examples and the benchmark"
    for link in relative:
        assert (PAGE.parent / link.split("#")[0]).resolve().is_file(), link


def test_every_example_runs(redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILRU_APP_ID", str(EXAMPLE.app_id))
    monkeypatch.setenv("MAILRU_SECRET_KEY", EXAMPLE.secret_key)
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    code_blocks = blocks()
    assert len(code_blocks) >= 5
    with FakePlatform() as fake:
        namespace: dict[str, Any] = {"code": fake.add_code(EXAMPLE.uid, REDIRECT_URI)}
        for block in code_blocks:
            exec(compile(block, str(PAGE), "exec"), namespace)

        store, key = namespace["store"], f"user:{EXAMPLE.uid}"
        assert namespace["user_id"] == EXAMPLE.uid
        stored = store.load(key)
        assert (
            stored is not None and stored.tokens["access_token"] == namespace["login"].access_token
        )
        assert namespace["friends"] == fake.friends[EXAMPLE.uid]
        assert namespace["profile"][0]["uid"] == EXAMPLE.uid
        assert redis_server.client().exists(f"mailru:rate:{EXAMPLE.app_id}") == 1

        # the token expires: the next user_api call refreshes once, through the store
        fake.expire_token(stored.tokens["access_token"])
        for _ in range(2):
            assert namespace["user_api"](EXAMPLE.uid).friends.get() == namespace["friends"]
        assert [f["grant_type"] for f in fake.token_requests] == [
            "authorization_code",
            "refresh_token",
        ]
        refreshed = store.load(key)
        assert refreshed is not None and refreshed.version == stored.version + 1
