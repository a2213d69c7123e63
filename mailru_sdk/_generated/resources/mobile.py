# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``mobile.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["MobileNamespace"]

_MOBILE_GETCANVAS = MethodInfo(
    "mobile.getCanvas", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class MobileNamespace(Namespace):
    """The ``mobile.*`` methods of the platform."""

    __slots__ = ()

    def getCanvas(
        self,
        *,
        mobile_spec: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``mobile.getCanvas``: Returns information about the application's canvas in mobile My
        World.

        Args:
            mobile_spec: Mobile specification; whether it is required is unknown (code only), so it
                is optional here. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (code: the Ruby
        client mailru-api, py-mymailru). Return shape: unknown. HTTP: GET. The parameter list comes
        from client code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner + code (py-mymailru, the Ruby client mailru-api).
            - The sources disagree on its signing circuit: the Ruby client signs it client-server
              only (Secure::No), py-mymailru sends it server-server (secure=1). Both circuits are
              allowed.
            - No privilege known.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/mobile-getcanvas/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _MOBILE_GETCANVAS,
            {
                "mobile_spec": mobile_spec,
            },
            extra_params,
            options,
        )
        return result
