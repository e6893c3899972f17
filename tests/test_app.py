"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``: what the
page shows. What it shows is computed by the library and tested there (test_export,
test_reading, test_results, test_paths); the launcher is tested in test_serve.

Tests marked ``integration`` use the session's freshly built index and compare the page
with what ``qa.ask`` returns, so they hold whatever the library answers. The others use
an empty index folder or a fake QA object (tests/fakes.py).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dsrqa.links import line_param

from .fakes import AMOUNT, EVIL, FakeQA, cit

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app_streamlit.py"
TIMEOUT = 60

QUESTION = "When did Alibaba announce its e-commerce hub in Malaysia?"
ABSTAIN_CANDIDATES = ("What is Kenya's population?", "Who won the 2018 World Cup?")
VERBATIM = "The 2000s and 2010s marked a period of rapid growth for both tech giants"
KENYA = "Huawei has signed a $175 million smart cities and data center contract with Kenya"
CLOSE = KENYA.replace("$175", "$180")  # one number changed
UNSAID = "The moon is made of green cheese and orbits Jupiter"
VERDICT_LABELS = {
    "verbatim": "Verbatim",
    "close": "Close",
    "supported": "Supported",
    "not_found": "Not found",
}


# ------------------------------------------------------------------------- helpers
@pytest.fixture(scope="module")
def real_qa(qa: Any) -> Any:
    """The real QA over the session's freshly built index (the app caches its own)."""
    return qa


@pytest.fixture
def real_index(monkeypatch: pytest.MonkeyPatch, real_qa: Any, built_index: Path) -> Path:
    monkeypatch.setenv("DSRQA_INDEX", str(built_index))
    return built_index


def use_fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake: FakeQA) -> FakeQA:
    """The app loads ``fake`` instead of an index (a fresh cache key: ``tmp_path``)."""
    from dsrqa.qa import QA

    monkeypatch.setattr(QA, "load", classmethod(lambda cls, *a, **k: fake))
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path))
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", str(tmp_path / "none"))
    return fake


def new_app(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key="question").input(question).run()
    assert not at.exception, at.exception
    return at


def bodies(at: AppTest) -> list[str]:
    """Everything rendered as markdown/HTML or alert text."""
    out = [m.value for m in at.markdown]
    for kind in ("caption", "info", "warning", "error", "success", "subheader"):
        out += [e.value for e in at.get(kind)]
    return out


