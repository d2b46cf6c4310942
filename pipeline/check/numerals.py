"""Numbers in digits or words, as news writes them: "44", "1,429", "Thirty-five", "one person", "5
thousand", "two hundred". What a number counts, and whether it is a count at all, is numbers.py's."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A number not glued to letters or to another number's separators: "F/A-18", "Su-22", "18E",
# "5th", "07.04" and "10:30" are names, ordinals, dates and times, not counts.
_NUMBER = re.compile(r"(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/]|\.\d|-\d|-[a-z])")
_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_TENS = "|".join(w for w, n in _WORDS.items() if n >= 20 and n % 10 == 0 and n < 100)
_UNITS = "|".join(["one", *(w for w, n in _WORDS.items() if n < 10)])
# "Thirty-five people" is 35 and "thirty-one" 31, not five or one; a lone "one" counts only before
# a noun ("one person", "one child"), as `_phrase` finds it: "one of the" counts nothing. "Hundred"
# scales the number before it ("one hundred", "two hundred") as "thousand" does.
_WORD_NUMBER = re.compile(
    r"\b(?:(" + _TENS + r")[- ](" + _UNITS + r")|(" + "|".join(_WORDS) + r"|one))\b(?!-)", re.IGNORECASE
)
# "one McDonald's on the Ohio River and another in Spencer": "one" begins a list, it counts nothing.
_ONE_OF_A_LIST = re.compile(r"\b(?:another|the other|the second)\b", re.IGNORECASE)
# "5 thousand people", "2.5 million refugees": the word scales the number and is not what it counts.
_SCALE = re.compile(r"\s+(hundred|thousand|million|billion)\b", re.IGNORECASE)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# The number words, for patterns that look for one.
NUMBER_WORDS = "|".join(_WORDS)
# Words that make a figure a bound: "over 60" and "over 80" can both be true, and so can "at least
# 33" and "48"; "up to 20" and "15" too. Strict bounds ("over", "more than") exclude the number.
# Negated ones come first, so that "not less than 20" is not read as "less than 20".
_BOUNDS = (
    (">=", r"not (?:less|fewer) than|no (?:less|fewer) than|at least|upwards of"),
    ("<=", r"not (?:more than|over)|no more than|up to|at most|as many as"),
    (">", r"over|more than|above|exceeding|in excess of"),
    ("<", r"fewer than|less than|under"),
)
_BOUND_BEFORE = re.compile(
    r"\b(?:" + "|".join(words for _, words in _BOUNDS) + r")\s+(?:a\s+)?$", re.IGNORECASE
)
# A figure that opens with a bound, by relation.
_BOUND_HEADS = tuple((rel, re.compile(r"(?:" + words + r")\s", re.IGNORECASE)) for rel, words in _BOUNDS)
# "handed over 20 bodies", "took over 3 villages", "fighting over 2 towns": "over" belongs to the
# verb; "the toll went up to 45", "brought the toll up to 45": the figure is where it rose to.
_NOT_A_BOUND = re.compile(
    r"\b(?:hand\w*|took|take\w*|turn\w*|fought|fight\w*|won|win\w*|spread\w*|taken)\s+over\s+(?:a\s+)?$"
    r"|\b(?:went|gone|goes|go|rose|risen|rises|brought|brings|bring\w*|climb\w*|jump\w*|rais\w*|push\w*)"
    r"(?:\s+(?:the\s+)?(?:toll|number|total|count))?\s+up\s+to\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Numeral:
    start: int
    end: int  # after its scale word, if it has one
    value: float


def numerals(text: str) -> list[Numeral]:
    """The numbers in the text, in order, scaled ("5 thousand" is 5,000). Years (1900-2100) are left
    out, and so is a "one" that begins a list."""
    found: list[tuple[int, int, float]] = []
    for m in _NUMBER.finditer(text):
        value = float(m.group(1).replace(",", ""))
        if not (value.is_integer() and 1900 <= value <= 2100):
            found.append((m.start(), m.end(), value))
    for m in _WORD_NUMBER.finditer(text):
        if m.group(0).lower() == "one" and _ONE_OF_A_LIST.search(text, m.end(), m.end() + 80):
            continue
        found.append((m.start(), m.end(), _word_value(m)))
    out = []
    for start, end, value in sorted(found):
        if scale := _SCALE.match(text, end):
            value, end = value * _SCALES[scale.group(1).lower()], scale.end()
        out.append(Numeral(start, end, value))
    return out


def bound_start(text: str, start: int) -> int:
    """Where the figure at `start` begins once a bound before it is included ("over 60", "more than
    a dozen")."""
    before = text[max(0, start - 40) : start]
    m = _BOUND_BEFORE.search(before)
    if m is None or _NOT_A_BOUND.search(before):
        return start
    return start - len(before) + m.start()


def can_both_hold(figure: str, other: str) -> bool:
    """Two different figures that are not incompatible: both bounds that overlap ("over 60" and
    "over 80"), or a value within the other's bound ("at least 33" and "48")."""
    a, b = _interval(figure), _interval(other)
    if a is None or b is None:
        return False
    (lo_a, lo_a_open, hi_a, hi_a_open), (lo_b, lo_b_open, hi_b, hi_b_open) = a, b
    lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
    lo_open = (lo_a == lo and lo_a_open) or (lo_b == lo and lo_b_open)
    hi_open = (hi_a == hi and hi_a_open) or (hi_b == hi and hi_b_open)
    # Counts are whole numbers: "more than 30" and "fewer than 31" leave none.
    if lo_open and lo.is_integer():
        lo, lo_open = lo + 1, False
    if hi_open and hi.is_integer():
        hi, hi_open = hi - 1, False
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def satisfies(figure: str, bound: str) -> bool:
    """Whether an exact figure is one a bound allows ("415" for "just over 400"); two bounds that
    overlap ("at least 12", "at least 18") do not state each other."""
    exact, allowed = _interval(figure), _interval(bound)
    if exact is None or allowed is None or exact[0] != exact[2]:
        return False
    value, (lo, lo_open, hi, hi_open) = exact[0], allowed
    return (lo < value or (lo == value and not lo_open)) and (value < hi or (value == hi and not hi_open))


def _interval(figure: str) -> tuple[float, bool, float, bool] | None:
    """(low, low excluded, high, high excluded) of the values a figure allows."""
    value = figure_value(figure)
    if value is None:
        return None
    for relation, head in _BOUND_HEADS:
        if head.match(figure):
            if relation.startswith(">"):
                return value, relation == ">", math.inf, True
            return -math.inf, True, value, relation == "<"
    return value, False, value, False


def figure_value(figure: str) -> float | None:
    """The number a figure states, in digits or words ("over 60" -> 60, "Six" -> 6)."""
    found = numerals(figure)
    return found[0].value if found else None


def _word_value(m: re.Match[str]) -> float:
    tens, units, single = m.groups()
    if single:
        return _unit(single)
    return _WORDS[tens.lower()] + _unit(units)


def _unit(word: str) -> float:
    return 1.0 if word.lower() == "one" else float(_WORDS[word.lower()])
