"""The SDK against the loopback emulator: real HTTP on 127.0.0.1, signatures checked by the server.

The emulator verifies every signature from the raw query (or form body) it
received, with its own code, so a call that succeeds here was signed right
byte for byte.
"""

from __future__ import annotations

import logging
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from mailru_sdk import (
    API,
    ClientSession,
    EmptyResponseError,
    HTTPStatusError,
    MailRuError,
    RequestTimeoutError,
    ResponseDecodeError,
    ServerSession,
    TokenSession,
    TransportError,
)
from mailru_sdk.errors import (
    AccessDeniedError,
    APIError,
    AuthorizationFailedError,
    InvalidApplicationError,
    InvalidParameterError,
    InvalidSignatureError,
    ServiceUnavailableError,
    UnknownMethodError,
)
from mailru_sdk.testing import Fault, LoopbackPlatform, RecordedCall, expected_signature
from tests.conftest import ACCESS_TOKEN, APP_ID, PRIVATE_KEY, SECRET_KEY, SECRETS, UID

CLIENT_SERVER_SIG = "5073f15c6d5b6ab2fde23ac43332b002"
SERVER_SERVER_SIG = "4a05af66f80da18b308fa7e536912bae"
FRIENDS = ["100", "200"]

SessionFactory = Callable[[str], TokenSession]


# -- sessions built like the seed examples (reference/seed-session.md) ---------------------


def seed_client_server(api_url: str) -> TokenSession:
    return TokenSession(
        app_id=423004,
        private_key="7815696ecbf1c96e6894b779456d330e",
        secret_key="",
        access_token="be6ef89965d58e56dec21acb9b62bdaa",
        uid="1324730981306483817",
        api_url=api_url,
    )


def seed_server_server(api_url: str) -> TokenSession:
    return TokenSession(
        app_id=423004,
        private_key="",
        secret_key="3dad9cbf9baaa0360c0f2ba372d25716",
        access_token="be6ef89965d58e56dec21acb9b62bdaa",
        uid="",
        api_url=api_url,
    )


def client_session(api_url: str) -> TokenSession:
    return ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, UID, api_url=api_url)


def server_session(api_url: str) -> TokenSession:
    return ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=api_url)


BOTH_CIRCUITS = pytest.mark.parametrize(
    "make_session",
    [client_session, server_session],
    ids=["client-server", "server-server"],
)


def signature_is_valid(call: RecordedCall) -> bool:
    """Recompute the signature of a recorded request from what the server received."""
    uid = UID if call.params.get("session_key") == ACCESS_TOKEN else None
    return call.params.get("sig") == expected_signature(call.params, PRIVATE_KEY, SECRET_KEY, uid)


def echo(params: Mapping[str, str]) -> Any:
    """A handler that answers with the method parameters it received."""
    reserved = {"app_id", "method", "sig", "session_key", "secure"}
    return {name: value for name, value in params.items() if name not in reserved}


# -- both circuits, exactly as documented -----------------------------------------------


def test_seed_client_server_session_is_accepted(platform: LoopbackPlatform) -> None:
    session = seed_client_server(platform.url)
    assert session.circuit == "client-server"
    assert API(session)("friends.get") == FRIENDS
    (call,) = platform.calls
    assert call.http_method == "POST" and call.circuit == "client-server"  # the default
    assert call.params == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "sig": CLIENT_SERVER_SIG,
    }


def test_seed_server_server_session_is_accepted(platform: LoopbackPlatform) -> None:
    session = seed_server_server(platform.url)
    assert session.circuit == "server-server"
    assert API(session)("friends.get") == FRIENDS
    (call,) = platform.calls
    assert call.http_method == "POST" and call.circuit == "server-server"  # the default
    assert call.params == {
        "method": "friends.get",
        "app_id": "423004",
        "session_key": ACCESS_TOKEN,
        "secure": "1",
        "sig": SERVER_SERVER_SIG,
    }


@pytest.mark.parametrize(
    ("make_session", "sig"),
    [(client_session, CLIENT_SERVER_SIG), (server_session, SERVER_SERVER_SIG)],
    ids=["ClientSession", "ServerSession"],
)
def test_fixed_circuit_sessions_send_the_documented_signature(
    platform: LoopbackPlatform, make_session: SessionFactory, sig: str
) -> None:
    assert make_session(platform.url).call("friends.get") == FRIENDS
    assert platform.calls[0].params["sig"] == sig
    assert f"sig={sig}" in platform.calls[0].raw_query


