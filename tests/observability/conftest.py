"""OpenTelemetry as users switch it on: the real SDK, an in-memory exporter, requests/urllib3.

The instrumentors patch ``requests.Session.send`` and urllib3 for the whole
process: every fixture here undoes what it did, so no other test is traced.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pytest
from opentelemetry.instrumentation.requests import RequestsInstrumentor
from opentelemetry.instrumentation.urllib3 import URLLib3Instrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


@dataclass
class Telemetry:
    """A tracer provider and a meter provider whose output the test reads."""

    tracer_provider: TracerProvider
    exporter: InMemorySpanExporter
    meter_provider: MeterProvider
    reader: InMemoryMetricReader

    def spans(self) -> tuple[ReadableSpan, ...]:
        return self.exporter.get_finished_spans()

    def exported(self) -> str:
        """Every span as an exporter would send it: names, attributes, events, status."""
        return "\n".join(span.to_json() for span in self.spans())

    def metrics(self) -> str:
        data = self.reader.get_metrics_data()
        return "" if data is None else data.to_json()


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    """The OpenTelemetry SDK, exporting to memory (no global provider is set)."""
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    yield Telemetry(tracer_provider, exporter, meter_provider, reader)
    tracer_provider.shutdown()
    meter_provider.shutdown()


@pytest.fixture(params=["requests", "urllib3", "both"])
def instrumented(request: pytest.FixtureRequest, telemetry: Telemetry) -> Iterator[Telemetry]:
    """``telemetry`` with OpenTelemetry's requests and/or urllib3 instrumentation on."""
    instrumentors: list[RequestsInstrumentor | URLLib3Instrumentor] = []
    if request.param in ("requests", "both"):
        instrumentors.append(RequestsInstrumentor())
    if request.param in ("urllib3", "both"):
        instrumentors.append(URLLib3Instrumentor())
    for instrumentor in instrumentors:
        instrumentor.instrument(
            tracer_provider=telemetry.tracer_provider, meter_provider=telemetry.meter_provider
        )
    try:
        yield telemetry
    finally:
        for instrumentor in instrumentors:
            instrumentor.uninstrument()


def assert_no_secret(text: str, secrets: Iterable[str]) -> None:
    """None of ``secrets`` is in ``text``: raw, %-encoded, or as JSON escapes it."""
    for secret in secrets:
        if not secret:
            continue
        forms = {
            secret,
            urllib.parse.quote(secret, safe=""),
            urllib.parse.quote_plus(secret),
            json.dumps(secret)[1:-1],
        }
        for form in forms:
            assert form not in text, f"{secret[:4]}... leaked"
