"""Exact sums: integers add as integers, a fraction makes the sum a Decimal (0.1 + 0.2 is 0.3, as
the text wrote them), and SQLite's sums of REAL values, which are binary floating point, are made
by the same rule through a Python aggregate."""

from __future__ import annotations

from decimal import Decimal


class Sum:
    """An exact sum: integers add as integers; a fraction makes it Decimal, so 0.1 + 0.2 is 0.3."""

    def __init__(self):
        self.value: int | Decimal = 0

    def add(self, v) -> None:
        self.value += v if type(v) is int else Decimal(repr(v))

    def add_exact(self, v: Decimal) -> None:
        self.value += v

    def extend(self, values: list) -> None:
        self.value += sum(v for v in values if type(v) is int)
        for v in values:
            if type(v) is not int:
                self.value += Decimal(repr(v))


def number(value):
    """A sum as the JSON store writes a number: an int when whole, else a float."""
    if value is None or type(value) in (int, float):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


class ExactSum:
    """SQL aggregate: Sum over floating values, returned as text so nothing is rounded on the way back."""

    def __init__(self):
        self.sum = Sum()

    def step(self, value) -> None:
        self.sum.add(value)

    def finalize(self) -> str:
        return str(self.sum.value)
