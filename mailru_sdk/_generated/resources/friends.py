# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``friends.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, Unpack, overload

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import Count, User

__all__ = ["FriendsNamespace"]

_FRIENDS_GET = MethodInfo(
    "friends.get",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="offset",
)
_FRIENDS_GETAPPUSERS = MethodInfo(
    "friends.getAppUsers",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    paging="offset",
)
_FRIENDS_GETONLINE = MethodInfo(
    "friends.getOnline", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_FRIENDS_GETINVITATIONSCOUNT = MethodInfo(
    "friends.getInvitationsCount",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    required=("uid",),
)


class FriendsNamespace(Namespace):
    """The ``friends.*`` methods of the platform."""

    __slots__ = ()

    @overload
    def get(
        self,
        *,
        ext: Literal[True],
        uid: str | int | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User]: ...

    @overload
    def get(
        self,
        *,
        uid: str | int | None = None,
        ext: Literal[False] | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[str]: ...

    @overload
    def get(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User] | list[str]: ...

    def get(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User] | list[str]:
        """``friends.get``: Lists the user's friends, as uids or (with ext) as full profiles.

        Args:
            uid: User whose friends to list, for server-server calls without session_key: the REST
                guide's common parameter uid, 'only when session_key is absent' (a PHP client passes
                it; py-mymailru sends a uid in place of session_key). Source: doc, via a Markdown
                copy of the users.getInfo page in a public repository.
            ext: When true, return User objects instead of uid strings. Platform default: False.
                Source: code: py-mymailru, the platform's JS loader; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            offset: Number of friends to skip. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader,
        aiomailru. Privilege: none known. Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: code: assorted PHP/JS/C# snippets. HTTP: GET. The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (py-mymailru, the platform's JS loader, aiomailru); no official page text
              found. py-mymailru shows parameter names only (it passes every value through
              unicode(...), every argument positionally, and sends an empty string for None), so the
              types and required flags here are a guess unless another client shows them. The JS
              loader shows ext as a 0/1 flag (getExtended sends ext: 1; getFiltered leaves ext out)
              and offset as a number (offset || 0). aiomailru calls friends.get() with no argument
              but never reads the answer.
            - the platform's JS loader also sends uid2 together with ext=1; its server-side meaning
              is unclear, so it is not catalogued (use extra_params). uid is the REST guide's common
              parameter (read in the users.getInfo copy); the JS loader sends it too.

        Reference: https://api.mail.ru/docs/reference/rest/friends-get/ (URL inferred from the
        naming pattern)
        """
        result: list[User] | list[str] = self._call(
            _FRIENDS_GET,
            {
                "uid": uid,
                "ext": ext,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return result

    @overload
    def iter_get(
        self,
        *,
        ext: Literal[True],
        uid: str | int | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User]: ...

    @overload
    def iter_get(
        self,
        *,
        uid: str | int | None = None,
        ext: Literal[False] | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[str]: ...

    @overload
    def iter_get(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User | str]: ...

    def iter_get(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User | str]:
        """``friends.get``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page (or one shorter than a ``limit`` given in ``extra_params``).

        Args:
            uid: User whose friends to list, for server-server calls without session_key: the REST
                guide's common parameter uid, 'only when session_key is absent' (a PHP client passes
                it; py-mymailru sends a uid in place of session_key). Source: doc, via a Markdown
                copy of the users.getInfo page in a public repository.
            ext: When true, return User objects instead of uid strings. Platform default: False.
                Source: code: py-mymailru, the platform's JS loader; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            offset: Where the first page starts. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/friends-get/ (URL inferred from the
        naming pattern)
        """
        items: Iterator[User | str] = self._paginate(
            _FRIENDS_GET,
            {
                "uid": uid,
                "ext": ext,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return items

    @overload
    def getAppUsers(
        self,
        *,
        ext: Literal[True],
        uid: str | int | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User]: ...

    @overload
    def getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: Literal[False] | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[str]: ...

    @overload
    def getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User] | list[str]: ...

    def getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User] | list[str]:
        """``friends.getAppUsers``: Lists the user's friends who have this application installed.

        Args:
            uid: User whose friends to list, for server-server calls without session_key: the REST
                guide's common parameter uid, 'only when session_key is absent' (a PHP client passes
                it; py-mymailru sends a uid in place of session_key). Source: doc, via a Markdown
                copy of the users.getInfo page in a public repository.
            ext: When true, return User objects instead of uid strings. Platform default: False.
                Source: code: py-mymailru, the platform's JS loader; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            offset: Number of friends to skip. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: code: assorted PHP/JS/C# snippets. HTTP: GET. The parameter list
        comes from client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru, the platform's JS loader); no official page text found.
              py-mymailru shows parameter names only (it passes every value through unicode(...),
              every argument positionally, and sends an empty string for None), so the types and
              required flags here are a guess unless another client shows them. The JS loader sends
              ext as ext ? 1 : 0 and offset || 0. uid is the REST guide's common parameter (read in
              the users.getInfo copy); the JS loader sends it too.

        Reference: https://api.mail.ru/docs/reference/rest/friends-getappusers/ (URL inferred from
        the naming pattern)
        """
        result: list[User] | list[str] = self._call(
            _FRIENDS_GETAPPUSERS,
            {
                "uid": uid,
                "ext": ext,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return result

    @overload
    def iter_getAppUsers(
        self,
        *,
        ext: Literal[True],
        uid: str | int | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User]: ...

    @overload
    def iter_getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: Literal[False] | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[str]: ...

    @overload
    def iter_getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User | str]: ...

    def iter_getAppUsers(
        self,
        *,
        uid: str | int | None = None,
        ext: bool | None = None,
        offset: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[User | str]:
        """``friends.getAppUsers``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page (or one shorter than a ``limit`` given in ``extra_params``).

        Args:
            uid: User whose friends to list, for server-server calls without session_key: the REST
                guide's common parameter uid, 'only when session_key is absent' (a PHP client passes
                it; py-mymailru sends a uid in place of session_key). Source: doc, via a Markdown
                copy of the users.getInfo page in a public repository.
            ext: When true, return User objects instead of uid strings. Platform default: False.
                Source: code: py-mymailru, the platform's JS loader; type: code: the platform's JS
                loader; optional: code: the platform's JS loader.
            offset: Where the first page starts. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/friends-getappusers/ (URL inferred from
        the naming pattern)
        """
        items: Iterator[User | str] = self._paginate(
            _FRIENDS_GETAPPUSERS,
            {
                "uid": uid,
                "ext": ext,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return items

    def getOnline(
        self,
        *,
        ext: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``friends.getOnline``: Lists the user's friends who are online right now.

        Args:
            ext: Presumably 1 for User objects instead of uids, as on friends.get (no source shows
                it for this method). Source: code: py-mymailru; type: unconfirmed (guess); optional:
                code: aiomailru.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, aiomailru. Privilege: none known.
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: GET. The parameter list comes from client code, not from complete
        documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru, aiomailru README); no official page text found.
            - Return shape unknown: no client reads it (aiomailru calls friends.getOnline() and
              never reads the answer); it may match friends.get. The type of ext is a guess (no
              client sets it for this method).

        Reference: https://api.mail.ru/docs/reference/rest/friends-getonline/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _FRIENDS_GETONLINE,
            {
                "ext": ext,
            },
            extra_params,
            options,
        )
        return result

    def getInvitationsCount(
        self,
        *,
        uid: str | int,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Count:
        """``friends.getInvitationsCount``: Returns how many friend invitations are waiting for the
        user.

        Args:
            uid: The user whose pending invitations are counted. Required. Source: doc.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: none known. Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - doc.

        Reference: https://api.mail.ru/docs/reference/rest/friends-getinvitationscount/
        """
        result: Count = self._call(
            _FRIENDS_GETINVITATIONSCOUNT,
            {
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result
