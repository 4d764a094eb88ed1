"""OpenTelemetry traces and metrics of every call and attempt (the ``otel`` extra: the
``opentelemetry-api`` package alone; the application brings the SDK and its exporters).

On only when the application uses OpenTelemetry: this module imports nothing of it unless
``opentelemetry.trace`` or ``opentelemetry.metrics`` is already imported by the application,
and emits nothing unless a tracer (or meter) provider has been set. Otherwise ``active()``
returns None at the cost of a dictionary look-up, and no span, metric or context is made.

What is emitted (no secret, no signed URL, no query string in any attribute):

- a span per public call, ``htx.<method>`` (``htx.cancel``, ``htx.cancel_all``, ``htx.panic``
  ...), kind INTERNAL: ``htx.operation``, ``htx.contract_code``, ``htx.ids``,
  ``htx.attempts``, ``htx.accepted`` / ``htx.refused`` / ``htx.in_doubt``,
  ``htx.may_have_reached``, ``error.type``; events ``htx.rate_limit_wait`` (seconds waited
  for a rate-limit slot) and ``htx.retry`` (the pause before a retry);
- a child span per attempt, named ``{method} {path}`` and of kind CLIENT as the HTTP semantic
  conventions name a client request: ``http.request.method``, ``server.address``,
  ``server.port``, ``url.full`` (scheme, host and path: never the signed query),
  ``http.response.status_code``, ``http.request.resend_count``, ``error.type``, and
  ``htx.operation``, ``htx.attempt``, ``htx.code``, ``htx.may_have_reached``,
  ``htx.retry_in``, ``htx.request_id`` (the answer's ``Cf-Ray``). It is the current span while
  httpx sends, so httpx's own instrumentation, when on, makes its span a child of it;
- metrics: ``htx.client.call.duration`` (histogram, s; ``htx.operation``, ``htx.outcome``),
  ``htx.client.ids`` (counter; ``htx.operation``, ``htx.outcome``: accepted, refused,
  in_doubt), ``htx.client.rate_limited`` (counter of 429 and 1032 answers;
  ``htx.operation``, ``http.response.status_code``, ``htx.code`` only when it is 1032: a
  server's own text never becomes a label),
  ``htx.client.confirm.latency`` (histogram, s: from the cancel's answer to the order
  information showing the order final) and the semantic conventions'
  ``http.client.request.duration`` (histogram, s, per attempt).

Instrumentation never breaks what it watches: whatever OpenTelemetry (an application's span
processor, exporter, sampler or meter) raises while a span starts or ends, an attribute is set
or a metric recorded, that span or point is dropped and the call goes on, its outcome as it
would be without OpenTelemetry.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from htx_swap._engine.calls import Tally
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.errors import HtxError

__all__ = ["AttemptSpan", "CallSpan", "Otel", "active", "note_event", "reset"]

RATE_LIMITED = (429, 1032)
# what OpenTelemetry raised (an application's processor or exporter with a bug): dropped
_SPARED = contextlib.suppress(Exception)
_CACHE: list[tuple[object, object, Otel | None]] = []  # the providers last seen, and theirs


def active() -> Otel | None:
    """The emitter when the application uses OpenTelemetry with a provider set, else None."""
    modules = sys.modules
    if "opentelemetry.trace" not in modules and "opentelemetry.metrics" not in modules:
        return None  # the application never imported OpenTelemetry: nothing to do, no import
    if _none_set(modules):
        return None  # imported, but no provider set: nothing to emit
    from opentelemetry import metrics, trace

    tracer_provider = trace.get_tracer_provider()
    meter_provider = metrics.get_meter_provider()
    if _CACHE:
        tracers, meters, otel = _CACHE[0]
        if tracers is tracer_provider and meters is meter_provider:
            return otel
    try:
        otel = Otel.of(tracer_provider, meter_provider)
    except Exception:  # a provider that cannot give a tracer: nothing emitted
        otel = None
    _CACHE[:] = [(tracer_provider, meter_provider, otel)]
    return otel


_MISSING = object()


def _none_set(modules: dict[str, Any]) -> bool:
    """Whether neither provider has been set (the API's own globals, read without its getters,
    which look the environment up on every call); False when in doubt (the getters decide)."""
    traces = modules.get("opentelemetry.trace")
    meters = modules.get("opentelemetry.metrics._internal")
    tracer = _MISSING if traces is None else getattr(traces, "_TRACER_PROVIDER", _MISSING)
    meter = _MISSING if meters is None else getattr(meters, "_METER_PROVIDER", _MISSING)
    if tracer is _MISSING or meter is _MISSING:
        return False
    return tracer is None and meter is None and not _providers_from_environment()


@functools.cache
def _providers_from_environment() -> bool:
    """Whether the environment names a provider (read once)."""
    names = ("OTEL_PYTHON_TRACER_PROVIDER", "OTEL_PYTHON_METER_PROVIDER")
    return any(name in os.environ for name in names)


def reset() -> None:
    """Forget the providers seen (tests that set new ones)."""
    _CACHE.clear()


def _configured(provider: object) -> bool:
    """A provider the application set: not the API's proxy or no-op default."""
    name = type(provider).__name__
    return not (name.startswith(("Proxy", "_Proxy", "NoOp", "_NoOp")))


