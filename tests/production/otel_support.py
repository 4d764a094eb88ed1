"""OpenTelemetry's SDK with in-memory exporters, set as the global providers once per process
(OpenTelemetry lets a process set them once). Each test reads what it produced."""

from __future__ import annotations

from typing import Any

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import Counter, Histogram, MeterProvider
from opentelemetry.sdk.metrics.export import AggregationTemporality, InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

__all__ = ["Telemetry", "telemetry"]


class Telemetry:
    """The process's exporters: spans and metric points since ``clear()``."""

    def __init__(self) -> None:
        self.spans_exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(self.spans_exporter))
        delta = AggregationTemporality.DELTA
        self.reader = InMemoryMetricReader(preferred_temporality={Counter: delta, Histogram: delta})
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[self.reader]))

    def clear(self) -> None:
        self.spans_exporter.clear()
        self.reader.get_metrics_data()  # deltas: what came before is read and dropped

    def spans(self) -> list[Any]:  # ReadableSpan; read loosely by the tests
        return list(self.spans_exporter.get_finished_spans())

    def points(self) -> dict[str, list[Any]]:
        """Metric name to its data points since the last read."""
        found: dict[str, list[Any]] = {}
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else []:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    found.setdefault(metric.name, []).extend(metric.data.data_points)
        return found


_TELEMETRY: list[Telemetry] = []  # the process's, once set


def telemetry() -> Telemetry:
    if not _TELEMETRY:
        _TELEMETRY.append(Telemetry())
    _TELEMETRY[0].clear()
    return _TELEMETRY[0]