def html_bodies(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def esc(text: str) -> str:
    """What the app's HTML escaping produces (checked in test_escaping_on_the_page)."""
    table = {ord(c): f"&#{ord(c)};" for c in "&<>\"'$[]*_`\\~|#:!{}"}
    table[ord("\n")] = "<br>"
    table[ord("\r")] = ""
    return text.translate(table)


def verify(at: AppTest, text: str) -> AppTest:
    at.text_area(key="verify_text").input(text)
    at.button(key="verify_button").click().run()
    assert not at.exception, at.exception
    return at


def unescape_md(text: str) -> str:
    """What a reader sees of an alert or caption the app escaped with ``md_plain``."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def md(text: str) -> str:
    """What the app's markdown escaping produces (checked in test_escaping_on_the_page)."""
    text = re.sub(
        r"(?<=[-<>~=])(?=[-<>=])|(?<=:/)(?=/)|(?<=www)(?=\.)|(?<=@)(?=[\w-]+\.\w)|(?<=:)(?=streamlit:)",
        "\u2060",
        text,
        flags=re.I,
    )
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


def check_verification(at: AppTest, ver: Any) -> None:
    """The Verify tab shows ``ver``: verdict, mismatches, and each match with its citation."""
    assert not at.exception, at.exception
    page = html_bodies(at)
    label = VERDICT_LABELS[ver.verdict]
    assert f'<span class="dsrqa-verdict dsrqa-verdict-{ver.verdict}">{label}</span>' in page
    assert f"Checked: “{esc(ver.text)}”" in page and f"Why: {esc(ver.reason)}." in page
    warnings = [unescape_md(w.value) for w in at.warning]
    for m in ver.mismatches:
        assert f"Mismatch: {m.message}" in warnings
    codes = [c.value for c in at.code]
    for match in ver.matches:
        assert esc(match.citation.section) in page
        rows = [c for c in codes if f"{match.citation.file}:{match.citation.line_start}" in c]
        assert rows, (match.citation.file, match.citation.line_start, codes)
        if match.diff and ver.verdict != "verbatim":
            for op in match.diff:
                if op.op == "changed":
                    assert (
                        f'<del class="dsrqa-del">{esc(op.report)}</del> '
                        f'<ins class="dsrqa-ins">{esc(op.text)}</ins>'
                    ) in page
        else:
            assert esc(match.quote) in page
    assert [b.label for b in at.get("download_button") if "verify" in (b.key or "")] == [
        "JSON",
        "Evidence row (Markdown)",
    ]
    assert at.query_params["verify"] == ver.text


def check_page(at: AppTest, result: Any) -> None:
    """The page shows ``result``: the answer card, or the abstention and closest passages."""
    assert not at.exception, at.exception
    page = html_bodies(at)
    codes = [c.value for c in at.code]
    subheaders = [s.value for s in at.subheader]
    if result.abstained:
        assert "The reports do not answer this question." in page
        assert "Closest passages (the reports do not answer this)" in subheaders
        assert "Answer · confidence" not in page
        for p in result.passages:
            assert esc(p.text) in page
    else:
        a = result.answer
        assert "The reports do not answer this question." not in page
        assert md(f"Answer · confidence {result.confidence:.0%}") in page
        assert f":orange-background[{md(a.span)}]" in page
        assert md(a.text[a.span_end :]) in page
        assert a.citation.label() in codes
        assert md(a.citation.short_title) in page and md(a.citation.section) in page
        assert "Other top passages" in subheaders
        for p in result.passages:
            if p.id != a.passage_id:
                assert esc(p.text) in page
                assert f"score {p.score:.4f}" in page
                assert p.citation.label() in codes


# ------------------------------------------------------------------------ ask flows
@pytest.mark.integration
def test_ask_shows_answer_span_citation_and_passages(real_index: Path, real_qa: Any) -> None:
    at = new_app().run()
    assert not at.exception
    assert any("Type a question and press Enter" in i.value for i in at.info)
    ask(at, QUESTION)
    result = real_qa.ask(QUESTION)
    check_page(at, result)
    assert at.query_params["q"] == QUESTION
    assert "report" not in at.query_params
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["JSON", "CSV", "Evidence table (Markdown)"]
    assert any(e.label == "Surrounding lines in the raw report file" for e in at.expander)


@pytest.mark.integration
def test_surrounding_raw_lines(real_index: Path, real_qa: Any) -> None:
    at = ask(new_app().run(), QUESTION)
    result = real_qa.ask(QUESTION)
    cit = (result.answer or result.passages[0]).citation
    shown = real_qa.show(cit.report, cit.line_start, context=3, last=cit.line_end)
    code = "\n".join(c.value for c in at.code)
    for n, line in enumerate(shown.lines, start=shown.first):
        mark = "›" if cit.line_start <= n <= cit.line_end else " "
        assert f"{n:>{len(str(shown.last))}} {mark} {line}" in code


@pytest.mark.integration
def test_report_filter(real_index: Path, real_qa: Any) -> None:
    report = real_qa.reports[1]
    at = new_app().run()
    at.selectbox(key="report_filter").select(report["id"]).run()
    ask(at, QUESTION)
    result = real_qa.ask(QUESTION, report=report["id"])
    check_page(at, result)
    assert {p.report for p in result.passages} == {report["id"]}
    metas = [m.value for m in at.markdown if 'class="dsrqa-meta"' in m.value and "score" in m.value]
    assert metas and all(esc(report["short_title"]) in m for m in metas)
    assert at.query_params["report"] == report["id"]
    at.selectbox(key="report_filter").select("__all__").run()
    assert "report" not in at.query_params
    check_page(at, real_qa.ask(QUESTION))


@pytest.mark.integration
@pytest.mark.parametrize("question", ABSTAIN_CANDIDATES)
def test_abstain_matches_library(real_index: Path, real_qa: Any, question: str) -> None:
    at = ask(new_app().run(), question)
    result = real_qa.ask(question)
    check_page(at, result)
    page = html_bodies(at)
    if result.abstained:
        assert f"Why: {esc(result.reason)}." in page


@pytest.mark.integration
def test_query_parameter_link(real_index: Path, real_qa: Any) -> None:
    report = real_qa.reports[0]["id"]
    at = new_app(q=QUESTION, report=report).run()
    assert not at.exception
    assert at.text_input(key="question").value == QUESTION
    assert at.selectbox(key="report_filter").value == report
    check_page(at, real_qa.ask(QUESTION, report=report))
    # asking again updates the link
    other = ABSTAIN_CANDIDATES[0]
    ask(at, other)
    assert at.query_params["q"] == other
    assert at.query_params["report"] == report


@pytest.mark.integration
def test_unknown_report_in_link_falls_back_to_all(real_index: Path, real_qa: Any) -> None:
    at = new_app(q=QUESTION, report="<b>$nope$</b>").run()
    assert not at.exception
    assert at.selectbox(key="report_filter").value == "__all__"
    warning = " ".join(w.value for w in at.warning)
    assert "Unknown report" in warning and "\\<b\\>\\$nope\\$" in warning
    check_page(at, real_qa.ask(QUESTION))


@pytest.mark.integration
def test_example_button_asks(real_index: Path, real_qa: Any) -> None:
    at = new_app().run()
    question = at.button(key="example_0").label
    at.button(key="example_0").click().run()
    assert at.text_input(key="question").value == question
    check_page(at, real_qa.ask(question))


@pytest.mark.integration
@pytest.mark.parametrize(
    "question, message",
    [
        ("   ", "the question is empty"),
        ("x" * 100_000, "100000 characters"),
    ],
)
def test_bad_input_shows_message(real_index: Path, question: str, message: str) -> None:
    at = new_app(q="earlier question").run()
    ask(at, question)
    errors = " ".join(e.value for e in at.error)
    assert "Cannot ask this" in errors and message in errors
    assert "q" not in at.query_params
    assert "Answer · confidence" not in html_bodies(at)


@pytest.mark.integration
def test_cleared_question_shows_prompt(real_index: Path) -> None:
    at = new_app(q=QUESTION).run()
    ask(at, "")
    assert any("Type a question" in i.value for i in at.info)
    assert not at.error
    assert "q" not in at.query_params


# ------------------------------------------------------------------- tabs and reading
@pytest.mark.integration
def test_tabs_present(real_index: Path) -> None:
    at = new_app().run()
    assert [t.label for t in at.tabs] == ["Ask", "Verify", "Read", "Evaluate"]
    assert at.text_input(key="question").label == "Ask a question about the reports"


@pytest.mark.integration
def test_read_tab_table_of_contents(real_index: Path, real_qa: Any) -> None:
    at = new_app().run()
    report = real_qa.reports[0]["id"]
    doc = real_qa.index.document(report)
    sections = list(dict.fromkeys(u.section for u in doc.units))
    toc = at.radio(key=f"read_section_{report}")
    assert len(toc.options) == len(sections) + 1 and toc.options[-1] == "Whole report"
    page = html_bodies(at)
    first = [u for u in doc.units if u.section == sections[0]]
    assert all(esc(u.text) in page for u in first)
    toc.set_value(-1).run()
    page = html_bodies(at)
    assert all(f'<div class="dsrqa-section-title">{esc(s)}</div>' in page for s in sections)
    other = real_qa.reports[1]["id"]
    at.selectbox(key="read_report").select(other).run()
    assert not at.exception
    assert at.radio(key=f"read_section_{other}").value == 0


@pytest.mark.integration
def test_open_in_report_lands_on_the_cited_lines(real_index: Path, real_qa: Any) -> None:
    at = ask(new_app().run(), QUESTION)
    result = real_qa.ask(QUESTION)
    cit = (result.answer or result.passages[0]).citation
    key = "open_answer" if result.answer else "open_1"
    at.button(key=key).click().run()
    assert not at.exception
    assert at.session_state["view"] == "Read"
    assert at.selectbox(key="read_report").value == cit.report
    assert at.query_params["doc"] == cit.report
    assert at.query_params["line"] == line_param(cit.line_start, cit.line_end)
    doc = real_qa.index.document(cit.report)
    sections = list(dict.fromkeys(u.section for u in doc.units))
    section = next(
        u.section
        for u in doc.units
        if doc.line_of(u.offsets[0]) <= cit.line_start <= doc.line_of(u.offsets[-1])
    )
    assert at.radio(key=f"read_section_{cit.report}").value == sections.index(section)
    page = html_bodies(at)
    assert "dsrqa-target" in page and "are highlighted below" in page
    target = re.search(r'<div class="dsrqa-unit dsrqa-target"><span class="dsrqa-ln">(\d+)', page)
    assert target and int(target.group(1)) <= cit.line_end
    # the question is still answered on the Ask tab
    assert at.text_input(key="question").value == QUESTION


@pytest.mark.integration
def test_doc_line_link_opens_read_tab(real_index: Path, real_qa: Any) -> None:
    report = real_qa.reports[0]["id"]
    at = new_app(doc=report, line="113").run()
    assert not at.exception
    assert at.session_state["view"] == "Read"
    assert "line 113 are highlighted below" in html_bodies(at)


# ---------------------------------------------------------------------------- verify
@pytest.mark.integration
def test_verify_verbatim_quote(real_index: Path, real_qa: Any) -> None:
    at = new_app().run()
    assert any("Paste a sentence and press Verify" in i.value for i in at.info)
    verify(at, VERBATIM)
    ver = real_qa.verify(VERBATIM)
    assert ver.verdict == "verbatim", ver
    check_verification(at, ver)
    page = html_bodies(at)
    assert "The reports say this word for word." in page
    assert "Where the reports say it" in [s.value for s in at.subheader]
    assert not at.warning  # no mismatch
    # the citation names the report by its short title and date, as the Ask tab does
    report = real_qa.index.catalog.get(ver.matches[0].citation.report)
    assert esc(report.short_title) in page and esc(report.date) in page


@pytest.mark.integration
def test_verify_close_quote_shows_diff_and_mismatch(real_index: Path, real_qa: Any) -> None:
    at = verify(new_app().run(), CLOSE)
    ver = real_qa.verify(CLOSE)
    assert ver.verdict == "close" and ver.mismatches, ver
    check_verification(at, ver)
    page = html_bodies(at)
    assert '<del class="dsrqa-del">175</del> <ins class="dsrqa-ins">180</ins>' in page
    assert "struck through" in page
    warnings = " ".join(unescape_md(w.value) for w in at.warning)
    assert "text says $180 million; the report says $175 million" in warnings
    assert "$" not in page  # amounts never become LaTeX


@pytest.mark.integration
def test_verify_not_found_shows_the_label_and_closest(real_index: Path, real_qa: Any) -> None:
    at = verify(new_app().run(), UNSAID)
    ver = real_qa.verify(UNSAID)
    assert ver.verdict == "not_found", ver
    check_verification(at, ver)
    assert "The reports do not say this." in html_bodies(at)
    assert "Closest sentences (the reports do not say this)" in [s.value for s in at.subheader]


@pytest.mark.integration
@pytest.mark.parametrize(
    "text, message",
    [("   ", "the text to verify is empty"), ("x " * 3000, "at most 5000 are accepted")],
)
def test_verify_bad_input_shows_message(real_index: Path, text: str, message: str) -> None:
    at = new_app(verify=VERBATIM).run()
    assert at.query_params["verify"] == VERBATIM
    verify(at, text)
    errors = " ".join(unescape_md(e.value) for e in at.error)
    assert "Cannot verify this" in errors and message in errors
    assert "verify" not in at.query_params
    assert "dsrqa-verdict" not in html_bodies(at)


@pytest.mark.integration
def test_verify_link_opens_the_result(real_index: Path, real_qa: Any) -> None:
    at = new_app(verify=CLOSE).run()
    assert at.session_state["view"] == "Verify"
    assert at.text_area(key="verify_text").value == CLOSE
    check_verification(at, real_qa.verify(CLOSE))
    # a new text updates the link; the Ask link keeps working beside it
    verify(at, VERBATIM)
    assert at.query_params["verify"] == VERBATIM
    at.text_input(key="question").input(QUESTION).run()
    assert at.query_params["q"] == QUESTION and at.query_params["verify"] == VERBATIM
    check_page(at, real_qa.ask(QUESTION))


@pytest.mark.integration
def test_verify_example_button(real_index: Path, real_qa: Any) -> None:
    at = new_app().run()
    text = unescape_md(at.button(key="verify_example_1").label)
    at.button(key="verify_example_1").click().run()
    assert at.text_area(key="verify_text").value == text
    check_verification(at, real_qa.verify(text))


@pytest.mark.integration
def test_verify_dollar_amount_shows_literally(real_index: Path, real_qa: Any) -> None:
    at = verify(new_app().run(), KENYA)
    ver = real_qa.verify(KENYA)
    check_verification(at, ver)
    page = html_bodies(at)
    assert "$" not in page  # no bare $: it would start LaTeX
    assert "&#36;175 million smart cities" in page
    assert any("$175 million" in c.value for c in at.code)  # the raw lines, as in the file
    assert at.text_area(key="verify_text").value == KENYA


@pytest.mark.integration
def test_verify_open_in_report_lands_on_the_lines(real_index: Path, real_qa: Any) -> None:
    at = verify(new_app().run(), VERBATIM)
    match = real_qa.verify(VERBATIM).matches[0]
    at.button(key="verify_open_1").click().run()
    assert not at.exception
    assert at.session_state["view"] == "Read"
    assert at.selectbox(key="read_report").value == match.citation.report
    assert at.query_params["doc"] == match.citation.report
    assert at.query_params["line"] == line_param(match.citation.line_start, match.citation.line_end)
    assert at.query_params["verify"] == VERBATIM
    page = html_bodies(at)
    target = re.search(r'<div class="dsrqa-unit dsrqa-target"><span class="dsrqa-ln">(\d+)', page)
    assert target and int(target.group(1)) <= match.citation.line_end


# -------------------------------------------------------------------------- evaluate
@pytest.mark.integration
def test_evaluate_tab_without_results(
    real_index: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", str(tmp_path / "none"))
    at = new_app().run()
    assert any("`dsrqa eval` has not been run yet" in i.value for i in at.info)
    assert any("dsrqa eval --index index --out eval/results" in c.value for c in at.code)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.integration
def test_evaluate_tab_shows_results(
    real_index: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "metrics.json").write_text(
        json.dumps(
            {"recall@5": 0.91, "mrr": 0.8, "abstain": {"precision": 0.75, "n": 12}, "model": "x"}
        )
    )
    (tmp_path / "report.md").write_text(
        "# Evaluation\n\nA question about $172.5 million and $175 million.\n"
    )
    (tmp_path / "recall.png").write_bytes(tiny_png())
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", str(tmp_path))
    at = new_app().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["recall\\@5"] == "0.910" and metrics["abstain · n"] == "12"
    assert any("\\$172.5 million and \\$175 million" in m.value for m in at.markdown)
    assert [img.captions for img in at.image] == [["recall.png"]]


# ---------------------------------------------------------------------- start-up
def test_missing_index_says_what_to_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path))
    at = new_app(q=QUESTION).run()
    assert not at.exception
    assert "The index is not ready" in " ".join(e.value for e in at.error)
    assert any(c.value.startswith("dsrqa build") for c in at.code)
    assert any("dsrqa build" in m.value or "Build it" in m.value for m in at.markdown)
    assert at.button(key="build").label == "Build the index now"
    assert not at.tabs


