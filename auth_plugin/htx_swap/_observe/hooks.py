"""``event_hooks={"request": [...], "response": [...]}``: your functions, called once per
attempt by the engine (both clients), with the signed request redacted.

- a ``request`` hook gets a ``HookRequest`` before the attempt is sent;
- a ``response`` hook gets a ``HookResponse`` after it: the answer (status, headers, decoded
  body) or the ``HtxError`` the attempt met.

The URL a hook sees has the values of ``AccessKeyId`` and ``Signature`` replaced by ``***``;
the secret key is never in a request. Hooks are plain functions (the async client calls them
inline too: a coroutine function is refused when the client is built).

A hook that raises decides that attempt's outcome, as a caller's transport does: an
``HtxError`` it raises is the attempt's outcome (a request hook's: nothing was sent; retried
when it says so, like any other); any other ``Exception`` becomes a ``HookError`` (its
``__cause__`` the exception) that ends the call, with ``may_have_reached`` False from a
request hook (nothing was sent) and, from a response hook, the attempt's own (True once an
answer came). In a call of several requests (chunks, panic's waves, confirmation polls) it
ends the whole call (``watch.ending``): no request starts after it, those in flight end as they
would, and the error's ``may_have_reached`` is also True when any attempt of the call failed
after it may have reached HTX.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from htx_swap._model.errors import HtxError, InvalidRequestError
from htx_swap._model.redaction import redact

if TYPE_CHECKING:
    import httpx

    from htx_swap._wire.body import ReadAnswer

__all__ = ["EventHooks", "HookError", "HookRequest", "HookResponse", "check_event_hooks"]


class HookError(HtxError):
    """An event hook raised something other than an ``HtxError``: ``__cause__`` is what it
    raised. ``may_have_reached`` is False from a request hook; from a response hook, the
    attempt's own (True once an answer came)."""


@attrs.frozen
class HookRequest:
    """The request of one attempt, as sent, its URL redacted (``AccessKeyId=***``,
    ``Signature=***``)."""

    operation: str  # the spec's operation, e.g. "swap_cancel"
    attempt: int  # 1 for the first attempt of the request, 2 for its first retry
    method: str
    url: str
    headers: dict[str, str]
    content: bytes


@attrs.frozen
class HookResponse:
    """What one attempt met: the answer (``status_code``, ``headers``, ``content`` decoded, read
    before the SDK decodes it: an answer HTX refused shows in its body) or, without one,
    ``error``, the ``HtxError`` the attempt met (a timeout, a dropped connection)."""

    request: HookRequest
    status_code: int | None
    headers: dict[str, str]
    content: bytes | None
    error: HtxError | None


Hook = Callable[[Any], object]


class EventHooks:
    """The checked hooks of a client."""

    __slots__ = ("request", "response")

    def __init__(self, request: list[Hook], response: list[Hook]) -> None:
        self.request = request
        self.response = response

    def describe(self, operation: str, attempt: int, request: httpx.Request) -> HookRequest:
        return HookRequest(
            operation=operation,
            attempt=attempt,
            method=request.method,
            url=redact(str(request.url)),
            headers={k: redact(v) for k, v in request.headers.items()},
            content=bytes(request.content),
        )

    def before(self, seen: HookRequest) -> HtxError | None:
        """Run the request hooks; what one raised, as the attempt's outcome."""
        for hook in self.request:
            failure = _call(hook, seen, reached=False)
            if failure is not None:
                return failure
        return None

    def after(
        self, seen: HookRequest, answer: ReadAnswer | None, error: HtxError | None
    ) -> HtxError | None:
        """Run the response hooks; what one raised (it reached HTX when an answer came)."""
        if not self.response:
            return None
        response = HookResponse(
            request=seen,
            status_code=None if answer is None else answer.status_code,
            headers={} if answer is None else dict(answer.headers.items()),
            content=None if answer is None else answer.content,
            error=error,
        )
        reached = answer is not None or (error is not None and error.may_have_reached)
        for hook in self.response:
            failure = _call(hook, response, reached=reached)
            if failure is not None:
                if reached:  # an answer, or a send without one: a hook cannot undo the doubt
                    failure.may_have_reached = True
                return failure
        return None


def _call(hook: Hook, argument: object, *, reached: bool) -> HtxError | None:
    try:
        hook(argument)
    except HtxError as error:
        return error
    except Exception as exc:
        kind = "response" if isinstance(argument, HookResponse) else "request"
        wrapped = HookError(
            f"a {kind} event hook ({_name(hook)}) raised {type(exc).__name__}: {exc}",
            may_have_reached=reached,
        )
        wrapped.__cause__ = exc
        return wrapped
    return None


def _name(hook: Hook) -> str:
    return getattr(hook, "__qualname__", None) or type(hook).__name__


def check_event_hooks(event_hooks: object) -> EventHooks | None:
    """The hooks checked (an ``InvalidRequestError`` naming ``event_hooks`` otherwise); None
    when there are none."""
    if event_hooks is None:
        return None
    if not isinstance(event_hooks, Mapping):
        raise InvalidRequestError(
            "event_hooks", 'must be a dict like {"request": [...], "response": [...]}'
        )
    unknown = set(event_hooks) - {"request", "response"}
    if unknown:
        raise InvalidRequestError(
            "event_hooks", f"unknown event {sorted(map(str, unknown))}; use request, response"
        )
    lists: dict[str, list[Hook]] = {}
    for event in ("request", "response"):
        hooks = event_hooks.get(event, [])
        if not isinstance(hooks, Sequence) or isinstance(hooks, str):
            raise InvalidRequestError(f"event_hooks[{event!r}]", "must be a list of functions")
        for hook in hooks:
            if not callable(hook):
                raise InvalidRequestError(f"event_hooks[{event!r}]", f"{hook!r} is not callable")
            if inspect.iscoroutinefunction(hook) or inspect.iscoroutinefunction(
                getattr(hook, "__call__", None)  # noqa: B004 - a callable object's method
            ):
                raise InvalidRequestError(
                    f"event_hooks[{event!r}]",
                    f"{_name(hook)} is a coroutine function; hooks are plain functions, "
                    "called inline by both clients",
                )
        lists[event] = list(hooks)
    if not lists["request"] and not lists["response"]:
        return None
    return EventHooks(lists["request"], lists["response"])
