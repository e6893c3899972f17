"""End-to-end: the real app in a real (headless Debian) Chromium, driven by Playwright.

The server is started as ``make app`` starts it (``python -m dsrqa.serve``, which loads
the model and index first). Follows a shared ``?q=`` link, checks the answer and
citation, asks a new question by typing and pressing Enter, and saves
docs/screenshot.png; prints the time from opening the page to the first answer on
screen. Then follows a ``?verify=`` link and verifies a typed text on the Verify tab.
"""

from __future__ import annotations

import contextlib
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from app_server import ARGS as CHROMIUM_ARGS  # noqa: E402  (as make app starts it)
from app_server import CHROMIUM as CHROMIUM_PATH  # noqa: E402
from app_server import ROOT, running  # noqa: E402

from .conftest import CHROMIUM_INSTALL, CHROMIUM_MISSING  # noqa: E402

CHROMIUM = Path(CHROMIUM_PATH)
SCREENSHOT = ROOT / "docs" / "screenshot.png"
WAIT_MS = 60_000
# The library decides what it answers: the test takes the first two candidates it answers
# (with different sentences) and checks the page shows what ``qa.ask`` returns.
CANDIDATES = (
    "When did Alibaba announce its e-commerce hub in Malaysia?",
    "How much did Huawei save via tax incentives?",
    "Which countries signed DSR-specific MOUs with China?",
    "When was the Digital Silk Road first unveiled?",
    "What is Alibaba's City Brain?",
    "Which company built 5G networks in Malaysia?",
)

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def serve_app(index: Path, log_path: Path) -> Iterator[str]:
    """The real app on a free localhost port, serving ``index``; stopped on exit.

    Started through the launcher (``python -m dsrqa.serve``), as ``make app`` does."""
    extra = ("--server.fileWatcherType", "none", "--client.toolbarMode", "viewer")
    with running(index, log_path, extra=extra, timeout=60) as (url, _healthy):
        yield url


@pytest.fixture(scope="module")
def app_url(built_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One fresh server for this file's tests (the first test sees it fresh)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM_MISSING} ({CHROMIUM_INSTALL})")
    with serve_app(built_index, tmp_path_factory.mktemp("browser") / "streamlit.log") as url:
        yield url


def two_answered_questions(qa: Any) -> list[tuple[str, Any]]:
    chosen: list[tuple[str, Any]] = []
    for question in CANDIDATES:
        result = qa.ask(question)
        if not result.abstained and all(r.answer.text != result.answer.text for _, r in chosen):
            chosen.append((question, result))
        if len(chosen) == 2:
            return chosen
    pytest.fail(f"the library answers fewer than two of {CANDIDATES}")


def test_shared_link_then_new_question(app_url: str, qa: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)  # assertions wait as long as the page does
    (first_q, first), (second_q, second) = two_answered_questions(qa)
    url = app_url

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            started = time.perf_counter()
            page.goto(f"{url}/?q={urllib.parse.quote(first_q)}")
            card = page.locator(".st-key-answer_card")
            expect(card).to_contain_text(first.answer.text, timeout=WAIT_MS)
            first_answer = time.perf_counter() - started
            print(f"\npage open to first answer: {first_answer:.2f} s")
            expect(card.locator(".stMarkdownColoredBackground")).to_have_text(first.answer.span)
            expect(card).to_contain_text(first.answer.citation.label())
            expect(card).to_contain_text(first.answer.citation.short_title)

            main = page.get_by_test_id("stMain")  # the sidebar holds the upload's input
            box = main.locator("input, textarea").first  # the question is the first input
            expect(box).to_have_attribute("aria-label", "Ask a question about the reports")
            expect(box).to_have_value(first_q)
            box.fill(second_q)
            started = time.perf_counter()
            box.press("Enter")
            expect(card).to_contain_text(second.answer.text, timeout=WAIT_MS)
            print(f"Enter to second answer: {time.perf_counter() - started:.2f} s")
            expect(card).not_to_contain_text(first.answer.text)
            expect(card.locator(".stMarkdownColoredBackground")).to_have_text(second.answer.span)
            expect(card).to_contain_text(second.answer.citation.label())
            page.wait_for_function(
                "q => new URL(location.href).searchParams.get('q') === q",
                arg=second_q,
                timeout=WAIT_MS,
            )
            expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=WAIT_MS)
            box.blur()
            page.mouse.click(10, 600)  # a blank margin: no focus ring in the screenshot
            page.wait_for_timeout(300)
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=False)
        finally:
            browser.close()


CLOSE = "Huawei has signed a $180 million smart cities and data center contract with Kenya"
VERBATIM = "The 2000s and 2010s marked a period of rapid growth for both tech giants"


def test_verify_link_then_typed_text(app_url: str, qa: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    close, verbatim = qa.verify(CLOSE), qa.verify(VERBATIM)
    assert close.verdict == "close" and verbatim.verdict == "verbatim"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{app_url}/?verify={urllib.parse.quote(CLOSE)}")
            card = page.locator(".st-key-verify_card")
            expect(card.locator(".dsrqa-verdict")).to_have_text("Close")
            message = close.mismatches[0].message
            expect(card.get_by_test_id("stAlert")).to_contain_text(f"Mismatch: {message}")
            match = page.locator(".st-key-verify_match_1")
            expect(match.locator(".dsrqa-diff del.dsrqa-del")).to_have_text("175")
            expect(match.locator(".dsrqa-diff ins.dsrqa-ins")).to_have_text("180")
            expect(match).to_contain_text("Huawei has signed a $")  # a literal $, no LaTeX
            expect(page.locator(".katex")).to_have_count(0)
            expect(match).to_contain_text(
                qa.index.catalog.get(close.matches[0].citation.report).short_title
            )

            box = page.locator(
                "textarea[aria-label='Paste a quote or a claim to check against the reports']"
            )
            expect(box).to_have_value(CLOSE)
            box.fill(VERBATIM)
            page.get_by_role("button", name="Verify").click()
            expect(card.locator(".dsrqa-verdict")).to_have_text("Verbatim")
            expect(match).to_contain_text(VERBATIM)
            page.wait_for_function(
                "t => new URL(location.href).searchParams.get('verify') === t",
                arg=VERBATIM,
                timeout=WAIT_MS,
            )
            match.get_by_role("button", name="Open in report").click()
            target = page.locator(".dsrqa-target").first
            expect(target).to_be_visible()
            expect(target).to_contain_text(VERBATIM)
        finally:
            browser.close()