def test_build_button_reports_progress(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import dsrqa.build

    calls: list[tuple[str, int, int]] = []

    def fake_build(
        index_dir: Path, config: Any = None, corpus_dir: Any = None, progress: Any = None
    ) -> dict:
        assert Path(index_dir) == tmp_path
        for step in [
            ("clean", 0, 1),
            ("clean", 1, 1),
            ("export model", 1, 1),
            ("embed", 64, 128),
            ("embed", 128, 128),
            ("write", 1, 1),
        ]:
            progress(*step)
            calls.append(step)
        return {}

    monkeypatch.setattr(dsrqa.build, "build_index", fake_build)
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path))
    at = new_app().run()
    at.button(key="build").click().run()
    assert not at.exception
    assert len(calls) == 6
    # the fake wrote nothing: after the rerun the page still says what to run
    assert at.button(key="build")


def test_build_failure_is_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import dsrqa.build
    from dsrqa.errors import DsrqaError

    def failing_build(*args: Any, **kwargs: Any) -> dict:
        raise DsrqaError("cannot create index folder: disk full")

    monkeypatch.setattr(dsrqa.build, "build_index", failing_build)
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path))
    at = new_app().run()
    at.button(key="build").click().run()
    assert not at.exception
    assert any("The build failed" in e.value and "disk full" in e.value for e in at.error)


