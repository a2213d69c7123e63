# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``audios.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from mailru_sdk.resources import MethodInfo, Namespace
from mailru_sdk.transport import Timeout

__all__ = ["AudiosNamespace"]

_AUDIOS_TOP = MethodInfo(
    "audios.top", http="GET", idempotent=True, circuits=("client-server",), paging="offset"
)


class AudiosNamespace(Namespace):
    """The ``audios.*`` methods of the platform."""

    __slots__ = ()

    def top(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``audios.top``: Returns tracks from the 'Popular music' section. Only the client-server
        circuit works; to play a track, append session_key to its URL.

        Args:
            offset: Number of tracks to skip.
            limit: Number of tracks to return.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: none known. Signing: client-server. HTTP: GET. The parameter list comes from
        client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner (name, client-server only) + code (py_mymailru, ruby_mailru_api)
              for the parameters.
            - Name conflict: the doc index spells audios.top, which is catalogued; ruby_mailru_api
              and py_mymailru call audio.top, which remains callable as api("audio.top", ...).
            - No privilege known.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audios-top/
        """
        result: Any = self._call(
            _AUDIOS_TOP,
            {
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result

    def iter_top(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Iterator[Any]:
        """``audios.top``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page, or a page shorter than ``limit`` when it is given.

        Args:
            offset: Where the first page starts.
            limit: Items per page.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for each page's call only.
            max_retries: retries for each page's call only.

        Reference: https://api.mail.ru/docs/reference/rest/audios-top/
        """
        items: Iterator[Any] = self._paginate(
            _AUDIOS_TOP,
            {
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return items
