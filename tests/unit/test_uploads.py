"""mailru_sdk.uploads: files checked before traffic, and the streamed multipart body."""

from __future__ import annotations

import email.parser
import email.policy
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from mailru_sdk.uploads import CHUNK_SIZE, MultipartBody, PreparedFile, prepare_files


def parse(body: MultipartBody) -> list[tuple[str, str | None, str | None, bytes]]:
    """The parts of ``body`` as a MIME parser sees them: (name, filename, type, content)."""
    raw = body.read()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {body.content_type}\r\n\r\n".encode() + raw
    )
    parts = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        content_type = part["Content-Type"]
        parts.append(
            (
                str(part.get_param("name", header="content-disposition")),
                part.get_filename(),
                None if content_type is None else str(content_type),
                payload,
            )
        )
    return parts


def one(name: str, value: object) -> PreparedFile:
    return prepare_files({name: value})[name]


# -- the body ------------------------------------------------------------------------------


def test_exact_layout_text_fields_first_then_the_file() -> None:
    body = MultipartBody(
        {"aid": "a1", "sig": "abc"},
        {"img_file": one("img_file", b"\x89PNG")},
        boundary="XyZ",
    )
    expected = (
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="aid"\r\n\r\n'
        b"a1\r\n"
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="sig"\r\n\r\n'
        b"abc\r\n"
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="img_file"; filename="img_file"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
        b"\x89PNG\r\n"
        b"--XyZ--\r\n"
    )
    assert body.content_type == "multipart/form-data; boundary=XyZ"
    assert len(body) == len(expected)
    assert body.read() == expected
    assert body.read() == b"" and body.read(10) == b""


def test_the_length_is_known_before_reading_and_matches_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(os.urandom(3 * CHUNK_SIZE + 17))
    body = MultipartBody({"text": "Привет"}, {"img_file": one("img_file", str(path))})
    declared = len(body)
    assert sum(len(chunk) for chunk in body) == declared


@pytest.mark.parametrize("size", [1, 7, 100, CHUNK_SIZE, 3 * CHUNK_SIZE])
def test_reads_never_exceed_the_size_asked_for(tmp_path: Path, size: int) -> None:
    content = os.urandom(2 * CHUNK_SIZE + 5)
    path = tmp_path / "x.png"
    path.write_bytes(content)
    body = MultipartBody({"a": "1"}, {"img_file": one("img_file", str(path))}, boundary="b")
    pieces = []
    while piece := body.read(size):
        assert len(piece) <= size
        pieces.append(piece)
    whole = b"".join(pieces)
    assert len(whole) == len(body)
    assert content in whole


def test_is_a_stream_that_requests_sends_with_content_length() -> None:
    body = MultipartBody({"a": "1"}, {"f": one("f", b"data")})
    prepared = requests.Request(
        "POST", "http://127.0.0.1/", data=body, headers={"Content-Type": body.content_type}
    ).prepare()
    assert prepared.body is body  # type: ignore[comparison-overlap]  # not copied into memory
    assert prepared.headers["Content-Length"] == str(len(body))
    assert "Transfer-Encoding" not in prepared.headers


def test_text_values_are_utf8_and_the_part_type_is_guessed_from_the_name() -> None:
    stream = io.BytesIO(b"gif")
    stream.name = "/some/where/котик 🐱.gif"
    body = MultipartBody(
        {"text": "Привет, мир"}, {"img_file": one("img_file", stream)}, boundary="b"
    )
    assert parse(body) == [
        ("text", None, None, "Привет, мир".encode()),
        ("img_file", "котик 🐱.gif", "image/gif", b"gif"),
    ]


def test_non_ascii_file_name_is_raw_utf8_in_the_header_not_filename_star() -> None:
    stream = io.BytesIO(b"x")
    stream.name = "фото.jpg"
    raw = MultipartBody({}, {"img_file": one("img_file", stream)}, boundary="b").read()
    assert 'filename="фото.jpg"'.encode() in raw
    assert b"filename*" not in raw


