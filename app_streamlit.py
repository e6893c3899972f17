"""Streamlit app for dsrqa: ask the two reports, read them, see the evaluation.

Run with ``make app`` or ``streamlit run app_streamlit.py``. The model and index load once
per server process (``st.cache_resource``). Every piece of report text and user input
is rendered as text: HTML output goes through ``esc`` (HTML-escaped, and ``$`` and
markdown punctuation turned into character references so nothing becomes LaTeX, a
link or markup); markdown output goes through ``md_plain`` (backslash-escaped).

Links: ``?q=QUESTION&report=ID`` answers a question on load and the URL follows the
questions asked; ``?verify=TEXT`` opens the Verify tab with that text checked (the URL
follows the texts verified); ``?doc=ID&line=N`` (or ``N-M``) opens the Read tab at those
lines of a report. Every parameter is checked by ``dsrqa.links.read_link``; a bad one is
left out with a notice on the page.

``make app`` starts the app through ``python -m dsrqa.serve``, which loads the model and
index before the server starts; ``load_qa`` takes them from there.

This file is layout only: what it shows is computed by the library (``dsrqa.reading``
for report text, raw lines, answer spans and diffs; ``dsrqa.export`` for the downloads;
``dsrqa.results`` for the Evaluate tab; ``dsrqa.paths`` for the folders).
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import streamlit as st

from dsrqa import export, links, reading, results
from dsrqa.calibration import CONFIDENCE_NOTE
from dsrqa.paths import DEFAULT_INDEX, eval_results_dir
from dsrqa.paths import index_dir as find_index_dir
from dsrqa.reading import Section

APP_DIR = Path(__file__).resolve().parent
STATIC_DOCUMENTS = "static/documents"  # PDFs of the collection, served by Streamlit
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
# verdict -> (plain explanation, heading over the report text shown under it); the
# verdict's label comes from the library (``export.verdict_label``), as in the exports
VERDICTS = {
    "verbatim": (
        "The reports say this word for word.",
        "Where the reports say it",
    ),
    "close": (
        "A word or two differ from the report. Below, the report's words that the text "
        "changes or leaves out are struck through in red; the text's own words are in green.",
        "The report's words, with the differences",
    ),
    "supported": (
        "The reports say the same thing in other words; the supporting sentences are below.",
        "Supporting sentences",
    ),
    "not_found": (
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
    """``$DSRQA_INDEX`` (or ``index``) beside this file, as the launcher opens it."""
    return find_index_dir(base=APP_DIR)


def eval_dir() -> Path:
    return eval_results_dir(base=APP_DIR)


# ------------------------------------------------------------------------ resources
def current_generation(path: str) -> str:
    """The generation the index folder's CURRENT names (a new one after an add)."""
    from dsrqa.generations import read_current

    return read_current(Path(path)) or ""


@st.cache_resource(show_spinner="Loading the model and index (once per server)…")
def load_qa(path: str, generation: str = "") -> Any:
    """The shared QA object of a generation; a failure is not cached, so a later build is
    picked up, and documents added from the page make a new generation, loaded anew.

    Under ``python -m dsrqa.serve`` (``make app``) it was loaded before the server
    started and is taken from the launcher's registry at once."""
    from dsrqa import QA

    try:
        from dsrqa.serve import preloaded
    except ImportError:  # an install without the launcher
        return QA.load(path)
    qa = preloaded(path)
    fresh = qa is not None and (not generation or qa.index.folder.name == generation)
    return qa if fresh else QA.load(path)


@st.cache_resource
def build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def report_sections(path: str, report_id: str, generation: str = "") -> tuple[Section, ...]:
    """A report's sections (the Read tab's contents), worked out once per server."""
    return reading.report_sections(load_qa(path, generation).index.document(report_id))


# -------------------------------------------------------------------------- state
def open_in_report(report_id: str, first: int, last: int) -> None:
    """Callback of "Open in report": select the report, section and lines, show Read."""
    st.session_state["read_report"] = report_id
    st.session_state["read_target"] = (report_id, first, last)
    st.session_state.pop("_landed", None)  # land again even on the same lines
    st.session_state["view"] = "Read"
    st.query_params["doc"] = report_id
    st.query_params["line"] = links.line_param(first, last)


def set_question(text: str) -> None:
    st.session_state["question"] = text


