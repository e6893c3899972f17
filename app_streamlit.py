"""Streamlit app for dsrqa: ask the two reports, read them, see the evaluation.

Run with ``make app`` or ``streamlit run app_streamlit.py``. The model and index load once
per server process (``st.cache_resource``). Every piece of report text and user input
is rendered as text: HTML output goes through ``esc`` (HTML-escaped, and ``$`` and
markdown punctuation turned into character references so nothing becomes LaTeX, a
link or markup); markdown output goes through ``md_plain`` (backslash-escaped).

Links: ``?q=QUESTION&report=ID`` answers a question on load and the URL follows the
questions asked; ``?verify=TEXT`` opens the Verify tab with that text checked (the URL
follows the texts verified); ``?doc=ID&line=N`` opens the Read tab at that line of a
report.

``make app`` starts the app through ``python -m dsrqa.serve``, which loads the model and
index before the server starts; ``load_qa`` takes them from there.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import streamlit as st

APP_DIR = Path(__file__).resolve().parent
ALL = "__all__"
TABS = ("Ask", "Verify", "Read", "Evaluate")
EXAMPLES = (
    "Which countries signed DSR-specific MOUs with China?",
    "When did Alibaba announce its e-commerce hub in Malaysia?",
    "How much did Huawei save via tax incentives?",
)
VERIFY_EXAMPLES = (
    "Huawei has signed a $180 million smart cities and data center contract with Kenya",
    "The 2000s and 2010s marked a period of rapid growth for both tech giants",
)
# verdict -> (label, plain explanation, heading over the report text shown under it)
VERDICTS = {
    "verbatim": (
        "Verbatim",
        "The reports say this word for word.",
        "Where the reports say it",
    ),
    "close": (
        "Close",
        "A word or two differ from the report. Below, the report's words that the text "
        "changes or leaves out are struck through in red; the text's own words are in green.",
        "The report's words, with the differences",
    ),
    "supported": (
        "Supported",
        "The reports say the same thing in other words; the supporting sentences are below.",
        "Supporting sentences",
    ),
    "not_found": (
        "Not found",
        "The reports do not say this. The sentences below are the closest the reports "
        "come; they do not support the text.",
        "Closest sentences (the reports do not say this)",
    ),
}
LOG = logging.getLogger("dsrqa.app")

# Characters that HTML or markdown (including Streamlit's LaTeX, directives and emoji
# shortcodes) could interpret, mapped to numeric character references: inside an HTML
# block they display as themselves and never act as markup.
_ESC = {ord(c): f"&#{ord(c)};" for c in "&<>\"'$[]*_`\\~|#:!{}"}
_ESC[ord("\n")] = "<br>"
_ESC[ord("\r")] = ""
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
# Sequences Streamlit's markdown acts on even when backslash-escaped: typographic arrows
# and dashes (-> <= --), autolinks (http://, www., a@b) and the :streamlit: logo. A word
# joiner (U+2060, invisible) between their characters keeps them as typed.
_INERT = re.compile(
    r"(?<=[-<>~=])(?=[-<>=])|(?<=:/)(?=/)|(?<=www)(?=\.)|(?<=@)(?=[\w-]+\.\w)|(?<=:)(?=streamlit:)",
    re.I,
)
WORD_JOINER = "\u2060"


def esc(text: object) -> str:
    """Text as inert HTML: no tag, entity, LaTeX ``$``, link or newline survives as such."""
    return str(text).translate(_ESC)


def md_plain(text: object) -> str:
    """Text for places Streamlit renders as markdown (labels, alerts, the answer card):
    every ASCII punctuation character backslash-escaped, newlines as spaces, and the few
    sequences markdown acts on anyway kept apart by an invisible word joiner."""
    return _MD_PUNCT.sub(r"\\\1", _INERT.sub(WORD_JOINER, " ".join(str(text).split())))


def md_span(text: str, style: str = "") -> str:
    """One run of report text as inline markdown, optionally in a Streamlit text style
    (``gray``), with the spaces around it kept outside the style."""
    body = md_plain(text)
    if not body:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return f"{lead}:{style}[{body}]{tail}" if style else f"{lead}{body}{tail}"


def html_block(inner: str, cls: str = "") -> None:
    """One HTML block (a single line, so markdown never resumes inside it)."""
    st.markdown(f'<div class="{cls}">{inner}</div>', unsafe_allow_html=True)


def index_dir() -> Path:
    path = Path(os.environ.get("DSRQA_INDEX", "index"))
    return path if path.is_absolute() else APP_DIR / path


def eval_dir() -> Path:
    path = Path(os.environ.get("DSRQA_EVAL_RESULTS", "eval/results"))
    return path if path.is_absolute() else APP_DIR / path


# ------------------------------------------------------------------------ resources
@st.cache_resource(show_spinner="Loading the model and index (once per server)…")
def load_qa(path: str) -> Any:
    """The shared QA object; a failure is not cached, so a later build is picked up.

    Under ``python -m dsrqa.serve`` (``make app``) it was loaded before the server
    started and is taken from the launcher's registry at once."""
    from dsrqa import QA

    try:
        from dsrqa.serve import preloaded
    except ImportError:  # an install without the launcher
        return QA.load(path)
    qa = preloaded(path)
    return qa if qa is not None else QA.load(path)


