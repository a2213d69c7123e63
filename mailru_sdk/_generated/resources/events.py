# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``events.*`` methods of the platform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import Count

__all__ = ["EventsNamespace"]

_EVENTS_GETNEWCOUNT = MethodInfo(
    "events.getNewCount", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class EventsNamespace(Namespace):
    """The ``events.*`` methods of the platform."""

    __slots__ = ()

    def getNewCount(
        self,
        *,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Count:
        """``events.getNewCount``: Returns how many new My World events the session user has.

        Args:
            uid: User whose events to count, for server-server calls without session_key: the REST
                guide's common parameter uid, 'only when session_key is absent' (py-mymailru sends a
                uid in place of session_key). Source: doc, via a Markdown copy of the users.getInfo
                page in a public repository.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: events (doc). Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - doc.
            - Works for the session_key user.
            - uid: the method's page lists no parameter; uid is the REST guide's common parameter
              ('only when session_key is absent'), read in the users.getInfo copy. The JS loader
              sends it too (uid || the session's vid).

        Reference: https://api.mail.ru/docs/reference/rest/events-getnewcount/
        """
        result: Count = self._call(
            _EVENTS_GETNEWCOUNT,
            {
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result
