"""Amounts as people write them: each in its natural unit (8.58亿元, 2473万元, 71600元; in English
858 million CNY, 1.06 billion CNY), the text's approximation kept (2300多万元, 近800万元; more than
23 million CNY), a total with its mark (≥ a lower bound, ≈ approximate) or its interval, and
totals as bars. Text only: the tables that show them are render's, the report's its own.

The rules, one per language (README, "Amounts"):
- zh: 亿 from 1亿 and 万 from 1万, when exact within four decimals (to the yuan; never rounded),
  else the plain number (71600元, 8434人次); a figure keeps the scale its text wrote (71600元
  stays 71600元, not 7.16万元). 多/余 follow a round number (2300多万元, 6000余亩), the scale
  after any other (1.4万多人, 7万多人), or the unit where there is no scale (4年多); a percentage
  takes 以上 (50%以上); 近 and 约 lead (近800万元, 约…). Every amount ends with its unit's word
  (元, 人, 个口罩: vocabulary/chinese.json).
- en: billion (to 10,000 yuan) and million (to the yuan) for yuan, grouped digits below and for
  every other unit (71,600 CNY; 63,500 persons, 1 helicopter); "more than", "over", "nearly",
  "about" lead.
- a total: ≥ when the text proves only that much, ≈ when an addend is approximate; an interval
  on one scale for its two ends (3901.5万–6201.5万元).
"""

from __future__ import annotations

from decimal import Decimal

from .formats import plain, printable
from .messages import explained, message, unit_name
from .model import period_label

# (size, word, most decimals that keep it exact); English scales only yuan.
SCALES = {"zh": ((Decimal(10**8), "亿", 4), (Decimal(10**4), "万", 4)),
          "en": ((Decimal(10**9), " billion", 5), (Decimal(10**6), " million", 6))}
# How each language writes the text's approximation: (before the number, after it).
APPROX_WORDS = {"zh": {"more_than": ("", "多"), "over": ("", "余"), "nearly": ("近", ""), "about": ("约", "")},
                "en": {"more_than": ("more than ", ""), "over": ("over ", ""), "nearly": ("nearly ", ""),
                       "about": ("about ", "")}}
CURRENCY = {"zh": "元", "en": " CNY"}


def _number(value) -> Decimal | None:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return None


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def scale_of(numbers, unit: str | None, lang: str = "zh", written: str | None = None):
    """The largest scale (size, word) at which every number is at least one and exact, or None.
    written: the amount as the text wrote it, whose own scale wins where it is exact."""
    if lang == "en" and unit != "cny":
        return None
    numbers = [n for n in numbers if n is not None]
    scales: tuple = SCALES[lang]
    if written is not None and lang == "zh":  # the text's own scale: 71600元 stays in yuan; 2600萬元 is 2600万
        written = written.replace("萬", "万").replace("億", "亿")
        scales = tuple(s for s in scales if s[1] in written) or ()
    for size, word, decimals in scales:
        if numbers and all(abs(n) >= size and _decimals(n / size) <= decimals for n in numbers):
            return size, word
    return None


def _digits(number: Decimal, scale, lang: str) -> str:
    if scale is not None:
        number = number / scale[0]
    number = number.normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return format(number, ",f" if lang == "en" else "f")


def unit_words(unit: str | None, lang: str = "zh", count=None) -> tuple[str, str]:
    """What stands before and after a number of this unit: ("", "元"), ("", "人"), ("第", "名");
    (""," CNY"), ("", " persons"), ("", " person") for one, ("No. ", "") for a rank."""
    if unit is None:
        return "", ""
    if unit == "cny":
        return "", CURRENCY[lang]
    if unit == "rank":
        return ("No. ", "") if lang == "en" else ("第", "名")
    if lang != "en":
        return "", unit_name(unit, lang)
    from .english import unit as english

    name = english(unit)["one" if count == 1 else "many"]
    return "", name if name == "%" else f" {name}"


def chinese_amount(value, unit: str | None, lang: str = "zh", approx: str | None = None,
                   raw: str | None = None) -> str:
    """858000000 yuan → 8.58亿元 (858 million CNY); 23000000 more_than → 2300多万元 (more than 23
    million CNY); 63500 persons → 6.35万人 (63,500 persons). raw: the figure as written, whose scale
    it keeps. unit None: the number alone."""
    number = _number(value)
    if number is None:
        return plain(value)
    scale = scale_of([number], unit, lang, raw)
    digits = _digits(number, scale, lang)
    word = scale[1] if scale else ""
    first, unit_word = unit_words(unit, lang, number)
    before, after = APPROX_WORDS[lang].get(approx or "", ("", ""))
    if after and unit == "percent":  # 一半以上: 50%以上, the word after the sign
        return f"{digits}%以上"
    if after and (number / (scale[0] if scale else 1)) % 10:  # 7万多人 after the scale; 4年多 after the unit
        return f"{before}{first}{digits}{word}{after}{unit_word}" if scale else f"{before}{first}{digits}{unit_word}{after}"
    return f"{before}{first}{digits}{after}{word}{unit_word}"  # 2300多万元, 6000余亩


def interval(low, high, unit: str | None, lang: str = "zh") -> str:
    """Two ends on one scale, the unit once: 3901.5万–6201.5万元, 39.015–62.015 million CNY."""
    numbers = [_number(low), _number(high)]
    scale = scale_of(numbers, unit, lang)
    word = scale[1] if scale else ""
    ends = [_digits(n, scale, lang) for n in numbers if n is not None]
    first, unit_word = unit_words(unit, lang)
    if lang == "en":
        return f"{first}{ends[0]}–{ends[1]}{word}{unit_word}"
    return f"{first}{ends[0]}{word}–{ends[1]}{word}{unit_word}"


