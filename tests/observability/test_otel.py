"""mailru_sdk.otel against the real OpenTelemetry SDK: spans, nesting, metrics, no secret."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from opentelemetry.instrumentation.requests import RequestsInstrumentor
from opentelemetry.trace import SpanKind, StatusCode

from mailru_sdk import API
from mailru_sdk.errors import AccessDeniedError
from mailru_sdk.oauth import RefreshSession
from mailru_sdk.otel import RPC_SYSTEM, instrument
from mailru_sdk.testing import EXAMPLE, FakePlatform
from tests.observability.conftest import Telemetry, assert_no_secret

REFRESH_TOKEN = "5d41402abc4b2a76b9719d911017c592"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mailru_sdk._retry.time.sleep", lambda seconds: None)


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    platform = FakePlatform(refresh_tokens={REFRESH_TOKEN: EXAMPLE.uid})
    platform.serve()
    try:
        yield platform
    finally:
        platform.stop()


@pytest.fixture
def traced_http(telemetry: Telemetry) -> Iterator[Telemetry]:
    instrumentor = RequestsInstrumentor()
    instrumentor.instrument(tracer_provider=telemetry.tracer_provider)
    try:
        yield telemetry
    finally:
        instrumentor.uninstrument()


def metric_points(telemetry: Telemetry) -> dict[str, list[dict[str, object]]]:
    data = json.loads(telemetry.metrics() or "{}")
    points: dict[str, list[dict[str, object]]] = {}
    for resource in data.get("resource_metrics", []):
        for scope in resource["scope_metrics"]:
            for metric in scope["metrics"]:
                points[metric["name"]] = metric["data"]["data_points"]
    return points


def test_one_client_span_per_call_with_the_http_span_under_it(
    traced_http: Telemetry, fake: FakePlatform
) -> None:
    session = instrument(
        fake.server_session(),
        tracer_provider=traced_http.tracer_provider,
        meter_provider=traced_http.meter_provider,
    )
    assert len(API(session).friends.get()) == 3
    http, call = traced_http.spans()  # the child ends first
    assert call.name == "friends.get" and call.kind is SpanKind.CLIENT
    attributes = dict(call.attributes or {})
    assert attributes["rpc.system"] == RPC_SYSTEM
    assert (attributes["rpc.service"], attributes["rpc.method"]) == ("friends", "get")
    assert attributes["server.address"] == "127.0.0.1"
    assert (attributes["mailru.attempts"], attributes["mailru.retries"]) == (1, 0)
    assert attributes["mailru.token_refreshed"] is False
    assert attributes["http.response.status_code"] == 200
    assert call.status.status_code is StatusCode.UNSET
    assert http.kind is SpanKind.CLIENT and http.name == "POST"
    assert http.parent is not None and call.context is not None
    assert http.parent.span_id == call.context.span_id  # nested under the call's span
    assert http.context is not None and http.context.trace_id == call.context.trace_id
    (duration,) = metric_points(traced_http)["mailru.client.call.duration"]
    assert duration["count"] == 1
    assert_no_secret(traced_http.exported() + traced_http.metrics(), [EXAMPLE.access_token])


def test_retries_and_platform_errors(telemetry: Telemetry, fake: FakePlatform) -> None:
    session = instrument(
        fake.server_session(),
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    )
    api = API(session)
    fake.http_error(503)
    api.friends.get()
    fake.fail("friends.get", code=202)
    with pytest.raises(AccessDeniedError):
        api.friends.get()
    retried, failed = telemetry.spans()
    assert dict(retried.attributes or {})["mailru.retries"] == 1
    assert [e.name for e in retried.events] == ["attempt", "retry", "attempt"]
    assert dict(retried.events[0].attributes or {})["http.response.status_code"] == 503
    attributes = dict(failed.attributes or {})
    assert (attributes["mailru.error_code"], attributes["error.type"]) == (
        202,
        "AccessDeniedError",
    )
    assert failed.status.status_code is StatusCode.ERROR
    points = metric_points(telemetry)
    assert [p["value"] for p in points["mailru.client.retries"]] == [1]
    assert sum(int(str(p["count"])) for p in points["mailru.client.call.duration"]) == 2
    sigs = [call.params["sig"] for call in fake.calls]
    assert_no_secret(
        telemetry.exported() + telemetry.metrics(),
        [EXAMPLE.secret_key, EXAMPLE.access_token, *sigs],
    )


def test_a_refresh_is_counted_and_marks_the_call(
    traced_http: Telemetry, fake: FakePlatform
) -> None:
    session = RefreshSession(
        EXAMPLE.app_id,
        EXAMPLE.private_key,
        EXAMPLE.secret_key,
        REFRESH_TOKEN,
        api_url=fake.api_url,
        token_url=fake.token_url,
    )
    instrument(
        session,
        tracer_provider=traced_http.tracer_provider,
        meter_provider=traced_http.meter_provider,
    )
    with session:
        first = session.access_token
        fake.expire_token(first)
        API(session).friends.get()
        held = [first, session.access_token, session.refresh_token]
    calls = [s for s in traced_http.spans() if s.name == "friends.get"]
    (call,) = calls
    assert dict(call.attributes or {})["mailru.token_refreshed"] is True
    assert dict(call.attributes or {})["mailru.attempts"] == 2
    assert [s.name for s in traced_http.spans()].count("oauth/token") == 2  # login, refresh
    points = metric_points(traced_http)
    assert [p["value"] for p in points["mailru.client.token_refreshes"]] == [1]
    assert_no_secret(
        traced_http.exported() + traced_http.metrics(),
        [EXAMPLE.private_key, EXAMPLE.secret_key, REFRESH_TOKEN, *held],
    )


def test_without_instrument_the_sdk_adds_no_span(
    traced_http: Telemetry, fake: FakePlatform
) -> None:
    API(fake.server_session()).friends.get()
    assert [s.name for s in traced_http.spans()] == ["POST"]  # requests' own span only


def test_instrument_keeps_the_sessions_own_hooks(telemetry: Telemetry, fake: FakePlatform) -> None:
    seen: list[str] = []
    session = fake.server_session(event_hooks={"outcome": [lambda e: seen.append(e.method)]})
    instrument(session, tracer_provider=telemetry.tracer_provider)
    API(session).friends.get()
    assert seen == ["friends.get"] and [s.name for s in telemetry.spans()] == ["friends.get"]
