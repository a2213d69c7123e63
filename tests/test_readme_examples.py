"""The README's "Everyday work" examples, extracted and run against the loopback emulator.

Each ```python block of that section runs as written, in order, in one shared
namespace (a later block may use ``api`` from an earlier one). Sessions keep
their default ``api_url`` in the text; here the default points at the emulator
on 127.0.0.1, so the SDK's real send path is exercised. After each subsection
the test checks what reached the emulator.
"""

from __future__ import annotations

import re
import threading
import types
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from mailru_sdk import sessions
from mailru_sdk.testing import LoopbackPlatform, RecordedCall
from tests.integration.wiretap import Wiretap, wiretap

__all__ = ["wiretap"]  # the fixture, imported for pytest

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "## Everyday work"

APP_ID, PRIVATE_KEY, SECRET_KEY, TOKEN, UID = (
    423004,
    "private key",
    "secret key",
    "access token",
    "1",
)
FEED = [{"id": str(9000 - n), "type": "1-1"} for n in range(120)]
THREADS = [{"id": f"t{n}"} for n in range(33)]
FRIENDS = [{"uid": str(n), "first_name": f"Friend {n}"} for n in range(25)]


def subsections() -> list[tuple[str, list[str]]]:
    """(### title, its ```python blocks) for every subsection of the Everyday work section."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    result = []
    for part in re.split(r"\n### ", section)[1:]:
        title, _, body = part.partition("\n")
        result.append((title.strip(), re.findall(r"```python\n(.*?)```", body, re.DOTALL)))
    return result


def feed(params: Mapping[str, str]) -> Any:
    limit, skip = int(params.get("limit", "10")), params.get("skip")
    start = 0 if skip is None else next(i for i, e in enumerate(FEED) if e["id"] == skip) + 1
    return FEED[start : start + limit]


def by_offset(items: list[Any], default_limit: int | None) -> Callable[[Mapping[str, str]], Any]:
    def answer(params: Mapping[str, str]) -> Any:
        offset = int(params.get("offset", "0"))
        limit = int(params["limit"]) if "limit" in params else default_limit
        return items[offset:] if limit is None else items[offset : offset + limit]

    return answer


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    handlers = {
        "photos.upload": lambda params: {"pid": "1"},
        "guestbook.post": lambda params: 1,
        "stream.get": feed,
        "messages.getThreadsList": by_offset(THREADS, 10),
        "friends.get": by_offset(FRIENDS, 7),  # the platform's page size, unknown to the SDK
        "friends.getOnline": lambda params: ["3"],
    }
    with LoopbackPlatform({APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {TOKEN: UID}, handlers) as p:
        yield p


@pytest.fixture
def default_api_url(platform: LoopbackPlatform, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions built without ``api_url`` talk to the emulator instead of the platform."""
    original = sessions.TokenSession.__init__

    def init(self: sessions.TokenSession, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("api_url", sessions.DEFAULT_API_URL) == sessions.DEFAULT_API_URL:
            kwargs["api_url"] = platform.url
        original(self, *args, **kwargs)

    monkeypatch.setattr(sessions.TokenSession, "__init__", init)


@pytest.fixture
def limiter_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The rate limiter's waits, recorded instead of slept (its clock stands still)."""
    waits: list[float] = []
    lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    monkeypatch.setattr(
        "mailru_sdk.ratelimit.time", types.SimpleNamespace(monotonic=lambda: 0.0, sleep=sleep)
    )
    monkeypatch.setattr("mailru_sdk._pipeline._sleep", sleep)
    return waits


def test_the_section_has_an_example_for_each_feature() -> None:
    titles = [title for title, blocks in subsections() if blocks]
    assert titles == [
        "Uploads",
        "Pagination",
        "Rate limiting",
        "Keeping tokens out of URLs",
        "Options for one call",
    ]


@pytest.mark.usefixtures("default_api_url")
def test_every_example_runs(
    platform: LoopbackPlatform,
    wiretap: Wiretap,
    limiter_waits: list[float],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "кот.jpg").write_bytes(b"\xff\xd8\xff\xe0 a cat")
    namespace: dict[str, Any] = {"__name__": "readme"}
    checks: dict[str, Callable[[list[RecordedCall], list[str], dict[str, Any]], None]] = {
        "Uploads": check_uploads,
        "Pagination": check_pagination,
        "Rate limiting": lambda calls, targets, ns: check_rate_limit(calls, ns, limiter_waits),
        "Keeping tokens out of URLs": check_post_mode,
        "Options for one call": check_options,
    }
    for title, blocks in subsections():
        calls_before, requests_before = len(platform.calls), len(wiretap.requests)
        for block in blocks:
            exec(compile(block, f"README.md ({title})", "exec"), namespace)
        targets = [r.request_line for r in wiretap.requests[requests_before:]]
        checks.pop(title)(platform.calls[calls_before:], targets, namespace)
    assert checks == {}
    assert capsys.readouterr().out.splitlines()[:2] == ["9000 1-1", "8999 1-1"]


def check_uploads(calls: list[RecordedCall], targets: list[str], ns: dict[str, Any]) -> None:
    assert [(c.method, c.files["img_file"][0]) for c in calls] == [
        ("photos.upload", "кот.jpg"),
        ("photos.upload", "кот.jpg"),
        ("guestbook.post", "img_file"),
    ]
    assert all(c.files["img_file"][1] == b"\xff\xd8\xff\xe0 a cat" for c in calls)
    assert calls[1].params["name"] == "Кот"


def check_pagination(calls: list[RecordedCall], targets: list[str], ns: dict[str, Any]) -> None:
    assert ns["threads"] == THREADS
    assert ns["first_ten"] == FRIENDS[:10]
    by_method: dict[str, list[RecordedCall]] = {}
    for call in calls:
        by_method.setdefault(call.method, []).append(call)
    # 120 events in pages of 50: 50, 50, 20 then an empty page
    assert [c.params.get("skip") for c in by_method["stream.get"]] == [
        None,
        FEED[49]["id"],
        FEED[99]["id"],
        FEED[119]["id"],
    ]
    assert [c.params["offset"] for c in by_method["messages.getThreadsList"]] == [
        "0",
        "10",
        "20",
        "30",
    ]
    # islice stopped after 10 profiles: pages of 7, so two pages only (lazy)
    assert [c.params["offset"] for c in by_method["friends.get"]] == ["0", "7"]


def check_rate_limit(calls: list[RecordedCall], ns: dict[str, Any], waits: list[float]) -> None:
    assert len(ns["profiles"]) == 10 and len(calls) == 10
    # 10 calls at 5 per second: the first starts at once, the others wait 0.2 s apart
    assert sorted(waits) == pytest.approx([0.2 * n for n in range(1, 10)])


def check_post_mode(calls: list[RecordedCall], targets: list[str], ns: dict[str, Any]) -> None:
    assert [c.http_method for c in calls] == ["POST"]
    assert targets == ["POST /platform/api HTTP/1.1"]
    assert {"session_key", "sig"} <= set(calls[0].params)


def check_options(calls: list[RecordedCall], targets: list[str], ns: dict[str, Any]) -> None:
    assert [c.method for c in calls] == ["friends.get", "friends.getOnline"]
    assert all(urllib.parse.urlsplit(t.split()[1]).query for t in targets)  # GET, as usual
