"""Iterating over list methods page by page (the generated ``iter_…`` companions).

The catalogue marks how each list method pages (``paging`` in spec/methods.yaml):

* ``offset``: ``offset`` (and usually ``limit``) parameters. Each next page
  starts at ``offset + len(page)``. Iteration ends after an empty page, or
  after a page shorter than the page size: the ``limit`` given, else the
  platform's documented default (methods with neither end only on an empty
  page, which costs one more call). A page equal to the one before raises
  [`PaginationError`][mailru_sdk.errors.PaginationError]: the platform ignored ``offset`` (known
  for some methods from client code only), and iterating on would repeat it forever.
* ``skip``: an event-id cursor (``stream.get``, ``stream.getByAuthor``). Each
  next page is asked for with ``skip`` set to the ``id`` of the last event of
  the page before. Events already yielded (same ``id``) are never yielded
  again, so overlapping pages are harmless, and iteration ends after a page
  that brings no new event.

Pages are fetched lazily: nothing is sent before the first ``next()``, and
one page at a time after that. An error (a platform error, a network failure)
is raised by the ``next()`` that needed the failing page, after every item of
the earlier pages was yielded; on a session with ``pass_error=True`` the
platform's error is raised too, since an error body cannot be an item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

# PaginationError lives with the other exceptions (mailru_sdk.errors); re-exported here
from mailru_sdk.errors import APIError, PaginationError

__all__ = ["PaginationError", "Paging", "iter_offset", "iter_skip"]

Paging = Literal["offset", "skip"]
"""How a list method pages: by ``offset``, or by the ``skip`` event-id cursor."""


def iter_offset(
    method: str,
    fetch: Callable[[int], object],
    *,
    start: int = 0,
    page_size: int | None = None,
) -> Iterator[Any]:
    """Items of an ``offset``-paged method, page after page.

    Args:
        method: the method's name, for error messages.
        fetch: calls the method with ``offset`` set to its argument, returns the answer.
        start: the offset of the first page.
        page_size: a page shorter than this is the last one (``None``: only an
            empty page ends the iteration).

    Raises (from ``next()``):
        APIError and the other call errors: from the page that failed.
        PaginationError: a page that is not a list.
    """
    offset = start
    previous: list[Any] | None = None
    while True:
        page = _page(method, fetch(offset))
        if page and page == previous:
            # the same page again for a larger offset: the platform is not paging
            # (for methods whose offset is known from client code only, it may not)
            raise PaginationError(
                f"{method}: offset {offset} returned the same page as offset "
                f"{offset - len(page)}; the platform ignores offset here, so the "
                "iteration stops instead of repeating it forever",
                method=method,
            )
        yield from page
        if not page or (page_size is not None and len(page) < page_size):
            return
        offset += len(page)
        previous = page


def iter_skip(
    method: str,
    fetch: Callable[[str | None], object],
    *,
    start: str | None = None,
) -> Iterator[Any]:
    """Events of a ``skip``-paged method (event-id cursor), each at most once.

    Args:
        method: the method's name, for error messages.
        fetch: calls the method with ``skip`` set to its argument (``None``:
            not sent, the newest events), returns the answer.
        start: the cursor of the first page.

    Raises (from ``next()``):
        APIError and the other call errors: from the page that failed.
        PaginationError: a page that is not a list, or whose last event has no
            ``id`` to ask for the next page with.
    """
    cursor = start
    seen: set[str] = set()
    while True:
        page = _page(method, fetch(cursor))
        new = 0
        for item in page:
            key = _event_id(item)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            new += 1
            yield item
        if new == 0:
            return
        cursor = _event_id(page[-1])
        if cursor is None:
            raise PaginationError(
                f"{method}: the last event of the page has no id, so the next page "
                "cannot be asked for",
                method=method,
            )


def _event_id(item: object) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    if value is None or isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value)


def _page(method: str, answer: object) -> list[Any]:
    if isinstance(answer, list):
        return answer
    error = APIError.from_body(answer, method)
    if error is not None:
        # a pass_error session returns the error body: an iterator cannot yield it
        raise error
    raise PaginationError(
        f"{method}: expected a list for a page, got {type(answer).__name__}", method=method
    )