# ------------------------------------------------------------------------- safety
@pytest.mark.parametrize("abstained", [False, True])
def test_report_text_and_input_are_never_markup(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, abstained: bool
) -> None:
    use_fake(monkeypatch, tmp_path, FakeQA(abstained))
    at = new_app(q=EVIL, doc="evil", line="1").run()
    assert not at.exception, at.exception
    assert at.text_input(key="question").value == EVIL

    page = html_bodies(at)
    rendered = "\n".join(bodies(at))
    # HTML entities in HTML blocks, backslashes in markdown: no tag is ever live
    assert not re.search(r"(?<!\\)<(script|img)", rendered) and "Evil <b>" not in rendered
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in page
    assert "&#60;img src=x onerror=alert(1)&#62;" in page
    assert "&#91;link&#93;(http&#58;//x)" in page and "[link]" not in page
    assert "&#38;amp;" in page and "&amp;" not in page
    assert ":red[" not in page and "*bold*" not in page
    # amounts are never LaTeX: every $ is a character reference (HTML) or escaped (markdown)
    assert not re.search(r"(?<!\\)\$", page)
    assert "&#36;172.5 million" in page and "&#36;175 million" in page
    if abstained:
        assert "The reports do not answer this question." in page
        assert f"Why: the reports say nothing of {esc(EVIL)} here." in page
    else:
        assert ":orange-background[\\$172\\.5 million]" in page
        assert md(EVIL) in page
    # citations are copied from code blocks: plain text, amounts exactly as in the report
    assert any(AMOUNT in c.value and "<script>" in c.value for c in at.code)
    # markdown labels (table of contents, alerts, captions) escape every special character
    labels = [
        *at.radio(key="read_section_evil").options,
        *(e.value for kind in ("caption", "warning", "error") for e in at.get(kind)),
    ]
    for label in labels:
        assert not re.search(r"(?<!\\)[<$\[`*]", label), label
    # the Read tab landed on the cited line, highlighted
    assert at.session_state["view"] == "Read"
    assert '<div class="dsrqa-unit dsrqa-target"><span class="dsrqa-ln">1</span>' in page


