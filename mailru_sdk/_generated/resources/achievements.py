# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``achievements.*`` methods of the platform."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions

__all__ = ["AchievementsNamespace"]

_ACHIEVEMENTS_ADD = MethodInfo(
    "achievements.add", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_ACHIEVEMENTS_GROUPS = MethodInfo(
    "achievements.groups",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    max_items={"groups": 100},
)
_ACHIEVEMENTS_GROUP_ADD = MethodInfo(
    "achievements.group_add",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
)
_ACHIEVEMENTS_GROUP_REMOVE = MethodInfo(
    "achievements.group_remove",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
)
_ACHIEVEMENTS_GROUP_UPDATE = MethodInfo(
    "achievements.group_update",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
)
_ACHIEVEMENTS_LIST = MethodInfo(
    "achievements.list", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_ACHIEVEMENTS_REMOVE = MethodInfo(
    "achievements.remove", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_ACHIEVEMENTS_REWARD = MethodInfo(
    "achievements.reward", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_ACHIEVEMENTS_UNREWARD = MethodInfo(
    "achievements.unreward",
    http="GET",
    idempotent=False,
    circuits=("client-server", "server-server"),
)
_ACHIEVEMENTS_UPDATE = MethodInfo(
    "achievements.update", http="GET", idempotent=False, circuits=("client-server", "server-server")
)
_ACHIEVEMENTS_USER_AWARDS = MethodInfo(
    "achievements.user_awards",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
)


class AchievementsNamespace(Namespace):
    """The ``achievements.*`` methods of the platform."""

    __slots__ = ()

    def add(
        self,
        *,
        img_url: builtins.str | None = None,
        description: builtins.str | None = None,
        width: builtins.str | builtins.int | None = None,
        group_id: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.add``: Creates a new achievement in the application.

        Args:
            img_url: Picture URL of the achievement. Whether it is required is unknown. Source:
                code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            description: Achievement description. Whether it is required is unknown. Source: code:
                py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            width: Sent as width by py-mymailru, the only code source; its meaning is not documented
                (the platform reference wondered whether weight, as in achievements.update, was
                meant). Whether it is required is unknown. Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            group_id: Group the achievement belongs to. Whether it is required is unknown. Source:
                code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
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
            - py-mymailru sends width (not weight, which achievements.update sends); width is
              catalogued as sent. Pass weight with extra_params if the platform wants that.
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/achievements-add/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_ADD,
            {
                "img_url": img_url,
                "description": description,
                "width": width,
                "group_id": group_id,
            },
            extra_params,
            options,
        )
        return result

    def groups(
        self,
        *,
        groups: builtins.str | Sequence[builtins.str | builtins.int] | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.groups``: Lists the application's achievement groups together with their
        achievements.

        Args:
            groups: Groups to list: a comma-separated string, sent unchanged, or a list the SDK
                comma-joins. Whether it is required is unknown. At most 100 per call: a longer list
                or tuple is sent in calls of at most that many (``max_items=`` overrides). Source:
                code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess);
                maximum: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET. The parameter list comes from client code, not
        from complete documentation: pass others with ``extra_params``.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for groups (the
              platform reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - doc index one-liner + code py-mymailru (parameter names only; types chosen by the
              catalogue).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/achievements-groups/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_GROUPS,
            {
                "groups": groups,
            },
            extra_params,
            options,
        )
        return result

    def group_add(
        self,
        *,
        description: builtins.str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.group_add``: Creates a new achievement group.

        Args:
            description: Group description. Whether it is required is unknown. Source: code:
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-group_add/ (URL inferred
        from the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_GROUP_ADD,
            {
                "description": description,
            },
            extra_params,
            options,
        )
        return result

    def group_remove(
        self,
        *,
        group_id: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.group_remove``: Deletes an achievement group.

        Args:
            group_id: Group to delete. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-group_remove/ (URL inferred
        from the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_GROUP_REMOVE,
            {
                "group_id": group_id,
            },
            extra_params,
            options,
        )
        return result

    def group_update(
        self,
        *,
        group_id: builtins.str | builtins.int | None = None,
        description: builtins.str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.group_update``: Changes an achievement group.

        Args:
            group_id: Group to change. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            description: New group description. Whether it is required is unknown. Source: code:
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-group_update/ (URL inferred
        from the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_GROUP_UPDATE,
            {
                "group_id": group_id,
                "description": description,
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
        """``achievements.list``: Lists the application's achievements.

        Args:
            limit: Number of achievements to return. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            offset: Number of achievements to skip. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-list/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_LIST,
            {
                "limit": limit,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return result

    def remove(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.remove``: Deletes an achievement.

        Args:
            id: Achievement to delete. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc, via a copy in py-mymailru (pymymailru/methods.txt, the docs' index of
        methods). Privilege: none known. Signing: client-server or server-server (unconfirmed
        (guess)). Return shape: unknown. HTTP: GET (a write: not retried once sent). The parameter
        list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - py-mymailru sends this id to the method name 'achievements_remove' (a typo), so its
              code shows the parameter name only, not a working call.
            - doc index one-liner + code py-mymailru (parameter names only; types chosen by the
              catalogue).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/achievements-remove/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_REMOVE,
            {
                "id": id,
            },
            extra_params,
            options,
        )
        return result

    def reward(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        uid: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.reward``: Grants an achievement to the current user.

        Args:
            id: Achievement to grant. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            uid: User to reward. Whether it is required is unknown. Source: code: py-mymailru; type:
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
            - py-mymailru sends id and uid to 'achievements_remove' (a copy-paste slip), so its code
              shows the parameter names only, not a working call.
            - doc index one-liner + code py-mymailru (parameter names only; types chosen by the
              catalogue).
            - Privilege unknown.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/achievements-reward/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_REWARD,
            {
                "id": id,
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result

    def unreward(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        uid: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.unreward``: Takes an achievement away from the current user.

        Args:
            id: Achievement to reset. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            uid: User concerned. Whether it is required is unknown. Source: code: py-mymailru; type:
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-unreward/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_UNREWARD,
            {
                "id": id,
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result

    def update(
        self,
        *,
        id: builtins.str | builtins.int | None = None,
        img_url: builtins.str | None = None,
        description: builtins.str | None = None,
        weight: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.update``: Changes an existing achievement.

        Args:
            id: Achievement to change. Whether it is required is unknown. Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            img_url: New picture URL. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            description: New description. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            weight: New weight (sort order). Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-update/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_UPDATE,
            {
                "id": id,
                "img_url": img_url,
                "description": description,
                "weight": weight,
            },
            extra_params,
            options,
        )
        return result

    def user_awards(
        self,
        *,
        limit: builtins.str | builtins.int | None = None,
        offset: builtins.str | builtins.int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``achievements.user_awards``: Lists the current user's achievements, highest weight
        first.

        Args:
            limit: Number of achievements to return. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            offset: Number of achievements to skip. Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
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

        Reference: https://api.mail.ru/docs/reference/rest/achievements-user_awards/ (URL inferred
        from the naming pattern)
        """
        result: Any = self._call(
            _ACHIEVEMENTS_USER_AWARDS,
            {
                "limit": limit,
                "offset": offset,
            },
            extra_params,
            options,
        )
        return result
