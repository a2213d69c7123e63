# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``multipost.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["MultipostNamespace"]

_MULTIPOST_SEND = MethodInfo(
    "multipost.send", http="POST", idempotent=False, circuits=("client-server", "server-server")
)


class MultipostNamespace(Namespace):
    """The ``multipost.*`` methods of the platform."""

    __slots__ = ()

    def send(
        self,
        *,
        uid2: str | int | None = None,
        text: str | None = None,
        photo: str | None = None,
        audio: str | None = None,
        video: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``multipost.send``: Sends a multipost (text with photo, audio or video) to a user's feed
        or to a group.

        Args:
            uid2: Target user or group; whether it is required is unknown (code only), so it is
                optional here. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            text: Text of the post. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            photo: Photo to attach. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            audio: Audio track to attach. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            video: Video to attach. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: POST (a write: not retried once sent). The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner + code py-mymailru.
            - Needs session_key (per reference auth).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/multipost-send/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _MULTIPOST_SEND,
            {
                "uid2": uid2,
                "text": text,
                "photo": photo,
                "audio": audio,
                "video": video,
            },
            extra_params,
            options,
        )
        return result
