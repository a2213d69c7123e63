"""Files sent with a call (``img_file`` of ``photos.upload`` and ``guestbook.post``).

A file is given as a path, as bytes, or as a binary file object. It is opened
and checked before any traffic; the platform signs the text parameters only,
so a file never enters the signature.

The request body is a ``MultipartBody``: ``multipart/form-data``
(RFC 7578) whose length is known before the first byte is sent (so the request
carries ``Content-Length``, not chunked encoding) and whose files are read in
small chunks while the request is being sent, never whole.
"""

from __future__ import annotations

import io
import mimetypes
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from typing import IO

from mailru_sdk._http import DeadlineReached

__all__ = ["CHUNK_SIZE", "FileInput", "MultipartBody", "PreparedFile", "prepare_files"]

FileInput = str | os.PathLike[str] | bytes | IO[bytes]
"""A path, the file's bytes, or a binary file object opened for reading."""

CHUNK_SIZE = 64 * 1024
"""How much of a file is read at a time."""

_SPOOL_IN_MEMORY = 1024 * 1024
"""A stream that cannot seek is copied to a temporary file, in memory up to this size."""


class PreparedFile:
    """One opened upload: its name and type as sent, its size, and a rewindable stream.

    Attributes:
        filename: the file name sent in the part's ``Content-Disposition``.
        content_type: the part's ``Content-Type``, guessed from ``filename``.
        stream: where the bytes are read from.
        start: the stream position the upload starts at.
        size: how many bytes are sent (from ``start`` to the end of the stream).
        owned: whether the SDK opened ``stream`` (and so closes it).
    """

    __slots__ = ("content_type", "filename", "owned", "size", "start", "stream")

    def __init__(self, filename: str, stream: IO[bytes], *, owned: bool) -> None:
        self.filename = filename
        self.content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        self.stream = stream
        self.owned = owned
        self.start = stream.tell()
        self.size = stream.seek(0, io.SEEK_END) - self.start
        stream.seek(self.start)

    def rewind(self) -> bool:
        """Put the stream back at its start, for a retry; ``True`` once done."""
        self.stream.seek(self.start)
        return True

    def close(self) -> None:
        """Close the stream if the SDK opened it; the caller's own stream stays open."""
        if self.owned:
            self.stream.close()

    def __repr__(self) -> str:
        return f"PreparedFile({self.filename!r}, size={self.size})"


def prepare_files(files: Mapping[str, object]) -> dict[str, PreparedFile]:
    """Open and check every file before any traffic.

    Raises:
        ValueError: a path that does not exist or cannot be read, or a file
            object that is closed, not open for reading or fails to read,
            naming the parameter.
        TypeError: a value that is not a path, bytes or a binary file object.
    """
    prepared: dict[str, PreparedFile] = {}
    try:
        for name, value in files.items():
            prepared[name] = _prepare(name, value)
    except BaseException:
        for item in prepared.values():
            item.close()
        raise
    return prepared


def _prepare(name: str, value: object) -> PreparedFile:
    if isinstance(value, str | os.PathLike):
        path = os.fspath(value)
        if not isinstance(path, str):
            raise TypeError(f"parameter {name!r}: give the path as str, not bytes")
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by PreparedFile.close
        except OSError as exc:
            raise ValueError(
                f"parameter {name!r}: cannot read {path!r} ({exc.strerror or exc})"
            ) from None
        try:
            prepared = _from_stream(name, os.path.basename(path) or name, stream, repr(path))
        except BaseException:
            stream.close()
            raise
        if prepared.stream is not stream:
            stream.close()  # a pipe given by path (/dev/stdin, <(command)): copied already
        return prepared
    if isinstance(value, bytes | bytearray | memoryview):
        return PreparedFile(name, io.BytesIO(value), owned=True)
    if not callable(getattr(value, "read", None)):
        raise TypeError(
            f"parameter {name!r}: expected a path, bytes or a binary file object, "
            f"got {type(value).__name__}"
        )
    if isinstance(value, io.TextIOBase):
        raise TypeError(f"parameter {name!r}: open the file in binary mode ('rb')")
    if getattr(value, "closed", False):
        raise ValueError(f"parameter {name!r}: the file object is closed")
    readable = getattr(value, "readable", None)
    if callable(readable) and not readable():
        raise ValueError(f"parameter {name!r}: the file object is not open for reading")
    given: IO[bytes] = value  # type: ignore[assignment]
    raw_name = getattr(value, "name", None)
    filename = (os.path.basename(raw_name) if isinstance(raw_name, str) else "") or name
    prepared = _from_stream(name, filename, given, "the file object")
    prepared.owned = prepared.stream is not given
    return prepared


