# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``stream.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import Event

__all__ = ["StreamNamespace"]

_STREAM_GET = MethodInfo(
    "stream.get",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="skip",
    page_size=10,
)
_STREAM_GETBYAUTHOR = MethodInfo(
    "stream.getByAuthor",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="skip",
    page_size=10,
)
_STREAM_POST = MethodInfo(
    "stream.post", http="POST", idempotent=False, circuits=("client-server", "server-server")
)
_STREAM_SHARE = MethodInfo(
    "stream.share", http="POST", idempotent=False, circuits=("client-server", "server-server")
)
_STREAM_LIKE = MethodInfo(
    "stream.like", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_STREAM_UNLIKE = MethodInfo(
    "stream.unlike", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_STREAM_COMMENT = MethodInfo(
    "stream.comment", http="POST", idempotent=False, circuits=("client-server", "server-server")
)


class StreamNamespace(Namespace):
    """The ``stream.*`` methods of the platform."""

    __slots__ = ()

    def get(
        self,
        *,
        skip: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        filter_app: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Event]:
        """``stream.get``: Returns the current user's aggregated 'What's new' feed (friends, groups
        and so on), newest first.

        Args:
            skip: Event id after which the page starts (pagination cursor). Source: doc.
            offset: Number of events to skip: what clients send instead of the documented skip
                (py-mymailru; the JS loader sends offset || 0). Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of events to return. Platform default: 10. Source: doc.
            filter_app: Only return events created by this application id. Source: doc.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: none known. Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - doc.
            - No privilege is stated on the visible part of the page.
            - Clients (py-mymailru, the platform's JS loader) send offset instead of the documented
              skip; both are catalogued (offset from code), and iter_get pages by skip. py-mymailru
              misspells filter_app as filrer_app.

        Reference: https://api.mail.ru/docs/reference/rest/stream-get/
        """
        result: list[Event] = self._call(
            _STREAM_GET,
            {
                "skip": skip,
                "offset": offset,
                "limit": limit,
                "filter_app": filter_app,
            },
            extra_params,
            options,
        )
        return result

    def iter_get(
        self,
        *,
        skip: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        filter_app: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[Event]:
        """``stream.get``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``skip``, the event-id cursor: each next page is asked for with the ``id`` of the
        last event so far; an event already yielded is never yielded again, and the iteration ends
        after a page that brings no new event.

        Args:
            skip: The event id the first page starts after (newest when omitted). Source: doc.
            offset: Number of events to skip: what clients send instead of the documented skip
                (py-mymailru; the JS loader sends offset || 0). Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of events to return. Platform default: 10. Source: doc.
            filter_app: Only return events created by this application id. Source: doc.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/stream-get/
        """
        items: Iterator[Event] = self._paginate(
            _STREAM_GET,
            {
                "skip": skip,
                "offset": offset,
                "limit": limit,
                "filter_app": filter_app,
            },
            extra_params,
            options,
        )
        return items

    def getByAuthor(
        self,
        *,
        uid: str | int | None = None,
        skip: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        filter_app: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Event]:
        """``stream.getByAuthor``: Returns feed events produced by one user or group.

        Args:
            uid: Author of the events; the current user when omitted. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            skip: Event id after which the page starts (pagination cursor). Source: code: assorted
                PHP/JS/C# snippets; optional: code: the platform's JS loader.
            offset: Number of events to skip (py-mymailru; the JS loader sends offset || 0). Source:
                code: py-mymailru, the platform's JS loader; type: code: the platform's JS loader;
                optional: code: the platform's JS loader.
            limit: Number of events to return. Platform default: 10. Source: code: py-mymailru, the
                platform's JS loader, assorted PHP/JS/C# snippets; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            filter_app: Only return events created by this application id. Source: code:
                py-mymailru, the platform's JS loader; type: unconfirmed (guess); optional: code:
                the platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: code: aiomailru. HTTP: GET. The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code (the platform's JS loader, py-mymailru, assorted PHP/JS/C# snippets) +
              cross-reference on the stream.get doc page.
            - A Ruby app (assorted PHP/JS/C# snippets) sends skip with limit: 1; py-mymailru and the
              JS loader send offset (offset || 0, limit || 10, filter_app || ''). Both are
              catalogued; iter_getByAuthor pages by skip. The JS loader's filter_app default is '',
              so its type is a guess.
            - No privilege known.

        Reference: https://api.mail.ru/docs/reference/rest/stream-getbyauthor/ (URL inferred from
        the naming pattern)
        """
        result: list[Event] = self._call(
            _STREAM_GETBYAUTHOR,
            {
                "uid": uid,
                "skip": skip,
                "offset": offset,
                "limit": limit,
                "filter_app": filter_app,
            },
            extra_params,
            options,
        )
        return result

    def iter_getByAuthor(
        self,
        *,
        uid: str | int | None = None,
        skip: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        filter_app: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[Event]:
        """``stream.getByAuthor``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``skip``, the event-id cursor: each next page is asked for with the ``id`` of the
        last event so far; an event already yielded is never yielded again, and the iteration ends
        after a page that brings no new event.

        Args:
            uid: Author of the events; the current user when omitted. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            skip: The event id the first page starts after (newest when omitted). Source: code:
                assorted PHP/JS/C# snippets; optional: code: the platform's JS loader.
            offset: Number of events to skip (py-mymailru; the JS loader sends offset || 0). Source:
                code: py-mymailru, the platform's JS loader; type: code: the platform's JS loader;
                optional: code: the platform's JS loader.
            limit: Number of events to return. Platform default: 10. Source: code: py-mymailru, the
                platform's JS loader, assorted PHP/JS/C# snippets; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            filter_app: Only return events created by this application id. Source: code:
                py-mymailru, the platform's JS loader; type: unconfirmed (guess); optional: code:
                the platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/stream-getbyauthor/ (URL inferred from
        the naming pattern)
        """
        items: Iterator[Event] = self._paginate(
            _STREAM_GETBYAUTHOR,
            {
                "uid": uid,
                "skip": skip,
                "offset": offset,
                "limit": limit,
                "filter_app": filter_app,
            },
            extra_params,
            options,
        )
        return items

    def post(
        self,
        *,
        title: str | None = None,
        text: str | None = None,
        user_text: str | None = None,
        img_url: str | None = None,
        link1_text: str | None = None,
        link1_href: str | None = None,
        link2_text: str | None = None,
        link2_href: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``stream.post``: Publishes a post to the user's 'What's new' stream. Privilege: stream
        (assumed).

        Args:
            title: Post title. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            text: Post text. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            user_text: The user's own comment on the post. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            img_url: Picture URL. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            link1_text: Text of the first link. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            link1_href: URL of the first link. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            link2_text: Text of the second link. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            link2_href: URL of the second link. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: stream (assumed). Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: unknown. HTTP: POST (a write: not retried once sent).
        The parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner (via py-mymailru's methods.txt) + code (py-mymailru, the Ruby
              client mailru-api). py-mymailru shows parameter names only (it passes every value
              through unicode(...), every argument positionally, and sends an empty string for
              None), so the types and required flags here are a guess unless another client shows
              them. The JS loader's stream.publish dialog spells the link parameters
              link_1_text/link_1_href; py-mymailru (a REST call) uses link1_text.
            - Privilege stream is assumed (the JS stream.publish dialog needs none).
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/stream-post/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _STREAM_POST,
            {
                "title": title,
                "text": text,
                "user_text": user_text,
                "img_url": img_url,
                "link1_text": link1_text,
                "link1_href": link1_href,
                "link2_text": link2_text,
                "link2_href": link2_href,
            },
            extra_params,
            options,
        )
        return result

    def share(
        self,
        *,
        url: str | None = None,
        title: str | None = None,
        description: str | None = None,
        img_url: str | None = None,
        user_text: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``stream.share``: Shares a link to the user's stream. Privilege: stream (assumed).

        Args:
            url: The link to share. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            title: Title. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            description: Description. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            img_url: Picture URL. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            user_text: The user's own comment. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: stream (assumed).
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: POST (a write: not retried once sent). The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru).
            - Privilege stream is assumed.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/stream-share/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _STREAM_SHARE,
            {
                "url": url,
                "title": title,
                "description": description,
                "img_url": img_url,
                "user_text": user_text,
            },
            extra_params,
            options,
        )
        return result

    def like(
        self,
        *,
        thread_id: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``stream.like``: Likes a feed event. Privilege: stream (assumed).

        Args:
            thread_id: The event's thread_id (Event.thread_id). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: stream (assumed).
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: GET (a write: not retried once sent). The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru).
            - Privilege stream is assumed.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/stream-like/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _STREAM_LIKE,
            {
                "thread_id": thread_id,
            },
            extra_params,
            options,
        )
        return result

    def unlike(
        self,
        *,
        thread_id: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``stream.unlike``: Removes the user's like from a feed event. Privilege: stream
        (assumed).

        Args:
            thread_id: The event's thread_id (Event.thread_id). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: stream (assumed).
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: GET (a write: not retried once sent). The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru).
            - Privilege stream is assumed.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/stream-unlike/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _STREAM_UNLIKE,
            {
                "thread_id": thread_id,
            },
            extra_params,
            options,
        )
        return result

    def comment(
        self,
        *,
        thread_id: str | None = None,
        text: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``stream.comment``: Adds a comment to a feed event. Privilege: stream (assumed).

        Args:
            thread_id: The event's thread_id (Event.thread_id). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            text: Comment text. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: stream (assumed).
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: POST (a write: not retried once sent). The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru).
            - Privilege stream is assumed.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/stream-comment/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _STREAM_COMMENT,
            {
                "thread_id": thread_id,
                "text": text,
            },
            extra_params,
            options,
        )
        return result
