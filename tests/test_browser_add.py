"""End-to-end: adding a document in the app. A real server (``python -m dsrqa.serve``) on
a copy of the collection, a real Chromium: upload a PDF in the "Add documents" panel,
see it added, find it in the "Search in" filter, ask a question it answers, and open the
cited page of the PDF: its image, and the PDF itself served by the app at ``#page=N``."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM_INSTALL, CHROMIUM_MISSING, ROOT
from .test_browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, serve_app
from .test_collection import new_collection

pytestmark = pytest.mark.integration
DECK = ROOT / "testdocs" / "slides_impressive-demo.pdf"
QUESTION = "How fast a processor does Impressive need at the very least?"


@pytest.fixture()
def app_on_copy(
    built_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Path]]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM_MISSING} ({CHROMIUM_INSTALL})")
    root = new_collection(tmp_path, built_index)
    monkeypatch.setenv("DSRQA_CORPUS", str(root / "corpus"))  # the server's collection
    with serve_app(root / "index", tmp_path / "streamlit.log") as url:
        yield url, root


def test_a_pdf_added_in_the_app_is_listed_answered_and_opened_at_its_page(
    app_on_copy: tuple[str, Path],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from dsrqa import QA

    url, root = app_on_copy
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(WAIT_MS)
            page.goto(url)
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar).to_contain_text("Add documents")
            sidebar.locator("input[type=file]").set_input_files(str(DECK))
            sidebar.get_by_role("button", name="Add to the collection").click()
            expect(sidebar).to_contain_text(
                "Added Introducing Impressive (pdf, 14 pages) as introducing-impressive.",
                timeout=300_000,
            )
            qa = QA.load(root / "index", corpus_dir=root / "corpus")
            result: Any = qa.ask(QUESTION)
            assert result.answer.citation.report == "introducing-impressive"

            page.get_by_test_id("stSelectbox").first.click()  # "Search in" lists it

            expect(page.get_by_role("option", name="Introducing Impressive")).to_be_visible()
            page.keyboard.press("Escape")

            page.goto(f"{url}/?q={urllib.parse.quote(QUESTION)}")
            card = page.locator(".st-key-answer_card")
            expect(card).to_contain_text(result.answer.citation.label())
            cited = result.answer.citation.page
            card.get_by_role("button", name=f"Open PDF at page {cited}").click()
            dialog = page.get_by_role("dialog")
            expect(dialog).to_contain_text(f"page {cited}")
            expect(dialog.locator("img")).to_be_visible()
            expect(dialog.get_by_role("button", name="Download the PDF")).to_be_visible()
            link = dialog.get_by_role("link", name=f"Open the PDF at page {cited}")
            href = link.get_attribute("href") or ""
            assert href.endswith(f".pdf#page={cited}"), href
            served = page.request.get(urllib.parse.urljoin(page.url, href))
            assert served.ok and served.headers["content-type"] == "application/pdf"
            assert served.body() == DECK.read_bytes()  # the collection's copy, byte for byte
            (ROOT / href.split("#")[0].removeprefix("app/")).unlink()  # made on demand
        finally:
            browser.close()