def init_state(qa: Any, ids: list[str]) -> None:
    """First run of a session: take the question, filter, text and target from the URL,
    each checked by ``dsrqa.links.read_link``; what it refuses is shown as notices."""
    if st.session_state.get("_started"):
        return
    st.session_state["_started"] = True
    link = links.read_link(
        st.query_params.to_dict(),
        ids,
        lambda report_id: links.line_count(qa.index.document(report_id).raw),
    )
    st.session_state["question"] = link.question
    st.session_state["report_filter"] = link.report or ALL
    st.session_state["_notices"] = link.notices
    if link.verify:
        st.session_state["verify_text"] = link.verify
        st.session_state["verified"] = link.verify
        st.session_state["view"] = "Verify"
    if link.doc and link.lines:
        open_in_report(link.doc, *link.lines)
    elif link.doc:  # the report, at its start
        st.session_state["read_report"] = link.doc
        st.session_state["view"] = "Read"


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
    body = "\n".join(
        f"{line.padded} {'›' if line.cited else ' '} {line.text}"
        for line in reading.numbered_lines(shown)
    )
    st.caption(md_plain(f"{shown.file}, lines {shown.first}-{shown.last}"))
    st.code(body, language=None, wrap_lines=True)


def lines_label(cit: Any) -> str:
    """``lines 12–14``, or ``p. 3, lines 12–14`` for a PDF."""
    if cit.page is not None and cit.page == cit.page_end:
        return f"p. {cit.page}, {reading.lines_label(cit.page_line_start, cit.page_line_end)}"
    if cit.page is not None:
        return f"pp. {cit.page}–{cit.page_end}"
    return reading.lines_label(cit.line_start, cit.line_end)


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
    cut = reading.answer_in_passage(answer, passage_text)
    span = f":orange-background[{md_plain(cut.span)}]" if cut.span else ""
    sentence = f"**{md_span(cut.lead)}{span}{md_span(cut.tail)}**"
    return f"{md_span(cut.before, 'gray')}{sentence}{md_span(cut.after, 'gray')}"


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
    passage = reading.answer_passage(result)
    with st.container(border=True, key="answer_card"):
        with st.container(key="answer_kicker"):
            st.markdown(
                md_plain(f"Answer · confidence {result.confidence:.0%}"), help=CONFIDENCE_NOTE
            )
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
            open_at_page(qa, cit, "answer")
            export_buttons(result)
        with st.expander("Surrounding lines in the raw report file"):
            raw_lines(qa, cit.report, cit.line_start, cit.line_end)


