"""OpenTelemetry for the SDK: one span per call, a duration histogram, retry and refresh counters.

Optional: ``pip install 'mailru-sdk[otel]'`` (``opentelemetry-api``); nothing
else in the SDK imports this module. Built on ``mailru_sdk.hooks``::

    from mailru_sdk.otel import instrument

    session = instrument(ServerSession(APP_ID, SECRET_KEY, ACCESS_TOKEN))

Each call (an API call, a public request, a token request) is a ``CLIENT``
span named after the platform method (``friends.get``; ``oauth/token``),
with the RPC semantic conventions' attributes (``rpc.system``,
``rpc.service``, ``rpc.method``, ``server.address``) and the call's own
(``mailru.attempts``, ``mailru.retries``, ``mailru.token_refreshed``,
``mailru.error_code``, ``http.response.status_code``, ``error.type``), an
event per try, retry and rate-limit wait, and an ``ERROR`` status when the
call failed. The span is current while the call sends, so the HTTP spans of
OpenTelemetry's requests or urllib3 instrumentation, if you switched it on,
nest under it. Metrics: ``mailru.client.call.duration`` (a histogram, in
seconds), ``mailru.client.retries`` and ``mailru.client.token_refreshes``
(counters). No secret is ever an attribute: the events carry none.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar

try:
    from opentelemetry import context, metrics, trace
    from opentelemetry.trace import SpanKind, Status, StatusCode
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ImportError(
        "mailru_sdk.otel needs OpenTelemetry: pip install 'mailru-sdk[otel]'"
    ) from exc

from mailru_sdk import __version__
from mailru_sdk.hooks import Event, Hooks

if TYPE_CHECKING:
    import requests

__all__ = ["RPC_SYSTEM", "OpenTelemetryHooks", "instrument", "otel_hooks"]

RPC_SYSTEM = "mailru_platform"
"""The ``rpc.system`` attribute of the SDK's spans."""

_SCOPE = "mailru_sdk"
S = TypeVar("S", bound="requests.Session")


class OpenTelemetryHooks:
    """Turns a session's events into spans and metrics (one object may serve many sessions)."""

    def __init__(
        self,
        tracer_provider: trace.TracerProvider | None = None,
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self.tracer = trace.get_tracer(_SCOPE, __version__, tracer_provider)
        meter = metrics.get_meter(_SCOPE, __version__, meter_provider)
        self.duration = meter.create_histogram(
            "mailru.client.call.duration", unit="s", description="Duration of platform calls"
        )
        self.retries = meter.create_counter(
            "mailru.client.retries", unit="{retry}", description="Retries of platform calls"
        )
        self.refreshes = meter.create_counter(
            "mailru.client.token_refreshes",
            unit="{refresh}",
            description="Access tokens refreshed after error 102",
        )
        self._open: dict[int, tuple[trace.Span, object]] = {}
        self._lock = threading.Lock()

    def hooks(self) -> Hooks:
        """The ``Hooks`` that feed this object."""
        return Hooks(
            before_send=(self._before_send,),
            after_answer=(self._after_answer,),
            retry=(self._retry,),
            rate_limit_wait=(self._rate_limit_wait,),
            token_refresh=(self._token_refresh,),
            outcome=(self._outcome,),
        )

    # -- the span of a call ---------------------------------------------------------------

    def _span(self, event: Event) -> trace.Span:
        opened = self._open.get(event.call_id)
        if opened is not None:
            return opened[0]
        service, _, method = event.method.rpartition(".")
        attributes: dict[str, Any] = {
            "rpc.system": RPC_SYSTEM,
            "rpc.service": service or event.method,
            "rpc.method": method or event.method,
        }
        if event.server:
            attributes["server.address"] = event.server
        span = self.tracer.start_span(event.method, kind=SpanKind.CLIENT, attributes=attributes)
        # current while the call sends: the HTTP instrumentation's spans nest under it
        token = context.attach(trace.set_span_in_context(span))
        with self._lock:
            self._open[event.call_id] = (span, token)
        return span

    def _before_send(self, event: Event) -> None:
        self._span(event)

    def _rate_limit_wait(self, event: Event) -> None:
        self._span(event).add_event("rate_limit_wait", {"mailru.wait_s": event.duration or 0.0})

    def _after_answer(self, event: Event) -> None:
        attributes: dict[str, Any] = {"mailru.attempt": event.attempt}
        if event.status is not None:
            attributes["http.response.status_code"] = event.status
        if event.error_code is not None:
            attributes["mailru.error_code"] = event.error_code
        if event.error is not None:
            attributes["error.type"] = event.error
        self._span(event).add_event("attempt", attributes)

    def _retry(self, event: Event) -> None:
        self._span(event).add_event(
            "retry", {"mailru.retry": event.retries, "mailru.delay_s": event.duration or 0.0}
        )
        self.retries.add(1, {"rpc.method": event.method})

    def _token_refresh(self, event: Event) -> None:
        self.refreshes.add(1, {"rpc.method": event.method, "mailru.ok": bool(event.ok)})

    def _outcome(self, event: Event) -> None:
        span = self._span(event)
        with self._lock:
            _, token = self._open.pop(event.call_id)
        span.set_attribute("mailru.attempts", event.attempt)
        span.set_attribute("mailru.retries", event.retries)
        span.set_attribute("mailru.token_refreshed", event.refreshed)
        metric: dict[str, Any] = {"rpc.system": RPC_SYSTEM, "rpc.method": event.method}
        if event.status is not None:
            span.set_attribute("http.response.status_code", event.status)
        if event.error_code is not None:
            span.set_attribute("mailru.error_code", event.error_code)
            metric["mailru.error_code"] = event.error_code
        if not event.ok:
            error_type = event.error or "APIError"
            span.set_attribute("error.type", error_type)
            span.set_status(Status(StatusCode.ERROR, error_type))
            metric["error.type"] = error_type
        try:
            span.end()
        finally:
            context.detach(token)  # type: ignore[arg-type]
        self.duration.record(event.elapsed, metric)


def otel_hooks(
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> Hooks:
    """Hooks that trace and measure every call (the global providers unless given)."""
    return OpenTelemetryHooks(tracer_provider, meter_provider).hooks()


def instrument(
    session: S,
    *,
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> S:
    """Add ``otel_hooks()`` to ``session``'s event hooks (after its own); the session."""
    hooks = otel_hooks(tracer_provider, meter_provider)
    current: Hooks | None = getattr(session, "event_hooks", None)
    session.event_hooks = hooks if current is None else current + hooks  # type: ignore[attr-defined]
    return session