def test_verification_text_is_never_markup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_fake(monkeypatch, tmp_path, FakeQA(abstained=False))
    at = new_app(verify=EVIL).run()
    assert not at.exception, at.exception
    assert at.session_state["view"] == "Verify"
    assert at.text_area(key="verify_text").value == EVIL
    page = html_bodies(at)
    assert "<script" not in page and "<img" not in page and "Evil <b>" not in page
    assert "<b>$180" not in page and "<i>" not in page
    assert "$" not in page and "[link]" not in page and "*gone*" not in page
    assert '<del class="dsrqa-del">&#60;i&#62;&#36;175&#60;/i&#62;</del>' in page
    assert '<ins class="dsrqa-ins">&#60;b&#62;&#36;180&#60;/b&#62;</ins>' in page
    assert '<ins class="dsrqa-ins">&#91;x&#93;(http&#58;//y)</ins>' in page
    assert '<del class="dsrqa-del">&#42;gone&#42; &#96;tick&#96;</del>' in page
    assert f"Checked: “{esc(EVIL)}”" in page and f"Why: because {esc(EVIL)}." in page
    labels = [e.value for kind in ("caption", "warning", "error") for e in at.get(kind)]
    assert any("Mismatch" in w for w in labels)
    for label in labels:
        assert not re.search(r"(?<!\\)[<$\[`*|]", label), label
    assert any(AMOUNT in c.value and "<script>" in c.value for c in at.code)


