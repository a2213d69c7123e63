# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``guestbook.*`` methods of the platform."""

from __future__ import annotations

from typing import Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions
from mailru_sdk.uploads import FileInput

__all__ = ["GuestbookNamespace"]

_GUESTBOOK_GET = MethodInfo(
    "guestbook.get", http="GET", idempotent=True, circuits=("client-server", "server-server")
)
_GUESTBOOK_POST = MethodInfo(
    "guestbook.post",
    http="POST",
    idempotent=False,
    circuits=("client-server", "server-server"),
    required=("uid", "description"),
    files=("img_file",),
)


class GuestbookNamespace(Namespace):
    """The ``guestbook.*`` methods of the platform."""

    __slots__ = ()

    def get(
        self,
        *,
        uid: str | int | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``guestbook.get``: Reads entries from a user's guestbook. Privilege: guestbook (assumed).

        Args:
            uid: Owner of the guestbook; the current user when omitted. Source: code: py-mymailru,
                the platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            offset: Number of entries to skip. Platform default: 0. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            limit: Number of entries to return. Platform default: 10. Source: code: py-mymailru, the
                platform's JS loader; type: code: the platform's JS loader; optional: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: guestbook (assumed). Signing: client-server or server-server (code: the Ruby
        client mailru-api). Return shape: unknown. HTTP: GET. The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru, the platform's JS loader, the Ruby client mailru-api).
            - Privilege guestbook is assumed.
            - Return shape unknown: the platform reference describes a list of entries but names no
              client that shows one, so there is no iter_get companion (page with offset and limit).

        Reference: https://api.mail.ru/docs/reference/rest/guestbook-get/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _GUESTBOOK_GET,
            {
                "uid": uid,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def post(
        self,
        *,
        uid: str | int,
        title: str | None = None,
        description: str,
        user_text: str | None = None,
        img_url: str | None = None,
        img_file: FileInput | None = None,
        link1_text: str | None = None,
        link1_href: str | None = None,
        link2_text: str | None = None,
        link2_href: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``guestbook.post``: Writes an entry, optionally with a picture, into a user's guestbook.
        Allowed for applications only; sites must use the JS API dialog instead.

        Args:
            uid: Owner of the guestbook to write to. Required. Source: doc.
            title: Entry title. Source: doc.
            description: Entry body. Required. Source: doc.
            user_text: The user's own message accompanying the entry. Source: doc.
            img_url: Picture URL; Mail.Ru serves it through a caching proxy that re-fetches it from
                your server. Source: doc.
            img_file: Picture file, sent as a multipart POST (the rest of its doc description could
                not be read). Source: doc.
            link1_text: Text of the first link (code). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            link1_href: URL of the first link (code). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            link2_text: Text of the second link (code). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            link2_href: URL of the second link (code). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: guestbook (doc). Signing: client-server or server-server (code:
        the Ruby client mailru-api). Return shape: unknown. HTTP: POST (a write: not retried once
        sent). The parameter list comes from client code, not from complete documentation: pass
        others with ``extra_params``.

        Notes:
            - doc (parameter table cut off after img_file) + code py-mymailru for the link*
              parameters (names only; their types and required flags are a guess). The JS loader's
              guestbook dialog (showGuestbookPublish) spells them link_1_text/link_1_href;
              py-mymailru's REST call uses link1_text.
            - Privilege guestbook is documented; the JS API dialog counterpart needs none because
              the user confirms.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/guestbook.post/
        """
        result: Any = self._call(
            _GUESTBOOK_POST,
            {
                "uid": uid,
                "title": title,
                "description": description,
                "user_text": user_text,
                "img_url": img_url,
                "img_file": img_file,
                "link1_text": link1_text,
                "link1_href": link1_href,
                "link2_text": link2_text,
                "link2_href": link2_href,
            },
            extra_params,
            options,
        )
        return result
