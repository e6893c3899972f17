"""The word lists, characters and patterns the cleaner reads the reports with.

Only data lives here: the rules that use them are in ``lines``, ``blocks``,
``headings``, ``repair`` and ``tables``.
"""

from __future__ import annotations

import re

# ----- sentences and headings -------------------------------------------------------
TERMINAL = tuple('.?!:;”"’)]…')  # a line ending in one of these ends a sentence
ABBREVIATIONS = ("Inc.", "Co.", "Ltd.", "U.S.", "vs.")  # a full stop that ends no sentence
HEADING_STOPS = (".", ",", ";", ":", "!", "?")  # a heading line never ends in one
HEADING_START = re.compile(r"[A-Z0-9“\"‘']")  # how a heading's first line starts
# a heading line ending in one of these words goes on after a page break
CUT_HEADING_WORDS = {"and", "of", "the", "for", "in", "from", "to", "with", "on", "a", "an"}
FIGURE_CAPTION = re.compile(r"^Figure \d+:")

# ----- kinds of raw line ------------------------------------------------------------
NOTE_PREFIX = re.compile(r"^(?:Sources?|Notes?):")
BULLET = re.compile(r"^[▪•]\s*")
INNER_BULLET = re.compile(r"(?<=\s)[▪•]\s")  # a bullet after other text on its line
GENERIC_DROP = [
    re.compile(r"^https?://\S+$"),  # bare URLs
    re.compile(r"^\d{1,3}$"),  # chapter and page numbers on their own line
    re.compile(r"^\+?\d[\d .()-]{6,}$"),  # phone numbers
    re.compile(r"^\S+@\S+\.\w+$"),  # e-mail addresses
]
PAGE_BREAK = "\f"  # the line between two pages of a PDF's text
SHORT_LINE = 0.8  # a PDF line ending a sentence under this share of the usual length ends it
PAGE_EDGE = 3  # lines at a page's top and bottom where running headers and footers stand
MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}\s+|\s+#+\s*$")  # an ATX heading's marks
INSET_LINES = 6  # the longest pull-quote, in raw lines with the blank ones between
LABEL_MARKS = re.compile(r"[\d.,;:!?]")  # a map label cut from a figure has none of these

# ----- tables -----------------------------------------------------------------------
ROW_YEAR = re.compile(
    r"^(?:(?:Late|Early|Mid-)\s*)?\d{4}s?\b(?:\s+and\s+(?:late|early|mid-)?\s*\d{4}s?\b)?"
)
ROW_START = re.compile(r"^\d{4}\s+[A-Z]")  # a new table row inside a block
MONTH_YEAR = re.compile(r"^[A-Z][a-z]+ \d{4}$")  # a dated cell: "June 2012"
TOKEN = re.compile(r"\S+")
SUPPORT_START = "$0123456789"  # a token starting with one of these starts the support cell

# ----- word repairs -----------------------------------------------------------------
LIGATURE = "\ufffd"  # what the extraction left where a ligature glyph was
LIGATURE_CANDIDATES = ("ff", "fi", "fl", "ffi", "ffl")
LIGATURE_WORD = re.compile(r"[A-Za-z]*" + LIGATURE + r"[A-Za-z]*")
FOOTNOTE = re.compile(
    r"(?:(?<=[a-z)\]”’\"%])|(?<=[A-Za-z)\]”’\"%][.,;:])|(?<=[^\d$.,](?:19|20)\d\d[.,;:]))"
    r"(\d{1,3})(?=[\s—–,;:.)]|$)"
)  # after a word, a quote, or a year's full stop (``IPO in 2014.88``: note 88)
LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
ESCAPED_DOLLAR = re.compile(r"\\\$")
DROP_CAP = re.compile(r"^([A-Z]) (?=([a-z]+))")
MULTISPACE = re.compile(r"[ \t]{2,}")
SPACE_BEFORE_STOP = re.compile(r" (?=[,.;:])")
HYPHEN_HEAD = re.compile(r"[A-Za-z]+$")  # the word before a line-end hyphen
HYPHEN_TAIL = re.compile(r"[a-z]+")  # the word the next line starts with
NO_SPACE_AFTER = ("-", "—", "–", "/")  # a line ending in one joins the next with no space

# ----- the vocabulary the repairs consult ---------------------------------------------
WORD = re.compile(r"[A-Za-z]+")
BROKEN_BY_HYPHEN = re.compile(r"\w*-[ \t]*\n\s*\w*")
BROKEN_BY_LIGATURE = re.compile(r"\w*" + LIGATURE + r"\w*")
BROKEN_BY_DROP_CAP = re.compile(r"(?m)^\s*[A-Z] [a-z]+")
