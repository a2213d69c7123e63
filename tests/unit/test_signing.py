"""Wire encoding and both signature circuits (DESIGN.md section 2)."""

from __future__ import annotations

import hashlib
import urllib.parse
from enum import IntEnum, StrEnum

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from mailru_sdk.signing import (
    canonical_string,
    encode_params,
    encode_value,
    sign,
    sign_client_server,
    sign_server_server,
)
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID

BASE = {"app_id": str(APP_ID), "method": "friends.get", "session_key": ACCESS_TOKEN}


def test_client_server_vector_from_the_platform_docs() -> None:
    assert sign_client_server(BASE, UID, PRIVATE_KEY) == "5073f15c6d5b6ab2fde23ac43332b002"


def test_server_server_vector_from_the_platform_docs() -> None:
    params = {**BASE, "secure": "1"}
    assert sign_server_server(params, SECRET_KEY) == "4a05af66f80da18b308fa7e536912bae"


def test_canonical_string_matches_the_documented_walkthrough() -> None:
    assert canonical_string({**BASE, "sig": "ignored"}) == (
        "app_id=423004method=friends.getsession_key=be6ef89965d58e56dec21acb9b62bdaa"
    )


def test_server_server_without_secure_is_refused() -> None:
    with pytest.raises(ValueError, match="secure=1"):
        sign_server_server(BASE, SECRET_KEY)


def test_sign_dispatches_on_the_circuit() -> None:
    assert sign(BASE, "client-server", uid=UID, key=PRIVATE_KEY) == (
        "5073f15c6d5b6ab2fde23ac43332b002"
    )
    assert sign({**BASE, "secure": "1"}, "server-server", uid="", key=SECRET_KEY) == (
        "4a05af66f80da18b308fa7e536912bae"
    )


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        ("text", "text"),
        ("", ""),
        ("Привет", "Привет"),
        (0, "0"),
        (-5, "-5"),
        (15410773191172635989, "15410773191172635989"),
        (True, "1"),
        (False, "0"),
        (["a", 1, "b"], "a,1,b"),
        (("x",), "x"),
        ([], ""),
    ],
)
def test_encode_value(value: object, wire: str) -> None:
    assert encode_value("p", value) == wire


def test_enum_members_encode_as_their_values() -> None:
    class Kind(StrEnum):
        A = "alpha"

    class Level(IntEnum):
        TWO = 2

    assert encode_value("k", Kind.A) == "alpha"
    assert encode_value("k", Level.TWO) == "2"
    assert encode_value("k", [Kind.A, Level.TWO]) == "alpha,2"


def test_none_means_not_sent_but_falsy_values_are_sent() -> None:
    assert encode_params({"a": None, "b": 0, "c": False, "d": ""}) == {
        "b": "0",
        "c": "0",
        "d": "",
    }


@pytest.mark.parametrize("value", [1.5, b"bytes", {"a": 1}, object(), {1, 2}])
def test_unsupported_types_raise_type_error_naming_the_parameter(value: object) -> None:
    with pytest.raises(TypeError, match="parameter 'uids'"):
        encode_value("uids", value)


@pytest.mark.parametrize("element", [1.5, True, None, b"x", ["nested"]])
def test_unsupported_list_elements_raise(element: object) -> None:
    with pytest.raises(TypeError, match=r"parameter 'uids': element 1"):
        encode_value("uids", ["1", element])


def test_list_element_with_a_comma_is_refused() -> None:
    with pytest.raises(ValueError, match="contains a comma"):
        encode_value("pids", ["1,2"])


def test_an_empty_list_element_is_refused_before_any_traffic() -> None:
    with pytest.raises(ValueError, match=r"parameter 'uids': element 1 is an empty string"):
        encode_params({"uids": ["42", ""]})
    assert encode_params({"uids": []}) == {"uids": ""}  # an empty list is an empty value


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)
values = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.booleans(),
    st.lists(
        st.one_of(
            st.integers(0, 2**64),
            st.text(
                alphabet=st.characters(exclude_characters=",", codec="utf-8"),
                min_size=1,
                max_size=5,
            ),
        ),
        max_size=5,
    ),
)


