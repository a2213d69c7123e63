# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``email.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["EmailNamespace"]

_EMAIL_GETUNREADCOUNT = MethodInfo(
    "email.getUnreadCount", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class EmailNamespace(Namespace):
    """The ``email.*`` methods of the platform."""

    __slots__ = ()

    def getUnreadCount(
        self,
        *,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``email.getUnreadCount``: Returns how many unread letters are in the user's Mail.Ru
        mailbox, under the name the platform's JS loader calls.

        Args:
            uid: User whose mailbox to count (the JS loader passes it). Source: code: the platform's
                JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: the platform's JS loader. Privilege: none known. Signing: client-server or
        server-server (unconfirmed (guess)). Return shape: unknown. HTTP: GET. The parameter list
        comes from client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (the platform's JS loader, per the platform reference); not in the doc
              index, so the reference URL may not exist.
            - The doc index names the same feature mail.getUnreadCount, which is catalogued too.
            - The JS loader calls it client-side; server-server signing is not confirmed.
            - Privilege unknown.
            - Return shape unknown; probably Count like the other counters, but not confirmed.

        Reference: https://api.mail.ru/docs/reference/rest/email-getunreadcount/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _EMAIL_GETUNREADCOUNT,
            {
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result
