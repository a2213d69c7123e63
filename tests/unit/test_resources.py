"""The generated stubs' run-time checks (mailru_sdk.api.base) and typed namespaces on API."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import responses

from mailru_sdk import API, ServerSession, _catalogue
from mailru_sdk.api.base import MethodInfo, Namespace, NamespaceAttribute
from tests.conftest import ACCESS_TOKEN, API_URL, APP_ID, SECRET_KEY, sent_params

INFO = MethodInfo(
    "demo.run",
    http="GET",
    idempotent=True,
    circuits=("client-server", "server-server"),
    required=("uid",),
    choices={"mode": frozenset({"a", "b"})},
)


def namespace() -> Namespace:
    return Namespace(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))


def sent_query() -> dict[str, str]:
    """What the last call sent (its form body by default)."""
    return sent_params(responses.calls[-1].request)


def test_required_parameter_given_as_none_is_refused() -> None:
    with pytest.raises(TypeError, match=r"demo\.run: parameter 'uid' is required"):
        namespace()._call(INFO, {"uid": None, "mode": None}, None, {})


def test_value_outside_the_allowed_ones_is_refused() -> None:
    with pytest.raises(ValueError, match=r"mode='c' is not one of 'a', 'b'"):
        namespace()._call(INFO, {"uid": 1, "mode": "c"}, None, {})


def test_extra_params_clashing_with_a_keyword_is_refused() -> None:
    with pytest.raises(TypeError, match="uid given both"):
        namespace()._call(INFO, {"uid": 1, "mode": None}, {"uid": 2}, {})


@responses.activate
def test_extra_params_are_sent() -> None:
    responses.post(API_URL, json=[])
    namespace()._call(INFO, {"uid": 1, "mode": "a"}, {"uid2": 5}, {})
    assert sent_query()["uid2"] == "5" and sent_query()["mode"] == "a"


@responses.activate
def test_typed_stub_sends_exact_names_and_per_call_options() -> None:
    responses.post(API_URL, json=[])
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    api.stream.getByAuthor(uid=5, limit=0, timeout=3.0, max_retries=0)
    query = sent_query()
    assert query["method"] == "stream.getByAuthor"
    assert query["uid"] == "5" and query["limit"] == "0"
    request: Any = responses.calls[-1].request  # responses keeps the send kwargs on it
    assert request.req_kwargs["timeout"] == 3.0


@responses.activate
def test_typed_stub_passes_its_deadline_to_the_call() -> None:
    responses.post(API_URL, json=[])
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    api.stream.getByAuthor(uid=5, deadline=1.0)
    request: Any = responses.calls[-1].request
    connect, read = request.req_kwargs["timeout"]  # each wait cut to what the deadline leaves
    assert 0 < connect <= 1.0 and 0 < read <= 1.0


def test_a_paging_companion_checks_its_deadline_before_any_page() -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(ValueError, match="deadline"):
        api.friends.iter_get(deadline=-1)


@responses.activate
def test_write_method_uses_the_catalogue_http_verb_and_is_not_retried() -> None:
    responses.post(API_URL, status=503, body="busy")
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(Exception, match="HTTP 503"):
        api.stream.post(text="hello")
    assert len(responses.calls) == 1


def test_misspelt_namespace_is_an_attribute_error() -> None:
    api: Any = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(AttributeError):
        _ = api.frends


def test_api_needs_a_session() -> None:
    with pytest.raises(TypeError, match="TokenSession"):
        API("not a session")  # type: ignore[arg-type]


def test_keyword_method_names_get_a_trailing_underscore() -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    assert callable(api.titles.del_)
    assert "titles.del" in (api.titles.del_.__doc__ or "")


def test_every_stub_has_a_docstring_with_its_reference() -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    names = [n for n, v in vars(type(api).__mro__[1]).items() if isinstance(v, NamespaceAttribute)]
    assert sorted(names) == _catalogue.namespaces()
    stubs: list[str] = []
    iterators: list[str] = []
    for name in names:
        cls = type(getattr(api, name))
        for attr, fn in vars(cls).items():
            if callable(fn) and not attr.startswith("_"):
                (iterators if attr.startswith("iter_") else stubs).append(f"{name}.{attr}")
                assert "Reference: https://api.mail.ru/docs/reference/rest/" in (fn.__doc__ or "")
    catalogue = _catalogue.methods().values()
    assert len(stubs) == len(catalogue)
    # one iter_ companion per list method the catalogue marks as paged
    assert len(iterators) == sum(1 for m in catalogue if m.paging)
    assert {"stream.iter_get", "stream.iter_getByAuthor", "friends.iter_get"} <= set(iterators)
    for qualified in iterators:
        namespace, attr = qualified.split(".")
        assert f"{namespace}.{attr.removeprefix('iter_')}" in stubs


# -- uploads ---------------------------------------------------------------------------


@responses.activate
def test_upload_from_a_path_is_a_multipart_post_signed_over_text_only(tmp_path: Path) -> None:
    picture = tmp_path / "котик.png"
    picture.write_bytes(b"\x89PNG...")
    responses.post(API_URL, json={"pid": "1"})
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    assert api.photos.upload(aid="a1", img_file=str(picture)) == {"pid": "1"}
    request = responses.calls[0].request
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    body = request.body if isinstance(request.body, bytes) else b""
    assert b"\x89PNG..." in body and b'name="aid"' in body


def test_missing_file_is_refused_before_traffic(tmp_path: Path) -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with responses.RequestsMock() as mock, pytest.raises(ValueError, match="cannot read"):
        api.photos.upload(aid="a1", img_file=str(tmp_path / "missing.png"))
    assert len(mock.calls) == 0


def test_text_mode_file_is_refused() -> None:
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    with pytest.raises(TypeError, match="binary mode"):
        api.photos.upload(aid="a1", img_file=io.StringIO("x"))  # type: ignore[arg-type]


@responses.activate
def test_file_object_is_rewound_for_a_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", lambda s: None)
    responses.post(API_URL, body=__import__("requests").ConnectTimeout("x"))
    responses.post(API_URL, json={"ok": 1})
    api = API(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))
    stream = io.BytesIO(b"image-bytes")
    assert api.photos.upload(aid="a1", img_file=stream) == {"ok": 1}
    body = responses.calls[1].request.body
    assert isinstance(body, bytes) and b"image-bytes" in body
    assert not stream.closed  # the caller's stream stays the caller's


def test_typed_dicts_are_public_and_total_false() -> None:
    from mailru_sdk import types

    assert "User" in types.__all__ and "Event" in types.__all__
    assert types.User.__total__ is False
    assert "first_name" in types.User.__annotations__


def test_a_method_that_does_not_page_has_no_iterator() -> None:
    with pytest.raises(TypeError, match=r"demo\.run does not page"):
        namespace()._paginate(INFO, {"uid": 1, "mode": None}, None, {})


def test_method_info_knows_how_a_method_pages() -> None:
    from mailru_sdk._generated.resources.stream import _STREAM_GET

    assert (_STREAM_GET.paging, _STREAM_GET.page_size) == ("skip", 10)
    assert (INFO.paging, INFO.page_size) == (None, None)


def test_pagination_error_is_public_and_a_mailru_error() -> None:
    import mailru_sdk
    from mailru_sdk.api.pagination import PaginationError

    assert mailru_sdk.PaginationError is PaginationError
    assert issubclass(PaginationError, mailru_sdk.MailRuError)
