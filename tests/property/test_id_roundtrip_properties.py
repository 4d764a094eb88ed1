"""Ids survive the whole trip exactly: the caller's ids (ints or strings, above 2**53 too) go
into the request body the generated client builds, come back in an answer HTX's way (successes
as one comma-joined string, per-order errors with the id as a string or a JSON number) and end up
in the ``CancelResult`` as the same decimal strings; no float anywhere.

The answers are written here with ``json.dumps``, independently of the SDK and of the mock.
The same parser (``codec.decode_cancel``, formerly ``responses.parse_cancel_response``) is also
held to two more properties: whatever the body, nothing but a decoded answer or an ``HtxError``
comes out of it, and the wait a rate-limited answer asks for (``Retry-After`` in seconds or as a
date, HTX's ``recovery-time``) is the one the error carries.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from typing import Any

import httpx
import pytest
from htx_swap import (
    AsyncSwapClient,
    CancelResult,
    HtxCredentials,
    HtxError,
    RateLimitError,
    SwapClient,
)
from htx_swap._wire.codec import decode_cancel
from hypothesis import example, given
from hypothesis import strategies as st

from tests.property import PROPERTY_SETTINGS

MAX_ID = 2**63 - 1
CREDS = HtxCredentials("property-access-key", "property-secret-key")
# Ids near and above 2**53 (where a float loses digits) are the ones that matter.
ID_INTS = st.one_of(
    st.integers(2**53 - 3, 2**53 + 3),
    st.integers(2**53, MAX_ID),
    st.integers(1, MAX_ID),
    st.just(MAX_ID),
)
IDS = st.lists(ID_INTS, min_size=1, max_size=10, unique=True)
CODES = st.sampled_from([1061, 1062, 1063, 1071])
MODES = ["sync", "async"]


@st.composite
def cancel_cases(draw: st.DrawFn) -> tuple[list[int | str], list[bool], list[int], list[bool]]:
    """Ids (each an int or a string), which of them HTX refuses, with what code, and whether
    the refusal's order_id is written as a JSON number."""
    ints = draw(IDS)
    given_as = [str(n) if draw(st.booleans()) else n for n in ints]
    refused = [draw(st.booleans()) for _ in ints]
    codes = [draw(CODES) for _ in ints]
    as_number = [draw(st.booleans()) for _ in ints]
    return given_as, refused, codes, as_number


def answer_for(
    request: httpx.Request, field: str, refused: list[bool], codes: list[int], as_number: list[bool]
) -> httpx.Response:
    body = json.loads(request.content)
    ids = body[field].split(",")
    errors = [
        {"order_id": int(i) if number else i, "err_code": code, "err_msg": "refused"}
        for i, no, code, number in zip(ids, refused, codes, as_number, strict=True)
        if no
    ]
    successes = ",".join(i for i, no in zip(ids, refused, strict=True) if not no)
    document = {"status": "ok", "data": {"errors": errors, "successes": successes}, "ts": 1}
    return httpx.Response(
        200,
        content=json.dumps(document).encode(),
        headers={"Content-Type": "text/plain;charset=UTF-8"},
    )


def cancel_through_the_sdk(
    mode: str, field: str, ids: list[int | str], handler: Any
) -> tuple[CancelResult, list[bytes]]:
    sent: list[bytes] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        response: httpx.Response = handler(request)
        return response

    options: dict[str, Any] = {
        "base_url": "https://api.hbdm.com",
        "max_retries": 0,
        "rate_limiter": None,
        field: ids,
    }
    kwargs = {field: options.pop(field)}
    if mode == "sync":
        with (
            httpx.Client(transport=httpx.MockTransport(record)) as http,
            SwapClient(CREDS, http_client=http, **options) as client,
        ):
            return client.cancel("BTC-USD", **kwargs), sent

    async def go() -> CancelResult:
        async with (
            httpx.AsyncClient(transport=httpx.MockTransport(record)) as http,
            AsyncSwapClient(CREDS, http_client=http, **options) as client,
        ):
            return await client.cancel("BTC-USD", **kwargs)

    return asyncio.run(go()), sent


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("by", ["order_ids", "client_order_ids"])
@PROPERTY_SETTINGS
@given(case=cancel_cases())
def test_ids_round_trip_exactly(
    mode: str, by: str, case: tuple[list[int | str], list[bool], list[int], list[bool]]
) -> None:
    ids, refused, codes, as_number = case
    field = by.removesuffix("s")  # the request's field: order_id / client_order_id
    texts = [str(i) for i in ids]

    result, sent = cancel_through_the_sdk(
        mode, by, ids, lambda request: answer_for(request, field, refused, codes, as_number)
    )

    # The request: one comma-joined string of the exact decimal texts, nothing else.
    (raw,) = sent
    assert json.loads(raw) == {field: ",".join(texts), "contract_code": "BTC-USD"}
    assert ",".join(texts).encode() in raw  # not re-encoded through a number
    # The result: the same strings, in the order HTX listed them.
    assert result.successes == [t for t, no in zip(texts, refused, strict=True) if not no]
    assert [(e.order_id, e.err_code) for e in result.errors] == [
        (t, code) for t, no, code in zip(texts, refused, codes, strict=True) if no
    ]
    assert result.inferred_successes == []
    # Every requested id was named once: none in doubt, none HTX named unasked.
    assert result.unanswered == []
    assert result.unrequested == []
    assert all(isinstance(i, str) for i in result.successes)


