"""The generated ``iter_…`` companions against the loopback emulator (127.0.0.1 only)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from codegen.spec import MethodSpec, load_spec
from mailru_sdk import API, ServerSession, TokenSession
from mailru_sdk.api.pagination import PaginationError
from mailru_sdk.errors import AccessDeniedError, ServiceUnavailableError
from mailru_sdk.testing import LoopbackPlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID

THREADS: list[Any] = [{"id": f"t{n}", "subject": f"thread {n}"} for n in range(23)]
FEED = [{"id": str(5000 - n), "type": "1-1"} for n in range(27)]  # newest first
DENIED = {"error": {"error_code": 202, "error_msg": "Access to this object is denied"}}


def threads_list(params: Mapping[str, str]) -> Any:
    offset, limit = int(params.get("offset", "0")), int(params.get("limit", "10"))
    return THREADS[offset : offset + limit]


def feed(params: Mapping[str, str], *, overlap: bool) -> Any:
    """stream.get: 10 events (or ``limit``) after ``skip``; ``overlap`` repeats ``skip``'s own."""
    limit = int(params.get("limit", "10"))
    skip = params.get("skip")
    start = 0
    if skip is not None:
        start = next(i for i, e in enumerate(FEED) if e["id"] == skip) + (0 if overlap else 1)
    return FEED[start : start + limit]


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    handlers = {
        "messages.getThreadsList": threads_list,
        "stream.get": lambda params: feed(params, overlap=False),
        "stream.getByAuthor": lambda params: feed(params, overlap=True),
    }
    with LoopbackPlatform({APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {ACCESS_TOKEN: UID}, handlers) as p:
        yield p


def make_api(platform: LoopbackPlatform, **kwargs: Any) -> API:
    return API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, **kwargs))


def sent(platform: LoopbackPlatform, name: str) -> list[str | None]:
    return [call.params.get(name) for call in platform.calls]


# -- offset ----------------------------------------------------------------------------------


def test_offset_paging_with_the_documented_default_page_size(platform: LoopbackPlatform) -> None:
    threads = list(make_api(platform).messages.iter_getThreadsList())
    assert threads == THREADS
    # pages of 10 (the platform's default limit, not sent): 10, 10, then 3 ends it
    assert sent(platform, "offset") == ["0", "10", "20"]
    assert sent(platform, "limit") == [None, None, None]


def test_offset_paging_with_a_limit_and_a_start(platform: LoopbackPlatform) -> None:
    threads = list(make_api(platform).messages.iter_getThreadsList(offset=5, limit=8))
    assert threads == THREADS[5:]
    assert sent(platform, "offset") == ["5", "13", "21"]  # 8, 8, then 2: a short page
    assert sent(platform, "limit") == ["8", "8", "8"]


def test_an_exact_multiple_ends_on_an_empty_page(platform: LoopbackPlatform) -> None:
    threads = list(make_api(platform).messages.iter_getThreadsList(offset=3, limit=10))
    assert threads == THREADS[3:]
    assert sent(platform, "offset") == ["3", "13", "23"]


def test_a_method_without_limit_pages_until_an_empty_page(platform: LoopbackPlatform) -> None:
    uids = [str(n) for n in range(7)]
    platform.handlers["friends.get"] = lambda params: uids[int(params["offset"]) :][:5]
    assert list(make_api(platform).friends.iter_get()) == uids
    assert sent(platform, "offset") == ["0", "5", "7"]


def test_the_ext_overload_pages_profiles(platform: LoopbackPlatform) -> None:
    profiles = [{"uid": str(n), "first_name": f"User {n}"} for n in range(3)]
    platform.handlers["friends.get"] = lambda params: profiles[int(params["offset"]) :]
    assert list(make_api(platform).friends.iter_get(ext=True)) == profiles
    assert sent(platform, "ext") == ["1", "1"]


def test_a_page_that_is_not_a_list_is_an_error(platform: LoopbackPlatform) -> None:
    platform.handlers["messages.getThreadsList"] = lambda params: {"threads": [1, 2]}
    with pytest.raises(
        PaginationError, match=r"messages\.getThreadsList: expected a list for a page, got dict"
    ):
        list(make_api(platform).messages.iter_getThreadsList())


# return shapes no source shows (the platform reference names none): no iter_ companion
UNKNOWN_SHAPES = [
    ("audio", "search"),
    ("audios", "top"),
    ("achievements", "list"),
    ("achievements", "user_awards"),
    ("titles", "list"),
    ("guestbook", "get"),
]


@pytest.mark.parametrize(("namespace", "method"), UNKNOWN_SHAPES)
def test_no_companion_where_no_source_shows_a_list(
    platform: LoopbackPlatform, namespace: str, method: str
) -> None:
    stubs = getattr(make_api(platform), namespace)
    assert callable(getattr(stubs, method))
    assert not hasattr(stubs, f"iter_{method}")


# -- skip ------------------------------------------------------------------------------------


def test_skip_paging_follows_the_last_event_id(platform: LoopbackPlatform) -> None:
    events = list(make_api(platform).stream.iter_get())
    assert events == FEED
    assert sent(platform, "skip") == [None, FEED[9]["id"], FEED[19]["id"], FEED[26]["id"]]


def test_overlapping_skip_pages_never_yield_an_event_twice(platform: LoopbackPlatform) -> None:
    # stream.getByAuthor here answers from the cursor's own event on: every page repeats one
    events = list(make_api(platform).stream.iter_getByAuthor(uid=UID, limit=5))
    assert events == FEED
    assert len({e["id"] for e in events}) == len(FEED)
    assert sent(platform, "skip")[:3] == [None, FEED[4]["id"], FEED[8]["id"]]


