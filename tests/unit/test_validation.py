"""Every invalid input is refused with InvalidRequestError naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from htx_swap import InvalidRequestError
from htx_swap._wire.validation import validate_contract_code, validate_id_choice, validate_ids

BIG = "768503271974985728"


def test_valid_ids_are_returned_as_exact_strings() -> None:
    assert validate_ids("order_ids", [BIG, 1, 2**63 - 1]) == [BIG, "1", str(2**63 - 1)]
    assert validate_ids("order_ids", (str(n) for n in range(1, 11))) == [
        str(n) for n in range(1, 11)
    ]


@pytest.mark.parametrize(
    ("ids", "problem"),
    [
        ([], "at least one id"),
        ([str(n) for n in range(1, 12)], "at most 10"),
        ("1,2,3", "not one string"),
        (b"1", "not one string"),
        ([1.0], "float"),
        ([7.685032719749857e17], "float"),
        ([True], "bool"),
        ([None], "NoneType"),
        (["0"], "not a positive decimal integer"),
        ([0], "not a positive decimal integer"),
        ([-5], "not a positive decimal integer"),
        (["-5"], "not a positive decimal integer"),
        (["01"], "not a positive decimal integer"),
        ([" 1"], "not a positive decimal integer"),
        (["1 "], "not a positive decimal integer"),
        (["1,2"], "not a positive decimal integer"),
        (["1e3"], "not a positive decimal integer"),
        (["\uff11\uff12"], "not a positive decimal integer"),  # full-width digits
        ([str(2**63)], "not a positive decimal integer"),
        ([2**63], "not a positive decimal integer"),
        (["1", 1], "more than once"),
        ([BIG, BIG], "more than once"),
        (42, "must be a list of ids"),
    ],
)
def test_invalid_ids(ids: Any, problem: str) -> None:
    with pytest.raises(InvalidRequestError, match="order_ids") as caught:
        validate_ids("order_ids", ids)
    assert problem in str(caught.value)
    assert caught.value.field.startswith("order_ids")
    assert isinstance(caught.value, ValueError)


def test_no_limit_for_bulk() -> None:
    assert len(validate_ids("order_ids", range(1, 1001), limit=None)) == 1000


@pytest.mark.parametrize(
    "code", ["", " ", "BTC USD", "BTC-USD ", "BTC,ETH", "BTC--USD", "-BTC", "BTC-", None, 5]
)
def test_invalid_contract_code(code: Any) -> None:
    with pytest.raises(InvalidRequestError, match="contract_code"):
        validate_contract_code(code)


@pytest.mark.parametrize("code", ["BTC-USD", "btc-usd", "ETH-USD", "BTC-USD-220325"])
def test_valid_contract_code(code: str) -> None:
    assert validate_contract_code(code) == code


def test_exactly_one_id_kind() -> None:
    with pytest.raises(InvalidRequestError, match="not both"):
        validate_id_choice(["1"], ["2"])
    with pytest.raises(InvalidRequestError, match="give one of them"):
        validate_id_choice(None, None)
    assert validate_id_choice(None, ["2"]) == ("client_order_ids", ["2"])