def export_buttons(result: Any) -> None:
    name = export.file_stem(result.question)
    st.download_button(
        "JSON",
        export.answer_json(result),
        f"{name}.json",
        "application/json",
        key="dl_json",
        icon=":material/download:",
    )
    st.download_button(
        "CSV",
        export.answer_csv(result),
        f"{name}.csv",
        "text/csv",
        key="dl_csv",
        icon=":material/download:",
    )
    st.download_button(
        "Evidence table (Markdown)",
        export.answer_markdown(result),
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
        open_at_page(qa, cit, key)
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
    else:
        answer_card(qa, result)
        st.subheader("Other top passages")
    passages = reading.other_passages(result)
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


def diff_html(diff: Any) -> str:
    """A word diff as HTML: the report's words struck through, the text's words inserted
    (the spaces between steps are the library's, ``reading.diff_words``)."""
    out = []
    for w in reading.diff_words(diff):
        if w.space_before:
            out.append(" ")
        if w.op == "same":
            out.append(esc(w.report or w.text))
        elif w.op == "changed":
            out.append(
                f'<del class="dsrqa-del">{esc(w.report)}</del> '
                f'<ins class="dsrqa-ins">{esc(w.text)}</ins>'
            )
        elif w.op == "dropped":
            out.append(f'<del class="dsrqa-del">{esc(w.report)}</del>')
        else:  # "added": only in the checked text
            out.append(f'<ins class="dsrqa-ins">{esc(w.text)}</ins>')
    return "".join(out)


DIFF_LEGEND = (
    '<del class="dsrqa-del">struck through</del>: the report\'s words that the text changes '
    'or leaves out · <ins class="dsrqa-ins">green</ins>: words only in the checked text'
)


def match_card(qa: Any, verdict: str, rank: int, match: Any) -> None:
    cit = match.citation
    with st.container(border=True, key=f"verify_match_{rank}"):
        html_block(f"<b>#{rank}</b> · {meta_html(cit, f'score {match.score:.2f}')}", "dsrqa-meta")
        if match.diff and verdict != "verbatim":
            html_block(diff_html(match.diff), "dsrqa-passage-text dsrqa-diff")
            html_block(DIFF_LEGEND, "dsrqa-meta")
        else:
            html_block(esc(match.quote), "dsrqa-passage-text")
        citation_actions(qa, cit, f"verify_open_{rank}")


def verify_export_buttons(ver: Any) -> None:
    name = export.file_stem(ver.text)
    st.download_button(
        "JSON",
        export.verification_json(ver),
        f"{name}-verify.json",
        "application/json",
        key="dl_verify_json",
        icon=":material/download:",
    )
    st.download_button(
        "Evidence row (Markdown)",
        export.verification_markdown(ver),
        f"{name}-verify.md",
        "text/markdown",
        key="dl_verify_md",
        icon=":material/download:",
    )


def show_verification(qa: Any, ver: Any) -> None:
    verdict = ver.verdict if ver.verdict in VERDICTS else "not_found"
    label = export.verdict_label(verdict)
    explanation, heading = VERDICTS[verdict]
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
            verify_export_buttons(ver)
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
    sections = report_sections(str(index_dir()), report_id, qa.index.folder.name)
    target = st.session_state.get("read_target")
    target = target if target and target[0] == report_id else None
    key = f"read_section_{report_id}"
    if target and st.session_state.get("_landed") != target:
        st.session_state["_landed"] = target
        st.session_state[key] = reading.section_at(sections, target[1])
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
                f"Cited {esc(reading.lines_label(target[1], target[2]))} are highlighted below.",
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


def section_html(sec: Section, target: tuple[str, int, int] | None) -> str:
    out = [f'<div class="dsrqa-section-title">{esc(sec.title)}</div>']
    sub = ""
    for p in sec.paras:
        if p.subsection and p.subsection != sub:
            out.append(f'<div class="dsrqa-subsection">{esc(p.subsection)}</div>')
        sub = p.subsection
        hit = target is not None and reading.is_cited(p, target[1], target[2])
        cls = "dsrqa-unit dsrqa-target" if hit else "dsrqa-unit"
        out.append(
            f'<div class="{cls}"><span class="dsrqa-ln">{p.first}</span>'
            f"<span>{esc(p.text)}</span></div>"
        )
    return "".join(out)


def evaluate_tab() -> None:
    folder = eval_dir()
    found = results.eval_files(folder)
    if found.empty:
        st.info(
            "`dsrqa eval` has not been run yet, so there are no evaluation results to "
            "show. Run it from the repository folder, then reload this page:"
        )
        st.code(
            "make eval\n# or\n.venv/bin/dsrqa eval --index index --out eval/results",
            language="bash",
        )
        return
    where = folder.relative_to(APP_DIR) if folder.is_relative_to(APP_DIR) else folder
    written = datetime.fromtimestamp(found.written)
    st.caption(md_plain(f"Latest results in {where}, written {written:%Y-%m-%d %H:%M}"))
    if found.has_metrics:
        metrics_panel(found.metrics)
    for png in found.plots:
        st.image(str(png), caption=png.name)
    for md in found.reports:
        with st.expander(md.name, expanded=md == found.reports[0]):
            text = md.read_text(encoding="utf-8", errors="replace")
            st.markdown(text.replace("$", "\\$"))


def metrics_panel(path: Path) -> None:
    """The headline numbers of metrics.json as metric tiles, and the whole file."""
    try:
        data = results.read_metrics(path)
    except (OSError, ValueError) as exc:
        st.warning(md_plain(f"Cannot read {path.name}: {exc}"))
        return
    numbers = results.headline_numbers(data)
    if numbers:
        cols = st.columns(4)
        for i, (name, value) in enumerate(numbers):
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            cols[i % 4].metric(md_plain(name), shown)
    with st.expander("metrics.json"):
        st.json(data)


ADD_TYPES = ["pdf", "html", "htm", "md", "markdown", "txt"]


def add_panel(path: Path) -> None:
    """Upload PDFs, web pages, Markdown or text files and add them to the collection: the
    index is updated in place (only new text is embedded) and the page reloads on it."""
    st.subheader("Add documents")
    for line in st.session_state.pop("_added", ()):
        st.success(md_plain(line), icon=":material/library_add:")
    files = st.file_uploader(
        "PDF, web page (HTML), Markdown or text",
        type=ADD_TYPES,
        accept_multiple_files=True,
        key=f"upload_{st.session_state.get('_uploads', 0)}",
        help="Each file is kept byte for byte in the collection; answers cite its pages "
        "(PDF), paragraphs (HTML) or lines.",
    )
    title = date = ""
    if files and len(files) == 1:
        title = st.text_input("Title (blank: the document's own)", key="add_title")
        date = st.text_input("Date, YYYY-MM-DD (blank: the document's own)", key="add_date")
    if not st.button("Add to the collection", key="add_docs", disabled=not files, type="primary"):
        return
    lock = build_lock()
    if not lock.acquire(blocking=False):
        st.warning("The index is being updated; try again when it is done.")
        return
    import tempfile

    from dsrqa.collection import Metadata, add_documents
    from dsrqa.errors import DsrqaError
    from dsrqa.index import default_corpus_dir

    bar = st.progress(0.0, text="Reading the documents…")

    def step(stage: str, done: int, total: int) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{stage}: {done}/{total}")

    try:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for upload in files or []:
                target = Path(tmp) / Path(upload.name).name
                target.write_bytes(upload.getvalue())
                paths.append(target)
            meta = Metadata(title=title.strip() or None, date=date.strip() or None)
            change = add_documents(paths, default_corpus_dir(), path, meta=meta, progress=step)
    except DsrqaError as exc:
        bar.empty()
        st.error(md_plain(str(exc)))
        return
    finally:
        lock.release()
    st.session_state["_added"] = [
        f"Added {d.title} ({d.kind}{f', {d.pages} pages' if d.pages else ''}) as {d.id}."
        for d in change.added
    ]
    st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1
    st.rerun()


@st.dialog("PDF page", width="large")
def pdf_page(qa: Any, cit: Any) -> None:
    """The cited page of a PDF as the reader sees it, a link opening the PDF itself at that
    page in the browser's viewer, and the file to download."""
    from dsrqa.extract.pdf import render_page

    report = qa.index.catalog.get(cit.report)
    st.markdown(md_plain(f"{cit.title}, page {cit.page} (cited: {lines_label(cit)})"))
    st.image(render_page(report.path, cit.page), width="stretch")
    served = served_pdf(report)
    if served:
        st.markdown(f"[Open the PDF at page {cit.page}]({served}#page={cit.page})")
    st.download_button(
        "Download the PDF",
        report.path.read_bytes(),
        file_name=Path(report.file).name,
        mime="application/pdf",
        key="pdf_download",
    )


def served_pdf(report: Any) -> str | None:
    """The URL at which the app serves this PDF (Streamlit's static files, ``static/``
    beside the app: a link to the collection's own copy, named by its hash), or None
    if static serving is off or the folder cannot be written."""
    import os
    import shutil

    if not st.get_option("server.enableStaticServing"):
        return None
    name = f"{report.sha256[:20]}.pdf"
    target = APP_DIR / STATIC_DOCUMENTS / name
    if not target.is_file():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{name}.{os.getpid()}")
            try:
                os.link(report.path, tmp)
            except OSError:
                shutil.copyfile(report.path, tmp)
            os.replace(tmp, target)
        except OSError:
            logging.getLogger(__name__).warning("cannot serve %s from %s", report.path, target)
            return None
    return f"app/{STATIC_DOCUMENTS}/{name}"


def open_at_page(qa: Any, cit: Any, key: str) -> None:
    """For a PDF citation: a button showing the cited page."""
    if cit.page is not None and st.button(
        f"Open PDF at page {cit.page}", key=f"page_{key}", icon=":material/picture_as_pdf:"
    ):
        pdf_page(qa, cit)


def build_panel(path: Path, reason: str) -> None:
    """No usable index: say what to run, and offer to build it here."""
    st.error(md_plain(f"The index is not ready: {reason}"))
    st.markdown(
        "Build it from the repository folder with the command below (about a "
        "minute), then reload this page — or build it here."
    )
    st.code(
        "dsrqa build" if path == APP_DIR / DEFAULT_INDEX else f"dsrqa build --index {path}",
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

    from dsrqa.build import build_index
    from dsrqa.errors import DsrqaError

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
        "Offline, extractive question answering over two reports and the documents you "
        "add. Every answer is a sentence quoted from a document, with its citation; nothing "
        "is generated."
    )
    path = index_dir()
    from dsrqa.errors import DsrqaError

    try:
        qa = load_qa(str(path), current_generation(str(path)))
    except DsrqaError as exc:
        build_panel(path, str(exc))
        return
    reports = qa.reports
    init_state(qa, [r["id"] for r in reports])
    with st.sidebar:
        add_panel(path)
    for notice in st.session_state.pop("_notices", ()):  # what the link asked that was refused
        st.warning(md_plain(notice), icon=":material/link_off:")
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
