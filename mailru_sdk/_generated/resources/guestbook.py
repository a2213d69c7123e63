# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``guestbook.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from mailru_sdk.resources import MethodInfo, Namespace
from mailru_sdk.transport import Timeout
from mailru_sdk.uploads import FileInput

__all__ = ["GuestbookNamespace"]

_GUESTBOOK_GET = MethodInfo(
    "guestbook.get",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="offset",
    page_size=10,
)
_GUESTBOOK_POST = MethodInfo(
    "guestbook.post",
    http="POST",
    idempotent=False,
    circuits=("client-server", "server-server"),
    required=("uid", "description"),
    files=("img_file",),
)


class GuestbookNamespace(Namespace):
    """The ``guestbook.*`` methods of the platform."""

    __slots__ = ()

    def get(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``guestbook.get``: Reads entries from a user's guestbook.

        Args:
            uid: Owner of the guestbook; the current user when omitted.
            offset: Number of entries to skip. Platform default: 0.
            limit: Number of entries to return. Platform default: 10.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: guestbook. Signing: client-server or server-server. HTTP: GET. The parameter list
        comes from client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py_mymailru, js_loader, ruby_mailru_api).
            - Privilege guestbook is assumed.
            - Return shape unknown (a list of entries whose fields are not known).

        Reference: https://api.mail.ru/docs/reference/rest/guestbook-get/
        """
        result: Any = self._call(
            _GUESTBOOK_GET,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result

    def iter_get(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Iterator[Any]:
        """``guestbook.get``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page or a page shorter than ``limit`` (10 when omitted).

        Args:
            uid: Owner of the guestbook; the current user when omitted.
            offset: Where the first page starts. Platform default: 0.
            limit: Items per page. Platform default: 10.
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for each page's call only.
            max_retries: retries for each page's call only.

        Reference: https://api.mail.ru/docs/reference/rest/guestbook-get/
        """
        items: Iterator[Any] = self._paginate(
            _GUESTBOOK_GET,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return items

    def post(
        self,
        *,
        uid: str | int,
        title: str | None = None,
        description: str,
        user_text: str | None = None,
        img_url: str | None = None,
        img_file: FileInput | None = None,
        link1_text: str | None = None,
        link1_href: str | None = None,
        link2_text: str | None = None,
        link2_href: str | None = None,
        extra_params: Mapping[str, object] | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Any:
        """``guestbook.post``: Writes an entry, optionally with a picture, into a user's guestbook.
        Allowed for applications only; sites must use the JS API dialog instead.

        Args:
            uid: Owner of the guestbook to write to. Required.
            title: Entry title.
            description: Entry body. Required.
            user_text: The user's own message accompanying the entry.
            img_url: Picture URL; Mail.Ru serves it through a caching proxy that re-fetches it from
                your server.
            img_file: Picture file, sent as a multipart POST (the rest of its doc description could
                not be read).
            link1_text: Text of the first link (code).
            link1_href: URL of the first link (code).
            link2_text: Text of the second link (code).
            link2_href: URL of the second link (code).
            extra_params: parameters the catalogue does not list, sent as given.
            timeout: seconds (or ``(connect, read)``) for this call only.
            max_retries: retries for this call only.

        Privilege: guestbook. Signing: client-server or server-server. HTTP: POST (a write: not
        retried once sent). The parameter list comes from client code, not from complete
        documentation: pass others with ``extra_params``.

        Notes:
            - doc (parameter table cut off after img_file) + code py_mymailru for the link*
              parameters.
            - Privilege guestbook is documented; the JS API dialog counterpart needs none because
              the user confirms.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/guestbook-post/
        """
        result: Any = self._call(
            _GUESTBOOK_POST,
            {
                "uid": uid,
                "title": title,
                "description": description,
                "user_text": user_text,
                "img_url": img_url,
                "img_file": img_file,
                "link1_text": link1_text,
                "link1_href": link1_href,
                "link2_text": link2_text,
                "link2_href": link2_href,
            },
            extra_params,
            timeout,
            max_retries,
        )
        return result
