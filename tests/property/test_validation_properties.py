"""The id validators accept exactly the valid id lists, and a refusal names the field (and the
position of the first bad id).

The oracle below is written apart from ``htx_swap._wire.validation``: an id is an ``int`` (not a
``bool``) or an ASCII decimal string without sign, space or leading zero, in 1..2**63-1; a list
holds 1..10 of them (any number in bulk), no id twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from htx_swap import InvalidRequestError
from htx_swap._wire.validation import validate_ids
from hypothesis import example, given
from hypothesis import strategies as st

from tests.property import PROPERTY_SETTINGS

MAX_ID = 2**63 - 1
FIELDS = st.sampled_from(["order_ids", "client_order_ids"])
# 0-9 to FULLWIDTH DIGIT ZERO-NINE, which str.isdigit() accepts and HTX does not.
FULL_WIDTH = {ord("0") + n: 0xFF10 + n for n in range(10)}

VALID_INTS = st.integers(1, MAX_ID) | st.integers(2**53 - 5, 2**53 + 5) | st.just(MAX_ID)
VALID_IDS = VALID_INTS | VALID_INTS.map(str)
INVALID_IDS = st.one_of(
    st.integers(max_value=0),
    st.integers(min_value=MAX_ID + 1),
    st.integers(min_value=MAX_ID + 1).map(str),
    st.integers(max_value=-1).map(str),
    st.integers(1, MAX_ID).map(lambda n: f"0{n}"),  # a leading zero
    st.just("0"),
    st.just(""),
    st.integers(1, MAX_ID).map(lambda n: f" {n}"),
    st.integers(1, MAX_ID).map(lambda n: f"{n}\n"),
    st.integers(1, MAX_ID).map(lambda n: f"+{n}"),
    st.integers(1, MAX_ID).map(lambda n: f"{n},{n + 1}"),
    st.integers(1, MAX_ID).map(lambda n: f"{n}.0"),
    st.integers(1, 10**6).map(lambda n: str(n).translate(FULL_WIDTH)),  # not ASCII digits
    st.integers(10, 10**6).map(lambda n: f"{n // 10}{chr(0xFF10 + n % 10)}"),  # one of them
    st.text(max_size=6),  # mostly not decimal at all; the oracle decides
    st.booleans(),
    st.floats(allow_nan=True),
    st.floats(1, 2**63),
    st.none(),
    st.binary(min_size=1, max_size=4),
    st.decimals(1, 100, places=0),
)
ITEMS = st.one_of(VALID_IDS, INVALID_IDS)


def _other_type(item: int | str) -> int | str:
    return str(item) if isinstance(item, int) else int(item)


@st.composite
def id_lists(draw: st.DrawFn) -> list[Any]:
    """Mostly valid lists, some with one bad id slipped in or one id repeated (perhaps as the
    other type: ``1`` and ``"1"`` are the same id), and some of anything at all."""
    kind = draw(st.sampled_from(["valid", "one invalid", "repeated", "anything"]))
    if kind == "anything":
        return draw(st.lists(ITEMS, max_size=13))
    items: list[Any] = draw(st.lists(VALID_IDS, max_size=12, unique_by=str))
    if kind == "one invalid":
        items.insert(draw(st.integers(0, len(items))), draw(INVALID_IDS))
    elif kind == "repeated" and items:
        again = draw(st.sampled_from(items))
        if draw(st.booleans()):
            again = _other_type(again)
        items.insert(draw(st.integers(0, len(items))), again)
    return items


def oracle_id(raw: object) -> str | None:
    """The id's exact decimal text, or None when it is not a valid id."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw) if 1 <= raw <= MAX_ID else None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and not raw.startswith("0"):
        return raw if int(raw) <= MAX_ID else None
    return None