# ---------------------------------------------------- escaping, spans and diffs on the page
WJ = "\u2060"  # the invisible word joiner markdown escaping puts inside -> -- http:// ...


def test_escaping_on_the_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Markdown escapes every punctuation mark and keeps apart the sequences Streamlit's
    markdown acts on even when escaped; HTML blocks show a newline as a line break."""
    tricky = "a->b -- http://x www.y z@w.org :streamlit: r@5"
    use_fake(monkeypatch, tmp_path, FakeQA(abstained=False))
    at = new_app(q="anything", report=tricky).run()
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.warning]
    assert (
        f"a\\-{WJ}\\>b \\-{WJ}\\- http\\:\\/{WJ}\\/x www{WJ}\\.y z\\@{WJ}w\\.org "
        f"\\:{WJ}streamlit\\: r\\@5"
    ) in warning
    notice = f"Unknown report {tricky!r} in the link; showing all reports (known: evil)."
    assert warning == md(notice)
    assert f"Before. {esc(EVIL)}<br>Row two 2" in html_bodies(at)  # a passage's two lines


def answered(passage_id: str) -> Any:
    """A result whose answer sentence sits in passage ``p1`` (``p9``: in none shown)."""
    from dsrqa.answer import Answer, PassageResult, Result

    sentence = "It cost $5 in 2019."
    passages = (
        PassageResult(1, "p1", f"Before. {sentence} After.", 0.5, 0.1, 0.2, cit(sentence)),
        PassageResult(2, "p2", "Line one\r\nline two", 0.4, 0.1, 0.2, cit("Line one")),
    )
    answer = Answer(sentence, 8, 10, 1, passage_id, 0.9, cit(sentence))
    return Result("q", False, answer, passages, confidence=0.9, reason="ok")


@pytest.mark.parametrize(
    ("passage_id", "card"),
    [
        ("p1", ":gray[Before\\.] **It cost :orange-background[\\$5] in 2019\\.** :gray[After\\.]"),
        ("p9", "**It cost :orange-background[\\$5] in 2019\\.**"),
    ],
)
def test_answer_card_marks_the_span_inside_its_passage(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, passage_id: str, card: str
) -> None:
    """The answer in bold, its span highlighted, its passage around it in gray, spaces
    outside the styles; only the sentence when its passage is not among those shown."""
    use_fake(monkeypatch, tmp_path, FakeQA(False, result=answered(passage_id)))
    at = new_app(q="q").run()
    assert not at.exception, at.exception
    assert card in [m.value for m in at.markdown]
    assert "Line one<br>line two" in html_bodies(at)  # \r\n: one line break


def test_diff_spacing_on_the_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No space after ``$`` or before ``%``; the report's word struck, the text's inserted."""
    from dsrqa.verify import DiffOp, Match, Verification

    diff = (
        DiffOp("same", "paid $", "paid $"),
        DiffOp("changed", "180", "175"),
        DiffOp("same", "million, or 5", "million, or 5"),
        DiffOp("added", "%", ""),
    )
    match = Match(cit("paid $175 million, or 5"), 0.9, diff)
    ver = Verification("paid $180 million, or 5%", "close", (match,), (), "a figure differs")
    use_fake(monkeypatch, tmp_path, FakeQA(False, verification=ver))
    at = new_app(verify=ver.text).run()
    assert not at.exception, at.exception
    assert (
        'paid &#36;<del class="dsrqa-del">175</del> <ins class="dsrqa-ins">180</ins> '
        'million, or 5<ins class="dsrqa-ins">%</ins>'
    ) in html_bodies(at)


