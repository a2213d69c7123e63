# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``notifications.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["NotificationsNamespace"]

_NOTIFICATIONS_SEND = MethodInfo(
    "notifications.send",
    http="POST",
    idempotent=False,
    circuits=("server-server",),
    max_items={"uids": 100},
)


class NotificationsNamespace(Namespace):
    """The ``notifications.*`` methods of the platform."""

    __slots__ = ()

    def send(
        self,
        *,
        uids: str | Sequence[str | int] | None = None,
        text: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``notifications.send``: Sends a notification text to users of the application; a server-
        to-server call.

        Args:
            uids: Recipients. At most 100 per call: a longer list or tuple is sent in calls of at
                most that many (``max_items=`` overrides). Source: code: py-mymailru, the Ruby
                client mailru-api; type: code: the Ruby client mailru-api; optional: unconfirmed
                (guess); maximum: unconfirmed (guess).
            text: Notification text (UTF-8). Source: code: py-mymailru, the Ruby client mailru-api;
                type: code: the Ruby client mailru-api; optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: server-server (code: the Ruby client mailru-api,
        py-mymailru). Return shape: unknown. HTTP: POST (a write: not retried once sent). The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for uids (the platform
              reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - doc index one-liner (via py-mymailru's methods.txt) + code (the Ruby client mailru-api
              README, py-mymailru). The Ruby README passes uids as one comma-joined string and text
              as a string; no client shows either may be left out (a guess).
            - Server-server signing only (secure=1, no session_key) per code.
            - No privilege stated; recipients presumably need the app (the platform's JS loader
              sessions carry ext_perm=notifications).
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/notifications-send/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _NOTIFICATIONS_SEND,
            {
                "uids": uids,
                "text": text,
            },
            extra_params,
            options,
        )
        return result
