"""Load the reports, undo what PDF extraction did to them, and keep every cleaned
character's position in the raw file so a citation can point at exact lines.

The cleaner works on lines and blank-line blocks: it drops noise (running headers,
footers, bare URLs, photo credits, chapter numbers, source notes), finds headings,
figures, tables and timeline bullets, joins hard-wrapped lines and paragraphs cut by
page breaks, and repairs words (hyphenation, ligatures, glued footnote numbers, escaped
dollars, link markup, split drop caps). Its output is a list of ``Unit``: a paragraph,
a table row or a timeline entry, each inside one section.

Modules, one job each:

- ``catalog``: the reports, their text and hash checks; ``schema``: the catalog's shape;
- ``document``: units and raw lines;
- ``offsets``: cleaned text mapped to raw offsets; ``lexicon``: word lists and patterns;
- ``lines``: raw lines by kind, pull-quotes; ``blocks``: runs of lines;
- ``headings``, ``repair`` (word repairs), ``tables`` (tables and timelines);
- ``sections``: the units written so far and where; ``cleaner``: the run over a report.
"""

from __future__ import annotations

from ..errors import BadInputError, CorpusError
from .catalog import CATALOG_NAME, Catalog, Report, check_report_id, load_catalog
from .cleaner import Cleaner, clean_text, load_documents
from .document import Document, Unit
from .lexicon import LIGATURE, NOTE_PREFIX
from .offsets import Mapped
from .repair import vocabulary

__all__ = [
    "CATALOG_NAME",
    "Catalog",
    "Cleaner",
    "Document",
    "Mapped",
    "Report",
    "Unit",
    "LIGATURE",
    "NOTE_PREFIX",
    "BadInputError",
    "CorpusError",
    "check_report_id",
    "clean_text",
    "load_catalog",
    "load_documents",
    "vocabulary",
]
