# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``score.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["ScoreNamespace"]

_SCORE_ADD = MethodInfo(
    "score.add", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_SCORE_TOTAL = MethodInfo(
    "score.total", http="GET", idempotent=True, circuits=("client-server", "server-server")
)


class ScoreNamespace(Namespace):
    """The ``score.*`` methods of the platform."""

    __slots__ = ()

    def add(
        self,
        *,
        score: str | int | None = None,
        uid2: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``score.add``: Adds points to a user's score.

        Args:
            score: Points to add. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            uid2: User who receives the points. Whether it is required is unknown. Source: code:
                py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET (a write: not retried once sent). The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner + code py-mymailru (parameter names only; types chosen by the
              catalogue).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/score-add/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _SCORE_ADD,
            {
                "score": score,
                "uid2": uid2,
            },
            extra_params,
            options,
        )
        return result

    def total(
        self,
        *,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``score.total``: Returns a user's total points.

        Args:
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET. The parameter list comes from client code, not
        from complete documentation: pass others with ``extra_params``.

        Notes:
            - py-mymailru's score_total calls score.add by mistake, so no client shows a call of
              score.total.
            - doc index one-liner only; no parameters are known (use extra_params).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/score-total/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _SCORE_TOTAL,
            {},
            extra_params,
            options,
        )
        return result
