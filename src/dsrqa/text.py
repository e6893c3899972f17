"""Text normalisation and tokenisation shared by indexing, retrieval and answers.

One place decides what counts as the same word, so BM25 at build time and at query
time, and the answer's term matching, can never disagree.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "d",
        "ll",
        "m",
        "re",
        "ve",
        "y",
        "also",
        "did",
        "does",
        "tell",
        "know",
        "please",
        "give",
        "list",
    ]
)
QUESTION_WORDS = frozenset(
    ["what", "when", "where", "which", "who", "whom", "whose", "why", "how", "much", "many"]
)

_stemmer_lock = threading.Lock()


def normalize(text: str) -> str:
    """Fold curly quotes, dashes and compatibility forms; keep everything else."""
    return unicodedata.normalize("NFKC", text).translate(TRANSLATE)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """English Snowball stem (PyStemmer is not documented as thread-safe: lock it)."""
    with _stemmer_lock:
        return str(_stemmer().stemWord(word))


def words(text: str) -> list[str]:
    """Lower-case word and number tokens, possessives dropped, before stemming."""
    text = normalize(text).lower().replace("'s ", " ").replace("$", " ")
    return TOKEN.findall(text)


def tokenize(text: str) -> list[str]:
    """BM25 tokens: stemmed words without stopwords."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def is_content_word(word: str) -> bool:
    """A lower-case word (as a tokenizer splits it) that carries meaning: not a
    stopword, not punctuation."""
    return word.isalnum() and word not in STOPWORDS


def content_terms(text: str) -> set[str]:
    """The distinct stemmed content words of a question or sentence."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and w not in QUESTION_WORDS}
