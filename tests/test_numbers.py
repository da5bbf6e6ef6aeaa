"""The number parser: table-driven cases and a Hypothesis round trip."""

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qdaid.pipeline.numbers import NumberError, parse_quantity

CASES = [
    ("3.1亿元", 310000000, "exact"),
    ("11.0436亿元", 1104360000, "exact"),
    ("179.4万", 1794000, "exact"),
    ("7万多人", 70000, "more_than"),
    ("近800万元", 8000000, "nearly"),
    ("620余万元", 6200000, "over"),
    ("3万余户(次)", 30000, "over"),
    ("3901.5余万元", 39015000, "over"),
    ("50多万亩", 500000, "more_than"),
    ("约3.2亿元", 320000000, "about"),
    ("一半以上", 50, "over"),
    ("20.84%", Decimal("20.84"), "exact"),
    ("五批", 5, "exact"),
    ("两次", 2, "exact"),
    ("一架", 1, "exact"),
    ("零", 0, "exact"),
    ("半个月", Decimal("0.5"), "exact"),
    ("两万五千名", 25000, "exact"),
    ("兩萬五千名", 25000, "exact"),
    ("1.2億元", 120000000, "exact"),
    ("8500餘名", 8500, "over"),
    ("1,234人", 1234, "exact"),
    ("100人左右", 100, "about"),
    ("超过5000人", 5000, "over"),
]


@pytest.mark.parametrize(("raw", "value", "approx"), CASES)
def test_parse_quantity(raw, value, approx):
    quantity = parse_quantity(raw)
    assert quantity.value == Decimal(value)
    assert quantity.approx == approx


@pytest.mark.parametrize("raw", ["", "元", "abc", "万寿菊"])
def test_not_a_number(raw):
    with pytest.raises(NumberError):
        parse_quantity(raw)


def test_no_float_artefacts():
    # 0.57 * 10**8 in binary floating point is 56999999.99999999
    assert parse_quantity("0.57亿元").value == 57000000


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
       st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("千", 10**3)]))
def test_arabic_with_multiplier_round_trips(number, multiplier):
    word, size = multiplier
    raw = f"{number.normalize():f}{word}元"
    assert parse_quantity(raw).value == number * size


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_chinese_numerals_round_trip(n):
    raw = cn2an.an2cn(n) + "人"
    assert parse_quantity(raw).value == n
