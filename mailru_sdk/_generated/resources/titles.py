# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``titles.*`` methods of the platform."""

from __future__ import annotations

import builtins
from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["TitlesNamespace"]

_TITLES_ADD = MethodInfo(
    "titles.add", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_TITLES_DEL = MethodInfo(
    "titles.del", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_TITLES_LIST = MethodInfo(
    "titles.list", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_TITLES_UPDATE = MethodInfo(
    "titles.update", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_TITLES_USER_DROP = MethodInfo(
    "titles.user_drop", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_TITLES_USER_REWARD = MethodInfo(
    "titles.user_reward", http="GET", idempotent=False, circuits=("client-server", "server-server")
)


class TitlesNamespace(Namespace):
    """The ``titles.*`` methods of the platform."""

    __slots__ = ()

    def add(
        self,
        *,
        img_url: builtins.str | None = None,
        name: builtins.str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.add``: Creates a new title in the application.

        Args:
            img_url: Picture URL of the title. Whether it is required is unknown. Source: code:
                py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            name: Title name. Whether it is required is unknown. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/titles-add/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _TITLES_ADD,
            {
                "img_url": img_url,
                "name": name,
            },
            extra_params,
            options,
        )
        return result

    def del_(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.del``: Deletes a title.

        Args:
            id: Title to delete. Whether it is required is unknown. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/titles-del/ (URL inferred from the naming
        pattern)
        """
        result: Any = self._call(
            _TITLES_DEL,
            {
                "id": id,
            },
            extra_params,
            options,
        )
        return result

    def list(
        self,
        *,
        limit: builtins.str | builtins.int | None = None,
        offset: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.list``: Lists the application's titles.

        Args:
            limit: Number of titles to return. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            offset: Number of titles to skip. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET. The parameter list comes from client code, not
        from complete documentation: pass others with ``extra_params``.

        Notes:
            - doc index one-liner + code py-mymailru (parameter names only; types chosen by the
              catalogue).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/titles-list/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _TITLES_LIST,
            {
                "limit": limit,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return result

    def update(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        image: builtins.str | None = None,
        name: builtins.str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.update``: Changes an existing title.

        Args:
            id: Title to change. Whether it is required is unknown. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            image: New picture (URL assumed; named image here, unlike img_url in titles.add).
                Source: code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            name: New name. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/titles-update/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _TITLES_UPDATE,
            {
                "id": id,
                "image": image,
                "name": name,
            },
            extra_params,
            options,
        )
        return result

    def user_drop(
        self,
        *,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.user_drop``: Clears the current user's title.

        Args:
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET (a write: not retried once sent). The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - doc index one-liner + code py-mymailru (no parameters in code).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/titles-user_drop/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _TITLES_USER_DROP,
            {},
            extra_params,
            options,
        )
        return result

    def user_reward(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``titles.user_reward``: Gives a title to the current user.

        Args:
            id: Title to give. Whether it is required is unknown. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/titles-user_reward/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _TITLES_USER_REWARD,
            {
                "id": id,
            },
            extra_params,
            options,
        )
        return result