def _from_stream(name: str, filename: str, stream: IO[bytes], what: str) -> PreparedFile:
    """An upload read from ``stream`` when it can seek, else from a copy of it."""
    if _can_seek(stream):
        return PreparedFile(filename, stream, owned=True)
    # A pipe, a socket or a generator-like reader: its length is unknown and it cannot be
    # re-read for a retry, so it is copied once to a temporary file (in memory when small).
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
    try:
        shutil.copyfileobj(stream, spool, CHUNK_SIZE)
        spool.seek(0)
    except OSError as exc:
        spool.close()
        raise ValueError(f"parameter {name!r}: cannot read {what} ({exc})") from exc
    return PreparedFile(filename, spool, owned=True)


def _can_seek(stream: IO[bytes]) -> bool:
    try:
        if not stream.seekable():
            return False
        stream.seek(stream.tell())
    except (AttributeError, OSError):
        return False
    return True


def _header_value(text: str) -> str:
    # RFC 7578 section 4.2 and the HTML form encoder: UTF-8 as is, with the characters
    # that would end or escape the quoted string, or end the header, percent-encoded.
    # (filename*= from RFC 5987 is explicitly ruled out for form-data by RFC 7578.)
    # A file name that is not valid UTF-8 (os.fsdecode keeps its bytes as surrogates)
    # is sent with U+FFFD in place of the bytes: the file still uploads.
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an undecodable byte
        raw = text.encode("utf-8", "surrogatepass")
    text = raw.decode("utf-8", "replace")
    return text.replace("\\", "%5C").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartBody:
    """A ``multipart/form-data`` request body that streams its files.

    Args:
        fields: text fields (the signed wire parameters), sent first, UTF-8.
        files: field name → prepared file, sent after the text fields.
        boundary: the part delimiter; random when not given.
        end: ``time.monotonic()`` of the call's deadline: reading the body (while
            it is sent) past it raises ``DeadlineReached``.

    ``len(body)`` is the exact size in bytes, known before anything is read, so
    ``requests`` sends ``Content-Length``. ``read()`` returns the body piece
    by piece, reading each file from its prepared start in chunks of at most
    the size asked for; at no point is a whole file in memory. A body is read
    once; a retry builds a new one (its files start again at their start).

    Raises (from ``read()``):
        ValueError: a file ends before the size it had when it was prepared.
    """

    def __init__(
        self,
        fields: Mapping[str, str],
        files: Mapping[str, PreparedFile],
        *,
        boundary: str | None = None,
        end: float | None = None,
    ) -> None:
        #: ``time.monotonic()`` after which reading stops: the call's deadline (``None``: none)
        self.end = end
        self.boundary = boundary or secrets.token_hex(16)
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        delimiter = f"--{self.boundary}\r\n".encode("ascii")
        parts: list[bytes | PreparedFile] = []
        for name, value in fields.items():
            head = f'Content-Disposition: form-data; name="{_header_value(name)}"\r\n\r\n'
            parts.append(delimiter + head.encode("utf-8") + value.encode("utf-8") + b"\r\n")
        for name, upload in files.items():
            head = (
                f'Content-Disposition: form-data; name="{_header_value(name)}"; '
                f'filename="{_header_value(upload.filename)}"\r\n'
                f"Content-Type: {upload.content_type}\r\n\r\n"
            )
            parts.extend((delimiter + head.encode("utf-8"), upload, b"\r\n"))
        parts.append(f"--{self.boundary}--\r\n".encode("ascii"))
        self._parts = parts
        self._length = sum(p.size if isinstance(p, PreparedFile) else len(p) for p in parts)
        self._index = 0  # the part being read
        self._offset = 0  # bytes of it already read

    def __len__(self) -> int:
        return self._length

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes of the body (all that is left when ``size`` is negative).

        Returns ``b""`` at the end.
        """
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(CHUNK_SIZE), b""))
        if self.end is not None and time.monotonic() >= self.end:
            # the body is read while it is sent: a server that reads slowly is cut here
            raise DeadlineReached("sending the request")
        pieces: list[bytes] = []
        wanted = size
        while wanted > 0 and self._index < len(self._parts):
            part = self._parts[self._index]
            if isinstance(part, PreparedFile):
                piece = self._read_file(part, min(wanted, part.size - self._offset))
                part_size = part.size
            else:
                piece = part[self._offset : self._offset + wanted]
                part_size = len(part)
            pieces.append(piece)
            wanted -= len(piece)
            self._offset += len(piece)
            if self._offset >= part_size:
                self._index += 1
                self._offset = 0
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def _read_file(self, upload: PreparedFile, size: int) -> bytes:
        if self._offset == 0:
            upload.rewind()
        if size <= 0:
            return b""
        piece = upload.stream.read(size)
        if not piece:
            raise ValueError(
                f"{upload.filename!r} ended after {self._offset} of its {upload.size} bytes: "
                "the file changed while it was being uploaded"
            )
        return piece

    def __iter__(self) -> Iterator[bytes]:
        """The rest of the body in chunks (``requests`` needs it to treat the body as a stream)."""
        return iter(lambda: self.read(CHUNK_SIZE), b"")

    def __repr__(self) -> str:
        # the text fields include the signature and the session key: never shown
        return f"<MultipartBody {self._length} bytes, boundary={self.boundary}>"
