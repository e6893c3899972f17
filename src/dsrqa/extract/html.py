"""A web page's text: its content region read block by block with BeautifulSoup.

The content region is ``<main>``, else ``<article>``, else an element with
``role="main"``, else ``<body>``; navigation, headers, footers, sidebars, forms, scripts
and hidden elements are left out (the readability rule: what a reader reads). Each block
(a heading, paragraph, list item, definition, preformatted text) is one line of the text,
blocks apart by a blank line; a table is its rows, one line each with its cells apart by
tabs, the header row first. The headings become the profile's headings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from .extracted import Extracted
from .layout import heading_patterns
from .pdf import split_authors

DROP = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"}
    | {"button", "input", "select", "textarea", "svg", "iframe", "object", "embed", "canvas"}
    | {"menu", "dialog"}
)
DROP_ROLES = {"navigation", "search", "banner", "contentinfo", "complementary", "dialog"}
DROP_NAMES = re.compile(
    r"nav|navbar|navigation|menu|menu-bar|sidebar|breadcrumbs?|footer|toc|skip-link"
)
KEEP = {"html", "body", "main", "article"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAVES = HEADINGS | {"p", "pre", "dt", "dd", "figcaption", "caption", "summary", "blockquote"}
CONTAINERS = {
    "li",
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "figure",
    "details",
    "center",
    "td",
    "th",
}
DATE_META = (
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "article:published_time",
    "date",
    "pubdate",
)
AUTHOR_META = ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author")


def extract_html(path: Path) -> Extracted:
    """The blocks of a page's content region as lines; DocumentError if there are none."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    try:
        soup = BeautifulSoup(path.read_bytes(), "lxml")
    except Exception as exc:  # noqa: BLE001 - the parser's own errors vary by version
        raise DocumentError(f"{path}: cannot parse the HTML ({exc}); nothing was added") from None
    meta = _meta(soup)
    for tag in soup(sorted(DROP)):
        tag.decompose()
    for tag in soup.find_all(_hidden):
        tag.decompose()
    for tag in soup.find_all("br"):
        tag.replace_with(" ")
    root = soup.find("main") or soup.find("article") or soup.find(None, {"role": "main"})
    root = root or soup.body or soup
    blocks: list[str] = []
    headings: list[str] = []
    _walk(root, blocks, headings)
    lines = [b for b in blocks if b.strip()]
    if not any(re.search(r"\w\w", b) for b in lines):
        raise DocumentError(f"no text to index: {path} has no readable text; nothing was added")
    title = meta.get("title") or (headings[0] if headings else path.stem)
    profile: dict[str, Any] = {}
    if headings:
        profile["headings"] = heading_patterns(headings)
    return Extracted(
        kind="html",
        text=_tables_together(lines),
        title=title,
        authors=split_authors(meta.get("author", "")),
        date=meta.get("date", ""),
        publisher=meta.get("publisher", ""),
        profile=profile,
    )


def _tables_together(lines: list[str]) -> str:
    """Blocks apart by a blank line, but a table's rows (marked ``\\x00``) one after
    another, so the cleaner reads them as one table."""
    out: list[str] = []
    for line in lines:
        if line.startswith("\x00") and out and out[-1].startswith("\x00"):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return "\n\n".join(o.replace("\x00", "") for o in out) + "\n"


def _hidden(tag: Any) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    if tag.name in KEEP:
        return False
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    names = [str(n).lower() for n in [*attrs.get("class", []), attrs.get("id", "")] if n]
    return (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or "display:none" in style
        or attrs.get("role") in DROP_ROLES
        or any(DROP_NAMES.fullmatch(n) for n in names)
    )


def _text(tag: Any) -> str:
    return " ".join(tag.get_text().split())


def _walk(node: Any, blocks: list[str], headings: list[str]) -> None:
    """Blocks of ``node`` in document order; loose text between blocks is a paragraph."""
    loose: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(loose).split())
        if text:
            blocks.append(text)
        loose.clear()

    for child in node.children:
        name = getattr(child, "name", None)
        if name is None:
            if type(child).__name__ in ("NavigableString",):
                loose.append(str(child))
            continue
        if name in LEAVES:
            flush()
            if name == "pre":
                blocks.append(" ".join(child.get_text().split()))
            else:
                text = _text(child)
                blocks.append(text)
                if name in HEADINGS and text:
                    headings.append(text)
        elif name == "table":
            flush()
            for row in child.find_all("tr"):
                cells = [_text(c) for c in row.find_all(["td", "th"], recursive=False)]
                if any(cells):
                    blocks.append("\x00" + "\t".join(c or "-" for c in cells))
        elif name in CONTAINERS or name in ("tbody", "thead"):
            if name == "li" and not child.find(list(LEAVES | CONTAINERS | {"table"})):
                flush()
                blocks.append(_text(child))
            else:
                flush()
                _walk(child, blocks, headings)
        else:
            loose.append(child.get_text())
    flush()


def _meta(soup: Any) -> dict[str, str]:
    """Title, author, date and publisher from ``<title>`` and ``<meta>``."""
    found: dict[str, str] = {}
    values: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "").lower()
        content = " ".join(str(tag.get("content") or "").split())
        if key and content:
            values.setdefault(key, []).append(content)
    title = values.get("citation_title", values.get("og:title", []))
    if title:
        found["title"] = title[0]
    elif soup.title and soup.title.string:
        found["title"] = " ".join(soup.title.string.split())
    for key in AUTHOR_META:
        if key in values:
            found["author"] = ", ".join(values[key])
            break
    for key in DATE_META:
        date = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", values.get(key, [""])[0])
        if date:
            found["date"] = date.group(0)
            break
    for key in ("citation_publisher", "dc.publisher", "og:site_name"):
        if key in values:
            found["publisher"] = values[key][0]
            break
    return found