@PROPERTY_SETTINGS
@given(ints=IDS)
def test_ids_written_as_json_numbers_are_read_exactly(ints: list[int]) -> None:
    # HTX's order-info answers show ids as JSON numbers; a parser that goes through float
    # would turn 768503271974985728 into 768503271974985700.
    errors = ",".join(
        f'{{"order_id":{n},"err_code":1061,"err_msg":"This order doesnt exist."}}' for n in ints
    )
    body = f'{{"status":"ok","data":{{"errors":[{errors}],"successes":""}},"ts":1}}'
    result = decode_cancel(httpx.Response(200, content=body.encode()))
    assert [e.order_id for e in result.errors] == [str(n) for n in ints]


@PROPERTY_SETTINGS
@given(
    status=st.sampled_from([200, 200, 200, 400, 403, 404, 429, 500, 502, 503, 504, 520]),
    body=st.one_of(
        st.binary(max_size=64),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["status", "data", "errors", "successes", "ts", "err_code"]),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=12,
        ).map(lambda document: json.dumps(document).encode()),
    ),
    retry_after=st.none() | st.text(max_size=12),
)
@example(status=429, body=b'{"status":"error","err_code":1032}', retry_after="soon")
@example(status=200, body=b"[" * 100_000 + b"]" * 100_000, retry_after=None)
@example(
    status=200,
    body=b'{"status":"ok","data":{"errors":null,"successes":"1"},"ts":1}',
    retry_after=None,
)
def test_any_answer_is_a_result_or_a_typed_error(
    status: int, body: bytes, retry_after: str | None
) -> None:
    # Whatever the exchange (or a proxy in front of it) sends, the parser never lets anything
    # but an HtxError out; the ids of a result are decimal strings.
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    try:
        response = httpx.Response(status, content=body, headers=headers)
    except (httpx.HTTPError, UnicodeEncodeError):
        return  # httpx itself refuses such a header; nothing reaches the SDK
    try:
        result = decode_cancel(response)
    except HtxError:
        return
    assert all(i.isdigit() for i in result.successes)
    assert all(e.order_id.isdigit() for e in result.errors)


# -- the wait an answer asks for -----------------------------------------------------------

LIMITED = b'{"status":"error","err_code":1032,"err_msg":"limited","ts":1}'


@PROPERTY_SETTINGS
@given(
    seconds=st.integers(0, 3600),
    form=st.sampled_from(["Retry-After seconds", "Retry-After date", "recovery-time"]),
    status=st.sampled_from([200, 429]),
)
def test_the_wait_the_server_asks_for_is_what_the_error_carries(
    seconds: int, form: str, status: int
) -> None:
    # The retry policy waits exactly ``retry_after`` (the fault matrix checks that against the
    # exchange's Retry-After); here every form HTX and HTTP use to say it is read right.
    now = time.time()
    if form == "Retry-After seconds":
        headers = {"Retry-After": str(seconds)}
    elif form == "Retry-After date":
        headers = {"Retry-After": email.utils.formatdate(now + seconds, usegmt=True)}
    else:  # HTX's ban answer: when the ban ends, epoch milliseconds
        headers = {"recovery-time": str(int((now + seconds) * 1000))}
    with pytest.raises(RateLimitError) as caught:
        decode_cancel(httpx.Response(status, content=LIMITED, headers=headers))
    wait = caught.value.retry_after
    assert wait is not None
    if form == "Retry-After seconds":
        assert wait == seconds
    else:  # computed against the clock: whole seconds (dates) and the time the test took
        assert seconds - 2 <= wait <= seconds + 1