def oracle(items: list[Any], field: str, limit: int | None) -> list[str] | str:
    """The ids as strings when the list is valid, else the field the refusal must name."""
    if not items or (limit is not None and len(items) > limit):
        return field
    texts = [oracle_id(item) for item in items]
    for position, text in enumerate(texts):
        if text is None:
            return f"{field}[{position}]"
    if len(set(texts)) != len(texts):
        return field
    return [text for text in texts if text is not None]


def check(items: list[Any], field: str, limit: int | None, given_as: Iterable[Any]) -> None:
    wanted = oracle(items, field, limit)
    if isinstance(wanted, list):
        assert validate_ids(field, given_as, limit=limit) == wanted
        return
    with pytest.raises(InvalidRequestError) as caught:
        validate_ids(field, given_as, limit=limit)
    assert caught.value.field == wanted
    assert str(caught.value).startswith(f"{wanted}: ")
    assert isinstance(caught.value, ValueError)


@PROPERTY_SETTINGS
@given(items=st.lists(VALID_IDS, min_size=1, max_size=10, unique_by=str), field=FIELDS)
def test_every_valid_list_is_accepted_as_exact_strings(items: list[int | str], field: str) -> None:
    assert validate_ids(field, items) == [str(item) for item in items]
    assert validate_ids(field, tuple(items)) == [str(item) for item in items]
    assert validate_ids(field, iter(items)) == [str(item) for item in items]


@PROPERTY_SETTINGS
@given(
    items=id_lists(),
    field=FIELDS,
    bulk=st.booleans(),
    as_tuple=st.booleans(),
)
@example(items=[], field="order_ids", bulk=False, as_tuple=False)
@example(items=[str(n) for n in range(1, 12)], field="order_ids", bulk=False, as_tuple=False)
@example(items=[str(n) for n in range(1, 12)], field="order_ids", bulk=True, as_tuple=False)
@example(items=["1", 1], field="client_order_ids", bulk=False, as_tuple=True)
@example(items=[True], field="order_ids", bulk=False, as_tuple=False)
@example(items=[1.0], field="order_ids", bulk=False, as_tuple=False)
@example(items=["9", str(2**63)], field="order_ids", bulk=False, as_tuple=False)
@example(items=[str(MAX_ID), MAX_ID - 1], field="order_ids", bulk=False, as_tuple=False)
@example(items=["1", "01"], field="order_ids", bulk=False, as_tuple=False)
def test_accepts_exactly_the_valid_lists(
    items: list[Any], field: str, bulk: bool, as_tuple: bool
) -> None:
    check(items, field, None if bulk else 10, tuple(items) if as_tuple else items)


@PROPERTY_SETTINGS
@given(
    valid=st.lists(VALID_IDS, max_size=9, unique_by=str),
    bad=INVALID_IDS,
    position=st.integers(0, 9),
    field=FIELDS,
)
@example(valid=["1"], bad="\uff11\uff12", position=0, field="order_ids")  # full-width digits
@example(valid=["1"], bad="1\u0663", position=1, field="order_ids")  # ARABIC-INDIC THREE
@example(valid=[], bad="\u00b2", position=0, field="order_ids")  # SUPERSCRIPT TWO
@example(valid=["1", "2"], bad=float(2**60), position=1, field="client_order_ids")
def test_one_bad_id_is_refused_naming_its_position(
    valid: list[int | str], bad: object, position: int, field: str
) -> None:
    items: list[Any] = list(valid)
    at = min(position, len(items))
    items.insert(at, bad)
    with pytest.raises(InvalidRequestError) as caught:
        validate_ids(field, items)
    assert caught.value.field == f"{field}[{at}]"


@PROPERTY_SETTINGS
@given(
    whole=st.one_of(
        st.text(max_size=20),
        st.binary(max_size=20),
        st.integers(),
        st.none(),
        st.floats(allow_nan=False),
    ),
    field=FIELDS,
)
def test_a_non_list_is_refused_naming_the_field(whole: object, field: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        validate_ids(field, whole)  # type: ignore[arg-type]
    assert caught.value.field == field
