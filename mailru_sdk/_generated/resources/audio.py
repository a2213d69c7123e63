# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``audio.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from mailru_sdk.resources import MethodInfo, Namespace
from mailru_sdk.transport import Timeout

__all__ = ["AudioNamespace"]

_AUDIO_GET = MethodInfo(
    "audio.get", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_AUDIO_LINK = MethodInfo(
    "audio.link",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
    required=("mid",),
)
_AUDIO_SEARCH = MethodInfo(
    "audio.search",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    required=("query",),
    paging="offset",
    page_size=10,
)


class AudioNamespace(Namespace):
    """The ``audio.*`` methods of the platform."""

    __slots__ = ()

    def get(
        self,
        *,
        uid: str | int | None = None,
        mids: Sequence[str] | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``audio.get``: Returns the user's music playlist.

        Args:
            uid: Owner of the playlist.
            mids: Track ids to return (py_mymailru; js_loader sends a single 'mid' instead).
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: none known. Signing: client-server or server-server. HTTP: GET. The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (py_mymailru, js_loader).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-get/
        """
        result: Any = self._call(
            _AUDIO_GET,
            {
                "uid": uid,
                "mids": mids,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result

    def link(
        self,
        *,
        mid: str,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``audio.link``: Adds a track to the user's playlist.

        Args:
            mid: Id of the track to add. Required.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: none known. Signing: client-server or server-server. HTTP: GET (a write: not
        retried once sent). The parameter list comes from client code, not from complete
        documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner + code js_loader.
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-link/
        """
        result: Any = self._call(
            _AUDIO_LINK,
            {
                "mid": mid,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result

    def search(
        self,
        *,
        query: str,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``audio.search``: Searches for music in My World.

        Args:
            query: Search query. Required.
            offset: Number of results to skip. Platform default: 0.
            limit: Number of results to return. Platform default: 10.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: none known. Signing: client-server or server-server. HTTP: GET. The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (js_loader, py_mymailru).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-search/
        """
        result: Any = self._call(
            _AUDIO_SEARCH,
            {
                "query": query,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result

    def iter_search(
        self,
        *,
        query: str,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Iterator[Any]:
        """``audio.search``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page or a page shorter than ``limit`` (10 when omitted).

        Args:
            query: Search query. Required.
            offset: Where the first page starts. Platform default: 0.
            limit: Items per page. Platform default: 10.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for each page's call only.
            max_retries: retries for each page's call only.

        Reference: https://api.mail.ru/docs/reference/rest/audio-search/
        """
        items: Iterator[Any] = self._paginate(
            _AUDIO_SEARCH,
            {
                "query": query,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return items
