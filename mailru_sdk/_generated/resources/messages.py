# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``messages.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import Count, Message, Thread

__all__ = ["MessagesNamespace"]

_MESSAGES_GETTHREADSLIST = MethodInfo(
    "messages.getThreadsList",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="offset",
    page_size=10,
)
_MESSAGES_GETTHREAD = MethodInfo(
    "messages.getThread",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="offset",
    page_size=10,
)
_MESSAGES_GETUNREADCOUNT = MethodInfo(
    "messages.getUnreadCount",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
)
_MESSAGES_POST = MethodInfo(
    "messages.post", http="POST", idempotent=False, circuits=("client-server", "server-server")
)


class MessagesNamespace(Namespace):
    """The ``messages.*`` methods of the platform."""

    __slots__ = ()

    def getThreadsList(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Thread]:
        """``messages.getThreadsList``: Lists the user's dialogs (message threads). Privilege:
        messages (assumed).

        Args:
            uid: User whose threads to list (py-mymailru sends it). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            offset: Number of threads to skip. Platform default: 0. Source: code: the platform's JS
                loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of threads to return. Platform default: 10. Source: code: the platform's
                JS loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: the platform's JS loader, py-mymailru, the Ruby client mailru-api.
        Privilege: messages (assumed). Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: code: assorted PHP/JS/C# snippets. HTTP: GET. The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (the platform's JS loader, py-mymailru, assorted PHP/JS/C# snippets JS
              clients). The JS loader sends offset || 0 and limit || 10 and passes the answer to its
              callback unread; the list of Thread objects is what other public JS clients read
              (response.map(thread => thread.unread, thread.time, ...)). py-mymailru also sends uid
              (name only).
            - Privilege messages is assumed (same family as messages.getUnreadCount).

        Reference: https://api.mail.ru/docs/reference/rest/messages-getthreadslist/ (URL inferred
        from the naming pattern)
        """
        result: list[Thread] = self._call(
            _MESSAGES_GETTHREADSLIST,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def iter_getThreadsList(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[Thread]:
        """``messages.getThreadsList``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page or a page shorter than ``limit`` (10 when omitted).

        Args:
            uid: User whose threads to list (py-mymailru sends it). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            offset: Where the first page starts. Platform default: 0. Source: code: the platform's
                JS loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Items per page. Platform default: 10. Source: code: the platform's JS loader,
                py-mymailru; type: code: the platform's JS loader; optional: code: the platform's JS
                loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/messages-getthreadslist/ (URL inferred
        from the naming pattern)
        """
        items: Iterator[Thread] = self._paginate(
            _MESSAGES_GETTHREADSLIST,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return items

    def getThread(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Message]:
        """``messages.getThread``: Returns the messages of one dialog with another user. Privilege:
        messages (assumed).

        Args:
            uid: The other participant of the dialog. Source: code: the platform's JS loader,
                py-mymailru; type: code: the platform's JS loader; optional: code: the platform's JS
                loader.
            offset: Number of messages to skip. Platform default: 0. Source: code: the platform's JS
                loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of messages to return. Platform default: 10. Source: code: the platform's
                JS loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: the platform's JS loader, py-mymailru, the Ruby client mailru-api.
        Privilege: messages (assumed). Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: code: assorted PHP/JS/C# snippets. HTTP: GET. The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (the platform's JS loader, py-mymailru). The JS loader sends uid || the
              session's vid, offset || 0, limit || 10 (so uid may be left out there) and passes the
              answer unread; the list of Message objects is what other public JS clients read
              (response.map(message => message.type, message.time, message.filtered_message)).
            - Privilege messages is assumed.

        Reference: https://api.mail.ru/docs/reference/rest/messages-getthread/ (URL inferred from
        the naming pattern)
        """
        result: list[Message] = self._call(
            _MESSAGES_GETTHREAD,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def iter_getThread(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[Message]:
        """``messages.getThread``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page or a page shorter than ``limit`` (10 when omitted).

        Args:
            uid: The other participant of the dialog. Source: code: the platform's JS loader,
                py-mymailru; type: code: the platform's JS loader; optional: code: the platform's JS
                loader.
            offset: Where the first page starts. Platform default: 0. Source: code: the platform's
                JS loader, py-mymailru; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Items per page. Platform default: 10. Source: code: the platform's JS loader,
                py-mymailru; type: code: the platform's JS loader; optional: code: the platform's JS
                loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/messages-getthread/ (URL inferred from
        the naming pattern)
        """
        items: Iterator[Message] = self._paginate(
            _MESSAGES_GETTHREAD,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return items

    def getUnreadCount(
        self,
        *,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Count:
        """``messages.getUnreadCount``: Returns how many unread My World messages the session user
        has.

        Args:
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: messages (doc). Signing: client-server or server-server (code:
        the Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - doc.
            - The doc says it works for the user authorised by session_key.
            - The doc page was read at https://api.mail.ru/?p=1029; the reference URL is built from
              the naming pattern.

        Reference: https://api.mail.ru/docs/reference/rest/messages-getunreadcount/ (URL inferred
        from the naming pattern)
        """
        result: Count = self._call(
            _MESSAGES_GETUNREADCOUNT,
            {},
            extra_params,
            options,
        )
        return result

    def post(
        self,
        *,
        uid: str | int | None = None,
        message: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``messages.post``: Sends a new private message to a user. Privilege: messages (assumed).

        Args:
            uid: Recipient. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            message: Message text. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, assorted PHP/JS/C# snippets.
        Privilege: messages (assumed). Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: unknown. HTTP: POST (a write: not retried once sent). The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (py-mymailru, assorted PHP/JS/C# snippets JS clients).
            - Privilege messages is assumed.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/messages-post/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _MESSAGES_POST,
            {
                "uid": uid,
                "message": message,
            },
            extra_params,
            options,
        )
        return result
