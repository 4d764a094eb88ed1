"""The local exchange's hostile answers: a trickle (headers or body), a gzip bomb, an oversize
body, a partial answer and an answer naming an id nobody asked about, before and after the
exchange processed the request."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable

import httpx
import pytest
from htx_swap_mock import FaultKind, MockExchange, OrderState, faults
from htx_swap_mock.admin import fault_from_json
from htx_swap_mock.faults import TricklePart

from tests.mock_exchange.helpers import CANCEL_PATH, cancel

BTC = "BTC-USD"
IDS = ("768503271974985728", "771038212360937472", "771038212360937473")
MIB = 1 << 20

Send = Callable[..., httpx.Response]


@pytest.fixture
def send(client: httpx.Client, ex: MockExchange) -> Send:
    for order_id in IDS:
        ex.add_order(BTC, order_id)

    def send_cancel(*ids: str, timeout: float = 5.0) -> httpx.Response:
        body = {"order_id": ",".join(ids or IDS), "contract_code": BTC}
        return cancel(client, ex.access_key, ex.secret_key, body, timeout=timeout)

    return send_cancel


def _states(ex: MockExchange) -> list[OrderState | None]:
    return [ex.order_state(BTC, order_id) for order_id in IDS]


def _named(response: httpx.Response) -> tuple[list[str], list[str]]:
    data = json.loads(response.content)["data"]
    return [i for i in data["successes"].split(",") if i], [e["order_id"] for e in data["errors"]]


OPEN, CANCELLED = OrderState.OPEN, OrderState.CANCELLED


# -- trickle -------------------------------------------------------------------------------


@pytest.mark.parametrize("part", list(TricklePart))
@pytest.mark.parametrize("after_processing", [False, True])
def test_a_trickle_ends_in_the_whole_answer_for_a_client_that_waits(
    ex: MockExchange, send: Send, part: TricklePart, after_processing: bool
) -> None:
    seconds = 0.004
    ex.inject(faults.trickle(part, seconds=seconds), after_processing=after_processing)
    started = time.monotonic()
    response = send()
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain;charset=UTF-8"
    successes, errors = _named(response)
    assert (successes, errors) == ((list(IDS), []) if after_processing else ([], []))
    assert _states(ex) == [CANCELLED if after_processing else OPEN] * 3
    # One pause between any two bytes: of the body, or of the whole answer.
    sent = len(response.content) if part is TricklePart.BODY else len(response.content) + 100
    assert elapsed >= (sent - 1) * seconds
    assert ex.received[0].fault == "trickle"
    # The connection is usable (body) or was closed as the answer said (headers): either way
    # the next request is answered at once.
    assert json.loads(send().content)["status"] == "ok"


def test_a_header_trickle_sends_the_status_line_a_byte_at_a_time(ex: MockExchange) -> None:
    ex.inject(faults.trickle("headers", seconds=0.05))
    request = (
        f"POST {CANCEL_PATH} HTTP/1.1\r\nHost: {ex.host}:{ex.port}\r\n"
        "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    ).encode()
    with socket.create_connection((ex.host, ex.port), timeout=5) as sock:
        sock.sendall(request)
        time.sleep(0.3)
        sock.settimeout(0.5)
        first = sock.recv(4096)
    # About 0.3 / 0.05 bytes so far: the status line itself is still coming.
    assert first.startswith(b"HTTP/1.1"[: len(first)])
    assert 1 <= len(first) <= 12, first


def test_a_client_that_leaves_ends_the_trickle(ex: MockExchange, send: Send) -> None:
    ex.inject(faults.trickle("body", seconds=1.0))
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        send(timeout=0.3)
    assert json.loads(send().content)["status"] == "ok"  # the exchange is free again
    assert time.monotonic() - started < 3.0


# -- size ----------------------------------------------------------------------------------


@pytest.mark.parametrize("after_processing", [False, True])
def test_a_gzip_bomb_is_small_on_the_wire_and_huge_decoded(
    ex: MockExchange, send: Send, after_processing: bool
) -> None:
    ex.inject(faults.gzip_bomb(16 * MIB), after_processing=after_processing)
    response = send()
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.num_bytes_downloaded < 64 * 1024  # 16 MiB of answer in under 64 KiB
    assert len(response.content) == 16 * MIB  # httpx decoded the whole of it
    # Valid JSON: the exchange's own answer padded with spaces (a reader that takes it whole
    # sees an ordinary answer).
    assert _named(response) == ((list(IDS), []) if after_processing else ([], []))
    assert _states(ex) == [CANCELLED if after_processing else OPEN] * 3


@pytest.mark.parametrize("after_processing", [False, True])
def test_an_oversize_body_is_honestly_sized(
    ex: MockExchange, send: Send, after_processing: bool
) -> None:
    ex.inject(faults.oversize_body(3 * MIB), after_processing=after_processing)
    response = send()
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == 3 * MIB == len(response.content)
    assert _named(response) == ((list(IDS), []) if after_processing else ([], []))
    assert _states(ex) == [CANCELLED if after_processing else OPEN] * 3


# -- answers that name the wrong ids -------------------------------------------------------


@pytest.mark.parametrize("after_processing", [False, True])
def test_a_partial_answer_names_only_some_ids(
    ex: MockExchange, send: Send, after_processing: bool
) -> None:
    ex.set_order_state(BTC, IDS[1], OrderState.FILLED)
    ex.inject(faults.partial_answer(2), after_processing=after_processing)
    response = send()
    # Named: the first two requested ids, the second refused (filled); the third is in neither.
    assert _named(response) == ([IDS[0]], [IDS[1]])
    assert json.loads(response.content)["data"]["errors"][0]["err_code"] == 1063
    third = CANCELLED if after_processing else OPEN  # only what it names was processed before
    assert _states(ex) == [CANCELLED, OrderState.FILLED, third]
    assert ex.received[0].fault == "partial_answer"


def test_a_partial_answer_naming_none(ex: MockExchange, send: Send) -> None:
    ex.inject(faults.partial_answer(0), after_processing=True)
    assert _named(send()) == ([], [])
    assert _states(ex) == [CANCELLED] * 3


@pytest.mark.parametrize("after_processing", [False, True])
def test_an_answer_can_name_an_id_nobody_asked_about(
    ex: MockExchange, send: Send, after_processing: bool
) -> None:
    ex.inject(faults.unrequested_id("99"), after_processing=after_processing)
    response = send(IDS[0])
    assert _named(response) == (([IDS[0], "99"] if after_processing else ["99"]), [])
    assert ex.order_state(BTC, IDS[0]) is (CANCELLED if after_processing else OPEN)


def test_answer_edits_leave_other_answers_alone(
    ex: MockExchange, client: httpx.Client, send: Send
) -> None:
    # An error envelope and a request that is not a cancel of ids pass through unchanged.
    ex.inject(faults.partial_answer(0), times=None)
    assert client.get("/api/v1/timestamp").json()["status"] == "ok"
    refused = cancel(client, ex.access_key, "wrong-secret", {"order_id": "1", "contract_code": BTC})
    assert json.loads(refused.content)["err-code"] == "api-signature-not-valid"


# -- building them -------------------------------------------------------------------------


def test_the_new_faults_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="footer"):
        faults.trickle("footer")
    with pytest.raises(ValueError, match="seconds"):
        faults.trickle(seconds=-1)
    with pytest.raises(ValueError, match="size"):
        faults.gzip_bomb(10)
    with pytest.raises(ValueError, match="size"):
        faults.oversize_body(True)
    with pytest.raises(ValueError, match="named"):
        faults.partial_answer(-1)
    with pytest.raises(ValueError, match="decimal"):
        faults.unrequested_id("1e3")


def test_the_admin_api_builds_the_new_faults() -> None:
    built = [
        fault_from_json({"fault": "trickle", "part": "headers", "seconds": 0.5}),
        fault_from_json({"fault": "gzip_bomb", "size": 2 * MIB}),
        fault_from_json({"fault": "oversize_body", "size": 3 * MIB}),
        fault_from_json({"fault": "partial_answer", "named": 2}),
        fault_from_json({"fault": "unrequested_id", "order_id": "011"}),
    ]
    assert built == [
        faults.trickle(TricklePart.HEADERS, seconds=0.5),
        faults.gzip_bomb(2 * MIB),
        faults.oversize_body(3 * MIB),
        faults.partial_answer(2),
        faults.unrequested_id("011"),
    ]
    assert {fault.kind for fault in built} == {
        FaultKind.TRICKLE,
        FaultKind.GZIP_BOMB,
        FaultKind.OVERSIZE_BODY,
        FaultKind.PARTIAL_ANSWER,
        FaultKind.UNREQUESTED_ID,
    }
