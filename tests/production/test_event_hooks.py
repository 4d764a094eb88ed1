"""``event_hooks``: once per attempt, the signed request redacted; a hook that raises is that
attempt's outcome (sync and async, against the local exchange)."""

from __future__ import annotations

from typing import Any

import pytest
from htx_swap import APIConnectionError, CancelResult, InvalidRequestError, SwapClient
from htx_swap._observe.hooks import HookError, HookRequest, HookResponse
from htx_swap_mock import MockExchange, faults

from tests.production.client_support import run
from tests.production.conftest import ACCESS, BTC, CANARY, CREDS, ORDER_A

CANCEL_PATH = "/swap-api/v1/swap_cancel"


def test_once_per_attempt_with_the_request_redacted(mode: str, exchange: MockExchange) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_503(), times=1, path=CANCEL_PATH)
    requests: list[HookRequest] = []
    responses: list[HookResponse] = []
    hooks: Any = {"request": [requests.append], "response": [responses.append]}

    result = run(
        mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"event_hooks": hooks}
    )

    assert isinstance(result, CancelResult)
    assert result.attempts == 2
    assert [r.attempt for r in requests] == [1, 2]
    assert [r.status_code for r in responses] == [503, 200]
    assert responses[1].request is requests[1]
    for seen in requests:
        assert seen.operation == "swap_cancel"
        assert seen.method == "POST"
        assert "AccessKeyId=***" in seen.url
        assert "Signature=***" in seen.url
        assert ACCESS not in repr(seen)
        assert CANARY not in repr(seen)
        assert ORDER_A.encode() in seen.content
    assert b'"status":"ok"' in (responses[1].content or b"").replace(b" ", b"")


def test_an_htx_error_from_a_request_hook_is_that_attempts_outcome(
    mode: str, exchange: MockExchange
) -> None:
    exchange.add_order(BTC, ORDER_A)
    seen: list[int] = []

    def refuse_first(request: HookRequest) -> None:
        seen.append(request.attempt)
        if request.attempt == 1:
            raise APIConnectionError("refused by the hook: not sent", may_have_reached=False)

    result = run(
        mode,
        exchange.url,
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        options={"event_hooks": {"request": [refuse_first]}},
    )

    assert isinstance(result, CancelResult), result
    assert result.successes == [ORDER_A]
    assert seen == [1, 2]
    assert len([r for r in exchange.received if r.path == CANCEL_PATH]) == 1  # only the retry
    assert result.attempt_log[0].error == "APIConnectionError"
    assert result.attempt_log[0].may_have_reached is False


def test_any_other_exception_from_a_hook_ends_the_call_as_a_hook_error(
    mode: str, exchange: MockExchange
) -> None:
    exchange.add_order(BTC, ORDER_A)

    def broken(_: object) -> None:
        raise KeyError("a bug in the hook")

    before = run(
        mode,
        exchange.url,
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        options={"event_hooks": {"request": [broken]}},
    )
    after = run(
        mode,
        exchange.url,
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        options={"event_hooks": {"response": [broken]}},
    )

    assert isinstance(before, HookError)
    assert before.may_have_reached is False
    assert isinstance(before.__cause__, KeyError)
    assert isinstance(after, HookError)
    assert after.may_have_reached is True
    assert len([r for r in exchange.received if r.path == CANCEL_PATH]) == 1


@pytest.mark.parametrize(
    "hooks",
    [
        [print],
        {"request": print},
        {"request": [1]},
        {"sent": [print]},
    ],
)
def test_hooks_are_checked_when_the_client_is_built(hooks: Any) -> None:
    with pytest.raises(InvalidRequestError, match="event_hooks"):
        SwapClient(CREDS, event_hooks=hooks)


def test_a_coroutine_hook_is_refused() -> None:
    async def hook(_: object) -> None:
        return None

    with pytest.raises(InvalidRequestError, match="coroutine"):
        SwapClient(CREDS, event_hooks={"response": [hook]})


def test_a_response_hook_after_a_refused_connection_keeps_not_sent(mode: str) -> None:
    from tests.hostile.support import call

    def broken(response: HookResponse) -> None:
        assert response.status_code is None
        assert response.error is not None
        raise KeyError("a bug in the hook")

    done = call(
        mode,
        "http://127.0.0.1:9",  # discard port: nothing listens, the connection is refused
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        options={"event_hooks": {"response": [broken]}, "max_retries": 0},
    )
    assert isinstance(done.error, HookError), done.error
    assert done.error.may_have_reached is False  # proven not sent: never turned into doubt


def test_an_htx_error_from_a_response_hook_cannot_remove_a_doubt(
    mode: str, exchange: MockExchange
) -> None:
    from tests.hostile.support import call

    def says_not_sent(_: HookResponse) -> None:
        raise APIConnectionError("the hook's own verdict", may_have_reached=False)

    def says_in_doubt(_: HookResponse) -> None:
        raise APIConnectionError("the hook's own verdict", may_have_reached=True)

    exchange.add_order(BTC, ORDER_A)
    answered = run(
        mode,
        exchange.url,
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        options={"event_hooks": {"response": [says_not_sent]}, "max_retries": 0},
    )
    refused = [
        call(
            mode,
            "http://127.0.0.1:9",  # discard port: nothing listens, the connection is refused
            "cancel",
            BTC,
            order_ids=[ORDER_A],
            options={"event_hooks": {"response": [hook]}, "max_retries": 0},
        ).error
        for hook in (says_not_sent, says_in_doubt)
    ]

    # an answer came: the request reached HTX, whatever the hook says
    assert isinstance(answered, APIConnectionError), answered
    assert answered.may_have_reached is True
    assert answered.attempt_log[-1].may_have_reached is True
    # proven not sent: the hook's own error, as it raised it
    assert [type(e) for e in refused] == [APIConnectionError, APIConnectionError], refused
    assert [getattr(e, "may_have_reached", None) for e in refused] == [False, True]
