"""httpx's own OpenTelemetry instrumentation (``opentelemetry-instrumentation-httpx``) with the
SDK's redaction: ``instrument_httpx()``.

httpx's instrumentation records each request's URL in its span (``http.url``, or ``url.full``
under the new HTTP semantic conventions), query string included. OpenTelemetry redacts a
``Signature`` value there, not ``AccessKeyId``: the access key of every signed request would be
in the span. ``instrument_httpx`` turns the instrumentation on with a request hook that
rewrites those attributes with the SDK's redaction (``AccessKeyId=***``, ``Signature=***``)
before the span ends:

- ``instrument_httpx(client)``: that ``httpx.Client`` or ``httpx.AsyncClient`` (the one you
  pass as ``http_client=``);
- ``instrument_httpx()``: every httpx client of the process whose transport is httpx's own
  (the async client's own included; the sync client's own transport is not httpx's and
  makes no httpx span).

Instrumenting yourself with hooks of your own? Call ``redact_httpx_span(span, request)`` (or
``await redact_httpx_span_async(...)``) from your request hook. Nothing here imports
OpenTelemetry until ``instrument_httpx`` is called.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from htx_swap._model.errors import InvalidRequestError
from htx_swap._model.redaction import redact

if TYPE_CHECKING:
    import httpx
    from opentelemetry.trace import Span

__all__ = ["URL_ATTRIBUTES", "instrument_httpx", "redact_httpx_span", "redact_httpx_span_async"]

URL_ATTRIBUTES = ("url.full", "http.url")  # the semantic conventions' new name, and the old
_MARK = "_htx_swap_redacting_instrumentation"  # set on a client instrument_httpx instrumented


def redact_httpx_span(span: Span, request: object) -> None:
    """A request hook for ``HTTPXClientInstrumentor``: the URL attributes of httpx's span
    rewritten with the SDK's redaction (``AccessKeyId=***``, ``Signature=***``)."""
    if not span.is_recording():
        return
    attributes = getattr(span, "attributes", None)  # readable on OpenTelemetry SDK's spans
    for key in URL_ATTRIBUTES:
        if isinstance(attributes, Mapping):
            value = attributes.get(key)
            if isinstance(value, str):
                span.set_attribute(key, redact(value))
        else:  # a span that does not show its attributes: the request's URL, redacted
            span.set_attribute(key, _redacted_url(request))


async def redact_httpx_span_async(span: Span, request: object) -> None:
    """``redact_httpx_span`` for an ``httpx.AsyncClient`` (the instrumentation awaits it)."""
    redact_httpx_span(span, request)


def instrument_httpx(client: httpx.Client | httpx.AsyncClient | None = None) -> None:
    """Turn httpx's OpenTelemetry instrumentation on, its spans' URLs redacted by the SDK: for
    ``client`` alone, or (None) for every httpx client of the process.

    Raises ``ImportError`` without ``opentelemetry-instrumentation-httpx``, and
    ``InvalidRequestError`` (naming ``client``) when that client, or the process, is already
    instrumented without this redaction: its spans would keep the access key.
    """
    try:
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    except ImportError as error:
        raise ImportError(
            "instrument_httpx needs opentelemetry-instrumentation-httpx "
            "(pip install opentelemetry-instrumentation-httpx)"
        ) from error
    if client is None:
        instrumentor = HTTPXClientInstrumentor()
        if instrumentor.is_instrumented_by_opentelemetry:
            if getattr(instrumentor, _MARK, False):
                return
            raise InvalidRequestError("client", _ALREADY.format("every httpx client"))
        instrumentor.instrument(
            request_hook=redact_httpx_span, async_request_hook=redact_httpx_span_async
        )
        setattr(instrumentor, _MARK, True)
        return
    if getattr(client, "_is_instrumented_by_opentelemetry", False):
        if getattr(client, _MARK, False):
            return
        raise InvalidRequestError("client", _ALREADY.format("this client"))
    import httpx

    hook = redact_httpx_span_async if isinstance(client, httpx.AsyncClient) else redact_httpx_span
    HTTPXClientInstrumentor.instrument_client(client, request_hook=hook)
    setattr(client, _MARK, True)


_ALREADY = (
    "{} is already instrumented by OpenTelemetry without the SDK's redaction (its spans would "
    "hold the access key): call instrument_httpx instead of HTTPXClientInstrumentor, or call "
    "redact_httpx_span from your own request hook"
)


def _redacted_url(request: object) -> str:
    from opentelemetry.util.http import redact_url  # user:password@ and OpenTelemetry's own

    return redact(redact_url(str(getattr(request, "url", ""))))
