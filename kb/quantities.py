"""Quantities in cluster documents, normalised: money, counts, durations, rates, percentages.

Indian conventions: lakh = 1e5, crore = 1e7; digit grouping such as 6,40,000; "Rs.",
"INR", "₹"; "Rs. 9000/-". Each quantity keeps the text it was read from.

>>> [q.value for q in find_quantities("INR 10 Lakh to each woman")]
[1000000.0]
>>> [(q.value, q.unit) for q in find_quantities("approx. 6,40,000 bags per month")]
[(640000.0, 'bags per month')]
>>> [(q.value, q.unit) for q in find_quantities("employment to about 68,000 people")]
[(68000.0, 'people')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SCALE = {"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
         "cr": 1e7, "million": 1e6, "billion": 1e9, "thousand": 1e3}  # fmt: skip
_NUM = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"lakhs?|lacs?|crores?|cr\.?|million|billion|thousand"
_CURRENCY = r"(?:INR|Rs\.?|Rupees|₹)"

MONEY = re.compile(
    rf"(?:{_CURRENCY}\s*(?P<num>{_NUM})\s*(?:/-)?\s*(?P<scale>{_SCALE})?\b(?:\s*rupees)?"
    rf"|(?P<num2>{_NUM})\s*(?P<scale2>{_SCALE})\s*(?:rupees|{_CURRENCY}))",
    re.IGNORECASE,
)
PERCENT = re.compile(rf"(?P<num>{_NUM})\s*(?:%|per\s*cent|percent)", re.IGNORECASE)
DURATION = re.compile(
    rf"(?P<num>{_NUM}|one|two|three|four|five|six)[\s-]*(?P<unit>days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
# A count: a number followed by up to three words naming what is counted, e.g. "39 women
# entrepreneurs", "160 machines", "100 work sheds", "64 Nos. of artisans", "6,40,000 bags per month".
COUNT = re.compile(
    rf"(?<![\w.,/-])(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE}))?\s+(?:Nos\.?\s+of\s+)?"
    r"(?P<unit>(?:[A-Za-z][A-Za-z&'-]*\s+){0,2}?[A-Za-z][A-Za-z'-]*s)\b"
    r"(?P<rate>\s+(?:per|a|each)\s+(?:day|week|month|year|annum))?",
)
# A count of people named by a plural without "s" ("68,000 people", "120 women"): read where
# COUNT reads nothing ("39 women entrepreneurs" stays whole)
PEOPLE = re.compile(
    rf"(?<![\w.,/-])(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE}))?\s+"
    r"(?P<unit>(?:[a-z][a-z'-]*\s+)?(?:people|women|men|children|staff|personnel|youth))\b"
)
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# Words that end a count's unit phrase but are not what is counted.
_UNIT_STOP = {"and", "or", "of", "the", "to", "in", "for", "with", "from", "by", "on", "at", "is", "are",
              "was", "were", "have", "has", "had", "each", "per", "which", "who", "that"}  # fmt: skip
_NOT_COUNTED = {"days", "day", "months", "month", "years", "year", "weeks", "week", "lakhs", "crores",
                "rs", "inr", "rupees", "percent", "hours"}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    kind: str  # money | count | duration | percent
    value: float
    unit: str
    text: str
    span: tuple[int, int] = field(compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "unit": self.unit, "text": self.text}


def parse_number(text: str) -> float:
    """'6,40,000' -> 640000.0; 'two' -> 2.0."""
    t = text.strip().lower()
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    return float(t.replace(",", ""))


def _scale(word: str | None) -> float:
    return SCALE.get((word or "").lower().rstrip("."), 1.0)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def find_quantities(sentence: str) -> list[Quantity]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        if not _overlaps(q.span, taken):
            found.append(q)
            taken.append(q.span)

    for m in MONEY.finditer(sentence):
        num = m.group("num") or m.group("num2")
        value = parse_number(num) * _scale(m.group("scale") or m.group("scale2"))
        add(Quantity("money", value, "INR", m.group(0).strip(), m.span()))
    for m in PERCENT.finditer(sentence):
        add(Quantity("percent", parse_number(m.group("num")), "%", m.group(0), m.span()))
    for m in DURATION.finditer(sentence):
        unit = m.group("unit").lower().rstrip("s") + "s"
        add(Quantity("duration", parse_number(m.group("num")), unit, m.group(0), m.span()))
    for m in COUNT.finditer(sentence):
        words = m.group("unit").split()
        while words and words[-1].lower() in _UNIT_STOP:
            words.pop()
        for i, w in enumerate(words):
            if w.lower() in _UNIT_STOP:
                words = words[:i]
                break
        if not words or words[-1].lower() in _NOT_COUNTED or not words[-1].lower().endswith("s"):
            continue
        unit = " ".join(words).lower() + (
            " " + m.group("rate").strip().lower() if m.group("rate") else ""
        )
        value = parse_number(m.group("num")) * _scale(m.group("scale"))
        start = m.start()
        end = (
            m.start("unit")
            + len(" ".join(words))
            + (len(m.group("rate")) if m.group("rate") else 0)
        )
        if m.group("rate"):
            end = m.end("rate")
        add(Quantity("count", value, unit, sentence[start:end], (start, end)))
    for m in PEOPLE.finditer(sentence):
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue  # "in 2019 people came": a year
        value = parse_number(m.group("num")) * _scale(m.group("scale"))
        add(Quantity("count", value, m.group("unit").lower(), m.group(0), m.span()))
    return sorted(found, key=lambda q: q.span)