class Otel:
    """A tracer and instruments (either may be None: no provider of that kind set)."""

    def __init__(self, tracer: Any, meter: Any) -> None:  # noqa: ANN401 - OpenTelemetry's types
        self.tracer = tracer
        self.meter = meter
        if meter is not None:
            self.call_duration = meter.create_histogram(
                "htx.client.call.duration", unit="s", description="Duration of HTX SDK calls"
            )
            self.ids = meter.create_counter(
                "htx.client.ids", unit="{id}", description="Ids by outcome"
            )
            self.rate_limited = meter.create_counter(
                "htx.client.rate_limited",
                unit="{answer}",
                description="Answers that said rate limited (HTTP 429, HTX 1032)",
            )
            self.confirm_latency = meter.create_histogram(
                "htx.client.confirm.latency",
                unit="s",
                description="From a cancel's answer to its order shown final",
            )
            self.request_duration = meter.create_histogram(
                "http.client.request.duration", unit="s", description="Duration of HTTP requests"
            )

    @classmethod
    def of(cls, tracer_provider: Any, meter_provider: Any) -> Otel | None:  # noqa: ANN401
        tracer = meter = None
        if _configured(tracer_provider):
            tracer = tracer_provider.get_tracer("htx_swap")
        if _configured(meter_provider):
            meter = meter_provider.get_meter("htx_swap")
        return None if tracer is None and meter is None else cls(tracer, meter)

    def start_call(self, operation: str, contract: str | None, ids: int | None) -> CallSpan:
        return CallSpan(self, operation, contract, ids)

    def attempt(self, operation: str, request: httpx.Request, attempt: int) -> AttemptSpan:
        return AttemptSpan(self, operation, request, attempt)

    def confirmed(self, seconds: float) -> None:
        if self.meter is not None:
            with _SPARED:
                self.confirm_latency.record(seconds)


def note_event(name: str, seconds: float) -> None:
    """An event on the current span (the call's): a rate-limit wait or a retry's pause."""
    from opentelemetry import trace

    with _SPARED:
        span = trace.get_current_span()
        if span.is_recording():
            span.add_event(name, {"htx.seconds": seconds})


def _started(otel: Otel, name: str, kind: Any, attributes: dict[str, Any]) -> tuple[Any, object]:  # noqa: ANN401
    """A span started and made current, and its context token; (None, None) when
    OpenTelemetry raised (the span dropped)."""
    from opentelemetry import context, trace

    try:
        span = otel.tracer.start_span(name, kind=kind, attributes=attributes)
    except Exception:  # an application's processor: the span dropped
        return None, None
    try:
        return span, context.attach(trace.set_span_in_context(span))
    except Exception:  # the span not current: ended all the same
        return span, None


def _closed(span: Any, token: object) -> None:  # noqa: ANN401
    """``span`` no longer current (``token``), then ended; what OpenTelemetry raised dropped."""
    from opentelemetry import context

    if token is not None:
        with _SPARED:
            context.detach(token)  # type: ignore[arg-type]
    if span is not None:
        with _SPARED:
            span.end()


class CallSpan:
    """A public call's span, current while the call runs."""

    def __init__(self, otel: Otel, operation: str, contract: str | None, ids: int | None) -> None:
        self.otel = otel
        self.operation = operation
        self.span: Any = None
        self.token: object = None
        if otel.tracer is None:
            return
        from opentelemetry import trace

        attributes: dict[str, Any] = {"htx.operation": operation}
        if contract is not None:
            attributes["htx.contract_code"] = contract
        if ids is not None:
            attributes["htx.ids"] = ids
        self.span, self.token = _started(
            otel, f"htx.{operation}", trace.SpanKind.INTERNAL, attributes
        )

    def end(self, error: HtxError | None, told: Tally, attempts: int, seconds: float) -> None:
        """The call's span ended with its outcome (``told``, the call's final truth), and its
        metrics recorded."""
        if self.span is not None:
            with _SPARED:
                self._annotate(error, told, attempts)
        _closed(self.span, self.token)
        otel = self.otel
        if otel.meter is not None:
            with _SPARED:
                labels = {"htx.operation": self.operation, "htx.outcome": told.outcome}
                if error is not None:
                    labels["error.type"] = type(error).__name__
                otel.call_duration.record(seconds, labels)
                counts = (told.accepted, told.refused, told.in_doubt)
                for name, count in zip(("accepted", "refused", "in_doubt"), counts, strict=True):
                    if count:
                        labels = {"htx.operation": self.operation, "htx.outcome": name}
                        otel.ids.add(count, labels)

    def _annotate(self, error: HtxError | None, told: Tally, attempts: int) -> None:
        from opentelemetry.trace import Status, StatusCode

        span = self.span
        span.set_attribute("htx.attempts", attempts)
        span.set_attribute("htx.accepted", told.accepted)
        span.set_attribute("htx.refused", told.refused)
        span.set_attribute("htx.in_doubt", told.in_doubt)
        span.set_attribute("htx.outcome", told.outcome)
        span.set_attribute("htx.may_have_reached", told.may_have_reached)
        if error is not None:
            span.set_attribute("error.type", type(error).__name__)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))

    def end_raised(self, exc: BaseException) -> None:
        """The call ended by something other than an ``HtxError`` (``exc``: Ctrl-C, a cancelled
        task, a caller's transport's exception): named on the span, its status ERROR."""
        if self.span is not None:
            from opentelemetry.trace import Status, StatusCode

            with _SPARED:
                self.span.set_attribute("error.type", type(exc).__name__)
                self.span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        _closed(self.span, self.token)