def test_quotes_and_line_breaks_in_a_file_name_cannot_break_the_header() -> None:
    stream = io.BytesIO(b"x")
    stream.name = 'a"b\r\nX-Evil: 1.png'
    raw = MultipartBody({}, {"img_file": one("img_file", stream)}, boundary="b").read()
    assert b'filename="a%22b%0D%0AX-Evil: 1.png"' in raw
    assert b"\r\nX-Evil" not in raw


def test_a_backslash_in_a_file_name_cannot_escape_the_closing_quote() -> None:
    stream = io.BytesIO(b"x")
    stream.name = "trail\\"
    body = MultipartBody({}, {"img_file": one("img_file", stream)}, boundary="b")
    raw = body.read()
    assert b'filename="trail%5C"\r\n' in raw
    assert len(raw) == len(body)


@pytest.mark.parametrize("name", [os.fsdecode(b"f\xe9te.jpg"), "lone\ud800.jpg"])
def test_a_file_name_that_is_not_utf8_still_uploads(name: str) -> None:
    stream = io.BytesIO(b"x")
    stream.name = name
    body = MultipartBody({}, {"img_file": one("img_file", stream)}, boundary="b")
    raw = body.read()
    assert "\ufffd".encode() in raw and len(raw) == len(body)


def test_the_file_is_read_from_its_start_for_every_body() -> None:
    upload = one("img_file", b"0123456789")
    first = MultipartBody({}, {"f": upload}, boundary="b").read()
    upload.stream.seek(7)  # a failed attempt left the stream somewhere
    second = MultipartBody({}, {"f": upload}, boundary="b").read()
    assert first == second and b"0123456789" in second


def test_a_file_object_is_sent_from_its_position_when_given() -> None:
    stream = io.BytesIO(b"HEADERpayload")
    stream.seek(6)
    upload = one("img_file", stream)
    assert (upload.start, upload.size) == (6, 7)
    assert parse(MultipartBody({}, {"img_file": upload}))[0][3] == b"payload"


