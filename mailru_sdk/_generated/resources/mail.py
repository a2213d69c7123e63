# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``mail.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["MailNamespace"]

_MAIL_GETUNREADCOUNT = MethodInfo(
    "mail.getUnreadCount", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class MailNamespace(Namespace):
    """The ``mail.*`` methods of the platform."""

    __slots__ = ()

    def getUnreadCount(
        self,
        *,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``mail.getUnreadCount``: Returns how many unread letters are in the user's Mail.Ru
        mailbox.

        Args:
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: unknown. HTTP: GET. The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner + code the Ruby client mailru-api; the parameter list is unknown.
            - Privilege unknown.
            - Return shape unknown; probably Count ({"count": N}) like the other counters, but not
              confirmed.
            - Name conflict: the JS loader calls email.getUnreadCount (with uid) for the same
              feature; both names are catalogued.

        Reference: https://api.mail.ru/docs/reference/rest/mail-getunreadcount/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _MAIL_GETUNREADCOUNT,
            {},
            extra_params,
            options,
        )
        return result
