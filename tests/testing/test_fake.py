"""FakePlatform in both modes: the platform's checks, scripting, recording, the world."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest
import requests

from mailru_sdk import (
    API,
    ClientSession,
    HTTPStatusError,
    RequestTimeoutError,
    ServerSession,
    TransportError,
)
from mailru_sdk.errors import (
    AccessDeniedError,
    AuthorizationFailedError,
    InvalidApplicationError,
    InvalidParameterError,
    InvalidSignatureError,
    PermissionDeniedError,
    UnknownMethodError,
    UnknownPlatformError,
)
from mailru_sdk.testing import EXAMPLE, TOKEN, FakePlatform, Fault, expected_signature
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, UID

CLIENT_SERVER_SIG = "5073f15c6d5b6ab2fde23ac43332b002"
SERVER_SERVER_SIG = "4a05af66f80da18b308fa7e536912bae"
WRONG_KEY = "0" * 32
FRIENDS = ["15410773191172635989", "4470155491327866721", "9223372036854775809"]


def test_the_example_credentials_are_the_documentation_s() -> None:
    assert (EXAMPLE.app_id, EXAMPLE.private_key, EXAMPLE.secret_key) == (
        APP_ID,
        PRIVATE_KEY,
        SECRET_KEY,
    )
    assert (EXAMPLE.access_token, EXAMPLE.uid) == (ACCESS_TOKEN, UID)


# -- signatures: the golden vectors and wrong keys ----------------------------------------


def test_expected_signature_reproduces_the_golden_vectors() -> None:
    params = {"app_id": "423004", "method": "friends.get", "session_key": ACCESS_TOKEN}
    assert expected_signature(params, PRIVATE_KEY, SECRET_KEY, UID) == CLIENT_SERVER_SIG
    secure = {**params, "secure": "1"}
    assert expected_signature(secure, PRIVATE_KEY, SECRET_KEY, None) == SERVER_SERVER_SIG


def test_the_golden_client_server_request_is_accepted(fake: FakePlatform) -> None:
    session = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=fake.api_url)
    assert session.call("friends.get") == FRIENDS
    (call,) = fake.calls
    assert call.params["sig"] == CLIENT_SERVER_SIG
    assert (call.method, call.circuit, call.http_method) == ("friends.get", "client-server", "POST")
    assert call.params == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "sig": CLIENT_SERVER_SIG,
    }


def test_the_golden_server_server_request_is_accepted(fake: FakePlatform) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=fake.api_url)
    assert session.call("friends.get") == FRIENDS
    (call,) = fake.calls
    assert call.params["sig"] == SERVER_SERVER_SIG
    assert (call.circuit, call.params["secure"]) == ("server-server", "1")


@pytest.mark.parametrize("circuit", ["client-server", "server-server"])
def test_a_wrong_key_gets_error_104(fake: FakePlatform, circuit: str) -> None:
    session = (
        ClientSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, UID, api_url=fake.api_url)
        if circuit == "client-server"
        else ServerSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, api_url=fake.api_url)
    )
    with pytest.raises(InvalidSignatureError) as info:
        session.call("friends.get")
    assert info.value.code == 104 and info.value.msg == "Incorrect signature."
    assert fake.calls[-1].circuit == circuit


def test_a_wrong_uid_breaks_the_client_server_signature(fake: FakePlatform) -> None:
    session = ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, "42", api_url=fake.api_url)
    with pytest.raises(InvalidSignatureError):
        session.call("friends.get")


def test_a_tampered_parameter_gets_error_104(fake: FakePlatform) -> None:
    session = fake.server_session()
    wire = session.signed_params("friends.get", {"ext": "0"}, "server-server")
    wire["ext"] = "1"
    answer = requests.get(fake.api_url, params=wire, timeout=5).json()
    assert answer["error"]["error_code"] == 104


def test_pass_error_returns_the_error_body(fake: FakePlatform) -> None:
    session = ServerSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, api_url=fake.api_url, pass_error=True)
    assert session.call("friends.get") == {
        "error": {"error_code": 104, "error_msg": "Incorrect signature."}
    }


# -- the other checks -----------------------------------------------------------------------


def test_an_unknown_app_id_gets_error_103(fake: FakePlatform) -> None:
    with pytest.raises(InvalidApplicationError):
        ServerSession(999, SECRET_KEY, ACCESS_TOKEN, api_url=fake.api_url).call("friends.get")


def test_an_unknown_token_gets_error_102(fake: FakePlatform) -> None:
    with pytest.raises(AuthorizationFailedError):
        ServerSession(APP_ID, SECRET_KEY, "nope", api_url=fake.api_url).call("friends.get")


def test_an_expired_token_gets_error_102(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    assert api.friends.get() == FRIENDS
    fake.expire_token(ACCESS_TOKEN)
    with pytest.raises(AuthorizationFailedError):
        api.friends.get()


def test_an_unknown_method_gets_error_2(fake: FakePlatform) -> None:
    with pytest.raises(UnknownMethodError):
        API(fake.server_session())("no.such")
    assert fake.calls[-1].method == "no.such"


def test_a_missing_required_parameter_gets_error_100(fake: FakePlatform) -> None:
    with pytest.raises(InvalidParameterError, match="aid"):
        API(fake.server_session())("photos.get")


def test_a_bad_integer_gets_error_100(fake: FakePlatform) -> None:
    with pytest.raises(InvalidParameterError, match="limit"):
        API(fake.server_session())("stream.get", limit="ten")


def test_a_server_server_call_without_a_token_names_the_user_with_uid(fake: FakePlatform) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, "", api_url=fake.api_url)
    users = API(session).users.getInfo(extra_params={"uid": UID})
    assert [u["uid"] for u in users] == [UID]


def test_canned_answers_can_be_switched_off() -> None:
    fake = FakePlatform(canned=False)
    fake.serve()
    try:
        with pytest.raises(UnknownMethodError):
            API(fake.server_session()).friends.get()
    finally:
        fake.stop()


# -- scripting ------------------------------------------------------------------------------


def test_respond_with_a_value(fake: FakePlatform) -> None:
    fake.respond("friends.get", ["42"])
    assert API(fake.server_session()).friends.get() == ["42"]


def test_respond_with_a_callable_gets_the_decoded_parameters(fake: FakePlatform) -> None:
    seen: list[dict[str, str]] = []

    def answer(params: Any) -> Any:
        seen.append(dict(params))
        return [{"uid": uid} for uid in params["uids"].split(",")]

    fake.respond("users.getInfo", answer)
    users = API(fake.server_session()).users.getInfo(uids=[1, "2"])
    assert users == [{"uid": "1"}, {"uid": "2"}]
    assert seen[0]["uids"] == "1,2"


def test_respond_makes_an_uncatalogued_method_known(fake: FakePlatform) -> None:
    fake.respond("groups.get", [{"mid": "1"}])
    assert API(fake.server_session())("groups.get") == [{"mid": "1"}]


def test_respond_refuses_what_json_cannot_carry(fake: FakePlatform) -> None:
    with pytest.raises(TypeError):
        fake.respond("friends.get", {1, 2})


def test_a_response_still_needs_a_valid_signature(fake: FakePlatform) -> None:
    fake.respond("friends.get", ["42"])
    with pytest.raises(InvalidSignatureError):
        ServerSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, api_url=fake.api_url).call("friends.get")


def test_fail_answers_the_next_call_of_that_method_with_the_code(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    fake.fail("photos.getAlbums", code=202)
    assert api.friends.get() == FRIENDS, "other methods are not affected"
    with pytest.raises(AccessDeniedError) as info:
        api.photos.getAlbums()
    assert info.value.msg == "Access to this object is denied"
    assert [a["title"] for a in api.photos.getAlbums()] == ["Summer 2023", "Cats"]


def test_fail_with_a_message_and_times(fake: FakePlatform) -> None:
    api = API(fake.server_session())
    fake.fail("friends.get", code=200, message="no friends for you", times=2)
    for _ in range(2):
        with pytest.raises(PermissionDeniedError, match="no friends for you"):
            api.friends.get()
    assert api.friends.get() == FRIENDS


def test_fail_for_ever_until_cleared(fake: FakePlatform, sleeps: list[float]) -> None:
    api = API(fake.server_session(max_retries=1))
    fake.fail("friends.get", code=1, times=None)
    with pytest.raises(UnknownPlatformError):
        api.friends.get()
    assert len(fake.calls) == 2 and len(sleeps) == 1, "code 1 is retried"
    fake.clear_faults()
    assert api.friends.get() == FRIENDS


def test_fail_checks_the_signature_first(fake: FakePlatform) -> None:
    fake.fail("friends.get", code=202)
    with pytest.raises(InvalidSignatureError):
        ServerSession(APP_ID, WRONG_KEY, ACCESS_TOKEN, api_url=fake.api_url).call("friends.get")


def test_http_error_twice_is_retried_then_answered(fake: FakePlatform, sleeps: list[float]) -> None:
    fake.http_error(503, times=2)
    assert API(fake.server_session()).friends.get() == FRIENDS
    assert len(fake.calls) == 3 and len(sleeps) == 2


def test_http_error_past_the_retries_is_an_http_status_error(
    fake: FakePlatform, sleeps: list[float]
) -> None:
    fake.http_error(503, times=3)
    with pytest.raises(HTTPStatusError) as info:
        API(fake.server_session()).friends.get()
    assert info.value.status == 503 and "Service Unavailable" in info.value.body_excerpt
    assert len(fake.calls) == 3


def test_http_error_with_retry_after_is_honoured(fake: FakePlatform, sleeps: list[float]) -> None:
    fake.http_error(429, retry_after=2)
    assert API(fake.server_session()).friends.get() == FRIENDS
    assert sleeps == [2.0]


def test_http_error_for_one_method(fake: FakePlatform) -> None:
    api = API(fake.server_session(max_retries=0))
    fake.http_error(500, method="photos.getAlbums")
    assert api.friends.get() == FRIENDS
    with pytest.raises(HTTPStatusError):
        api.photos.getAlbums()


def test_an_http_error_is_recorded_but_not_processed(fake: FakePlatform) -> None:
    api = API(fake.server_session(max_retries=0))
    fake.http_error(502)
    with pytest.raises(HTTPStatusError):
        api.stream.post(text="once")
    assert fake.calls[-1].method == "stream.post"
    assert all(e.get("user_text") != "once" for e in api.stream.get())


def test_drop_connection_is_retried_for_a_read(fake: FakePlatform, sleeps: list[float]) -> None:
    fake.drop_connection()
    assert API(fake.server_session()).friends.get() == FRIENDS
    assert len(fake.calls) == 2 and len(sleeps) == 1


def test_drop_connection_is_not_retried_for_a_write(
    fake: FakePlatform, sleeps: list[float]
) -> None:
    fake.drop_connection()
    with pytest.raises(TransportError) as info:
        API(fake.server_session()).stream.post(text="hi")
    assert info.value.sent is True and not isinstance(info.value, RequestTimeoutError)
    assert len(fake.calls) == 1 and sleeps == []


def test_a_delay_within_the_timeout_is_answered(fake: FakePlatform) -> None:
    fake.delay(0.05, times=1)
    assert API(fake.server_session(timeout=5.0)).friends.get() == FRIENDS


def test_a_delay_past_the_timeout_is_a_request_timeout(fake: FakePlatform) -> None:
    fake.delay(1.0)
    api = API(fake.server_session(timeout=0.1, max_retries=1))
    with pytest.raises(RequestTimeoutError, match="waiting for the answer") as info:
        api.friends.get()
    assert info.value.sent is True and len(fake.calls) == 2, "every try is late"
    fake.delay(0)
    assert api.friends.get() == FRIENDS


def test_a_delay_for_one_method(fake: FakePlatform) -> None:
    fake.delay(1.0, method="photos.getAlbums")
    api = API(fake.server_session(timeout=0.1, max_retries=0))
    assert api.friends.get() == FRIENDS
    with pytest.raises(RequestTimeoutError):
        api.photos.getAlbums()


def test_scripting_verbs_refuse_bad_counts(fake: FakePlatform) -> None:
    with pytest.raises(ValueError, match="times"):
        fake.http_error(503, times=0)
    with pytest.raises(ValueError, match="seconds"):
        fake.delay(-1)
    with pytest.raises(ValueError, match="kind"):
        fake.inject(Fault(kind="explode"))


@pytest.mark.parametrize("kind", ["html", "truncated", "empty"])
def test_legacy_faults_still_apply(fake: FakePlatform, kind: str) -> None:
    from mailru_sdk import ResponseDecodeError

    fake.inject(Fault(kind=kind))
    with pytest.raises(ResponseDecodeError):
        API(fake.server_session(max_retries=0)).friends.get()


def test_a_platform_error_fault_with_an_http_status(fake: FakePlatform) -> None:
    fake.inject(Fault(kind="error", code=202, status=403))
    with pytest.raises(AccessDeniedError, match="Injected error 202"):
        API(fake.server_session()).friends.get()


# -- recording ------------------------------------------------------------------------------


def test_every_call_is_recorded_with_decoded_parameters(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    api.users.getInfo(uids=["15410773191172635989", 1])
    api.stream.post(text="Привет & co", title="Hello")
    first, second = fake.calls
    assert first.params["uids"] == "15410773191172635989,1"
    assert second.method == "stream.post" and second.http_method == "POST"
    assert second.params["text"] == "Привет & co"
    assert fake.calls_to("stream.post") == [second]


def test_an_upload_is_recorded_with_its_file(fake: FakePlatform) -> None:
    API(fake.server_session()).photos.upload(aid="1", img_file=b"\x89PNG fake")
    (call,) = fake.calls
    assert call.files == {"img_file": ("img_file", b"\x89PNG fake")}
    assert call.params["aid"] == "1" and "img_file" not in call.params


# -- the world ------------------------------------------------------------------------------


def test_friends_come_from_the_world(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    friends = api.friends.get(ext=True)
    assert [f.get("first_name") for f in friends] == ["Maria", "Alexei", "Olga"]
    assert api.friends.get(offset=2) == FRIENDS[2:]
    assert api.friends.getOnline() == FRIENDS[:1]


def test_added_users_and_friends_are_served(fake: FakePlatform) -> None:
    fake.add_user("77", first_name="New", friends=[UID])
    api = API(fake.client_session())
    assert "77" in api.friends.get()
    assert api.users.getInfo(uids=["77"]) == [{"uid": "77", "first_name": "New"}]


def test_a_new_token_for_a_new_user(fake: FakePlatform) -> None:
    fake.add_user("5", first_name="Five")
    token = fake.add_token("5")
    session = ServerSession(APP_ID, SECRET_KEY, token, api_url=fake.api_url)
    assert API(session).users.getInfo() == [{"uid": "5", "first_name": "Five"}]
    assert API(session).friends.get() == []


def test_a_new_app(fake: FakePlatform) -> None:
    fake.add_app(1, secret_key="s3cret")
    assert ServerSession(1, "s3cret", ACCESS_TOKEN, api_url=fake.api_url).call("friends.get")


def test_albums_are_created_and_listed(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    created = api.photos.createAlbum(title="Dogs", privacy=4)
    albums = api.photos.getAlbums(aids=[created["aid"]])
    assert [(a["title"], a["privacy"]) for a in albums] == [("Dogs", 4)]
    assert api.photos.getAlbums(uid="15410773191172635989")[0]["title"] == "Mountains"


def test_stream_events_are_posted_and_paged_by_cursor(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    api.stream.post(text="Newest")
    first = api.stream.get(limit=2)
    assert [e["user_text"] for e in first] == ["Newest", "Who is coming on Saturday?"]
    rest = api.stream.get(skip=first[-1]["id"], limit=10)
    assert [e["user_text"] for e in rest] == ["New photos in Summer 2023", "Hello from Kazan!"]
    assert api.stream.get(skip=rest[-1]["id"]) == []
    assert api.stream.get(skip="unknown") == []
    mine = api.stream.getByAuthor()
    assert [e["user_text"] for e in mine] == ["Newest", "New photos in Summer 2023"]


def test_every_seeded_and_posted_event_has_a_type(fake: FakePlatform) -> None:
    # the docs' pagination example prints event["type"]: it once printed None on the fake
    api = API(fake.client_session())
    api.stream.post(text="Newest")
    events = list(api.stream.iter_get(limit=2))
    assert len(events) == 4
    assert {e.get("type") for e in events} == {"3-23"}


def test_events_filtered_by_application(fake: FakePlatform) -> None:
    fake.add_event("15410773191172635989", generator={"app_id": 7}, user_text="from app 7")
    events = API(fake.client_session()).stream.get(filter_app=7)
    assert [e["user_text"] for e in events] == ["from app 7"]


def test_a_generic_list_answer_pages_to_an_end(fake: FakePlatform) -> None:
    api = API(fake.client_session())
    assert len(api.photos.get(aid="1")) == 1
    assert api.photos.get(aid="1", offset=1) == []


def test_a_fake_without_the_example_world() -> None:
    fake = FakePlatform({1: ("p", "s")}, {"t": "9"}, seed=False)
    assert (fake.app_id, fake.private_key, fake.secret_key) == (1, "p", "s")
    assert (fake.access_token, fake.uid) == ("t", "9")
    assert fake.users == {} and fake.accounts == {} and fake.events == []


def test_the_repr_tells_the_mode() -> None:
    fake = FakePlatform()
    assert "idle" in repr(fake)
    fake.serve()
    assert "served" in repr(fake)
    fake.stop()


# -- the OAuth token endpoint ---------------------------------------------------------------


def _token(fake: FakePlatform, **form: str) -> requests.Response:
    base = {"client_id": str(APP_ID), "client_secret": SECRET_KEY}
    return requests.post(fake.token_url, data={**base, **form}, timeout=5)


def test_the_password_grant(fake: FakePlatform) -> None:
    answer = _token(fake, grant_type="password", username=EXAMPLE.email, password=EXAMPLE.password)
    assert answer.status_code == 200
    tokens = answer.json()
    assert tokens["x_mailru_vid"] == UID and tokens["expires_in"] == 86400
    assert tokens["token_type"] == "bearer" and tokens["refresh_token"]
    session = ClientSession(APP_ID, PRIVATE_KEY, tokens["access_token"], UID, api_url=fake.api_url)
    assert API(session).friends.get() == FRIENDS
    assert fake.token_requests[-1]["grant_type"] == "password"


def test_the_password_grant_refuses_a_wrong_password(fake: FakePlatform) -> None:
    answer = _token(fake, grant_type="password", username=EXAMPLE.email, password="nope")
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_grant")


def test_the_code_grant_works_once(fake: FakePlatform) -> None:
    code = fake.add_code(UID, "https://app.example/cb")
    wrong = _token(fake, grant_type="authorization_code", code=code, redirect_uri="https://x/")
    assert wrong.json()["error"] == "invalid_grant"
    first = _token(
        fake, grant_type="authorization_code", code=code, redirect_uri="https://app.example/cb"
    )
    assert first.status_code == 200 and first.json()["x_mailru_vid"] == UID
    again = _token(
        fake, grant_type="authorization_code", code=code, redirect_uri="https://app.example/cb"
    )
    assert again.json()["error"] == "invalid_grant"


def test_the_refresh_grant_works_once_and_the_new_token_is_valid(fake: FakePlatform) -> None:
    issued = fake.issue_tokens(UID)
    fresh = _token(fake, grant_type="refresh_token", refresh_token=issued["refresh_token"])
    assert fresh.status_code == 200
    new = fresh.json()
    assert new["access_token"] != issued["access_token"]
    session = ServerSession(APP_ID, SECRET_KEY, new["access_token"], api_url=fake.api_url)
    assert session.call("friends.get") == FRIENDS
    again = _token(fake, grant_type="refresh_token", refresh_token=issued["refresh_token"])
    assert again.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"client_secret": WRONG_KEY, "grant_type": "password"}, "invalid_client"),
        ({"client_id": "1", "grant_type": "password"}, "invalid_client"),
        ({"grant_type": "implicit"}, "unsupported_grant_type"),
    ],
)
def test_the_token_endpoint_refuses_bad_clients_and_grants(
    fake: FakePlatform, form: dict[str, str], error: str
) -> None:
    answer = _token(fake, **form)
    assert (answer.status_code, answer.json()["error"]) == (400, error)


def test_the_token_endpoint_can_be_made_to_fail(fake: FakePlatform) -> None:
    fake.http_error(503, method=TOKEN)
    assert API(fake.server_session()).friends.get() == FRIENDS, "API calls are not affected"
    answer = _token(fake, grant_type="refresh_token", refresh_token="x")
    assert answer.status_code == 503
    assert fake.token_requests[-1]["refresh_token"] == "x"


def test_the_code_grant_endpoint_is_intercepted_in_process() -> None:
    with FakePlatform() as fake:
        code = fake.add_code(UID, "https://app.example/cb")
        answer = requests.post(
            "https://connect.mail.ru/oauth/token",
            data={
                "grant_type": "authorization_code",
                "client_id": str(APP_ID),
                "client_secret": SECRET_KEY,
                "code": code,
                "redirect_uri": "https://app.example/cb",
            },
            timeout=5,
        )
    assert answer.json()["x_mailru_vid"] == UID


@pytest.mark.parametrize("circuit", ["server-server", "client-server"])
def test_an_app_without_the_circuit_s_key_accepts_no_signature(circuit: str) -> None:
    # signed with the empty key the app was registered with: still error 104
    fake = FakePlatform(apps={}, seed=False)
    fake.add_app(777)
    token = fake.add_token(UID)
    params = {"app_id": "777", "method": "users.isAppUser", "session_key": token}
    if circuit == "server-server":
        params["secure"] = "1"
    params["sig"] = expected_signature(params, "", "", UID)
    answer = fake.answer("GET", urllib.parse.urlencode(params))[1]
    assert answer["error"]["error_code"] == 104


def test_an_app_with_one_key_refuses_the_other_circuit_signed_empty() -> None:
    fake = FakePlatform(apps={777: ("", SECRET_KEY)}, tokens={ACCESS_TOKEN: UID}, seed=False)
    params = {"app_id": "777", "method": "users.isAppUser", "session_key": ACCESS_TOKEN}
    params["sig"] = expected_signature(params, "", SECRET_KEY, UID)  # client-server, empty key
    answer = fake.answer("GET", urllib.parse.urlencode(params))[1]
    assert answer["error"]["error_code"] == 104
    session = ServerSession(777, SECRET_KEY, ACCESS_TOKEN, api_url="http://127.0.0.1:9/x")
    wire = session.signed_params("users.isAppUser", {}, "server-server")
    session.close()
    answer = fake.answer("GET", urllib.parse.urlencode(wire))[1]
    assert "error" not in answer  # its own circuit, with its key, still works