@st.cache_resource
def build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource
def document_lock() -> threading.Lock:
    """``Index.document`` fills its cache lazily; one session at a time does that."""
    return threading.Lock()


@dataclass(frozen=True)
class Para:
    kind: str
    subsection: str
    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Section:
    title: str
    first: int
    last: int
    paras: tuple[Para, ...]


@st.cache_resource(show_spinner=False)
def report_sections(path: str, report_id: str) -> tuple[Section, ...]:
    """A report's cleaned units grouped by section, with raw line numbers (the TOC)."""
    with document_lock():
        doc = load_qa(path).index.document(report_id)
    groups: dict[str, list[Para]] = {}
    for unit in doc.units:
        first = doc.line_of(unit.offsets[0])
        last = doc.line_of(unit.offsets[-1]) if unit.offsets else first
        groups.setdefault(unit.section, []).append(
            Para(unit.kind, unit.subsection, unit.text, first, last)
        )
    return tuple(
        Section(title, paras[0].first, max(p.last for p in paras), tuple(paras))
        for title, paras in groups.items()
    )


def section_at(sections: tuple[Section, ...], line: int) -> int:
    """Index of the section holding a raw line (or the last one starting before it)."""
    best = 0
    for i, sec in enumerate(sections):
        if any(p.first <= line <= p.last for p in sec.paras):
            return i
        if sec.first <= line:
            best = i
    return best


# ------------------------------------------------------------------------- exports
CSV_FIELDS = (
    "question",
    "kind",
    "rank",
    "text",
    "score",
    "report",
    "short_title",
    "date",
    "section",
    "file",
    "line_start",
    "line_end",
    "citation",
)


def citation_row(kind: str, rank: int | str, text: str, score: float, cit: Any) -> dict:
    return {
        "kind": kind,
        "rank": rank,
        "text": text,
        "score": round(score, 6),
        "report": cit.report,
        "short_title": cit.short_title,
        "date": cit.date,
        "section": cit.section,
        "file": cit.file,
        "line_start": cit.line_start,
        "line_end": cit.line_end,
        "citation": cit.label(),
    }


def export_json(result: Any) -> str:
    data = result.to_dict()
    if result.answer is not None:
        data["answer"]["citation_label"] = result.answer.citation.label()
    for item, passage in zip(data["passages"], result.passages, strict=True):
        item["citation_label"] = passage.citation.label()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_csv(result: Any) -> str:
    rows = []
    if result.answer is not None:
        a = result.answer
        rows.append(citation_row("answer", a.passage_rank, a.text, a.score, a.citation))
    kind = "closest passage (not an answer)" if result.abstained else "passage"
    rows += [citation_row(kind, p.rank, p.text, p.score, p.citation) for p in result.passages]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"question": result.question, **row})
    return out.getvalue()


def md_cell(text: str) -> str:
    """A Markdown table cell showing the text literally (``$`` and ``|`` escaped)."""
    text = re.sub(r"([\\|$*_\[\]`<>])", r"\\\1", text.strip())
    return "<br>".join(line.strip() for line in text.splitlines() if line.strip())


def export_markdown(result: Any) -> str:
    if result.answer is not None:
        answer = result.answer.text
        rows = [(answer, result.answer.citation.label(), result.answer.citation.quote)]
        rows += [
            (answer, p.citation.label(), p.text)
            for p in result.passages
            if p.id != result.answer.passage_id
        ]
    else:
        answer = f"The reports do not answer this ({result.reason}); closest passage:"
        rows = [(answer, p.citation.label(), p.text) for p in result.passages]
    lines = [
        f"# Evidence: {md_cell(result.question)}",
        "",
        "| Question | Answer sentence | Citation | Quote |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md_cell(result.question)} | {md_cell(a)} | {md_cell(c)} | {md_cell(q)} |"
        for a, c, q in rows
    ]
    return "\n".join(lines) + "\n"


