"""Issue 17, item 3: parameters as a list of pairs, as requests takes them.

Every entry point (``session.call``, ``session.public_request``, the stubs'
``extra_params``, ``session.params``) accepts a mapping or ``(name, value)``
pairs through one helper (``signing.param_mapping``); a repeated name or a
malformed pair is refused, naming it, before any traffic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import requests

from mailru_sdk import API, ServerSession
from mailru_sdk.testing import FakePlatform
from tests.conftest import ACCESS_TOKEN, APP_ID, SECRET_KEY


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    with FakePlatform() as platform:
        yield platform


@pytest.fixture
def no_traffic() -> Iterator[mock.MagicMock]:
    with mock.patch.object(
        requests.Session, "send", side_effect=AssertionError("no request may be sent")
    ) as send:
        yield send
    assert not send.called


PAIRS: list[Any] = [
    [("uids", "1"), ("ext", 1)],
    (("uids", "1"), ("ext", 1)),
    [["uids", "1"], ["ext", 1]],
    iter([("uids", "1"), ("ext", 1)]),
]


@pytest.mark.parametrize("pairs", PAIRS, ids=["list", "tuple", "lists", "iterator"])
def test_session_call_takes_pairs(fake: FakePlatform, pairs: Any) -> None:
    fake.respond("some.method", {"ok": 1})
    assert fake.server_session().call("some.method", pairs) == {"ok": 1}
    sent = fake.calls[-1].params
    assert (sent["uids"], sent["ext"]) == ("1", "1")


def test_extra_params_take_pairs(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    api.friends.get(extra_params=[("uid2", 5), ("skip", None)])
    sent = fake.calls[-1].params
    assert sent["uid2"] == "5"
    assert "skip" not in sent  # None is left out, as in a mapping


def test_a_paged_stub_takes_pairs_and_still_refuses_the_cursor_in_them(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    with pytest.raises(TypeError, match="give the starting offset as offset="):
        api.photos.iter_get(aid="x", extra_params=[("offset", 5)])


def test_public_request_takes_pairs(fake: FakePlatform) -> None:
    fake.add_public(("mail", "ivanov"), lambda params: {"asked": dict(params)})
    answer = fake.public_session().public_request(("mail", "ivanov"), [("x", 1), ("y", "z")])
    assert answer == {"asked": {"x": "1", "y": "z"}}


def test_session_params_take_pairs(fake: FakePlatform) -> None:
    fake.respond("some.method", {"ok": 1})
    session = fake.server_session()
    session.params = [("lang", "ru")]
    session.call("some.method", {"x": 1})
    assert fake.calls[-1].params["lang"] == "ru"


@pytest.mark.parametrize(
    ("pairs", "error", "message"),
    [
        ([("uids", "1"), ("uids", "2")], ValueError, r"params: 'uids' is given more than once"),
        ([("uids", "1", "x")], TypeError, r"params: item 0 is not a \(name, value\) pair"),
        ([("ext", 1), "uids"], TypeError, r"params: item 1 is not a \(name, value\) pair"),
        ([(1, "x")], TypeError, r"params: item 0 has a name of type int"),
        ("uids=1", TypeError, r"params must be a mapping or \(name, value\) pairs, got str"),
        (5, TypeError, r"params must be a mapping or \(name, value\) pairs, got int"),
    ],
)
def test_bad_pairs_are_refused_before_any_traffic(
    pairs: Any, error: type[Exception], message: str, no_traffic: mock.MagicMock
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    with pytest.raises(error, match=message):
        session.call("friends.get", pairs)
    with pytest.raises(error, match=message):
        session.public_request("mail", pairs)
    with pytest.raises(error, match=message.replace("params", "extra_params", 1)):
        API(session).friends.get(extra_params=pairs)


def test_a_repeated_name_in_session_params_is_refused_naming_it(
    no_traffic: mock.MagicMock,
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN)
    session.params = [("lang", "ru"), ("lang", "en")]
    with pytest.raises(ValueError, match=r"session.params: 'lang' is given more than once"):
        session.call("friends.get")


def test_one_helper_and_a_mapping_passes_through() -> None:
    from mailru_sdk.signing import encode_params, param_mapping

    mapping = {"a": 1}
    assert param_mapping(mapping) is mapping
    assert encode_params([("a", 1), ("b", True), ("c", None)]) == {"a": "1", "b": "1"}
