"""Uploads end to end against the loopback emulator (127.0.0.1 only).

The emulator parses the multipart body with the standard library's MIME
parser and checks the signature from the text fields alone, as the platform
does; a call that succeeds was signed over the text parameters only.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from mailru_sdk import API, ClientSession, HTTPStatusError, ServerSession
from mailru_sdk.testing import Fault, LoopbackPlatform, RecordedCall, expected_signature
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID
from tests.integration.wiretap import Wiretap, wiretap

__all__ = ["wiretap"]  # the fixture, imported for pytest

ROOT = Path(__file__).resolve().parents[2]


def uploaded(params: Mapping[str, str]) -> Any:
    return {"pid": "1", "aid": params.get("aid", "")}


@pytest.fixture
def platform() -> Iterator[LoopbackPlatform]:
    handlers = {"photos.upload": uploaded, "guestbook.post": lambda params: 1}
    with LoopbackPlatform({APP_ID: (PRIVATE_KEY, SECRET_KEY)}, {ACCESS_TOKEN: UID}, handlers) as p:
        yield p


def server_api(platform: LoopbackPlatform, **kwargs: Any) -> API:
    return API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, **kwargs))


def signed_over_text_only(call: RecordedCall) -> bool:
    """The signature the server recomputes from the text fields (files excluded)."""
    uid = UID if call.params.get("secure") != "1" else None
    expected = expected_signature(call.params, PRIVATE_KEY, SECRET_KEY, uid)
    return call.params["sig"] == expected and not set(call.files) & set(call.params)


def test_a_path(platform: LoopbackPlatform, tmp_path: Path, wiretap: Wiretap) -> None:
    content = os.urandom(200_000)
    path = tmp_path / "holiday.jpg"
    path.write_bytes(content)

    answer = server_api(platform).photos.upload(aid="a1", img_file=path, name="Sea")

    assert answer == {"pid": "1", "aid": "a1"}
    (call,) = platform.calls
    assert call.http_method == "POST" and call.method == "photos.upload"
    assert call.files == {"img_file": ("holiday.jpg", content)}
    assert call.params["aid"] == "a1" and call.params["name"] == "Sea"
    assert signed_over_text_only(call)
    # framed with Content-Length (the platform's support for chunked uploads is unknown)
    (request,) = wiretap.requests
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert int(request.headers["content-length"]) > len(content)
    assert "transfer-encoding" not in request.headers
    assert "?" not in request.target  # nothing in the URL: all of it is in the body


def test_bytes_with_the_client_server_circuit(platform: LoopbackPlatform) -> None:
    api = API(ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=platform.url))
    answer = api.guestbook.post(uid=UID, description="Привет", img_file=b"\x89PNG bytes")
    assert answer == 1
    (call,) = platform.calls
    assert call.circuit == "client-server"
    assert call.files == {"img_file": ("img_file", b"\x89PNG bytes")}
    assert call.params["description"] == "Привет"
    assert signed_over_text_only(call)


def test_a_binary_file_object(platform: LoopbackPlatform, tmp_path: Path) -> None:
    path = tmp_path / "cat.png"
    path.write_bytes(b"cat picture")
    with path.open("rb") as stream:
        server_api(platform).photos.upload(aid="a1", img_file=stream)
        assert not stream.closed  # the caller's file stays the caller's
    assert platform.calls[0].files == {"img_file": ("cat.png", b"cat picture")}
    assert signed_over_text_only(platform.calls[0])


def test_a_file_object_without_a_name(platform: LoopbackPlatform) -> None:
    server_api(platform).photos.upload(aid="a1", img_file=io.BytesIO(b"anonymous"))
    assert platform.calls[0].files == {"img_file": ("img_file", b"anonymous")}


@pytest.mark.parametrize("name", ["котик.jpg", "фото 🐱 été.png", "照片.gif"])
def test_a_non_ascii_file_name(platform: LoopbackPlatform, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"image")
    server_api(platform).photos.upload(aid="альбом", img_file=tmp_path / name)
    (call,) = platform.calls
    assert call.files == {"img_file": (name, b"image")}
    assert call.params["aid"] == "альбом"
    assert signed_over_text_only(call)


@pytest.mark.parametrize("missing", ["missing.jpg", "a/directory/"])
def test_a_missing_file_is_refused_before_any_traffic(
    platform: LoopbackPlatform, tmp_path: Path, wiretap: Wiretap, missing: str
) -> None:
    (tmp_path / "a" / "directory").mkdir(parents=True)
    with pytest.raises(ValueError, match=r"parameter 'img_file': cannot read '.*'"):
        server_api(platform).photos.upload(aid="a1", img_file=str(tmp_path / missing))
    assert platform.calls == [] and wiretap.requests == []


def test_an_empty_file_is_sent_as_empty(platform: LoopbackPlatform, tmp_path: Path) -> None:
    (tmp_path / "empty.png").write_bytes(b"")
    server_api(platform).photos.upload(aid="a1", img_file=tmp_path / "empty.png")
    assert platform.calls[0].files == {"img_file": ("empty.png", b"")}


def test_a_retry_sends_the_whole_file_again(
    platform: LoopbackPlatform, tmp_path: Path, sleeps: list[float]
) -> None:
    content = os.urandom(300_000)
    (tmp_path / "x.png").write_bytes(content)
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url)
    platform.inject(Fault(kind="status", status=503))
    # uploads are writes; marked idempotent here to see a retry after a 503
    answer = session.call(
        "photos.upload", {"aid": "a1"}, files={"img_file": tmp_path / "x.png"}, idempotent=True
    )
    assert answer == {"pid": "1", "aid": "a1"} and len(sleeps) == 1
    first, second = platform.calls
    assert first.files == second.files == {"img_file": ("x.png", content)}
    assert first.params["sig"] == second.params["sig"]  # re-signed: the same text, the same sig
    assert signed_over_text_only(second)


def test_a_write_upload_is_not_resent_after_a_503(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.inject(Fault(kind="status", status=503))
    with pytest.raises(HTTPStatusError):
        server_api(platform).photos.upload(aid="a1", img_file=b"once")
    assert len(platform.calls) == 1 and sleeps == []


def test_a_50_mb_file_is_streamed_with_little_memory(
    platform: LoopbackPlatform, tmp_path: Path
) -> None:
    size = 50 * 1024 * 1024
    path = tmp_path / "big.bin"
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for _ in range(size // (1024 * 1024)):
            block = os.urandom(1024 * 1024)
            digest.update(block)
            out.write(block)
    # the client runs in its own process: tracemalloc there sees the SDK's side only
    done = subprocess.run(
        [sys.executable, "-m", "tests.integration.upload_peak", platform.url, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["answer"] == {"pid": "1", "aid": "big"}
    (call,) = platform.calls
    name, received = call.files["img_file"]
    assert name == "big.bin" and len(received) == size
    assert hashlib.sha256(received).hexdigest() == digest.hexdigest()
    # reading the file whole (what requests' files= does) would peak above 2x its size;
    # streamed, the peak is a few hundred kB (chunks, buffers, the mime type table)
    assert report["peak"] < size // 20, f"peak {report['peak']} bytes for a {size}-byte file"