@BOTH_CIRCUITS
def test_parameters_reach_the_handler(
    platform: LoopbackPlatform, make_session: SessionFactory
) -> None:
    api = API(make_session(platform.url))
    assert api("users.getInfo", uids=[7, "8"]) == [
        {"uid": "7", "first_name": "User", "last_name": "7"},
        {"uid": "8", "first_name": "User", "last_name": "8"},
    ]
    assert api("friends.get", ext=True) == [
        {"uid": "100", "first_name": "Ivan", "last_name": "Petrov"}
    ]
    assert platform.calls[0].params["uids"] == "7,8"
    assert platform.calls[1].params["ext"] == "1"
    assert all(signature_is_valid(call) for call in platform.calls)


# -- the platform refuses what it should --------------------------------------------------


@pytest.mark.parametrize(
    "make_session",
    [
        lambda url: ClientSession(APP_ID, "0" * 32, ACCESS_TOKEN, UID, api_url=url),
        lambda url: ServerSession(APP_ID, "0" * 32, ACCESS_TOKEN, api_url=url),
        # the right key of the other circuit does not sign this one
        lambda url: ClientSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, UID, api_url=url),
        lambda url: ServerSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, api_url=url),
        # client-server signs with the uid too
        lambda url: ClientSession(APP_ID, PRIVATE_KEY, ACCESS_TOKEN, "42", api_url=url),
    ],
    ids=["private_key", "secret_key", "secret-as-private", "private-as-secret", "uid"],
)
def test_a_wrong_key_is_an_invalid_signature(
    platform: LoopbackPlatform, make_session: SessionFactory, sleeps: list[float]
) -> None:
    with pytest.raises(InvalidSignatureError) as info:
        make_session(platform.url).call("friends.get")
    assert info.value.code == 104 and info.value.method == "friends.get"
    assert len(platform.calls) == 1 and sleeps == [], "104 is not retried"


@BOTH_CIRCUITS
def test_an_unknown_token_is_an_authorization_failure(
    platform: LoopbackPlatform, make_session: SessionFactory
) -> None:
    session = make_session(platform.url)
    session.access_token = "f" * 32
    with pytest.raises(AuthorizationFailedError) as info:
        session.call("friends.get")
    assert info.value.code == 102


@BOTH_CIRCUITS
def test_a_wrong_app_id_is_an_application_lookup_failure(
    platform: LoopbackPlatform, make_session: SessionFactory
) -> None:
    session = make_session(platform.url)
    session.app_id = 999999
    with pytest.raises(InvalidApplicationError) as info:
        session.call("friends.get")
    assert info.value.code == 103
    assert platform.calls[0].params["app_id"] == "999999"


@BOTH_CIRCUITS
def test_an_unknown_method_through_the_escape_hatch(
    platform: LoopbackPlatform, make_session: SessionFactory
) -> None:
    with pytest.raises(UnknownMethodError) as info:
        API(make_session(platform.url))("no.such")
    assert (info.value.code, info.value.method) == (2, "no.such")
    # the signature was fine: the method name is what the platform refused
    assert signature_is_valid(platform.calls[0])


# -- GET and POST, any text ----------------------------------------------------------------

TEXTS = [
    "plain",
    "Привет, мир",
    "emoji 👋🏽 and ünïcödé",
    "reserved &=+?#%/ ;,",
    "",
    "  spaced  ",
    "日本語のテキスト",
]


@pytest.mark.parametrize("http_method", ["GET", "POST"])
@BOTH_CIRCUITS
def test_get_and_post_are_both_verified(
    platform: LoopbackPlatform, make_session: SessionFactory, http_method: Any
) -> None:
    session = make_session(platform.url)
    session.http_method = http_method
    assert session.call("friends.get", {"ext": False}) == FRIENDS
    (call,) = platform.calls
    assert call.http_method == http_method
    assert call.params["ext"] == "0"
    assert signature_is_valid(call)


def test_post_carries_the_parameters_in_the_body(platform: LoopbackPlatform) -> None:
    server_session(platform.url).call("friends.get", http_method="POST")
    body = dict(urllib.parse.parse_qsl(platform.calls[0].raw_query))
    assert body["method"] == "friends.get" and body["sig"] == SERVER_SERVER_SIG


