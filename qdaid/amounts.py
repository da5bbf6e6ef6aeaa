"""Amounts as a person reads them: 858000000 yuan → 8.58亿元 (858 million CNY), a column of yuan
on one scale, a total with its mark (≥ a lower bound, ≈ approximate) or its interval, and totals
as bars. Text only: the tables that show them are render's, the report's its own.
"""

from __future__ import annotations

from decimal import Decimal

from .formats import plain, printable
from .model import period_label

# A column of yuan has one scale, so a reader compares it at a glance (57万元 above 106000万元,
# not 57万元 above 10.6亿元): the largest at which every amount is at least one unit of it and
# exact within these decimals (亿: to 10,000 yuan; 万 and million: to the yuan), else grouped
# yuan. Never rounded.
MONEY_SCALES = {"zh": ((Decimal(10**8), "亿", 4), (Decimal(10**4), "万", 4)),
                "en": ((Decimal(10**9), " billion", 5), (Decimal(10**6), " million", 6))}
AUTO = object()  # a scale chosen for the one value


def money_scale(values, lang: str = "zh") -> tuple[Decimal, str, int] | None:
    """The one scale for these yuan amounts (None: grouped yuan)."""
    numbers = [Decimal(str(v)) for v in values if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)]
    for size, word, decimals in MONEY_SCALES[lang]:
        if numbers and all(abs(n) >= size and _decimals(n / size) <= decimals for n in numbers):
            return size, word, decimals
    return None


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def chinese_amount(value, unit: str | None, lang: str = "zh", scale=AUTO) -> str:
    """858000000 yuan → 8.58亿元 (in English 858 million CNY), on `scale` when a column chose one;
    24730000 → 2473万元; other units grouped: 492,500."""
    if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return plain(value)
    number = Decimal(str(value))
    if unit != "cny":
        return _grouped(number)
    if scale is AUTO:
        scale = money_scale([number], lang)
    currency = " CNY" if lang == "en" else "元"
    if scale is None:
        return f"{_grouped(number)}{currency}"
    size, word, _ = scale
    scaled = (number / size).normalize()
    return f"{format(scaled, ',f' if lang == 'en' else 'f')}{word}{currency}"


def chinese_amounts(values: list, unit: str | None, lang: str = "zh") -> list[str]:
    """Several amounts on one scale (12500万元 and 12507.16万元, not 1.25亿 beside 12507.16万)."""
    scale = money_scale(values, lang) if unit == "cny" else None
    return [chinese_amount(v, unit, lang, scale) for v in values]


def _grouped(number: Decimal) -> str:
    return f"{int(number):,}" if number == number.to_integral_value() else format(number.normalize(), ",f")


STATS_AMOUNTS = ("total", "total_min", "total_max", "min", "max")


def stats_display(rows: list[dict], lang: str = "zh") -> list[dict]:
    """Stats rows for a person: Chinese (or English) amounts on one scale for all the yuan, ≥ on
    a lower bound, ≈ on an approximate total, the interval where an overlap cannot be ruled out,
    and one period column."""
    money = [r for r in rows if r.get("unit") == "cny"]
    scale = money_scale([r[k] for r in money for k in STATS_AMOUNTS[:3]], lang)  # the total column's
    scales = {k: money_scale([r[k] for r in money], lang) for k in ("min", "max")}
    shown = []
    for row in rows:
        unit = row.get("unit")
        cells = dict(row)
        for key in ("min", "max"):
            cells[key] = chinese_amount(row[key], unit, lang, scales[key])
        cells["total"] = total_text(row, lang, scale)
        cells["period"] = period_label(row.get("period_start"), row.get("period_end"))
        if "region" in row and row["region"] is None:  # --by region: figures of no single place
            cells["region"] = "(no single place)"
        if row.get("period_partly_undated"):
            cells["period"] += ", partly undated"
        shown.append(cells)
    return shown


def total_text(row: dict, lang: str = "zh", scale=AUTO) -> str:
    """8.58亿元; ≥6201.5万元; 1.25亿–1.2507亿元, may overlap (+ after the upper end when a 多/余
    figure is in it: the most is open too); — where nothing adds up. In English 858 million CNY;
    39.015–62.015 million CNY, may overlap."""
    unit = row.get("unit")
    if row["total"] is None:
        return "—"
    mark = "≥" if row["total_is_lower_bound"] else "≈" if row["total_is_approximate"] else ""
    if scale is AUTO:
        scale = money_scale([row[k] for k in STATS_AMOUNTS[:3] if row.get(k) is not None], lang)
    if not row.get("overlap_possible"):
        return mark + chinese_amount(row["total"], unit, lang, scale)
    low, high = (chinese_amount(row[k], unit, lang, scale) for k in ("total_min", "total_max"))
    if unit == "cny":  # 3901.5万–6201.5万元, 39.015–62.015 million CNY: the unit once for the pair
        words = low.split(" ")
        low = low[:-1] if lang != "en" else words[0] if words[1:] == high.split(" ")[1:] else " ".join(words[:-1])
    return f"{mark}{low}–{high}{'+' if row.get('total_max_is_lower_bound') else ''}, may overlap"


def bars(rows: list[dict], label_keys: list[str], value_key: str, unit_key: str, width: int = 40,
         lang: str = "zh", columns: int | None = None) -> str:
    """Totals as horizontal bars, scaled within each unit (yuan and persons are not comparable);
    where an overlap is possible, █ up to what the text proves (total_min) and ░ on to total_max.
    columns: the terminal's width, which every line keeps within: the bars shorten, and where a
    label leaves no room, each bar goes on the line under its label."""
    largest: dict = {}
    for r in rows:
        top = r.get("total_max") if r.get("total_max") is not None else r.get(value_key)
        if isinstance(top, (int, float)):
            largest[r[unit_key]] = max(largest.get(r[unit_key], 0), abs(top))
    # The labels are data: shown, never run (an escape sequence in a metric would act on the terminal).
    labels = [printable(" ".join(plain(r.get(k)) or "-" for k in label_keys), keep="") for r in rows]
    shown = [total_text(r, lang) if isinstance(r.get(value_key), (int, float)) else "—" for r in rows]
    pad = max((_width(label) for label in labels), default=0)
    text = max((_width(t) for t in shown), default=0)
    below = False  # each bar on the line under its label
    if columns is not None:
        room = columns - pad - 3 - text
        below = room < 10
        width = max(1, min(width, columns - 3 - text if below else room))
    lines = []
    for label, r, total in zip(labels, rows, shown, strict=True):
        value = r.get(value_key)
        bar = ""
        if isinstance(value, (int, float)):
            scale = width / (largest.get(r[unit_key]) or 1)
            ranged = bool(r.get("overlap_possible"))
            low = r["total_min"] if ranged else value
            solid = max(1 if low else 0, round(abs(low) * scale))
            bar = "█" * solid + ("░" * max(0, round(abs(r["total_max"]) * scale) - solid) if ranged else "")
        if below:
            lines += [label, f"  {bar} {total}"]
        else:
            lines.append(f"{label}{' ' * (pad - _width(label))}  {bar} {total}")
    return "\n".join(lines) + ("\n" if lines else "")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
