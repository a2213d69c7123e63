# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``users.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import AppUserFlag, User

__all__ = ["UsersNamespace"]

_USERS_GETINFO = MethodInfo(
    "users.getInfo",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    max_items={"uids": 100},
    returns_list=True,
)
_USERS_ISAPPUSER = MethodInfo(
    "users.isAppUser", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_USERS_HASAPPPERMISSION = MethodInfo(
    "users.hasAppPermission",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
)
_USERS_GETBALANCE = MethodInfo(
    "users.getBalance", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class UsersNamespace(Namespace):
    """The ``users.*`` methods of the platform."""

    __slots__ = ()

    def getInfo(
        self,
        *,
        uids: Sequence[str | int] | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[User]:
        """``users.getInfo``: Returns profile data for the given users or groups (the current user
        by default). Only fields the current user may see are included.

        Args:
            uids: Users and/or groups to describe; the current user when omitted. At most 100 per
                call: a longer list or tuple is sent in calls of at most that many (``max_items=``
                overrides). Source: doc, via a Markdown copy of the users.getInfo page in a public
                repository; maximum: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a Markdown copy of the users.getInfo page in a public repository.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: doc, via a Markdown copy of the users.getInfo page in a public
        repository. HTTP: GET.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for uids (the platform
              reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - doc, via a Markdown copy of the users-getinfo page found in a public repository (not
              identified again; the platform reference records it as users_getInfo_doc_copy); its
              table of common parameters is the REST guide's. code: aiomailru, the platform's JS
              loader (uids joined with commas).
            - email is returned only by this method and only for external sites.
            - Server-server calls with uid instead of session_key are common in login integrations
              (code C#).

        Reference: https://api.mail.ru/docs/reference/rest/users-getinfo/
        """
        result: list[User] = self._call(
            _USERS_GETINFO,
            {
                "uids": uids,
            },
            extra_params,
            options,
        )
        return result

    def isAppUser(
        self,
        *,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> AppUserFlag:
        """``users.isAppUser``: Tells whether the user has installed the application.

        Args:
            uid: User to check; the current user when omitted (the JS loader sends uid || the
                session's vid). Source: code: the platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: none known. Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET. The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc: the page shows no parameter table.
            - uid: the JS loader (mailru.app.users.isAppUser(callback, uid)) sends uid || the
              session's vid; a PHP client passes uid too.

        Reference: https://api.mail.ru/docs/reference/rest/users-isappuser/
        """
        result: AppUserFlag = self._call(
            _USERS_ISAPPUSER,
            {
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result

    def hasAppPermission(
        self,
        *,
        ext_perm: str | None = None,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> dict[str, int]:
        """``users.hasAppPermission``: Tells whether the user has granted the application a given
        privilege.

        Args:
            ext_perm: Privilege name, e.g. events. Known names: photos, guestbook, stream, messages,
                events, widget, notifications (the full list was not readable). Source: code:
                py-mymailru, the platform's JS loader, the Ruby client mailru-api; type: code: the
                Ruby client mailru-api; optional: unconfirmed (guess).
            uid: User to check (code the platform's JS loader). Source: code: the platform's JS
                loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: the Ruby client mailru-api, the platform's JS loader, py-mymailru.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: code: the Ruby client mailru-api. HTTP: GET. The parameter list
        comes from client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - py-mymailru sends ext_perm to the method name 'hasAppPermission' (without the
              namespace).
            - code only (the Ruby client mailru-api, the platform's JS loader, py-mymailru); no
              official page text found. ext_perm is a string in the Ruby README (ext_perm:
              'events'); no client shows whether it may be left out.
            - Returns an object keyed by the privilege, e.g. {"events": 1} (ruby README).

        Reference: https://api.mail.ru/docs/reference/rest/users-hasapppermission/ (URL inferred
        from the naming pattern)
        """
        result: dict[str, int] = self._call(
            _USERS_HASAPPPERMISSION,
            {
                "ext_perm": ext_perm,
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result

    def getBalance(
        self,
        *,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``users.getBalance``: Returns the user's balance in the platform currency (mailiki).

        Args:
            uid: User whose balance to read (code the platform's JS loader). Source: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: unknown. HTTP: GET. The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner + code the platform's JS loader; the parameter list is unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/users-getbalance/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _USERS_GETBALANCE,
            {
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result