def match_citation(qa: Any, match: Any) -> Any:
    """The citation of a verification match."""
    return match.citation


def export_verification_json(qa: Any, ver: Any) -> str:
    data = ver.to_dict()
    for item, match in zip(data["matches"], ver.matches, strict=True):
        item["citation_label"] = match_citation(qa, match).label()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_verification_markdown(qa: Any, ver: Any) -> str:
    """One evidence row: the text, its verdict, the citation, the report's words, notes."""
    labels = [match_citation(qa, m).label() for m in ver.matches]
    if ver.verdict == "not_found":
        citation = "; ".join(f"closest: {label}" for label in labels[:1]) or "—"
    else:
        citation = "; ".join(labels) or "—"
    quote = ver.matches[0].quote if ver.matches else ""
    notes = "; ".join([ver.reason, *(f"mismatch: {m.message}" for m in ver.mismatches)])
    cells = [ver.text, VERDICTS.get(ver.verdict, (ver.verdict,))[0], citation, quote, notes]
    return (
        "| Text | Verdict | Citation | Report's words | Notes |\n"
        "|---|---|---|---|---|\n" + "| " + " | ".join(md_cell(c) for c in cells) + " |\n"
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "answer"


# -------------------------------------------------------------------------- state
def open_in_report(report_id: str, first: int, last: int) -> None:
    """Callback of "Open in report": select the report, section and lines, show Read."""
    st.session_state["read_report"] = report_id
    st.session_state["read_target"] = (report_id, first, last)
    st.session_state.pop("_landed", None)  # land again even on the same lines
    st.session_state["view"] = "Read"
    st.query_params["doc"] = report_id
    st.query_params["line"] = str(first)


def set_question(text: str) -> None:
    st.session_state["question"] = text


def init_state(ids: list[str]) -> None:
    """First run of a session: take the question, filter and target from the URL."""
    if st.session_state.get("_started"):
        return
    st.session_state["_started"] = True
    qp = st.query_params
    st.session_state["question"] = qp.get("q", "")
    report = qp.get("report")
    st.session_state["report_filter"] = report if report in ids else ALL
    if report and report not in ids:
        st.session_state["_notice"] = (
            f"Unknown report {report!r} in the link; showing all reports (known: {', '.join(ids)})."
        )
    verify = qp.get("verify")
    if verify:
        st.session_state["verify_text"] = verify
        st.session_state["verified"] = verify
        st.session_state["view"] = "Verify"
    doc, line = qp.get("doc"), qp.get("line", "1")
    if doc in ids and line.isdigit():
        open_in_report(doc, int(line), int(line))


def sync_url(question: str, report: str | None) -> None:
    """Keep ``?q=…&report=…`` equal to the question on screen (a shareable link)."""
    qp = st.query_params
    if question:
        if qp.get("q") != question:
            qp["q"] = question
            qp.pop("doc", None)  # a new question: the old "open in report" target is stale
            qp.pop("line", None)
            st.session_state.pop("read_target", None)
        if report:
            qp["report"] = report
        else:
            qp.pop("report", None)
    else:
        qp.pop("q", None)
        qp.pop("report", None)


# ------------------------------------------------------------------------ widgets
def raw_lines(qa: Any, report: str, first: int, last: int) -> None:
    """The raw file lines around a citation, numbered, cited ones marked with ›."""
    try:
        shown = qa.show(report, first, context=3, last=last)
    except Exception as exc:  # a citation should always resolve; say so if not
        st.warning(md_plain(f"Cannot show these lines: {exc}"))
        return
    width = len(str(shown.last))
    body = "\n".join(
        f"{n:>{width}} {'›' if shown.highlight[0] <= n <= shown.highlight[1] else ' '} {t}"
        for n, t in enumerate(shown.lines, start=shown.first)
    )
    st.caption(md_plain(f"{shown.file}, lines {shown.first}-{shown.last}"))
    st.code(body, language=None, wrap_lines=True)


def lines_label(cit: Any) -> str:
    if cit.line_start == cit.line_end:
        return f"line {cit.line_start}"
    return f"lines {cit.line_start}–{cit.line_end}"


def meta_html(cit: Any, extra: str = "") -> str:
    parts = [
        f"<b>{esc(cit.short_title)}</b>",
        esc(cit.date),
        f"§ {esc(cit.section)}",
        esc(lines_label(cit)),
    ]
    if extra:
        parts.append(esc(extra))
    return " · ".join(parts)


def answer_md(answer: Any, passage_text: str | None) -> str:
    """The answer sentence in bold with its answering span highlighted, inside the gray
    text of its passage, as plain markdown: the answer card needs none of the frontend
    code that HTML in markdown loads, so it shows as soon as the page does."""
    s = answer.text
    a, b = answer.span_start, answer.span_end
    span = f":orange-background[{md_plain(s[a:b])}]" if b > a else ""
    sentence = f"**{md_span(s[:a])}{span}{md_span(s[b:])}**"
    at = passage_text.find(s) if passage_text else -1
    if at < 0 or passage_text is None:
        return sentence
    before, after = passage_text[:at], passage_text[at + len(s) :]
    return f"{md_span(before, 'gray')}{sentence}{md_span(after, 'gray')}"


def meta_md(cit: Any) -> str:
    """Report, date, section and lines of a citation as markdown text."""
    return " · ".join(
        [
            f"**{md_plain(cit.short_title)}**",
            md_plain(cit.date),
            md_plain(f"§ {cit.section}"),
            md_plain(lines_label(cit)),
        ]
    )


def answer_card(qa: Any, result: Any) -> None:
    a = result.answer
    cit = a.citation
    passage = next((p for p in result.passages if p.id == a.passage_id), None)
    with st.container(border=True, key="answer_card"):
        with st.container(key="answer_kicker"):
            st.markdown(md_plain(f"Answer · evidence score {a.score:.2f}"))
        with st.container(key="answer_text"):
            st.markdown(answer_md(a, passage.text if passage else None))
        with st.container(key="answer_meta"):
            st.markdown(meta_md(cit))
        st.caption("Citation — copy it with the button at the box's top right")
        st.code(cit.label(), language=None, wrap_lines=True)
        with st.container(horizontal=True):
            st.button(
                "Open in report",
                key="open_answer",
                icon=":material/menu_book:",
                on_click=open_in_report,
                args=(cit.report, cit.line_start, cit.line_end),
            )
            export_buttons(result)
        with st.expander("Surrounding lines in the raw report file"):
            raw_lines(qa, cit.report, cit.line_start, cit.line_end)


def export_buttons(result: Any) -> None:
    name = slug(result.question)
    st.download_button(
        "JSON",
        export_json(result),
        f"{name}.json",
        "application/json",
        key="dl_json",
        icon=":material/download:",
    )
    st.download_button(
        "CSV",
        export_csv(result),
        f"{name}.csv",
        "text/csv",
        key="dl_csv",
        icon=":material/download:",
    )
    st.download_button(
        "Evidence table (Markdown)",
        export_markdown(result),
        f"{name}.md",
        "text/markdown",
        key="dl_md",
        icon=":material/download:",
    )


def citation_actions(qa: Any, cit: Any, key: str) -> None:
    """The "Open in report" button (lands on the cited lines in Read) and the raw lines."""
    with st.container(horizontal=True):
        st.button(
            "Open in report",
            key=key,
            icon=":material/menu_book:",
            type="tertiary",
            on_click=open_in_report,
            args=(cit.report, cit.line_start, cit.line_end),
        )
    with st.expander("Citation and raw lines"):
        st.code(cit.label(), language=None, wrap_lines=True)
        raw_lines(qa, cit.report, cit.line_start, cit.line_end)


def passage_card(qa: Any, p: Any) -> None:
    cit = p.citation
    with st.container(border=True, key=f"passage_{p.rank}"):
        html_block(f"<b>#{p.rank}</b> · {meta_html(cit, f'score {p.score:.4f}')}", "dsrqa-meta")
        html_block(esc(p.text), "dsrqa-passage-text")
        citation_actions(qa, cit, f"open_{p.rank}")


def show_result(qa: Any, result: Any) -> None:
    if result.abstained:
        with st.container(border=True, key="abstain_card"):
            html_block("The reports do not answer this question.", "dsrqa-abstain")
            html_block(
                f"Why: {esc(result.reason)}. The passages below are the closest the "
                "reports come; they are not an answer.",
                "dsrqa-meta",
            )
            with st.container(horizontal=True):
                export_buttons(result)
        st.subheader("Closest passages (the reports do not answer this)")
        passages = list(result.passages)
    else:
        answer_card(qa, result)
        st.subheader("Other top passages")
        passages = [p for p in result.passages if p.id != result.answer.passage_id]
    if not passages:
        st.caption("No other passages.")
    for p in passages:
        passage_card(qa, p)


def ask_tab(qa: Any, reports: list[dict]) -> None:
    titles = {r["id"]: f"{r['short_title']}" for r in reports}
    ids = list(titles)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        question = st.text_input(
            "Ask a question about the reports",
            key="question",
            placeholder="e.g. Which countries signed DSR-specific MOUs with China?",
            help="Press Enter to ask. Answers are sentences quoted from the reports.",
        )
    with right:
        report = st.selectbox(
            "Search in",
            [ALL, *ids],
            key="report_filter",
            format_func=lambda r: "All reports" if r == ALL else titles[r],
        )
    report_id = None if report == ALL else report
    notice = st.session_state.pop("_notice", None)
    if notice:
        st.warning(md_plain(notice))
    if not question:
        sync_url("", None)
        st.info(
            "Type a question and press Enter. Every answer is a sentence quoted from "
            "the reports, with its citation; when the reports do not answer, the page "
            "says so."
        )
        with st.container(horizontal=True):
            for i, text in enumerate(EXAMPLES):
                st.button(
                    text, key=f"example_{i}", type="tertiary", on_click=set_question, args=(text,)
                )
        return
    from dsrqa.errors import BadInputError, DsrqaError

    try:
        result = qa.ask(question, report=report_id)
    except BadInputError as exc:
        sync_url("", None)
        st.error(md_plain(f"Cannot ask this: {exc}."))
        return
    except DsrqaError as exc:
        st.error(md_plain(str(exc)))
        return
    except Exception:
        LOG.exception("ask failed for a question of %d characters", len(question))
        st.error("Something went wrong while answering; the server log has the details.")
        return
    sync_url(question, report_id)
    show_result(qa, result)


# ------------------------------------------------------------------------- verify
def start_verify(text: str | None = None) -> None:
    """Callback of the Verify button and the examples: check the text on this run."""
    if text is not None:
        st.session_state["verify_text"] = text
    st.session_state["verified"] = st.session_state.get("verify_text", "")


def sync_verify_url(text: str | None) -> None:
    """Keep ``?verify=…`` equal to the text whose verdict is on screen (a shareable link)."""
    qp = st.query_params
    if text is None:
        qp.pop("verify", None)
    elif qp.get("verify") != text:
        qp["verify"] = text
        qp.pop("doc", None)  # a new check: an old "open in report" target is stale
        qp.pop("line", None)
        st.session_state.pop("read_target", None)


_NO_SPACE_BEFORE = tuple("%,.;:!?)]’”")


def diff_html(diff: Any) -> str:
    """A word diff as HTML: the report's words struck through, the text's words inserted."""
    pieces: list[tuple[str, str]] = []  # (html, plain text) of each step
    for d in diff:
        if d.op == "same":
            pieces.append((esc(d.report or d.text), d.report or d.text))
        elif d.op == "changed":
            pieces.append(
                (
                    f'<del class="dsrqa-del">{esc(d.report)}</del> '
                    f'<ins class="dsrqa-ins">{esc(d.text)}</ins>',
                    d.text,
                )
            )
        elif d.op == "dropped":
            pieces.append((f'<del class="dsrqa-del">{esc(d.report)}</del>', d.report))
        else:  # "added": only in the checked text
            pieces.append((f'<ins class="dsrqa-ins">{esc(d.text)}</ins>', d.text))
    out = ""
    prev = ""
    for html, plain in pieces:
        if out and not prev.endswith("$") and not plain.startswith(_NO_SPACE_BEFORE):
            out += " "
        out += html
        prev = plain
    return out


DIFF_LEGEND = (
    '<del class="dsrqa-del">struck through</del>: the report\'s words that the text changes '
    'or leaves out · <ins class="dsrqa-ins">green</ins>: words only in the checked text'
)


def match_card(qa: Any, verdict: str, rank: int, match: Any) -> None:
    cit = match_citation(qa, match)
    with st.container(border=True, key=f"verify_match_{rank}"):
        html_block(f"<b>#{rank}</b> · {meta_html(cit, f'score {match.score:.2f}')}", "dsrqa-meta")
        if match.diff and verdict != "verbatim":
            html_block(diff_html(match.diff), "dsrqa-passage-text dsrqa-diff")
            html_block(DIFF_LEGEND, "dsrqa-meta")
        else:
            html_block(esc(match.quote), "dsrqa-passage-text")
        citation_actions(qa, cit, f"verify_open_{rank}")


def verify_export_buttons(qa: Any, ver: Any) -> None:
    name = slug(ver.text)
    st.download_button(
        "JSON",
        export_verification_json(qa, ver),
        f"{name}-verify.json",
        "application/json",
        key="dl_verify_json",
        icon=":material/download:",
    )
    st.download_button(
        "Evidence row (Markdown)",
        export_verification_markdown(qa, ver),
        f"{name}-verify.md",
        "text/markdown",
        key="dl_verify_md",
        icon=":material/download:",
    )


def show_verification(qa: Any, ver: Any) -> None:
    verdict = ver.verdict if ver.verdict in VERDICTS else "not_found"
    label, explanation, heading = VERDICTS[verdict]
    with st.container(border=True, key="verify_card"):
        html_block("Verdict", "dsrqa-kicker")
        html_block(
            f'<span class="dsrqa-verdict dsrqa-verdict-{verdict}">{esc(label)}</span>',
            "dsrqa-verdict-line",
        )
        html_block(esc(explanation), "dsrqa-verdict-explain")
        html_block(f"Checked: “{esc(ver.text)}”", "dsrqa-meta")
        html_block(f"Why: {esc(ver.reason)}.", "dsrqa-meta")
        for m in ver.mismatches:
            st.warning(md_plain(f"Mismatch: {m.message}"), icon=":material/warning:")
        with st.container(horizontal=True):
            verify_export_buttons(qa, ver)
    st.subheader(heading)
    if not ver.matches:
        st.caption("No report text to show.")
    for rank, match in enumerate(ver.matches, start=1):
        match_card(qa, verdict, rank, match)


def verify_tab(qa: Any) -> None:
    with st.form("verify_form", border=False):
        st.text_area(
            "Paste a quote or a claim to check against the reports",
            key="verify_text",
            height=110,
            placeholder="e.g. Huawei has signed a $175 million smart cities and data center "
            "contract with Kenya",
            help="Press Verify (or Ctrl+Enter). A quote is looked up word for word; a claim "
            "is compared with the report's sentences.",
        )
        st.form_submit_button(
            "Verify",
            key="verify_button",
            type="primary",
            icon=":material/fact_check:",
            on_click=start_verify,
        )
    text = st.session_state.get("verified")
    if text is None:
        st.info(
            "Paste a sentence and press Verify. The verdict is one of: **Verbatim** (word "
            "for word in a report), **Close** (a word or two differ: the differences are "
            "shown), **Supported** (the same content in other words: the supporting "
            "sentences are shown) or **Not found** (the reports do not say this: the "
            "closest sentences are shown, under that label)."
        )
        with st.container(horizontal=True):
            for i, example in enumerate(VERIFY_EXAMPLES):
                st.button(
                    md_plain(example),
                    key=f"verify_example_{i}",
                    type="tertiary",
                    on_click=start_verify,
                    args=(example,),
                )
        return
    from dsrqa.errors import BadInputError, DsrqaError

    cached = st.session_state.get("_verification")
    if cached is not None and cached[0] == text:
        ver = cached[1]
    else:
        try:
            ver = qa.verify(text)
        except BadInputError as exc:
            sync_verify_url(None)
            st.error(md_plain(f"Cannot verify this: {exc}."))
            return
        except DsrqaError as exc:
            st.error(md_plain(str(exc)))
            return
        except Exception:
            LOG.exception("verify failed for a text of %d characters", len(text))
            st.error("Something went wrong while verifying; the server log has the details.")
            return
        st.session_state["_verification"] = (text, ver)
    sync_verify_url(text)
    show_verification(qa, ver)


def read_tab(qa: Any, reports: list[dict]) -> None:
    titles = {r["id"]: r for r in reports}
    ids = list(titles)
    if st.session_state.get("read_report") not in ids:
        st.session_state["read_report"] = ids[0]
    report_id = st.selectbox(
        "Report",
        ids,
        key="read_report",
        format_func=lambda r: f"{titles[r]['short_title']} — {titles[r]['title']}",
    )
    sections = report_sections(str(index_dir()), report_id)
    target = st.session_state.get("read_target")
    target = target if target and target[0] == report_id else None
    key = f"read_section_{report_id}"
    if target and st.session_state.get("_landed") != target:
        st.session_state["_landed"] = target
        st.session_state[key] = section_at(sections, target[1])
    st.session_state.setdefault(key, 0)
    options = [*range(len(sections)), -1]
    nav, body = st.columns([1, 3], gap="large")
    with nav:
        choice = st.radio(
            "Contents",
            options,
            key=key,
            format_func=lambda i: "Whole report" if i == -1 else md_plain(sections[i].title),
        )
    with body:
        rep = titles[report_id]
        html_block(
            f"{esc(rep['title'])}<br><span class='dsrqa-meta'>"
            f"{esc(', '.join(rep['authors']))} · {esc(rep['date'])} · "
            f"<code>{esc(rep['file'])}</code> · cleaned text, raw line numbers "
            "at the left</span>",
            "dsrqa-doc-title",
        )
        if target:
            html_block(
                f"Cited {esc(lines_label_range(target[1], target[2]))} are highlighted below.",
                "dsrqa-landing",
            )
        shown = sections if choice == -1 else (sections[choice],)
        for sec in shown:
            html_block(section_html(sec, target), "dsrqa-section")
        if choice != -1:
            with st.container(horizontal=True):
                if choice > 0:
                    st.button(
                        md_plain(f"← {sections[choice - 1].title}"),
                        key="prev_section",
                        type="tertiary",
                        on_click=_select,
                        args=(key, choice - 1),
                    )
                if choice + 1 < len(sections):
                    st.button(
                        md_plain(f"{sections[choice + 1].title} →"),
                        key="next_section",
                        type="tertiary",
                        on_click=_select,
                        args=(key, choice + 1),
                    )


def _select(key: str, value: int) -> None:
    st.session_state[key] = value


def lines_label_range(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}–{last}"


def section_html(sec: Section, target: tuple[str, int, int] | None) -> str:
    out = [f'<div class="dsrqa-section-title">{esc(sec.title)}</div>']
    sub = ""
    for p in sec.paras:
        if p.subsection and p.subsection != sub:
            out.append(f'<div class="dsrqa-subsection">{esc(p.subsection)}</div>')
        sub = p.subsection
        hit = target is not None and p.first <= target[2] and p.last >= target[1]
        cls = "dsrqa-unit dsrqa-target" if hit else "dsrqa-unit"
        out.append(
            f'<div class="{cls}"><span class="dsrqa-ln">{p.first}</span>'
            f"<span>{esc(p.text)}</span></div>"
        )
    return "".join(out)


def evaluate_tab() -> None:
    folder = eval_dir()
    metrics = folder / "metrics.json"
    mds = sorted(folder.glob("*.md")) if folder.is_dir() else []
    pngs = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if not (metrics.is_file() or mds or pngs):
        st.info(
            "`dsrqa eval` has not been run yet, so there are no evaluation results to "
            "show. Run it from the repository folder, then reload this page:"
        )
        st.code(
            "make eval\n# or\n.venv/bin/dsrqa eval --index index --out eval/results",
            language="bash",
        )
        return
    newest = max(p.stat().st_mtime for p in [metrics, *mds, *pngs] if p.exists())
    where = folder.relative_to(APP_DIR) if folder.is_relative_to(APP_DIR) else folder
    st.caption(
        md_plain(
            f"Latest results in {where}, written {datetime.fromtimestamp(newest):%Y-%m-%d %H:%M}"
        )
    )
    if metrics.is_file():
        try:
            data = json.loads(metrics.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            st.warning(md_plain(f"Cannot read {metrics.name}: {exc}"))
        else:
            numbers = [(k, v) for k, v in flat_numbers(data) if not isinstance(v, bool)]
            if numbers:
                cols = st.columns(4)
                for i, (name, value) in enumerate(numbers[:12]):
                    shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                    cols[i % 4].metric(md_plain(name), shown)
            with st.expander("metrics.json"):
                st.json(data)
    for png in pngs:
        st.image(str(png), caption=png.name)
    for md in mds:
        with st.expander(md.name, expanded=md == mds[0]):
            text = md.read_text(encoding="utf-8", errors="replace")
            st.markdown(text.replace("$", "\\$"))


def flat_numbers(data: Any, prefix: str = "") -> list[tuple[str, float | int]]:
    out: list[tuple[str, float | int]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            name = f"{prefix}{k}"
            if isinstance(v, int | float):
                out.append((name, v))
            elif isinstance(v, dict) and not prefix:
                out += flat_numbers(v, f"{name} · ")
    return out


def build_panel(path: Path, reason: str) -> None:
    """No usable index: say what to run, and offer to build it here."""
    st.error(md_plain(f"The index is not ready: {reason}"))
    st.markdown(
        "Build it from the repository folder with the command below (about a "
        "minute), then reload this page — or build it here."
    )
    st.code(
        "dsrqa build" if path == APP_DIR / "index" else f"dsrqa build --index {path}",
        language="bash",
    )
    if not st.button("Build the index now", type="primary", key="build"):
        return
    lock = build_lock()
    if not lock.acquire(blocking=False):
        st.warning("A build is already running on this server; reload the page when it ends.")
        return
    spans = {
        "clean": (0.0, 0.05),
        "export model": (0.05, 0.3),
        "embed": (0.3, 0.95),
        "write": (0.95, 1.0),
    }
    bar = st.progress(0.0, text="Starting the build…")

    def step(stage: str, done: int, total: int) -> None:
        lo, hi = spans.get(stage, (0.0, 1.0))
        frac = lo + (hi - lo) * (done / total if total else 1.0)
        bar.progress(min(max(frac, 0.0), 1.0), text=f"{stage}: {done}/{total}")

    from dsrqa.errors import DsrqaError
    from dsrqa.index import build_index

    try:
        build_index(path, progress=step)
    except DsrqaError as exc:
        st.error(md_plain(f"The build failed: {exc}"))
        return
    finally:
        lock.release()
    bar.progress(1.0, text="Built.")
    st.rerun()


STYLE = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.5rem}
.dsrqa-kicker{font-size:.75rem;letter-spacing:.06em;text-transform:uppercase;font-weight:600;
  color:#1d4ed8;margin-bottom:.25rem}
.st-key-answer_kicker p{font-size:.75rem;letter-spacing:.06em;text-transform:uppercase;
  font-weight:600;color:#1d4ed8;margin-bottom:0}
.st-key-answer_text p{font-size:1.05rem;line-height:1.65}
.st-key-answer_text .stMarkdownColoredBackground{background:rgba(250,204,21,.45)!important;
  padding:0 .15em;border-radius:3px}
.st-key-answer_meta p{font-size:.85rem;opacity:.8}
.dsrqa-meta{font-size:.85rem;opacity:.8;margin-top:.2rem}
.dsrqa-meta code{font-size:.8rem}
.dsrqa-passage-text{font-size:.95rem;line-height:1.55}
.dsrqa-abstain{font-size:1.1rem;font-weight:600;color:#b45309}
.dsrqa-doc-title{font-size:1.15rem;font-weight:600;margin-bottom:.5rem}
.dsrqa-doc-title .dsrqa-meta{font-weight:400}
.dsrqa-landing{background:rgba(250,204,21,.18);border-radius:6px;padding:.4rem .7rem;
  font-size:.9rem}
.dsrqa-section-title{font-size:1.35rem;font-weight:600;margin:1.2rem 0 .6rem}
.dsrqa-subsection{font-size:1rem;font-weight:600;margin:.8rem 0 .4rem;opacity:.85}
.dsrqa-unit{display:flex;gap:.6rem;margin:.2rem 0 .7rem;line-height:1.6}
.dsrqa-ln{flex:0 0 2.8rem;text-align:right;font-family:monospace;font-size:.75rem;
  opacity:.5;padding-top:.25rem}
.dsrqa-verdict{font-size:1.7rem;font-weight:700;line-height:1.3}
.dsrqa-verdict-verbatim{color:#15803d}
.dsrqa-verdict-close{color:#b45309}
.dsrqa-verdict-supported{color:#1d4ed8}
.dsrqa-verdict-not_found{color:#b91c1c}
.dsrqa-verdict-explain{font-size:1rem;margin:.2rem 0 .3rem}
del.dsrqa-del{color:#b91c1c;background:rgba(239,68,68,.12);text-decoration:line-through;
  padding:0 .15em;border-radius:3px}
ins.dsrqa-ins{color:#15803d;background:rgba(34,197,94,.16);text-decoration:none;
  font-weight:600;padding:0 .15em;border-radius:3px}
.dsrqa-target{background:rgba(250,204,21,.25);border-left:3px solid #f59e0b;
  padding:.3rem .5rem;border-radius:4px}
</style>"""


def main() -> None:
    st.set_page_config(
        page_title="dsrqa — ask the Digital Silk Road reports",
        page_icon=":material/travel_explore:",
        layout="wide",
    )
    st.html(STYLE)
    st.title("Ask the Digital Silk Road reports")
    st.caption(
        "Offline, extractive question answering over two reports. Every answer is a "
        "sentence quoted from a report, with its citation; nothing is generated."
    )
    path = index_dir()
    from dsrqa.errors import DsrqaError

    try:
        qa = load_qa(str(path))
    except DsrqaError as exc:
        build_panel(path, str(exc))
        return
    reports = qa.reports
    init_state([r["id"] for r in reports])
    ask, verify, read, evaluate = st.tabs(list(TABS), key="view", on_change="rerun")
    with ask:
        ask_tab(qa, reports)
    with verify:
        verify_tab(qa)
    with read:
        read_tab(qa, reports)
    with evaluate:
        evaluate_tab()


if __name__ == "__main__":
    main()
