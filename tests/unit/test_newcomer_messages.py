"""The messages a newcomer meets first (issue 26, item 8): a wrong keyword names the public
method and the keyword meant, a base URL without its scheme gets the one it meant, and another
product's contract code names the client that takes it. Nothing is sent in any of these."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest
from htx_swap import AsyncSwapClient, HtxCredentials, InvalidRequestError, SwapClient
from htx_swap._engine.products import SWAP

CREDS = HtxCredentials("newcomer-access-key", "newcomer-secret")
MODES = ("sync", "async")


@pytest.fixture
def sent() -> list[httpx.Request]:
    """Every request a client sent through ``_transport(sent)``: none is expected."""
    return []


def _transport(sent: list[httpx.Request]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    return httpx.MockTransport(answer)


def _call(mode: str, sent: list[httpx.Request], method: str, *args: Any, **kwargs: Any) -> None:
    """Call ``method`` on a client whose every request is recorded in ``sent``."""
    options: dict[str, Any] = {"max_retries": 0, "rate_limiter": None, "read_rate_limiter": None}
    if mode == "sync":
        with httpx.Client(transport=_transport(sent)) as http:
            getattr(SwapClient(CREDS, http_client=http, **options), method)(*args, **kwargs)
        return

    async def run() -> None:
        async with httpx.AsyncClient(transport=_transport(sent)) as http:
            client = AsyncSwapClient(CREDS, http_client=http, **options)
            await getattr(client, method)(*args, **kwargs)

    asyncio.run(run())


def _client_name(mode: str) -> str:
    return "SwapClient" if mode == "sync" else "AsyncSwapClient"


# -- a wrong keyword ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "method", ["cancel", "cancel_many", "order_info", "cancel_and_confirm", "cancel_trigger"]
)
@pytest.mark.parametrize(
    ("given", "meant"), [("order_id", "order_ids"), ("client_order_id", "client_order_ids")]
)
def test_htxs_own_field_name_suggests_the_sdks(
    mode: str, method: str, given: str, meant: str, sent: list[httpx.Request]
) -> None:
    if method == "cancel_trigger" and given == "client_order_id":  # it takes order ids only
        meant = "order_ids"
    with pytest.raises(TypeError) as caught:
        _call(mode, sent, method, "BTC-USD", **{given: "1"})
    message = str(caught.value)
    assert message.startswith(
        f"{_client_name(mode)}.{method}() got an unexpected keyword argument {given!r}"
    )
    assert f"did you mean {meant}=" in message
    assert "ClientSurface" not in message
    assert sent == []


@pytest.mark.parametrize("mode", MODES)
def test_a_typo_suggests_the_nearest_keyword(mode: str, sent: list[httpx.Request]) -> None:
    with pytest.raises(TypeError, match=r"\.open_orders\(\) .* did you mean contract_code=\?"):
        _call(mode, sent, "open_orders", contract="BTC-USD")
    with pytest.raises(TypeError, match=r"'colour'; it takes contract_code, order_ids, "):
        _call(mode, sent, "cancel", "BTC-USD", order_ids=["1"], colour="red")
    assert sent == []


@pytest.mark.parametrize("mode", MODES)
def test_ids_given_by_position_say_to_use_the_keyword(mode: str, sent: list[httpx.Request]) -> None:
    with pytest.raises(TypeError) as caught:
        _call(mode, sent, "cancel", "BTC-USD", ["1"])
    assert str(caught.value).startswith(f"{_client_name(mode)}.cancel(): too many positional")
    assert "order_ids=" in str(caught.value)
    with pytest.raises(TypeError, match=r"\.cancel\(\): missing a required argument"):
        _call(mode, sent, "cancel")
    assert sent == []


def test_a_subclass_is_named_as_the_caller_wrote_it() -> None:
    class MyClient(SwapClient):
        pass

    client = MyClient(CREDS, base_url="http://127.0.0.1:9")
    with pytest.raises(TypeError, match=r"^MyClient\.cancel\(\) got an unexpected"):
        client.cancel("BTC-USD", order_id="1")  # type: ignore[call-arg]
    client.close()


# -- a base URL without its scheme ----------------------------------------------------------------


@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("localhost:8080", "http://localhost:8080"),
        ("[::1]:8080", "http://[::1]:8080"),
        ("api.hbdm.com", "https://api.hbdm.com"),
    ],
)
def test_a_base_url_without_scheme_suggests_one(
    client_class: type[SwapClient] | type[AsyncSwapClient], given: str, meant: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client_class(CREDS, base_url=given)
    assert caught.value.field == "base_url"
    assert f"did you mean {meant!r}" in str(caught.value)
    local = meant.startswith("http:")
    assert ("the local exchange" in str(caught.value)) is local


# -- another product's contract code --------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("code", "explained"),
    [
        ("BTC-USDT", "is a USDT-margined contract code (HTX's /v5/... API: use UsdtClient)"),
        ("eth-usdt", "is a USDT-margined contract code (HTX's /v5/... API: use UsdtClient)"),
        ("BTC-USDT-231229", "is a USDT-margined contract code (HTX's /v5/... API: use UsdtClient)"),
        ("BTC231229", "is a coin-margined futures contract code (HTX's /api/v1/contract_..."),
        ("BTC_CQ", "is a coin-margined futures contract code (HTX's /api/v1/contract_..."),
    ],
)
def test_another_products_contract_code_names_its_api(
    mode: str, code: str, explained: str, sent: list[httpx.Request]
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        _call(mode, sent, "cancel", code, order_ids=["1"])
    assert caught.value.field == "contract_code"
    assert f"{code!r} {explained}" in str(caught.value)
    with pytest.raises(InvalidRequestError, match=re.escape(explained)):
        _call(mode, sent, "panic", ["BTC-USD", code])
    assert sent == []


@pytest.mark.parametrize("code", ["BTC-USD", "eth-usd", "1INCH-USD", "DOGE-USD"])
def test_coin_margined_swap_codes_still_pass(code: str) -> None:
    from htx_swap._wire.validation import validate_contract_code

    assert validate_contract_code(code) == code


@pytest.mark.parametrize("mode", MODES)
def test_a_type_error_from_inside_a_fitting_call_is_left_as_it_was(
    mode: str, sent: list[httpx.Request], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(contract_code: object) -> str:
        raise TypeError("raised inside the method")

    monkeypatch.setattr(SWAP, "contract_code", broken)
    with pytest.raises(TypeError) as caught:
        _call(mode, sent, "cancel", "BTC-USD", order_ids=["1"])
    assert str(caught.value) == "raised inside the method"
    assert sent == []