def _annotate(
    span: Any,  # noqa: ANN401
    labels: dict[str, Any],
    record: AttemptRecord | None,
    access_key: str | None,
) -> None:
    """An attempt span's attributes from its record, and its end (each step spared what
    OpenTelemetry raises: the span ends all the same)."""
    with _SPARED:
        _describe(span, labels, record, access_key)
    _closed(span, None)


def _server_text(value: object, access_key: str | None) -> str | None:
    """A server's text as a span holds it: redacted (a server may echo the signed URL), and
    the access key masked wherever a server echoed it."""
    if value is None:
        return None
    from htx_swap._model.redaction import redact

    text = redact(str(value))
    return text.replace(access_key, "***") if access_key else text


def _describe(
    span: Any,  # noqa: ANN401
    labels: dict[str, Any],
    record: AttemptRecord | None,
    access_key: str | None,
) -> None:
    from opentelemetry.trace import Status, StatusCode

    span.set_attributes(labels)
    if record is None:
        span.set_attribute("error.type", "interrupted")
        return
    extra = {
        "htx.code": _server_text(record.htx_code, access_key),
        "htx.may_have_reached": record.may_have_reached,
        "htx.retry_in": record.retry_in,
        "htx.request_id": _server_text(record.request_id, access_key),
    }
    span.set_attributes({k: v for k, v in extra.items() if v is not None})
    if record.error is not None:
        span.set_status(Status(StatusCode.ERROR, record.error))


class AttemptSpan:
    """One attempt's span, current while the driver sends it."""

    def __init__(self, otel: Otel, operation: str, request: httpx.Request, attempt: int) -> None:
        self.otel = otel
        self.operation = operation
        url = request.url
        self.attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "server.address": url.host,
            "server.port": url.port or (443 if url.scheme == "https" else 80),
        }
        self.span: Any = None
        self.token: object = None
        self.access_key: str | None = None  # masked in what the server's answer puts here
        if otel.tracer is None:
            return
        self.access_key = url.params.get("AccessKeyId") or None
        from opentelemetry import trace

        attributes = dict(self.attributes)
        attributes["url.full"] = f"{url.scheme}://{url.netloc.decode('ascii')}{url.path}"
        attributes["htx.operation"] = operation
        attributes["htx.attempt"] = attempt
        if attempt > 1:
            attributes["http.request.resend_count"] = attempt - 1
        self.span, self.token = _started(
            otel, f"{request.method} {url.path}", trace.SpanKind.CLIENT, attributes
        )

    def leave(self) -> None:
        """No longer the current span (the send is over)."""
        if self.token is not None:
            _closed(None, self.token)
            self.token = None

    def end(self, record: AttemptRecord | None) -> None:
        self.leave()
        labels = dict(self.attributes)
        if record is not None:
            if record.status_code is not None:
                labels["http.response.status_code"] = record.status_code
            if record.error is not None:
                labels["error.type"] = record.error
        if self.span is not None:
            _annotate(self.span, labels, record, self.access_key)
        if self.otel.meter is not None and record is not None:
            with _SPARED:
                self._measure(labels, record)

    def _measure(self, labels: dict[str, Any], record: AttemptRecord) -> None:
        otel = self.otel
        otel.request_duration.record(record.seconds, labels)
        if record.status_code == 429 or record.htx_code == 1032:
            limited: dict[str, Any] = {"htx.operation": self.operation}
            if record.status_code is not None:
                limited["http.response.status_code"] = record.status_code
            if record.htx_code == 1032:  # never the server's own text: bounded labels
                limited["htx.code"] = "1032"
            otel.rate_limited.add(1, limited)