@given(st.dictionaries(names, values, max_size=10), st.permutations(range(10)))
def test_parameter_order_never_changes_the_signature(
    params: dict[str, object], order: list[int]
) -> None:
    encoded = encode_params(params)
    items = list(encoded.items())
    shuffled = dict(items[i] for i in order if i < len(items))
    assert sign_client_server(encoded, UID, PRIVATE_KEY) == sign_client_server(
        shuffled, UID, PRIVATE_KEY
    )


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30))
def test_non_ascii_values_sign_over_their_utf8_bytes(text: str) -> None:
    params = {"method": "stream.post", "text": text}
    expected_bytes = (UID + "method=stream.posttext=" + text + PRIVATE_KEY).encode("utf-8")
    assert sign_client_server(params, UID, PRIVATE_KEY) == hashlib.md5(expected_bytes).hexdigest()


@given(st.dictionaries(names, values, max_size=10))
def test_signed_string_is_exactly_what_the_server_decodes(params: dict[str, object]) -> None:
    encoded = encode_params(params)
    # Build the URL the way the session does (requests' own encoding), then decode
    # it the way a server does, and compare with what was signed.
    prepared = requests.Request("GET", "https://appsmail.ru/platform/api", params=encoded).prepare()
    assert prepared.url is not None
    query = urllib.parse.urlsplit(prepared.url).query
    decoded = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    assert decoded == encoded
    assert canonical_string(decoded) == canonical_string(encoded)


def test_lone_surrogate_is_refused_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match=r"parameter 'text': character '\\ud800'"):
        sign_client_server({"text": "ok\ud800"}, UID, PRIVATE_KEY)


# -- lists: the fast paths (issue 18) give what the element-by-element walk gives ----------


@given(
    st.lists(
        st.one_of(
            st.integers(min_value=-(2**70), max_value=2**70),
            st.text(min_size=1, max_size=8).filter(lambda t: "," not in t),
        ),
        max_size=30,
    )
)
def test_list_fast_paths_encode_as_the_element_walk(items: list[int | str]) -> None:
    from mailru_sdk.signing import _encode_elements

    assert encode_value("uids", items) == _encode_elements("uids", items)
    assert encode_value("uids", tuple(items)) == _encode_elements("uids", items)


def test_list_fast_paths_still_refuse_bad_elements() -> None:
    with pytest.raises(ValueError, match="element 1"):
        encode_value("uids", ["a", "b,c"])
    with pytest.raises(ValueError, match="empty string"):
        encode_value("uids", ["a", ""])
    with pytest.raises(TypeError, match="element 1 has type bool"):
        encode_value("uids", [1, True])


@given(
    st.dictionaries(
        st.sampled_from(["uids", "aids", "method", "sig", "text", "a b"]),
        st.one_of(
            st.lists(st.integers(min_value=0, max_value=2**64), max_size=20).map(
                lambda xs: ",".join(map(str, xs))
            ),
            st.text(alphabet="abc,.-_~ %+&=é", max_size=20),
        ),
    )
)
def test_query_string_is_urlencode_byte_for_byte(wire: dict[str, str]) -> None:
    from mailru_sdk._http import query_string

    assert query_string(wire) == urllib.parse.urlencode(wire)


def test_a_list_of_ids_is_sent_with_its_commas_quoted_and_signed_unquoted() -> None:
    from mailru_sdk._http import query_string

    wire = encode_params({"uids": [1, 22, 333]})
    assert wire == {"uids": "1,22,333"}  # what canonical_string signs
    assert query_string(wire) == "uids=1%2C22%2C333" == urllib.parse.urlencode(wire)
