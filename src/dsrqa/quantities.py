"""Numbers, amounts, percentages, years and dates in free text, as comparable values.

Why a module of its own: a claim's figures are what analysts get wrong most often, and
"sixteen" and "16", or "$1.1 billion" and "1.1 billion dollars", must compare equal
while "$1.1 billion" and "$1.4 billion" must not. Offsets refer to the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .text import normalize

ONES = {
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
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "m": 1e6,
    "b": 1e9,
    "dozen": 12,
}
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
PARTS_OF_YEAR = {  # period codes beside Q1-4 and H1-2
    "early": 21,
    "beginning": 21,
    "start": 21,
    "mid": 22,
    "middle": 22,
    "late": 23,
    "end": 23,
}
_PART = "early|mid|late|(?:beginning|start|middle|end)\\s+of(?:\\s+the)?"
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_FRACTION = (  # "a third of", "two-thirds", "half the": a share, not a rank or a quarter
    r"(?:(?P<fnum>a|one|two|three|four)[\s-]+)?(?P<fden>halves|thirds|quarters|fifths|tenths"
    r"|(?:half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"(?=[\s-]+(?:of|the|its|their)\b)"
    r"|(?<=\bby\s)half|(?:(?<=about\s)|(?<=roughly\s)|(?<=nearly\s)|(?<=almost\s))half(?!-))"
)
_VERBS = {"halv": 0.5, "doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0}
MULTIPLES = {stem + end: n for stem, n in _VERBS.items() for end in ("ed", "es", "ing")}
MULTIPLES |= {f"{w}{dash}fold": float(n) for w, n in ONES.items() if n >= 2 for dash in ("", "-")}
_MULTIPLE = "|".join(sorted(MULTIPLES, key=len, reverse=True))
_MULTIPLE += "|(?:halve|double|triple|treble|quadruple)(?=\\s+(?:its|their|the|his|her|our))"
WORD_FRACTIONS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_ABBREVIATED = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8}
_ABBREVIATED |= {"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_ORDINAL_LIST = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
_ORDINAL_LIST += " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
ORDINALS = {w: i for i, w in enumerate(_ORDINAL_LIST.split(" "), start=1)}
ORDINALS |= {ten[:-1] + "ieth": n for ten, n in TENS.items()}  # twentieth, fortieth
ORDINALS |= {
    f"{ten}{dash}{word}": n + i
    for ten, n in TENS.items()
    for word, i in ORDINALS.items()
    if i < 10
    for dash in ("-", " ")
}  # twenty-first
DENOMINATORS |= {w + s: i for w, i in ORDINALS.items() if 5 <= i <= 10 for s in ("", "s")}
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))

_ONES = "|".join(sorted(ONES, key=len, reverse=True))
_TENS = "|".join(TENS)
_WORD_NUM = rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_ONES})(?:\s+hundred(?:\s+and\s+\w+)?)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_DATE_MONTH = _MONTH + "|" + "|".join(rf"{m.capitalize()}\.?" for m in _ABBREVIATED)
_DATE_MONTH += "|" + "|".join(m.upper() for m in MONTHS)  # a cover's 8 APRIL 2020
QUANTITY = re.compile(
    rf"(?P<period>\b(?:(?P<pq>[QH])(?P<pn>[1-4])|(?P<pword>(?i:first|second|third|fourth))\s+"
    rf"(?P<punit>quarter|half)(?:\s+of)?)(?:\s+(?P<pyear>(?:19|20)\d{{2}}))?\b)"
    rf"|(?P<when>\b(?P<wpart>(?i:{_PART}))[\s-]+(?P<wyear>(?:19|20)\d{{2}})\b(?!s))"
    rf"|(?P<decade>(?:\b(?P<dpart>(?i:{_PART}))[\s-]+(?:the\s+)?)?(?:\b(?P<dfull>(?:19|20)\d0)s\b"
    rf"|(?<![\w’'])(?:(?i:the)\s+|[’'])(?P<dshort>[02-9]0)s\b))"
    rf"|(?P<generation>\b[2-6]G\b)"
    rf"|(?P<vague>\b(?i:(?:(?P<vtimes>tens|hundreds)\s+of\s+(?P<vof>thousands|millions|billions))"
    rf"|dozens|hundreds|thousands|millions|billions|decades)\b)"
    rf"|(?P<lonedecade>(?<![\w-])(?i:decade)\b)"
    rf"|(?P<pscale>\b(?:(?P<pswhole>{_WORD_NUM}|\d+)\s+(?i:and)\s+)?(?:(?i:a)\s+)?"
    rf"(?P<pspart>(?i:half|quarter))(?:\s+(?i:of))?(?:\s+(?i:a)\b)?[\s-]*"
    rf"(?P<psscale>(?i:million|billion|trillion))\b(?:[\s-]+(?P<pscur>(?i:dollars?))\b)?)"
    rf"|(?P<frac>\b(?i:{_FRACTION})\b)"
    rf"|(?P<multiple>\b(?i:{_MULTIPLE})\b)"
    rf"|(?P<ordword>\b(?i:{_ORDINAL_WORDS})\b)"
    rf"|(?P<date>\b(?P<month>{_DATE_MONTH})\s+(?:of\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<dyear>(?:19|20)\d{{2}})\b)"
    rf"|(?P<dday>\b\d{{1,2}})\s+(?P<dmonth>{_DATE_MONTH})(?!\w)(?:\s+(?P<dyear2>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<lonemonth>{_MONTH})\b"
    rf"|(?:(?<![A-Za-z])(?P<cur>(?:US|S|HK|RM)?\$|RM|USD|MYR|RMB|CNY|€|£|¥)\s?)?"
    rf"(?(cur)|(?<![\w.,]))(?P<num>{_DIGITS}|(?i:{_WORD_NUM}|a(?=[\s-]+(?:dozen|hundred|thousand|million|billion|decade)\b)))"
    rf"(?P<ord>(?<=\d)(?:st|nd|rd|th)\b)?"
    rf"(?:(?<=\d)(?P<gscale>(?i:bn|mn|tn|m|b))\b|(?![\w]|[.,]\d))"
    rf"(?:[\s-]*(?P<scale>(?i:dozen|hundred|thousand|million|billion|trillion|mn|bn))\b)?"
    rf"(?:[\s-]*(?P<pct>%|(?i:percent|per\s+cent)\b)"
    rf"|[\s-]+(?P<cur2>(?i:(?:US\s+)?dollars?|ringgit|yuan|renminbi|USD|MYR|RMB|CNY)\b)"
    rf"|[\s-]+(?P<span>(?i:years?|months?|decades?))\b)?"
)


@dataclass(frozen=True)
class Quantity:
    """One figure of a text: what kind it is, its value, and where it stands."""

    # "money" | "percent" | "fraction" | "multiple" (doubled: 2) | "year" | "date" |
    # "period" (a quarter, half or part of a year) | "decade" (value 1990.23 for the late
    # 1990s) | "ordinal" | "generation" (of mobile networks: 4G is 4) | "span" (of time,
    # in years: "a decade", "18 months") | "number"
    kind: str
    value: float
    start: int
    end: int
    surface: str
    upper: float = 0.0  # a vague figure is any value from ``value`` up to this: hundreds

    @property
    def states_year(self) -> bool:
        return self.year > 0

    @property
    def year(self) -> int:
        """The year a year, date or period states; 0 for none (a decade states none)."""
        if self.kind == "year":
            return int(self.value)
        return {"date": int(self.value) // 10000, "period": int(self.value) // 100}.get(
            self.kind, 0
        )

    def same_value(self, other: Quantity) -> bool:
        """Equal figures, whatever the wording (a year never equals a count, nor a rank a
        count: 52nd is not 52)."""
        if any((self.kind in k) != (other.kind in k) for k in (TIMES, OWN_KINDS)):
            return False
        if self.kind in OWN_KINDS and self.kind != other.kind:
            return False
        if self.kind == other.kind == "date":
            return _same_date(int(self.value), int(other.value))
        if self.kind == other.kind == "period":
            return _same_period(int(self.value), int(other.value))
        if self.kind == other.kind == "decade":  # the late 1990s and the 1990s agree
            (da, pa), (db, pb) = (divmod(round(q.value * 100), 100) for q in (self, other))
            return da == db and (pa == pb or not pa or not pb)
        if "decade" in (self.kind, other.kind):  # the 1990s and 1995: the decade
            decade, other_time = (self, other) if self.kind == "decade" else (other, self)
            return other_time.year // 10 * 10 == int(decade.value)
        if self.kind in TIMES:  # a year, date or period against another: the year
            return self.year == other.year
        a, b = self.value, other.value
        if self.upper or other.upper:  # "hundreds" holds 200 and 999, not 120
            if self.upper and other.upper:
                return (a, self.upper) == (b, other.upper)
            vague, exact = (self, other) if self.upper else (other, self)
            return vague.value <= exact.value < vague.upper
        if {self.kind, other.kind} == {"fraction", "percent"}:  # half is 50 percent
            a, b = (a * 100, b) if self.kind == "fraction" else (a, b * 100)
            return abs(a - b) < 0.5  # a third is 33 percent
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))


TIMES = ("year", "date", "period", "decade")
FIRST_DONE = re.compile(r"\s+[a-z]+ed\b")
AT_FIRST = re.compile(r"\bat\s+$", re.IGNORECASE)
OWN_KINDS = ("ordinal", "generation", "span")  # equal only to their own kind: 52nd is not 52
SPAN_YEARS = {"year": 1.0, "month": 1 / 12, "decade": 10.0}
VAGUE = {  # the values a plural of a number word can stand for
    "dozens": (24.0, 200.0),
    "hundreds": (200.0, 1e3),
    "thousands": (2e3, 1e4),
    "millions": (2e6, 1e7),
    "billions": (2e9, 1e10),
    "decades": (20.0, 100.0),
}


def _same_period(a: int, b: int) -> bool:
    """Parts of a year (year * 100 + 1-4 for Q1-Q4, 11-12 for H1-H2, 21-23 for early, mid
    and late) agree when the years agree where both are stated and the parts are the same
    or one holds the other. Early, mid and late have no exact bounds: they differ only
    from each other."""
    (ya, pa), (yb, pb) = divmod(a, 100), divmod(b, 100)
    if ya and yb and ya != yb:
        return False
    if pa > pb:
        pa, pb = pb, pa
    if pb > 20:
        return pa == pb or pa < 20
    return pa == pb or (pa <= 4 < pb and (pa + 1) // 2 == pb - 10)


def _same_date(a: int, b: int) -> bool:
    """Dates agree where both state a part (year, month, day); 0 means "not stated"."""
    for unit in (10000, 100, 1):
        x, y = (
            (a // unit) % 100 if unit < 10000 else a // unit,
            ((b // unit) % 100 if unit < 10000 else b // unit),
        )
        if x and y and x != y:
            return False
    return True


def _part(words: str | None) -> int:
    """Period code of "early", "the end of" and the like; 0 for none."""
    return PARTS_OF_YEAR[words.split()[0].lower()] if words else 0


def _month(name: str) -> int:
    """1-12 for a month's name, whole or abbreviated (``Sept.``)."""
    low = name.rstrip(".").lower()
    return MONTHS.get(low) or _ABBREVIATED[low]


