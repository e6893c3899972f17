"""The shape of ``corpus/catalog.json``, checked before anything reads it: every key a
report needs, of its type; ids and files each used once; files inside the corpus folder;
profile patterns that compile. A catalog that is not so is one ``CorpusError`` naming
the catalog, the report and the key, and what to write there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import CorpusError

VERSION = 1
ID = re.compile(r"[a-z0-9][a-z0-9._-]*")  # cited as REPORT:LINE and in passage ids
SHA256 = re.compile(r"[0-9a-f]{64}")
FILE = re.compile(r"[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*")  # a name in the folder, not hidden
TEXT_KEYS = ("id", "file", "title", "short_title", "date", "sha256")
REPORT_KEYS = {*TEXT_KEYS, "authors", "publisher", "profile", "kind", "added", "page_lines"}
REPORT_KEYS |= {"text_sha256"}
KINDS = ("text", "markdown", "html", "pdf")  # as ``dsrqa.extract.KINDS``
PATTERN_KEYS = ("drop_lines", "skip_sections", "headings", "edge_lines")
FLAGS = ("footnotes", "slides", "short_lines_end_paragraphs")
PROFILE_KEYS = {*PATTERN_KEYS, *FLAGS, "space_tables"}


def _kind(value: object) -> str:
    """How a JSON value is called in a message."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


class Checker:
    """The checks of one catalog file; each failure names the file and the place."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str, fix: str = "") -> CorpusError:
        fix = fix or (
            f"correct it: each report needs {', '.join(TEXT_KEYS)} (strings) and authors "
            "(a list of strings); publisher and profile may be left out"
        )
        return CorpusError(f"catalog {self.path}: {where}{problem}; {fix}")

    def top(self, data: object) -> list[dict[str, Any]]:
        """The list of report entries of a catalog."""
        if not isinstance(data, dict):
            raise self.fail("", f"expected an object with a list of reports, found {_kind(data)}")
        unknown = sorted(set(data) - {"version", "reports"})
        if unknown:
            raise self.fail("", f"unknown key {unknown[0]!r} (expected version, reports)")
        if data.get("version", VERSION) != VERSION:
            raise self.fail("", f"version {data['version']!r}, this dsrqa reads version {VERSION}")
        reports = data.get("reports")
        if not isinstance(reports, list) or not reports:
            found = "none" if not reports else _kind(reports)
            raise self.fail("", f"expected a non-empty list of reports, found {found}")
        for i, item in enumerate(reports):
            if not isinstance(item, dict):
                raise self.fail(f"report {i + 1}: ", f"expected an object, found {_kind(item)}")
        return reports

    def report(self, i: int, item: dict[str, Any], corpus_dir: Path) -> None:
        """One report entry: its keys, their types, its file and its profile."""
        where = f"report {i + 1} ({item.get('id')!r}): "
        unknown = sorted(set(item) - REPORT_KEYS)
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r}")
        for key in TEXT_KEYS:
            if not isinstance(item.get(key), str) or not item[key].strip():
                found = "nothing" if key not in item else _kind(item[key])
                raise self.fail(where, f"{key!r} must be a non-empty string, found {found}")
        if not isinstance(item.get("publisher", ""), str):
            raise self.fail(
                where, f"'publisher' must be a string, found {_kind(item['publisher'])}"
            )
        authors = item.get("authors")
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise self.fail(where, f"'authors' must be a list of strings, found {_kind(authors)}")
        if not ID.fullmatch(item["id"]):
            raise self.fail(where, "'id' must be lower-case letters, digits, '.', '_' or '-'")
        if not SHA256.fullmatch(item["sha256"]):
            raise self.fail(where, "'sha256' must be 64 lower-case hex digits")
        file = item["file"]
        if not FILE.fullmatch(file):
            raise self.fail(where, f"'file' {file!r} must be a file name in {corpus_dir}")
        self.document(where, item)
        self.profile(where, item.get("profile", {}))

    def document(self, where: str, item: dict[str, Any]) -> None:
        """What an added document records: its kind, its pages, its text's hash."""
        kind = item.get("kind", "text")
        if kind not in KINDS:
            raise self.fail(where, f"'kind' must be one of {', '.join(KINDS)}, found {kind!r}")
        if not isinstance(item.get("added", False), bool):
            raise self.fail(where, "'added' must be true or false")
        pages = item.get("page_lines", [])
        ints = isinstance(pages, list) and all(
            type(n) is int and n >= 1
            for n in pages  # noqa: E721 - bool is not a line
        )
        if not ints or pages != sorted(set(pages)) or (pages and kind != "pdf"):
            raise self.fail(
                where, "'page_lines' must be the ascending first lines of a PDF's pages"
            )
        if "text_sha256" in item and not (
            isinstance(item["text_sha256"], str) and SHA256.fullmatch(item["text_sha256"])
        ):
            raise self.fail(where, "'text_sha256' must be 64 lower-case hex digits")

    def profile(self, where: str, profile: object) -> None:
        """A cleaning profile: lists of patterns that compile, footnotes true or false,
        space tables with a header and column names."""
        if not isinstance(profile, dict):
            raise self.fail(where, f"'profile' must be an object, found {_kind(profile)}")
        unknown = sorted(set(profile) - PROFILE_KEYS)
        if unknown:
            raise self.fail(where, f"unknown profile key {unknown[0]!r}")
        for key in PATTERN_KEYS:
            patterns = profile.get(key, [])
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise self.fail(where, f"profile {key!r} must be a list of strings")
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except (re.error, RecursionError, OverflowError) as exc:
                    raise self.fail(where, f"profile {key!r} pattern {pattern!r}: {exc}") from None
        for flag in FLAGS:
            if not isinstance(profile.get(flag, False), bool):
                raise self.fail(where, f"profile {flag!r} must be true or false")
        tables = profile.get("space_tables", [])
        if not isinstance(tables, list) or not all(_space_table(t) for t in tables):
            raise self.fail(
                where, "profile 'space_tables' must be a list of {header, columns: [names]}"
            )


def _space_table(table: object) -> bool:
    return (
        isinstance(table, dict)
        and set(table) == {"header", "columns"}
        and isinstance(table["header"], str)
        and bool(table["header"].strip())
        and isinstance(table["columns"], list)
        and bool(table["columns"])
        and all(isinstance(c, str) for c in table["columns"])
    )


def checked_reports(path: Path, data: object, corpus_dir: Path) -> list[dict[str, Any]]:
    """The report entries of a catalog, each checked; ids and files each used once."""
    check = Checker(path)
    reports = check.top(data)
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for i, item in enumerate(reports):
        check.report(i, item, corpus_dir)
        for key, used in (("id", seen), ("file", files)):
            value = item[key]
            if value in used:
                raise check.fail(
                    f"report {i + 1}: ",
                    f"{key} {value!r} is used twice (reports {used[value] + 1} and {i + 1})",
                    f"give each report its own {key}",
                )
            used[value] = i
    return reports