def test_a_file_that_shrinks_while_sending_is_an_error_not_a_short_body(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(b"x" * 1000)
    body = MultipartBody({}, {"img_file": one("img_file", str(path))})
    path.write_bytes(b"x" * 10)  # truncated after it was prepared
    with pytest.raises(ValueError, match="ended after 10 of its 1000 bytes"):
        body.read()


def test_a_file_that_grows_sends_only_the_declared_size(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(b"a" * 10)
    body = MultipartBody({}, {"img_file": one("img_file", str(path))}, boundary="XX")
    with path.open("ab") as more:
        more.write(b"b" * 10)
    raw = body.read()
    assert len(raw) == len(body) and b"a" * 10 + b"\r\n--XX--" in raw and b"b" not in raw


def test_repr_shows_no_field_values() -> None:
    body = MultipartBody({"sig": "secret-signature"}, {})
    assert "secret-signature" not in repr(body) and str(len(body)) in repr(body)


# -- preparing files -------------------------------------------------------------------------


def test_a_path_is_opened_by_the_sdk_and_closed_by_it(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"12345")
    upload = one("img_file", path)  # a PathLike works too
    assert (upload.filename, upload.size, upload.owned, upload.content_type) == (
        "photo.png",
        5,
        True,
        "image/png",
    )
    upload.close()
    assert upload.stream.closed


def test_the_callers_stream_stays_open() -> None:
    stream = io.BytesIO(b"x")
    one("img_file", stream).close()
    assert not stream.closed


@pytest.mark.parametrize("value", [b"abc", bytearray(b"abc"), memoryview(b"abc")])
def test_bytes_like_values(value: object) -> None:
    upload = one("img_file", value)
    assert upload.filename == "img_file" and upload.size == 3
    assert upload.stream.read() == b"abc"


def test_missing_file_names_the_parameter_and_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.png"
    with pytest.raises(ValueError, match=r"parameter 'img_file': cannot read .*nope\.png.*No such"):
        one("img_file", str(missing))


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        one("img_file", str(tmp_path))


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.png"
    path.write_bytes(b"x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # chmod 000 does not stop root, which CI may be: the refusal is simulated
    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(ValueError, match=r"cannot read .*Permission denied"):
        one("img_file", str(path))


def test_bytes_path_is_refused() -> None:
    with pytest.raises(TypeError, match="as str, not bytes"):
        one("img_file", _BytesPath())


class _BytesPath(os.PathLike[bytes]):
    def __fspath__(self) -> bytes:
        return b"/tmp/x.png"


def test_closed_write_only_and_text_streams_are_refused(tmp_path: Path) -> None:
    closed = io.BytesIO(b"x")
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        one("img_file", closed)
    with (tmp_path / "w.bin").open("wb") as write_only, pytest.raises(ValueError, match="reading"):
        one("img_file", write_only)
    with pytest.raises(TypeError, match="binary mode"):
        one("img_file", io.StringIO("x"))
    with pytest.raises(TypeError, match="expected a path, bytes or a binary file object, got int"):
        one("img_file", 42)


class _Pipe(io.RawIOBase):
    """A readable stream that cannot seek, like a pipe or a socket."""

    def __init__(self, data: bytes, fail: bool = False) -> None:
        self._chunks: Iterator[bytes] = iter(
            [data[i : i + 1000] for i in range(0, len(data), 1000)]
        )
        self._fail = fail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._fail:
            raise OSError(5, "Input/output error")
        chunk = next(self._chunks, b"")
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_stream_that_cannot_seek_is_spooled_so_it_has_a_length_and_can_be_resent() -> None:
    data = os.urandom(5000)
    pipe = _Pipe(data)
    upload = one("img_file", pipe)
    assert upload.size == 5000 and upload.owned and upload.stream is not pipe  # type: ignore[comparison-overlap]
    first = MultipartBody({}, {"f": upload}, boundary="b").read()
    second = MultipartBody({}, {"f": upload}, boundary="b").read()  # a retry
    assert first == second and data in first
    upload.close()
    assert not pipe.closed


def test_a_stream_that_fails_to_read_is_refused_before_traffic() -> None:
    with pytest.raises(ValueError, match="parameter 'img_file': cannot read the file object"):
        one("img_file", _Pipe(b"", fail=True))


def test_files_opened_before_a_failure_are_closed(tmp_path: Path) -> None:
    good = tmp_path / "a.png"
    good.write_bytes(b"x")
    opened: list[io.BufferedReader] = []
    real_open = open

    def tracking_open(path: str, mode: str = "r") -> io.BufferedReader:
        stream = real_open(path, mode)
        assert isinstance(stream, io.BufferedReader)
        opened.append(stream)
        return stream

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("builtins.open", tracking_open)
        with pytest.raises(ValueError, match="cannot read"):
            prepare_files({"a": str(good), "b": str(tmp_path / "missing.png")})
    assert len(opened) == 1 and opened[0].closed


@pytest.mark.skipif(not os.path.exists("/dev/fd/0"), reason="needs /dev/fd")
def test_a_pipe_given_by_path_is_copied_like_a_stream() -> None:
    # what a shell's process substitution passes: upload.py <(curl ...)
    read_end, write_end = os.pipe()
    data = os.urandom(100_000)
    with os.fdopen(write_end, "wb") as writer:
        writer.write(data[:60_000])  # less than the pipe's buffer would hold
    try:
        upload = one("img_file", f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert (upload.filename, upload.size, upload.owned) == (str(read_end), 60_000, True)
    assert upload.stream.read() == data[:60_000]


def test_a_stream_whose_seek_fails_is_copied() -> None:
    class NoSeek(io.BytesIO):
        def seek(self, offset: int, whence: int = 0) -> int:
            raise OSError(29, "Illegal seek")

    upload = one("img_file", NoSeek(b"abc"))
    assert upload.size == 3 and upload.owned and upload.stream.read() == b"abc"


def test_repr_of_a_prepared_file() -> None:
    assert repr(one("img_file", b"abc")) == "PreparedFile('img_file', size=3)"
