"""Numbers in claims: parse, canonicalise and compare quantities.

"2.5 percent" and "2.5%" both become the token "2.5%"; "five" becomes "5";
"$1 million" and "$1,000,000" both become "$1000000". Two claims whose
quantities disagree (neither set of quantities covers the other) are about
different facts, however alike their words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.matching.text import Token

_SMALL = {
    "zero": 0,
    "one": 1,
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
}
_SCALE = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_WORD_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
# "thousands of jobs": some amount from 1,000 up to (not including) 1,000,000.
_VAGUE = {
    "dozens": 12.0,
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
_CURRENCY_SIGN = {"$": "$", "£": "£", "€": "€"}
_CURRENCY_WORD = {
    "dollar": "$",
    "dollars": "$",
    "usd": "$",
    "pound": "£",
    "pounds": "£",
    "gbp": "£",
    "euro": "€",
    "euros": "€",
}
_PERCENT_WORDS = frozenset(["percent", "pct", "percentage"])
_POINT_WORDS = frozenset(["point", "points"])


_APPROX_BEFORE = frozenset(
    [
        "almost",
        "nearly",
        "about",
        "around",
        "roughly",
        "approximately",
        "over",
        "under",
        "above",
        "below",
        "some",
        "estimated",
        "up",
        "least",
        "than",
    ]
)
APPROX_TOLERANCE = 0.1


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit: "%", a currency sign, "year", or "" (a count).

    `approx` marks hedged figures ("almost 4,000", "more than 30,000"), which
    agree with figures within APPROX_TOLERANCE of them.
    """

    value: float
    unit: str = ""
    approx: bool = False
    vague: bool = False  # "thousands": any value in [value, 1000 * value)

    @property
    def kind(self) -> str:
        return self.unit if self.unit in ("%", "year") else "amount"

    @property
    def text(self) -> str:
        v = self.value
        number = str(int(v)) if v == int(v) and abs(v) < 1e18 else f"{v:.6f}".rstrip("0")
        if self.unit == "%":
            return number + "%"
        if self.vague:
            return f"{number}s"
        if self.unit == "year":
            return number
        return self.unit + number

    def agrees(self, other: Quantity) -> bool:
        if self.kind != other.kind:
            return False
        if self.unit != other.unit and self.unit and other.unit:
            return False
        if self.vague or other.vague:
            low, high = (self, other) if self.vague else (other, self)
            if low.vague and high.vague:
                return low.value == high.value
            return low.value <= high.value < 1000 * low.value
        largest = max(1.0, abs(self.value), abs(other.value))
        tolerance = APPROX_TOLERANCE if self.approx or other.approx else 1e-9
        return abs(self.value - other.value) <= tolerance * largest


def _word_number(words: Sequence[str], i: int) -> tuple[float, int] | None:
    """Parse number words from position i ("twenty five", "two hundred thousand")."""
    total, current, j = 0.0, 0.0, i
    seen = False
    while j < len(words):
        w = words[j]
        if w in _SMALL:
            current += _SMALL[w]
        elif seen and w in _WORD_SCALES:
            if w == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * _SCALE[w]
                current = 0.0
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def canonical_tokens(tokens: Sequence[Token]) -> tuple[list[Token], list[Quantity]]:
    """Merge number expressions into one canonical `num` token each; also return them."""
    words = [t.surface if t.kind == "word" else "" for t in tokens]
    out: list[Token] = []
    found: list[Quantity] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        start = i
        unit = ""
        if tok.kind == "sym" and tok.surface in _CURRENCY_SIGN and i + 1 < n:
            unit = _CURRENCY_SIGN[tok.surface]
            i += 1
            tok = tokens[i]
        value: float | None = None
        if tok.kind == "num":
            value = float(tok.stem)
            i += 1
        elif tok.kind == "word" and tok.surface in _VAGUE:
            q = Quantity(_VAGUE[tok.surface], unit, approx=True, vague=True)
            found.append(q)
            out.append(Token(q.text, "num", q.text))
            i += 1
            continue
        elif tok.kind == "word":
            if tok.surface == "a" and i + 1 < n and words[i + 1] in _WORD_SCALES:
                value, i = 1.0, i + 1
                while i < n and words[i] in _WORD_SCALES:
                    value *= _SCALE[words[i]]
                    i += 1
            else:
                parsed = _word_number(words, i)
                if parsed is not None:
                    value, i = parsed
                    # A bare "one" is usually a pronoun ("one of the worst").
                    if value == 1 and i - start == 1 and not unit:
                        nxt = tokens[i].surface if i < n else ""
                        if nxt != "%" and nxt not in _PERCENT_WORDS:
                            value = None
        if value is None:
            out.append(tokens[start])
            i = start + 1
            continue
        number_end = i
        while i < n and words[i] in _SCALE and (words[i] in _WORD_SCALES or i == number_end):
            value *= _SCALE[words[i]]
            i += 1
        if i < n and tokens[i].surface == "%":
            unit, i = "%", i + 1
        elif i < n and words[i] in _PERCENT_WORDS:
            unit, i = "%", i + 1
            if i < n and words[i] in _POINT_WORDS:
                i += 1
        elif i + 1 < n and words[i] == "per" and words[i + 1] == "cent":
            unit, i = "%", i + 2
        elif i < n and words[i] in _CURRENCY_WORD and not unit:
            unit, i = _CURRENCY_WORD[words[i]], i + 1
        if not unit and i == number_end and value == int(value) and 1800 <= value <= 2100:
            unit = "year" if tokens[number_end - 1].kind == "num" else ""
        before = tokens[start - 1].surface if start else ""
        q = Quantity(value, unit, before in _APPROX_BEFORE)
        found.append(q)
        out.append(Token(q.text, "num", q.text))
    return out, found


def covered(these: Iterable[Quantity], those: Sequence[Quantity]) -> bool:
    """Every quantity in `these` agrees with some quantity in `those`."""
    return all(any(q.agrees(p) for p in those) for q in these)


def disagree(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """For some kind (percent, year, amount) both sides mention, neither side's
    quantities of that kind are all found in the other's."""
    for kind in {q.kind for q in a} & {q.kind for q in b}:
        ak = [q for q in a if q.kind == kind]
        bk = [q for q in b if q.kind == kind]
        if not covered(ak, bk) and not covered(bk, ak):
            return True
    return False
