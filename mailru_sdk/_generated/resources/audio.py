# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``audio.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["AudioNamespace"]

_AUDIO_GET = MethodInfo(
    "audio.get",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    max_items={"mids": 100},
)
_AUDIO_LINK = MethodInfo(
    "audio.link",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
    required=("mid",),
)
_AUDIO_SEARCH = MethodInfo(
    "audio.search",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    required=("query",),
)
_AUDIO_TOP = MethodInfo("audio.top", http="GET", idempotent=True, circuits=("client-server",))


class AudioNamespace(Namespace):
    """The ``audio.*`` methods of the platform."""

    __slots__ = ()

    def get(
        self,
        *,
        uid: str | int | None = None,
        mids: str | Sequence[str | int] | None = None,
        mid: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``audio.get``: Returns the user's music playlist.

        Args:
            uid: Owner of the playlist. Source: code: py-mymailru, the platform's JS loader; type:
                code: the platform's JS loader; optional: code: the platform's JS loader.
            mids: Track ids to return: a comma-separated string, sent unchanged, or a list the SDK
                comma-joins (py-mymailru passes a string; the JS loader sends a single 'mid'
                instead). At most 100 per call: a longer list or tuple is sent in calls of at most
                that many (``max_items=`` overrides). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess); maximum: unconfirmed (guess).
            mid: One track id, as the JS loader sends it (mid || ''); py-mymailru sends mids
                instead. Source: code: the platform's JS loader; type: unconfirmed (guess).
            offset: Number of tracks to skip. Source: code: the Ruby client mailru-api.
            limit: Number of tracks to return. Source: code: the Ruby client mailru-api.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: unknown. HTTP: GET. The parameter list comes from client code,
        not from complete documentation: pass others with ``extra_params``.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for mids (the platform
              reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - offset and limit: the Ruby client's README calls api.audio.get, api.audio.get(limit:
              10) and api.audio.get(offset: 10, limit: 20) (and api.get('audio.get', offset: 2,
              limit: 10)): integers, each optional. py-mymailru sends mids and uid (names only); the
              JS loader sends uid || the session's vid and mid || ''.
            - code only (py-mymailru, the platform's JS loader).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-get/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _AUDIO_GET,
            {
                "uid": uid,
                "mids": mids,
                "mid": mid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def link(
        self,
        *,
        mid: str,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``audio.link``: Adds a track to the user's playlist.

        Args:
            mid: Id of the track to add. Required. Source: code: the platform's JS loader,
                py-mymailru; type: unconfirmed (guess); required: code: the platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: unknown. HTTP: GET (a write: not retried once sent). The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner (via py-mymailru's methods.txt) + code the platform's JS loader,
              which throws when mid is missing (required) and sends it as given (type a guess).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-link/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _AUDIO_LINK,
            {
                "mid": mid,
            },
            extra_params,
            options,
        )
        return result

    def search(
        self,
        *,
        query: str,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``audio.search``: Searches for music in My World.

        Args:
            query: Search query. Required. Source: code: py-mymailru, the platform's JS loader;
                type: unconfirmed (guess); required: code: the platform's JS loader.
            offset: Number of results to skip. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of results to return. Platform default: 10. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: none known. Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: unknown. HTTP: GET. The parameter list comes from client code,
        not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (the platform's JS loader, py-mymailru).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-search/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _AUDIO_SEARCH,
            {
                "query": query,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def top(
        self,
        *,
        offset: str | int | None = None,
        limit: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``audio.top``: Returns tracks from the 'Popular music' section, under the name two code
        clients use. Only the client-server circuit is known to work.

        Args:
            offset: Number of tracks to skip. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            limit: Number of tracks to return. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: none known. Signing:
        client-server (code: the Ruby client mailru-api, py-mymailru). Return shape: unknown. HTTP:
        GET. The parameter list comes from client code, not from complete documentation: pass others
        with ``extra_params``.

        Notes:
            - code only: py-mymailru (audio_top, with offset and limit) and the Ruby client
              (audio.top, GET, Secure::No) call it.
            - Not server-server: the Ruby client signs it client-server only, and py-mymailru sends
              it with secure=0.
            - The doc index spells the same feature audios.top, which is catalogued too; which name
              the platform answers is not confirmed, so both are callable.
            - No privilege known.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/audio-top/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _AUDIO_TOP,
            {
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result
