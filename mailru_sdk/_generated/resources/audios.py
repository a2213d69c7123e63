# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``audios.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["AudiosNamespace"]

_AUDIOS_TOP = MethodInfo("audios.top", http="GET", idempotent=True, circuits=("client-server",))


class AudiosNamespace(Namespace):
    """The ``audios.*`` methods of the platform."""

    __slots__ = ()

    def top(
        self,
        *,
        offset: str | int | None = None,
        limit: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``audios.top``: Returns tracks from the 'Popular music' section. Only the client-server
        circuit works; to play a track, append session_key to its URL.

        Args:
            offset: Number of tracks to skip. Source: unconfirmed (guess).
            limit: Number of tracks to return. Source: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server (doc, via a copy in py-mymailru
        (pymymailru/methods.txt, the docs' index of methods)). Return shape: unknown. HTTP: GET. The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner, via py-mymailru's methods.txt (name, client-server only). offset
              and limit are a guess: the clients that send them (py-mymailru, the Ruby client) call
              audio.top, not audios.top.
            - Name conflict: the doc index spells audios.top; the Ruby client and py-mymailru call
              audio.top, which is catalogued too.
            - No privilege known.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audios-top/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _AUDIOS_TOP,
            {
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result
