# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``widget.*`` methods of the platform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

if TYPE_CHECKING:
    from mailru_sdk._generated.types import WidgetSetResult

__all__ = ["WidgetNamespace"]

_WIDGET_SET = MethodInfo(
    "widget.set", http="POST", idempotent=False, circuits=("server-server",), required=("html",)
)


class WidgetNamespace(Namespace):
    """The ``widget.*`` methods of the platform."""

    __slots__ = ()

    def set(
        self,
        *,
        html: str,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> WidgetSetResult:
        """``widget.set``: Publishes the application's widget on the user's My World profile. The
        platform switched this method off on 2011-07-28.

        Disabled by the platform: calls are expected to fail.

        Args:
            html: Widget HTML, at most 3000 characters and 200x180 px. Allowed tags: b, strong, i,
                em, u, a, br, p, img, div, span, ul, ol, li; style is allowed on all of them and alt
                on img; anything else is stripped. Required. Source: doc.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: widget (doc). Signing: server-server (doc). Return shape: doc.
        HTTP: POST (a write: not retried once sent).

        Notes:
            - doc.
            - Disabled by the platform on 2011-07-28.
            - Server-server only, called from the application server.
            - No daily publication limit; removing the widget from the profile revokes the app's
              right to call widget.set for that user.

        Reference: https://api.mail.ru/docs/reference/rest/widget-set/
        """
        result: WidgetSetResult = self._call(
            _WIDGET_SET,
            {
                "html": html,
            },
            extra_params,
            options,
        )
        return result