def test_skip_paging_starts_after_the_given_event(platform: LoopbackPlatform) -> None:
    events = list(make_api(platform).stream.iter_get(skip=FEED[20]["id"]))
    assert events == FEED[21:]


# -- laziness, errors, options ----------------------------------------------------------------


def test_nothing_is_sent_before_the_first_next(platform: LoopbackPlatform) -> None:
    events = make_api(platform).stream.iter_get(limit=5)
    threads = make_api(platform).messages.iter_getThreadsList()
    assert platform.calls == []
    assert next(events) == FEED[0] and len(platform.calls) == 1
    assert list(itertools.islice(events, 6)) == FEED[1:7]
    assert len(platform.calls) == 2  # 7 events: two pages of 5, no more
    del threads


def test_bad_arguments_fail_at_the_call_not_at_the_first_next(platform: LoopbackPlatform) -> None:
    api = make_api(platform)
    with pytest.raises(TypeError, match="'aid' is required"):
        api.photos.iter_get(aid=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="give the starting skip as skip="):
        api.stream.iter_get(extra_params={"skip": "1"})
    with pytest.raises(ValueError, match="timeout"):
        api.stream.iter_get(timeout=0)
    with pytest.raises(ValueError, match="max_retries"):
        api.stream.iter_get(max_retries=-1)
    assert platform.calls == []


@pytest.mark.parametrize("style", ["offset", "skip"])
def test_an_error_on_page_three_is_raised_after_two_pages(
    platform: LoopbackPlatform, style: str
) -> None:
    pages = 0

    def failing_third(params: Mapping[str, str]) -> Any:
        nonlocal pages
        pages += 1
        if pages == 3:
            return DENIED
        if style == "offset":
            return threads_list(params)
        return feed(params, overlap=False)

    api = make_api(platform)
    items: Iterator[Any]
    if style == "offset":
        platform.handlers["messages.getThreadsList"] = failing_third
        items = api.messages.iter_getThreadsList()
        expected = THREADS[:20]
    else:
        platform.handlers["stream.get"] = failing_third
        items = api.stream.iter_get()
        expected = FEED[:20]
    received = [next(items) for _ in range(20)]
    assert received == expected
    with pytest.raises(AccessDeniedError) as error:
        next(items)
    assert error.value.code == 202
    assert len(platform.calls) == 3


def test_a_pass_error_session_raises_the_error_too(platform: LoopbackPlatform) -> None:
    platform.handlers["stream.get"] = lambda params: DENIED
    with pytest.raises(AccessDeniedError):
        next(make_api(platform, pass_error=True).stream.iter_get())


def test_options_apply_to_every_page(platform: LoopbackPlatform, sleeps: list[float]) -> None:
    failures = iter([True, False, True, False])
    answer = threads_list

    def flaky(params: Mapping[str, str]) -> Any:
        if next(failures, False):
            return {"error": {"error_code": 3, "error_msg": "Temporarily unavailable"}}
        return answer(params)

    platform.handlers["messages.getThreadsList"] = flaky
    api = make_api(platform, max_retries=0)
    # the session never retries; this iteration retries each page once
    assert list(api.messages.iter_getThreadsList(limit=15, max_retries=1)) == THREADS
    assert sent(platform, "offset") == ["0", "0", "15", "15"] and len(sleeps) == 2
    assert api.session.max_retries == 0
    platform.handlers["messages.getThreadsList"] = lambda params: {
        "error": {"error_code": 3, "error_msg": "Temporarily unavailable"}
    }
    with pytest.raises(ServiceUnavailableError):
        next(api.messages.iter_getThreadsList())


# -- every companion ---------------------------------------------------------------------------

SPEC = load_spec(Path(__file__).resolve().parents[2] / "spec" / "methods.yaml")
PAGED = [m for m in SPEC.methods if m.paging is not None]


def test_the_catalogue_pages_only_methods_a_source_shows_return_a_list() -> None:
    assert len(PAGED) == 7
    assert all(m.returns.name == "list" and m.returns_source is not None for m in PAGED)
    assert all(m.returns_source.kind != "guess" for m in PAGED if m.returns_source)
    assert {m.name for m in PAGED if m.paging == "skip"} == {"stream.get", "stream.getByAuthor"}


@pytest.mark.parametrize("method", PAGED, ids=[m.name for m in PAGED])
def test_every_companion_pages_its_method(platform: LoopbackPlatform, method: MethodSpec) -> None:
    # one page of two items with distinct ids, then an empty page: the end for both styles
    pages = iter([[{"id": "2"}, {"id": "1"}], []])
    platform.handlers[method.name] = lambda params: next(pages)
    required = {p.name: "x" for p in method.params if p.required}
    limit = {"limit": 2} if any(p.name == "limit" for p in method.params) else {}
    # both keys: each method signed with the circuit it allows
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID, api_url=platform.url)
    namespace = getattr(API(session), method.namespace)
    companion = getattr(namespace, f"iter_{method.short_name}")

    assert list(companion(**required, **limit)) == [{"id": "2"}, {"id": "1"}]

    first, second = platform.calls
    assert first.method == second.method == method.name
    if method.paging == "offset":
        assert (first.params["offset"], second.params["offset"]) == ("0", "2")
    else:
        assert (first.params.get("skip"), second.params["skip"]) == (None, "1")
    for name, value in required.items():
        assert first.params[name] == second.params[name] == value
