"""mailru_sdk.api.pagination: the paging rules, with a scripted ``fetch`` (no network)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from mailru_sdk.api.pagination import PaginationError, iter_offset, iter_skip
from mailru_sdk.errors import AccessDeniedError, APIError, UnknownPlatformError


class Pages:
    """A fake method: records the cursor of every call, answers from ``answer(cursor)``."""

    def __init__(self, answer: Callable[[Any], object]) -> None:
        self.answer = answer
        self.cursors: list[Any] = []

    def __call__(self, cursor: Any) -> object:
        self.cursors.append(cursor)
        return self.answer(cursor)


def offset_pages(total: int, size: int) -> Pages:
    return Pages(lambda offset: list(range(total))[offset : offset + size])


# -- offset ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "size", "cursors"),
    [
        (25, 10, [0, 10, 20]),  # the short last page ends it
        (20, 10, [0, 10, 20]),  # an exact multiple: the empty page ends it
        (0, 10, [0]),
        (3, 10, [0]),
    ],
)
def test_offset_pages_until_a_short_or_empty_page(
    total: int, size: int, cursors: list[int]
) -> None:
    fetch = offset_pages(total, size)
    assert list(iter_offset("m.list", fetch, page_size=size)) == list(range(total))
    assert fetch.cursors == cursors


def test_offset_without_a_page_size_ends_only_on_an_empty_page() -> None:
    fetch = offset_pages(25, 10)
    assert list(iter_offset("m.list", fetch)) == list(range(25))
    assert fetch.cursors == [0, 10, 20, 25]


def test_offset_advances_by_what_was_received_not_by_the_page_size() -> None:
    # the platform caps pages at 4 although 10 were asked: with no page size known the
    # iterator goes on, asking from where the last page ended
    fetch = offset_pages(10, 4)
    assert list(iter_offset("m.list", fetch)) == list(range(10))
    assert fetch.cursors == [0, 4, 8, 10]


def test_offset_starts_where_asked() -> None:
    fetch = offset_pages(25, 10)
    assert list(iter_offset("m.list", fetch, start=15, page_size=10)) == list(range(15, 25))
    assert fetch.cursors == [15, 25]


def test_offset_is_lazy() -> None:
    fetch = offset_pages(100, 10)
    items = iter_offset("m.list", fetch, page_size=10)
    assert fetch.cursors == []
    assert list(itertools.islice(items, 12)) == list(range(12))
    assert fetch.cursors == [0, 10]  # the third page was never asked for


def test_offset_error_on_page_three_comes_after_two_pages() -> None:
    def answer(offset: int) -> object:
        if offset >= 20:
            raise AccessDeniedError(202, "Access denied", "m.list")
        return list(range(offset, offset + 10))

    items = iter_offset("m.list", Pages(answer), page_size=10)
    received = [next(items) for _ in range(20)]
    assert received == list(range(20))
    with pytest.raises(AccessDeniedError):
        next(items)


def test_an_error_body_from_a_pass_error_session_is_raised() -> None:
    body = {"error": {"error_code": 1, "error_msg": "Unknown error"}}
    with pytest.raises(UnknownPlatformError) as error:
        list(iter_offset("m.list", Pages(lambda offset: body)))
    assert (error.value.code, error.value.msg, error.value.method) == (1, "Unknown error", "m.list")


@pytest.mark.parametrize("code", ["oops", None, True, "202"])
def test_an_error_body_with_an_odd_code(code: object) -> None:
    body = {"error": {"error_code": code, "error_msg": "x"}}
    with pytest.raises(APIError) as error:
        list(iter_offset("m.list", Pages(lambda offset: body)))
    assert error.value.code == (202 if code == "202" else 0)


@pytest.mark.parametrize("answer", [{"items": [1, 2]}, "text", None, 5])
def test_a_page_that_is_not_a_list(answer: object) -> None:
    with pytest.raises(PaginationError, match="expected a list for a page") as error:
        list(iter_offset("m.list", Pages(lambda offset: answer)))
    assert error.value.method == "m.list"


# -- skip (event-id cursor) ------------------------------------------------------------------

FEED = [{"id": str(1000 - n), "text": f"event {n}"} for n in range(23)]  # newest first


def feed_pages(size: int, *, inclusive: bool) -> Pages:
    """Pages of FEED after the cursor; ``inclusive`` repeats the cursor's own event."""

    def answer(skip: str | None) -> object:
        if skip is None:
            start = 0
        else:
            start = next(i for i, e in enumerate(FEED) if e["id"] == skip)
            start += 0 if inclusive else 1
        return FEED[start : start + size]

    return Pages(answer)


@pytest.mark.parametrize("inclusive", [False, True], ids=["exclusive", "overlapping"])
def test_skip_yields_every_event_once(inclusive: bool) -> None:
    fetch = feed_pages(10, inclusive=inclusive)
    assert list(iter_skip("stream.get", fetch)) == FEED
    # each next page asks with the id of the last event so far
    assert fetch.cursors[:3] == [None, FEED[9]["id"], FEED[18 if inclusive else 19]["id"]]


def test_skip_stops_when_the_platform_ignores_the_cursor() -> None:
    fetch = Pages(lambda skip: FEED[:10])  # the same page whatever the cursor
    assert list(iter_skip("stream.get", fetch)) == FEED[:10]
    assert fetch.cursors == [None, FEED[9]["id"]]


def test_skip_starts_after_the_given_event() -> None:
    fetch = feed_pages(10, inclusive=False)
    assert list(iter_skip("stream.get", fetch, start=FEED[4]["id"])) == FEED[5:]


def test_skip_is_lazy_and_raises_at_the_failing_page() -> None:
    def answer(skip: str | None) -> object:
        if skip == FEED[19]["id"]:
            raise UnknownPlatformError(1, "Unknown error", "stream.get")
        return feed_pages(10, inclusive=False).answer(skip)

    fetch = Pages(answer)
    events = iter_skip("stream.get", fetch)
    assert fetch.cursors == []
    assert [next(events) for _ in range(20)] == FEED[:20]
    with pytest.raises(UnknownPlatformError):
        next(events)


def test_skip_with_integer_ids_and_items_without_ids() -> None:
    pages = [[{"id": 3}, "not an event", {"id": 2}], [{"id": 2}, {"id": 1}], [{"id": 1}]]
    fetch = Pages(lambda skip: pages[len(fetch.cursors) - 1])
    assert list(iter_skip("stream.get", fetch)) == [
        {"id": 3},
        "not an event",
        {"id": 2},
        {"id": 1},
    ]
    assert fetch.cursors == [None, "2", "1"]


def test_skip_without_an_id_to_go_on_is_an_error_not_a_silent_end() -> None:
    fetch = Pages(lambda skip: [{"id": "5"}, {"text": "no id"}])
    events = iter_skip("stream.get", fetch)
    assert list(itertools.islice(events, 2)) == [{"id": "5"}, {"text": "no id"}]
    with pytest.raises(PaginationError, match="last event of the page has no id"):
        next(events)


def test_offset_ignored_by_the_platform_raises_instead_of_repeating_forever() -> None:
    calls: list[int] = []

    def same_page(offset: int) -> object:
        calls.append(offset)
        return ["1", "2", "3"]

    items = iter_offset("friends.get", same_page)  # no page size: only an empty page ends
    assert [next(items) for _ in range(3)] == ["1", "2", "3"]
    with pytest.raises(PaginationError, match="ignores offset") as info:
        next(items)
    assert info.value.method == "friends.get" and calls == [0, 3]