# --by region, honoree, year: what a group of figures of no single place, no honoree or no stated
# year is called (a blank cell read as the row above's)
UNGROUPED = {"region": "no_single_place", "honoree": "no_honoree", "year": "no_year"}


def stats_display(rows: list[dict], lang: str = "zh") -> list[dict]:
    """Stats rows for a person: each amount in its natural unit, ≥ on a lower bound, ≈ on an
    approximate total, the interval where an overlap cannot be ruled out, and one period column."""
    shown = []
    for row in rows:
        unit = row.get("unit")
        cells = dict(row)
        for key in ("min", "max"):
            cells[key] = chinese_amount(row[key], unit, lang)
        cells["total"] = total_text(row, lang, overlap_note=False)  # the title says what a–b is
        cells["period"] = period_label(row.get("period_start"), row.get("period_end"))
        for key, said in UNGROUPED.items():
            if key in row and row[key] is None:
                cells[key] = message(said, lang)
        if row.get("period_partly_undated"):
            cells["period"] += message("partly_undated", lang)
        for key in ("excluded_because", "sources_disagree"):
            if row.get(key):
                cells[key] = [explained(line, lang) for line in row[key]]
        shown.append(cells)
    return shown


def total_text(row: dict, lang: str = "zh", overlap_note: bool = True) -> str:
    """8.58亿元; ≥6201.5万元; 1.25亿–1.2507亿元, may overlap (可能重复; + after the upper end when a
    多/余 figure is in it: the most is open too); — where nothing adds up. In English 858 million
    CNY; 39.015–62.015 million CNY, may overlap. overlap_note: the words after an interval."""
    unit = row.get("unit")
    if row["total"] is None:  # nothing adds (ratios, yearly rates): the unit says which row it is
        return f"— ({unit_name(unit, lang)})" if unit else "—"
    mark = "≥" if row["total_is_lower_bound"] else "≈" if row["total_is_approximate"] else ""
    if not _ranged(row):
        return mark + chinese_amount(row["total"], unit, lang)
    text = f"{mark}{interval(row['total_min'], row['total_max'], unit, lang)}"
    text += "+" if row.get("total_max_is_lower_bound") else ""
    if not overlap_note:
        return text
    return text + message("may_overlap_after" if row.get("overlap_possible") else "sources_differ_after", lang)


def _ranged(row: dict) -> bool:
    """An interval to show: an overlap the text cannot rule out, or sources that give different values."""
    return bool(row.get("overlap_possible")) or row.get("total_min", row.get("total")) != row.get("total_max",
                                                                                              row.get("total"))


def bar_scales(rows: list[dict], value_key: str = "total") -> dict:
    """unit → the largest total among the rows of that unit, for units of two rows or more or of an
    interval: bars compare amounts of one unit only, and a unit alone (1 helicopter) has nothing to
    be compared with, so it gets no bar (a full-width one beside the money would read as large);
    an interval alone is still drawn, what the text proves against the most it can be."""
    largest: dict = {}
    rows_of: dict = {}
    for r in rows:
        top = r.get("total_max") if r.get("total_max") is not None else r.get(value_key)
        if isinstance(top, (int, float, Decimal)) and not isinstance(top, bool):
            largest[r.get("unit")] = max(largest.get(r.get("unit"), 0), abs(float(top)))
            rows_of[r.get("unit")] = rows_of.get(r.get("unit"), 0) + (2 if _ranged(r) else 1)
    return {unit: top for unit, top in largest.items() if rows_of[unit] > 1 and top}


def bars(rows: list[dict], label_keys: list[str], value_key: str, unit_key: str, width: int = 40,
         lang: str = "zh", columns: int | None = None, labels: list[str] | None = None) -> str:
    """Totals as horizontal bars, scaled within each unit (yuan and persons are not comparable;
    a unit of one row has no bar: bar_scales); where an overlap is possible, █ up to what the text proves (total_min) and ░ on
    to total_max. columns: the terminal's width, which every line keeps within: the bars shorten,
    and where a label leaves no room, each bar goes on the line under its label. labels: each
    row's label as the page's language writes it (else the keys' values)."""
    largest = bar_scales(rows, value_key)
    # The labels are data: shown, never run (an escape sequence in a metric would act on the terminal).
    labels = [printable(label, keep="") for label in (labels or [" ".join(plain(r.get(k)) or "-" for k in label_keys)
                                                                  for r in rows])]
    shown = [total_text(r, lang) if isinstance(r.get(value_key), (int, float, Decimal)) else "—" for r in rows]
    if columns is not None and max((_width(t) for t in shown), default=0) + 4 > columns:  # too narrow for the words
        shown = [total_text(r, lang, overlap_note=False) if isinstance(r.get(value_key), (int, float, Decimal))
                 else "—" for r in rows]
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
        if isinstance(value, (int, float, Decimal)) and r.get(unit_key) in largest:
            scale = width / largest[r.get(unit_key)]
            ranged = _ranged(r)
            low = r["total_min"] if ranged else value
            solid = max(1 if low else 0, round(abs(float(low)) * scale))
            bar = "█" * solid + ("░" * max(0, round(abs(float(r["total_max"])) * scale) - solid) if ranged else "")
        if below:  # the label on lines of its own, wrapped between words where it is wider than the terminal
            lines += [*_wrapped(label, columns), f"  {bar} {total}"]
        else:
            lines.append(f"{label}{' ' * (pad - _width(label))}  {bar} {total}")
    return "\n".join(lines) + ("\n" if lines else "")


def _wrapped(label: str, columns: int | None) -> list[str]:
    if columns is None or _width(label) <= columns:
        return [label]
    from .wrapping import wrap  # rich, which a chart on a terminal has loaded already

    return wrap(label, columns)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