# --------------------------------------------------------------------- launcher
def test_app_takes_the_launchers_preloaded_qa(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dsrqa import serve
    from dsrqa.qa import QA

    def no_load(cls: Any, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("QA.load called although the launcher loaded the index")

    monkeypatch.setattr(serve, "REGISTRY", {})
    monkeypatch.setattr(QA, "load", classmethod(no_load))
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path))
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", str(tmp_path / "none"))
    serve.register(tmp_path / "." / "", FakeQA(abstained=False))
    assert serve.preloaded(str(tmp_path)) is not None
    at = new_app(q="anything").run()
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs] == ["Ask", "Verify", "Read", "Evaluate"]
    assert ":orange-background[" in html_bodies(at)


# ------------------------------------------------------------------ link parameters
# Every parameter the page reads is checked by the library (dsrqa.links.read_link, with
# its hypothesis test); these check that the page shows its verdict and never a traceback.
@pytest.mark.parametrize(
    ("query", "lines", "notice"),
    [
        ({"doc": "evil", "line": "²"}, None, "digits 0-9"),
        ({"doc": "evil", "line": "１"}, None, "digits 0-9"),
        ({"doc": "evil", "line": "0"}, None, "lines 1-4"),
        ({"doc": "evil", "line": "99999999999999999999"}, None, "lines 1-4"),
        ({"doc": "evil", "line": "x"}, None, "not a line number"),
        ({"doc": "evil", "line": "3-1"}, None, "end before they start"),
        ({"doc": "evil", "line": "3"}, (3, 3), None),
        ({"doc": "evil", "line": "1–3"}, (1, 3), None),
        ({"doc": "evil"}, None, None),
        ({"doc": "<b>nope</b>", "line": "1"}, "no doc", "Unknown report"),
        ({"line": "2"}, "no doc", "no report"),
        ({"question": "What?"}, "no doc", "question"),
    ],
)
def test_link_parameters_are_checked_with_a_message_never_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    query: dict[str, str],
    lines: Any,
    notice: str | None,
) -> None:
    use_fake(monkeypatch, tmp_path, FakeQA(abstained=False))
    at = new_app(**query).run()
    assert not at.exception, at.exception
    warnings = " ".join(unescape_md(w.value) for w in at.warning)
    if notice is None:
        assert not warnings
    else:
        assert notice in warnings, warnings
    if lines == "no doc":
        assert "read_target" not in at.session_state
        return
    assert at.session_state["view"] == "Read"
    assert at.selectbox(key="read_report").value == "evil"
    # AppTest's session state has no .get
    target = at.session_state["read_target"] if "read_target" in at.session_state else None  # noqa: SIM401
    assert target == (None if lines is None else ("evil", *lines))
    if lines is not None:
        assert at.query_params["line"] == query["line"].replace("–", "-")
