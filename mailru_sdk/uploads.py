"""Files sent with a call (``img_file`` of ``photos.upload`` and ``guestbook.post``).

A file is given as a path, as bytes, or as a binary file object. It is opened
and checked before any traffic; the platform signs the text parameters only,
so a file never enters the signature.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import BinaryIO

__all__ = ["FileInput", "PreparedFile", "prepare_files"]

FileInput = str | os.PathLike[str] | bytes | BinaryIO
"""A path, the file's bytes, or a binary file object opened for reading."""


class PreparedFile:
    """One opened upload: its name as sent, and a stream that can be rewound for a retry."""

    __slots__ = ("filename", "owned", "start", "stream")

    def __init__(self, filename: str, stream: BinaryIO, *, owned: bool) -> None:
        self.filename = filename
        self.stream = stream
        self.owned = owned  # opened by the SDK, so closed by it
        self.start = stream.tell() if stream.seekable() else None

    def rewind(self) -> bool:
        """Put the stream back at its start; ``False`` when it cannot be re-read."""
        if self.start is None:
            return False
        self.stream.seek(self.start)
        return True

    def close(self) -> None:
        """Close the stream if the SDK opened it."""
        if self.owned:
            self.stream.close()


def prepare_files(files: Mapping[str, object]) -> dict[str, PreparedFile]:
    """Open and check every file before any traffic.

    Raises:
        ValueError: a path that does not exist or cannot be read, naming the parameter.
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
        return PreparedFile(os.path.basename(path), stream, owned=True)
    if isinstance(value, bytes | bytearray | memoryview):
        return PreparedFile(name, io.BytesIO(bytes(value)), owned=True)
    read = getattr(value, "read", None)
    if callable(read):
        if isinstance(value, io.TextIOBase):
            raise TypeError(f"parameter {name!r}: open the file in binary mode ('rb')")
        filename = os.path.basename(str(getattr(value, "name", name)))
        return PreparedFile(filename, value, owned=False)  # type: ignore[arg-type]
    raise TypeError(
        f"parameter {name!r}: expected a path, bytes or a binary file object, "
        f"got {type(value).__name__}"
    )