def word_number(text: str) -> float | None:
    """Value of an English number phrase ("twenty-one", "three hundred"), else None."""
    total = 0.0
    for part in re.split(r"[\s-]+", text.lower()):
        if part == "a":  # a hundred, a million
            total += 1
        elif part in ONES:
            total += ONES[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part == "and":
            continue
        else:
            return None
    return total


def _is_code(text: str, start: int) -> bool:
    """A number hyphenated to a name is part of it (COVID-19, G-20), but one hyphenated to
    a lower-case word or another number is still a figure (then-40 percent, 2020-2021)."""
    before = re.search(r"([A-Za-z0-9]+)-$", text[:start])
    word = before.group(1) if before else ""
    return any(c.isalpha() for c in word) and not word.islower()  # 2020-2021: a range


def quantities(text: str) -> list[Quantity]:
    """Every figure of ``text`` with its kind and value.

    A bare "one" is not a figure ("one of the largest"), and a 4-digit number from 1900
    to 2099 with no unit is a year. A month with a year is a date (``"April 2020"``)."""
    folded = normalize(text)
    if len(folded) != len(text):  # NFKC changed lengths: offsets would drift
        folded = text
    out: list[Quantity] = []
    for m in QUANTITY.finditer(folded):
        q = _read(m, text, folded)
        if q is not None:
            out.append(q)
    return out


Reader = Callable[[re.Match[str], str, str], Quantity | None]


def _read(m: re.Match[str], text: str, folded: str) -> Quantity | None:
    """The figure one match of ``QUANTITY`` stands for: read by the reader of the first
    of its named groups that matched (in ``READERS`` order), else as a number; None when
    the match is no figure after all ("first developed", H3)."""
    for group, read in READERS:
        if m.group(group):
            return read(m, text, folded)
    return _number(m, text, folded)


def _whole(m: re.Match[str], text: str) -> str:
    return text[m.start() : m.end()]


def _period(m: re.Match[str], text: str, folded: str) -> Quantity | None:
    """Q2, H1, "the third quarter of 2020", "the second half of 2016"."""
    half = (m.group("pq") or "") == "H" or (m.group("punit") or "").lower() == "half"
    part = int(m.group("pn") or QUARTERS[(m.group("pword") or "").lower()])
    if half and part > 2:
        return None
    stamp = int(m.group("pyear") or 0) * 100 + part + (10 if half else 0)
    return Quantity("period", stamp, m.start(), m.end(), _whole(m, text))


def _when(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A part of a year: "late 2016", "the end of 2021"."""
    stamp = int(m.group("wyear")) * 100 + _part(m.group("wpart"))
    return Quantity("period", stamp, m.start(), m.end(), _whole(m, text))


def _decade(m: re.Match[str], text: str, folded: str) -> Quantity:
    """ "the 1990s", "the late '90s": the late 1990s is 1990.23."""
    short = int(m.group("dshort") or 0)
    decade = int(m.group("dfull") or (1900 + short if short else 2000))
    value = decade + _part(m.group("dpart")) / 100
    return Quantity("decade", value, m.start(), m.end(), _whole(m, text))


def _generation(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A network generation: 4G for 3G is a claim about another network."""
    gen = float(m.group("generation")[0])
    return Quantity("generation", gen, m.start(), m.end(), m.group("generation"))


def _vague(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A plural of a number word: "hundreds of intersections" (120 is not hundreds)."""
    word = m.group("vague").lower()
    if m.group("vof"):  # hundreds of thousands: 200,000 up to a million
        times = {"tens": 10.0, "hundreds": 100.0}[m.group("vtimes").lower()]
        low, high = (times * v for v in VAGUE[m.group("vof").lower()])
    else:
        low, high = VAGUE[word]
    kind = "span" if word == "decades" else "number"
    return Quantity(kind, low, m.start(), m.end(), m.group("vague"), high)


def _part_of_scale(m: re.Match[str], text: str, folded: str) -> Quantity:
    """Half a billion dollars, a quarter of a million, one and a half billion."""
    whole = m.group("pswhole") or "0"
    value = float(whole) if whole[0].isdigit() else (word_number(whole) or 0.0)
    value += {"half": 0.5, "quarter": 0.25}[m.group("pspart").lower()]
    value *= SCALES[m.group("psscale").lower()]
    kind = "money" if m.group("pscur") else "number"
    return Quantity(kind, value, m.start(), m.end(), _whole(m, text))


def _lone_decade(m: re.Match[str], text: str, folded: str) -> Quantity:
    """ "over the past decade": ten years."""
    return Quantity("span", 10.0, m.start(), m.end(), m.group("lonedecade"))


def _fraction(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A share: "a third of", "two-thirds", "half the"."""
    parts = WORD_FRACTIONS.get((m.group("fnum") or "a").lower(), 1)
    share = parts / DENOMINATORS[m.group("fden").lower()]
    return Quantity("fraction", share, m.start(), m.end(), _whole(m, text))


def _multiple(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A figure said as a verb: halved is a share (half); doubled, a multiple."""
    word = m.group("multiple").lower()
    value = MULTIPLES.get(word) or MULTIPLES[word[:-1] + "ed"]
    kind = "fraction" if value < 1 else "multiple"
    return Quantity(kind, value, m.start(), m.end(), _whole(m, text))


def _ordinal_word(m: re.Match[str], text: str, folded: str) -> Quantity | None:
    """A rank in words ("fourth", "twenty-first"); "first developed" and "at first" say
    when, not a rank."""
    if m.group("ordword").lower() == "first" and (
        FIRST_DONE.match(folded, m.end()) or AT_FIRST.search(folded, 0, m.start())
    ):
        return None
    rank = float(ORDINALS[m.group("ordword").lower()])
    return Quantity("ordinal", rank, m.start(), m.end(), m.group("ordword"))


def _date(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A month with a year, a day or both: "March of 2019", "Sept. 15, 2019", "8 April"."""
    month = _month(m.group("month") or m.group("dmonth"))
    day = int(m.group("day") or m.group("dday") or 0)
    year = int(m.group("dyear") or m.group("dyear2") or 0)
    stamp = year * 10000 + month * 100 + day
    return Quantity("date", stamp, m.start(), m.end(), _whole(m, text))


def _lone_month(m: re.Match[str], text: str, folded: str) -> Quantity:
    """A month alone: it neither confirms nor denies a year."""
    stamp = MONTHS[m.group("lonemonth").lower()] * 100
    return Quantity("date", stamp, m.start(), m.end(), _whole(m, text))


def _number(m: re.Match[str], text: str, folded: str) -> Quantity | None:
    """A number in digits or words, with its scale, currency, percent, span or rank."""
    num = m.group("num")
    if _is_code(folded, m.start("num")):
        return None
    is_word = not num[0].isdigit()
    value_or_none = word_number(num) if is_word else float(num.replace(",", ""))
    if value_or_none is None:
        return None
    value = value_or_none
    scale, cur = m.group("scale") or m.group("gscale"), m.group("cur") or m.group("cur2")
    if is_word and num.lower() == "one" and not (scale or cur or m.group("pct")):
        return None
    if m.group("gscale") in ("m", "b", "M", "B") and not cur:
        return None  # 5m, 3b: a length or a label, not an amount
    if scale:
        value *= SCALES[scale.lower()]
    if m.group("span"):  # in years: 18 months is 1.5
        value *= SPAN_YEARS[m.group("span").lower().rstrip("s")]
        kind = "span"
    elif m.group("ord"):
        kind = "ordinal"
    elif m.group("pct"):
        kind = "percent"
    elif cur:
        kind = "money"
    elif not scale and not is_word and re.fullmatch(r"(?:19|20)\d{2}", num):
        kind = "year"
    else:
        kind = "number"
    start = m.start("cur") if m.group("cur") else m.start("num")
    return Quantity(kind, value, start, m.end(), text[start : m.end()].strip())


# Each named group of QUANTITY with its reader, in the order they are tried; a match of
# none of them is a number (``_number``).
READERS: tuple[tuple[str, Reader], ...] = (
    ("period", _period),
    ("when", _when),
    ("decade", _decade),
    ("generation", _generation),
    ("vague", _vague),
    ("pscale", _part_of_scale),
    ("lonedecade", _lone_decade),
    ("frac", _fraction),
    ("multiple", _multiple),
    ("ordword", _ordinal_word),
    ("date", _date),
    ("dmonth", _date),
    ("lonemonth", _lone_month),
)
