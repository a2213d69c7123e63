# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The ``photos.*`` methods of the platform."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from mailru_sdk.api.base import MethodInfo, Namespace, Params
from mailru_sdk.options import CallOptions
from mailru_sdk.uploads import FileInput

if TYPE_CHECKING:
    from mailru_sdk._generated.types import Album, Photo

__all__ = ["PhotosNamespace"]

_PHOTOS_GETALBUMS = MethodInfo(
    "photos.getAlbums",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    max_items={"aids": 100},
    returns_list=True,
)
_PHOTOS_GET = MethodInfo(
    "photos.get",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    required=("aid",),
    max_items={"pids": 100},
    returns_list=True,
    paging="offset",
)
_PHOTOS_CREATEALBUM = MethodInfo(
    "photos.createAlbum", http="POST", idempotent=False, circuits=("client-server", "server-server")
)
_PHOTOS_UPLOAD = MethodInfo(
    "photos.upload",
    http="POST",
    idempotent=False,
    circuits=("client-server", "server-server"),
    files=("img_file",),
    one_of=(("img_url", "img_file"),),
)


class PhotosNamespace(Namespace):
    """The ``photos.*`` methods of the platform."""

    __slots__ = ()

    def getAlbums(
        self,
        *,
        aids: str | Sequence[str | int] | None = None,
        uid: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Album]:
        """``photos.getAlbums``: Describes the user's photo albums.

        Args:
            aids: Album ids to describe, all albums when omitted: a comma-separated string, sent
                unchanged, or a list the SDK comma-joins. At most 100 per call: a longer list or
                tuple is sent in calls of at most that many (``max_items=`` overrides). Source: doc;
                maximum: unconfirmed (guess).
            uid: Owner of the albums (code the platform's JS loader). Source: code: the platform's
                JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: none known. Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for aids (the platform
              reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - doc; uid comes from code (the platform's JS loader).
            - No privilege is stated on the visible part of the page.

        Reference: https://api.mail.ru/docs/reference/rest/photos-getalbums/
        """
        result: list[Album] = self._call(
            _PHOTOS_GETALBUMS,
            {
                "aids": aids,
                "uid": uid,
            },
            extra_params,
            options,
        )
        return result

    def get(
        self,
        *,
        aid: str,
        pids: str | Sequence[str | int] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> list[Photo]:
        """``photos.get``: Describes the photos in one of the user's albums.

        Args:
            aid: Album id. Required. Source: doc.
            pids: Photo ids to describe: a comma-separated string, sent unchanged, or a list the SDK
                comma-joins. At most 100 per call: a longer list or tuple is sent in calls of at
                most that many (``max_items=`` overrides). Source: doc; maximum: unconfirmed
                (guess).
            offset: Number of photos to skip (code the platform's JS loader). Source: code: the
                platform's JS loader.
            limit: Number of photos to return (code the platform's JS loader). Source: code: the
                platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: doc. Privilege: none known. Signing: client-server or server-server (code: the
        Ruby client mailru-api). Return shape: doc. HTTP: GET.

        Notes:
            - max_items (100) is a guess: no source shows a per-call maximum for pids (the platform
              reference records no limits, and no client caps one: py-mymailru defines a
              list-splitting helper but never calls it nor fixes a size); 100 keeps a GET query
              under about 2 KB even with 20-digit ids. Override it with max_items= where the
              platform is known to take more or fewer.
            - doc; offset and limit come from code: the JS loader's photos.get(callback, aid, pids,
              offset, limit) sends offset || 0 and limit || 0 (in the later of the two loader copies
              read; the earlier one sends only uid and aid).
            - No privilege is stated on the visible part of the page.

        Reference: https://api.mail.ru/docs/reference/rest/photos-get/
        """
        result: list[Photo] = self._call(
            _PHOTOS_GET,
            {
                "aid": aid,
                "pids": pids,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return result

    def iter_get(
        self,
        *,
        aid: str,
        pids: str | Sequence[str | int] | None = None,
        offset: int | None = None,
        limit: int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Iterator[Photo]:
        """``photos.get``, page after page: yields every item, fetching pages lazily.

        Nothing is sent before the first ``next()``; then one page at a time. An error is raised by
        the ``next()`` that needed the failing page, after the items of the earlier pages.

        Paging: by ``offset``: each next page starts after the items received so far; the iteration
        ends after an empty page, or a page shorter than ``limit`` when it is given.

        Args:
            aid: Album id. Required. Source: doc.
            pids: Photo ids to describe: a comma-separated string, sent unchanged, or a list the SDK
                comma-joins. At most 100 per call: a longer list or tuple is sent in calls of at
                most that many (``max_items=`` overrides). Source: doc; maximum: unconfirmed
                (guess).
            offset: Where the first page starts. Source: code: the platform's JS loader.
            limit: Items per page. Source: code: the platform's JS loader.
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for each page's call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Reference: https://api.mail.ru/docs/reference/rest/photos-get/
        """
        items: Iterator[Photo] = self._paginate(
            _PHOTOS_GET,
            {
                "aid": aid,
                "pids": pids,
                "offset": offset,
                "limit": limit,
            },
            extra_params,
            options,
        )
        return items

    def createAlbum(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        privacy: str | int | None = None,
        password: str | None = None,
        aid: str | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``photos.createAlbum``: Creates a new photo album. Privilege: photos (assumed).

        Args:
            title: Album title. Source: code: py-mymailru; type: unconfirmed (guess); optional:
                unconfirmed (guess).
            description: Album description. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            privacy: Access level; the allowed values are listed on a doc page that could not be
                read. Source: code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed
                (guess).
            password: Password for a password-protected album (assumed). Source: code: py-mymailru;
                type: unconfirmed (guess); optional: unconfirmed (guess).
            aid: Album id (meaning not documented). Source: code: py-mymailru; type: unconfirmed
                (guess); optional: unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Known from: code: py-mymailru, the Ruby client mailru-api. Privilege: photos (assumed).
        Signing: client-server or server-server (code: the Ruby client mailru-api). Return shape:
        unknown. HTTP: POST (a write: not retried once sent). The parameter list comes from client
        code, not from complete documentation: pass others with ``extra_params``.

        Notes:
            - code only (py-mymailru); privacy is cross-referenced on the photos.getAlbums doc page.
              py-mymailru shows parameter names only (it passes every value through unicode(...),
              every argument positionally, and sends an empty string for None), so the types and
              required flags here are a guess unless another client shows them. The JS loader's
              createAlbum is a dialog (album_name), not a REST call.
            - Privilege photos is assumed.
            - Sent with POST: both code clients (py-mymailru, the Ruby client) POST it, and it
              carries user text.
            - Return shape unknown.

        Reference: https://api.mail.ru/docs/reference/rest/photos-createalbum/ (URL inferred from
        the naming pattern)
        """
        result: Any = self._call(
            _PHOTOS_CREATEALBUM,
            {
                "title": title,
                "description": description,
                "privacy": privacy,
                "password": password,
                "aid": aid,
            },
            extra_params,
            options,
        )
        return result

    def upload(
        self,
        *,
        aid: str | None = None,
        img_url: str | None = None,
        img_file: FileInput | None = None,
        name: str | None = None,
        description: str | None = None,
        tags: str | None = None,
        theme: str | None = None,
        set_as_cover: str | int | None = None,
        extra_params: Params | None = None,
        **options: Unpack[CallOptions],
    ) -> Any:
        """``photos.upload``: Uploads a photo into an album, either from a URL or as a file.
        Privilege: photos (assumed).

        Args:
            aid: Album to upload into. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            img_url: URL of the picture. Exactly one of img_url and img_file must be given. Source:
                code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed (guess).
            img_file: The picture file (multipart POST). Exactly one of img_url and img_file must be
                given. Source: code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed
                (guess).
            name: Photo title (called title in the JS dialog). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            description: Photo description. Source: code: py-mymailru; type: unconfirmed (guess);
                optional: unconfirmed (guess).
            tags: Tags. Source: code: py-mymailru; type: unconfirmed (guess); optional: unconfirmed
                (guess).
            theme: Category (called category in the JS dialog). Source: code: py-mymailru; type:
                unconfirmed (guess); optional: unconfirmed (guess).
            set_as_cover: Presumably 1 to make the photo the album's cover: only the JS loader's
                upload dialog (showPhotoUpload) takes set_as_cover; no REST call seen. Source:
                unconfirmed (guess).
            extra_params: parameters the catalogue does not list, sent as given.
            **options: ``timeout``, ``max_retries`` and ``deadline`` for this call only
                ([`CallOptions`][mailru_sdk.options.CallOptions]).

        Give exactly one of ``img_url``, ``img_file``: neither or more than one is refused before
        any traffic.

        Known from: code: py-mymailru, the Ruby client mailru-api, the platform's JS loader.
        Privilege: photos (assumed). Signing: client-server or server-server (code: the Ruby client
        mailru-api). Return shape: unknown. HTTP: POST (a write: not retried once sent). The
        parameter list comes from client code, not from complete documentation: pass others with
        ``extra_params``.

        Notes:
            - code only (py-mymailru, the Ruby client mailru-api). py-mymailru shows parameter names
              only (it passes every value through unicode(...), every argument positionally, and
              sends an empty string for None), so the types and required flags here are a guess
              unless another client shows them (py-mymailru even sends img_file as text with GET;
              the file type follows guestbook.post's documented img_file). set_as_cover is only in
              the JS loader's upload dialog, so it is a guess.
            - one_of img_url/img_file: the parameters' descriptions (an upload comes either from a
              URL or as a file, never both); no client checks it.
            - Privilege photos is assumed.
            - Return shape unknown.
            - An incorrect image yields error 501 (IncorrectImageError, code the Ruby client
              mailru-api).

        Reference: https://api.mail.ru/docs/reference/rest/photos-upload/ (URL inferred from the
        naming pattern)
        """
        result: Any = self._call(
            _PHOTOS_UPLOAD,
            {
                "aid": aid,
                "img_url": img_url,
                "img_file": img_file,
                "name": name,
                "description": description,
                "tags": tags,
                "theme": theme,
                "set_as_cover": set_as_cover,
            },
            extra_params,
            options,
        )
        return result