@pytest.mark.parametrize("http_method", ["GET", "POST"])
@pytest.mark.parametrize("text", TEXTS)
@BOTH_CIRCUITS
def test_non_ascii_values_are_signed_as_sent(
    platform: LoopbackPlatform, make_session: SessionFactory, text: str, http_method: Any
) -> None:
    platform.handlers["test.echo"] = echo
    session = make_session(platform.url)
    params = {"text": text, "tags": ["Москва", "🚀", "ok"], "count": 0}
    answer = session.call("test.echo", params, http_method=http_method)
    # the server checked the signature over what it decoded, and decoded the same text
    assert answer == {"text": text, "tags": "Москва,🚀,ok", "count": "0"}
    assert signature_is_valid(platform.calls[0])


# -- faults ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429])
def test_a_transient_status_is_retried(
    platform: LoopbackPlatform, sleeps: list[float], status: int
) -> None:
    platform.inject(Fault(kind="status", status=status))
    assert server_session(platform.url).call("friends.get") == FRIENDS
    assert len(platform.calls) == 2 and len(sleeps) == 1
    assert all(signature_is_valid(call) for call in platform.calls)


def test_retry_after_from_the_server_is_honoured(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.inject(Fault(kind="status", status=503, headers={"Retry-After": "2"}))
    assert server_session(platform.url).call("friends.get") == FRIENDS
    assert sleeps == [2.0]


def test_5xx_every_time_gives_up_after_max_retries(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.inject(*[Fault(kind="status", status=503)] * 3)
    with pytest.raises(HTTPStatusError) as info:
        server_session(platform.url).call("friends.get")
    assert info.value.status == 503 and "Bad Gateway" in info.value.body_excerpt
    assert len(platform.calls) == 3 and len(sleeps) == 2


def test_platform_code_3_is_retried(platform: LoopbackPlatform, sleeps: list[float]) -> None:
    platform.inject(Fault(kind="error", code=3))
    assert server_session(platform.url).call("friends.get") == FRIENDS
    assert len(platform.calls) == 2 and len(sleeps) == 1


def test_a_dropped_connection_is_retried_for_an_idempotent_call(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.inject(Fault(kind="drop"))
    assert server_session(platform.url).call("friends.get") == FRIENDS
    assert len(platform.calls) == 2 and len(sleeps) == 1
    assert platform.calls[1].method == "friends.get" and signature_is_valid(platform.calls[1])


def test_a_dropped_connection_is_not_retried_for_a_write(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.handlers["stream.post"] = lambda params: {"id": "1"}
    platform.inject(Fault(kind="drop"))
    with pytest.raises(TransportError) as info:
        server_session(platform.url).call(
            "stream.post", {"text": "once"}, http_method="POST", idempotent=False
        )
    assert not isinstance(info.value, RequestTimeoutError)
    assert info.value.sent is True, "the request reached the server"
    assert isinstance(info.value.__cause__, requests.ConnectionError)
    assert len(platform.calls) == 1 and sleeps == []


def test_a_slow_answer_past_the_timeout_is_a_request_timeout(platform: LoopbackPlatform) -> None:
    platform.inject(Fault(kind="sleep", seconds=1.0))
    session = server_session(platform.url)
    with pytest.raises(RequestTimeoutError, match="waiting for the answer") as info:
        session.call("friends.get", timeout=0.2, max_retries=0)
    assert info.value.sent is True and info.value.method == "friends.get"
    assert isinstance(info.value.__cause__, requests.ReadTimeout)


def test_a_slow_answer_within_the_timeout_succeeds(platform: LoopbackPlatform) -> None:
    platform.inject(Fault(kind="sleep", seconds=0.05))
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, timeout=5.0)
    assert session.call("friends.get", max_retries=0) == FRIENDS


def test_an_html_body_is_a_decode_error(platform: LoopbackPlatform, sleeps: list[float]) -> None:
    platform.inject(Fault(kind="html"))
    with pytest.raises(ResponseDecodeError, match="not JSON") as info:
        server_session(platform.url).call("friends.get")
    assert not isinstance(info.value, EmptyResponseError)
    assert info.value.status == 200 and "Maintenance" in info.value.body_excerpt
    assert len(platform.calls) == 1 and sleeps == []


def test_an_html_error_page_is_an_http_status_error(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    platform.inject(Fault(kind="html", status=404))
    with pytest.raises(HTTPStatusError) as info:
        server_session(platform.url).call("friends.get")
    assert info.value.status == 404 and "Maintenance" in info.value.body_excerpt
    assert sleeps == []


def test_truncated_json_is_a_decode_error(platform: LoopbackPlatform) -> None:
    platform.inject(Fault(kind="truncated"))
    with pytest.raises(ResponseDecodeError) as info:
        server_session(platform.url).call("friends.get")
    assert not isinstance(info.value, EmptyResponseError)
    assert isinstance(info.value.__cause__, ValueError)
    assert info.value.body_excerpt == '["100", "20'


def test_an_empty_body_is_an_empty_response_error(platform: LoopbackPlatform) -> None:
    platform.inject(Fault(kind="empty"))
    with pytest.raises(EmptyResponseError) as info:
        server_session(platform.url).call("friends.get")
    assert info.value.status == 200 and info.value.body_excerpt == ""


@pytest.mark.parametrize("status", [200, 400, 403, 500])
@pytest.mark.parametrize(
    ("code", "error_cls"), [(202, AccessDeniedError), (100, InvalidParameterError)]
)
def test_a_platform_error_body_raises_its_class_whatever_the_status(
    platform: LoopbackPlatform,
    sleeps: list[float],
    status: int,
    code: int,
    error_cls: type[APIError],
) -> None:
    platform.inject(Fault(kind="error", code=code, status=status))
    with pytest.raises(error_cls) as info:
        server_session(platform.url).call("photos.get")
    assert (info.value.code, info.value.msg) == (code, f"Injected error {code}")
    assert info.value.method == "photos.get"
    assert len(platform.calls) == 1 and sleeps == [], "only codes 1 and 3 are retried"


@pytest.mark.parametrize("status", [200, 400])
def test_pass_error_returns_the_error_body(platform: LoopbackPlatform, status: int) -> None:
    platform.inject(Fault(kind="error", code=202, status=status))
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=platform.url, pass_error=True)
    assert session.call("photos.get") == {
        "error": {"error_code": 202, "error_msg": "Injected error 202"}
    }
    # and a normal answer still comes through
    assert session.call("friends.get") == FRIENDS


def test_pass_error_returns_the_signature_error_of_a_wrong_key(platform: LoopbackPlatform) -> None:
    session = ServerSession(APP_ID, "0" * 32, ACCESS_TOKEN, api_url=platform.url, pass_error=True)
    answer = session.call("friends.get")
    assert answer["error"]["error_code"] == 104


def test_a_refused_connection_is_a_transport_error_never_sent(
    closed_port_url: str, sleeps: list[float]
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=closed_port_url)
    with pytest.raises(TransportError) as info:
        session.call("friends.get")
    assert not isinstance(info.value, RequestTimeoutError)
    assert info.value.sent is False and info.value.method == "friends.get"
    assert isinstance(info.value.__cause__, requests.ConnectionError)
    assert len(sleeps) == 2, "a connection error is retried max_retries times"


def test_a_refused_connection_is_retried_even_for_a_write(
    closed_port_url: str, sleeps: list[float]
) -> None:
    session = ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=closed_port_url)
    with pytest.raises(TransportError) as info:
        session.call(
            "stream.post", {"text": "x"}, http_method="POST", idempotent=False, max_retries=1
        )
    assert info.value.sent is False
    assert len(sleeps) == 1, "the request provably never left, so a write may be retried"


# -- no secret in logs or tracebacks -------------------------------------------------------

ALBUM_PASSWORD = "album-" + "secret-pw"  # built so a traceback's source line does not show it


def no_secret_scenarios() -> list[Any]:
    ok: list[Fault] = []
    return [
        pytest.param(ok, None, {}, False, id="ok"),
        pytest.param([Fault(kind="error", code=202)], AccessDeniedError, {}, False, id="api-error"),
        pytest.param(
            [Fault(kind="error", code=3, status=503)] * 3,
            ServiceUnavailableError,
            {},
            False,
            id="api-error-retried",
        ),
        pytest.param([Fault(kind="status", status=503)] * 3, HTTPStatusError, {}, False, id="5xx"),
        pytest.param([Fault(kind="html")], ResponseDecodeError, {}, False, id="html"),
        pytest.param([Fault(kind="truncated")], ResponseDecodeError, {}, False, id="truncated"),
        pytest.param([Fault(kind="empty")], EmptyResponseError, {}, False, id="empty"),
        pytest.param([Fault(kind="drop")] * 3, TransportError, {}, False, id="drop"),
        pytest.param(
            [Fault(kind="drop")], TransportError, {"idempotent": False}, False, id="drop-write"
        ),
        pytest.param(
            [Fault(kind="sleep", seconds=1.0)],
            RequestTimeoutError,
            {"timeout": 0.2, "max_retries": 0},
            False,
            id="timeout",
        ),
        pytest.param(ok, TransportError, {}, True, id="refused"),
        pytest.param(ok, TransportError, {"http_method": "POST"}, True, id="refused-post"),
        pytest.param(
            ok,
            RequestTimeoutError,
            {"timeout": (1e-9, 1.0), "max_retries": 0},
            True,
            id="tiny-connect-timeout",
        ),
    ]


@pytest.mark.parametrize(("faults", "expected", "kwargs", "refused"), no_secret_scenarios())
def test_no_secret_in_logs_or_tracebacks(
    platform: LoopbackPlatform,
    closed_port_url: str,
    caplog: pytest.LogCaptureFixture,
    faults: list[Fault],
    expected: type[MailRuError] | None,
    kwargs: dict[str, Any],
    refused: bool,
) -> None:
    caplog.set_level(logging.DEBUG, logger="mailru_sdk")
    platform.handlers["photos.createAlbum"] = lambda params: {"aid": "1"}
    platform.inject(*faults)
    url = closed_port_url if refused else platform.url
    # both keys, so every secret the SDK holds is in play; client-server signs
    session = TokenSession(APP_ID, PRIVATE_KEY, SECRET_KEY, ACCESS_TOKEN, UID, api_url=url)
    params = {"title": "Holiday", "password": ALBUM_PASSWORD}
    sig = session.signed_params("photos.createAlbum", params, session.circuit)["sig"]
    raised: MailRuError | None = None
    try:
        answer = session.call("photos.createAlbum", params, **kwargs)
    except MailRuError as exc:
        raised = exc
    else:
        assert answer == {"aid": "1"}
    if expected is None:
        assert raised is None
    else:
        if expected is RequestTimeoutError and refused:
            # a 1 ns connect timeout on loopback: either the timeout or the refusal wins
            assert isinstance(raised, TransportError)
        else:
            assert isinstance(raised, expected), repr(raised)
    text = caplog.text
    if raised is not None:
        text += "".join(traceback.format_exception(raised)) + repr(raised) + str(raised)
    debug_lines = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert debug_lines and "'password': '***'" in debug_lines[0]
    for secret in (*SECRETS, sig, ALBUM_PASSWORD):
        assert secret not in text, f"{secret!r} leaked"
        assert urllib.parse.quote(secret, safe="") not in text


def test_requests_messages_carry_the_url_that_the_sdk_scrubs(
    closed_port_url: str, sleeps: list[float]
) -> None:
    """The refused path really had secrets to scrub: requests puts the full URL in its text.

    Every call goes through requests; a mounted adapter changes nothing to that.
    """
    session = ServerSession(
        APP_ID, SECRET_KEY, ACCESS_TOKEN, api_url=closed_port_url, http_method="GET"
    )
    session.mount("http://", requests.adapters.HTTPAdapter())
    with pytest.raises(TransportError) as info:
        session.call("friends.get", max_retries=0)
    text = "".join(traceback.format_exception(info.value))
    assert "/platform/api?" in text and "session_key=***" in text and "sig=***" in text
    assert ACCESS_TOKEN not in text and SERVER_SERVER_SIG not in text


# -- threads ----------------------------------------------------------------------------------


def test_one_session_shared_by_eight_threads(
    platform: LoopbackPlatform, sleeps: list[float]
) -> None:
    session = seed_client_server(platform.url)
    threads, per_thread = 8, 50
    start = threading.Barrier(threads)
    failures: list[BaseException] = []

    def worker(index: int) -> list[Any]:
        start.wait()
        results = []
        for n in range(per_thread):
            try:
                results.append(session.call("friends.get", {"offset": index * per_thread + n}))
            except Exception as exc:
                failures.append(exc)
        return results

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = [r for batch in pool.map(worker, range(threads)) for r in batch]
    assert failures == []
    assert len(results) == threads * per_thread and all(r == FRIENDS for r in results)
    assert len(platform.calls) == threads * per_thread and sleeps == []
    assert all(signature_is_valid(call) for call in platform.calls)
    # every call arrived once, with its own parameters and signature: nothing was mixed up
    offsets = sorted(int(call.params["offset"]) for call in platform.calls)
    assert offsets == list(range(threads * per_thread))
    assert len({call.params["sig"] for call in platform.calls}) == threads * per_thread
