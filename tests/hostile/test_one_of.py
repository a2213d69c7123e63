"""Issue 17, item 3: catalogued "exactly one of" constraints, enforced by the stubs.

The spec states them (``one_of`` on a method), codegen checks them, the
generator emits them into ``MethodInfo``, the stubs refuse neither or several
before any traffic, and the docstring and the method reference show them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
import requests

from codegen.spec import parse_spec
from mailru_sdk import API, ServerSession
from mailru_sdk._generated.resources.photos import PhotosNamespace
from mailru_sdk.testing import FakePlatform
from tests.codegen.test_spec import FRIENDS_GET, both, put, spec_error, variant
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY


@pytest.fixture
def no_traffic() -> Iterator[mock.MagicMock]:
    with mock.patch.object(
        requests.Session, "send", side_effect=AssertionError("no request may be sent")
    ) as send:
        yield send
    assert not send.called


@pytest.mark.parametrize(
    ("value", "path", "fragment"),
    [
        ("ext", "methods.friends.get.one_of", "expected a list of parameter lists, got str"),
        ([["ext"]], "methods.friends.get.one_of[0]", "two or more parameter names"),
        ([["ext", "ext"]], "methods.friends.get.one_of[0]", "a parameter is listed twice"),
        ([["ext", "img"]], "methods.friends.get.one_of[0]", "'img' is not a parameter"),
    ],
)
def test_the_spec_refuses_a_bad_one_of(value: object, path: str, fragment: str) -> None:
    error = spec_error(variant(put(*FRIENDS_GET, "one_of", value=value)))
    assert error.path == path
    assert fragment in error.message


def test_the_spec_refuses_a_required_parameter_in_one_of() -> None:
    error = spec_error(
        variant(
            both(
                put(*FRIENDS_GET, "params", "ext", "required", value=True),
                put(*FRIENDS_GET, "one_of", value=[["ext", "offset"]]),
            )
        )
    )
    assert error.path == "methods.friends.get.one_of[0]"
    assert "'ext' is required" in error.message


def test_the_spec_reads_one_of() -> None:
    spec = parse_spec(variant(put(*FRIENDS_GET, "one_of", value=[["ext", "offset"]])))
    (friends_get,) = [m for m in spec.methods if m.name == "friends.get"]
    assert friends_get.one_of == (("ext", "offset"),)


@pytest.mark.parametrize(
    "params",
    [{"aid": "x"}, {"aid": "x", "img_url": "https://e.example/a.jpg", "img_file": b"jpg"}],
    ids=["neither", "both"],
)
def test_photos_upload_needs_exactly_one_picture(
    params: dict[str, object], no_traffic: mock.MagicMock
) -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(TypeError, match=r"^photos\.upload: give exactly one of img_url, img_file"):
        api.photos.upload(**params)  # type: ignore[arg-type]


def test_a_picture_in_extra_params_counts(no_traffic: mock.MagicMock) -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(TypeError, match=r"\(got img_url and img_file\)"):
        api.photos.upload(img_file=b"jpg", extra_params={"img_url": "https://e.example/a.jpg"})


def test_one_picture_is_sent() -> None:
    with FakePlatform() as fake:
        api = API(fake.server_session())
        api.photos.upload(aid="x", img_url="https://e.example/a.jpg")
        api.photos.upload(aid="x", img_file=io.BytesIO(b"jpg"))
        assert len(fake.calls_to("photos.upload")) == 2


def test_the_docstring_and_the_reference_say_so() -> None:
    docstring = " ".join((PhotosNamespace.upload.__doc__ or "").split())
    assert "Give exactly one of ``img_url``, ``img_file``: neither or more than one is refused" in (
        docstring
    )
    page = Path(__file__).parents[2] / "docs" / "reference" / "methods" / "photos.md"
    assert "Give exactly one of `img_url`, `img_file`" in page.read_text(encoding="utf-8")
