"""Time from opening a shared ``?q=`` link to the answer on screen, on a fresh server.

Each run starts a new server (``--launcher serve``: ``python -m dsrqa.serve``, which
loads the model and index before serving; ``--launcher streamlit``: plain ``streamlit
run``), waits until ``/_stcore/health`` answers, then opens the link in headless Debian
Chromium (Playwright, ``/usr/bin/chromium``) and times ``page.goto`` start to the
expected answer sentence visible in the answer card. Prints each run and the median.

    .venv/bin/python scripts/first_answer.py --runs 5
    .venv/bin/python scripts/first_answer.py --runs 5 --launcher streamlit
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_server import ARGS, CHROMIUM, ROOT, running  # noqa: E402  (one way to start the app)

QUESTION = "When did Alibaba announce its e-commerce hub in Malaysia?"


def one_run(
    browser: Any,
    launcher: str,
    app: Path,
    extra: list[str],
    index: Path,
    question: str,
    expected: str,
    log: Path,
) -> tuple[float, float]:
    """(seconds to healthy, seconds from goto to the answer visible) for one fresh server."""
    from playwright.sync_api import expect

    with running(index, log, app, tuple(extra), launcher) as (url, healthy):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{url}/?q={urllib.parse.quote(question)}")
        expect(page.locator(".st-key-answer_card")).to_contain_text(expected, timeout=60_000)
        seconds = time.perf_counter() - start
        context.close()
        return healthy, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launcher", choices=("serve", "streamlit"), default="serve")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--index", default=str(ROOT / "index"))
    parser.add_argument("--app", default=str(ROOT / "app_streamlit.py"), help="Streamlit script")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra option for the server, e.g. --server-arg=--server.fileWatcherType=none",
    )
    args = parser.parse_args()
    if not 1 <= args.runs <= 20:
        parser.error("--runs must be between 1 and 20")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from playwright.sync_api import sync_playwright

    from dsrqa import QA

    index = Path(args.index).resolve()
    result = QA.load(index).ask(args.question)
    if result.answer is None:
        raise SystemExit(f"the library does not answer {args.question!r}; pick another")
    expected = result.answer.text
    times: list[float] = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for i in range(args.runs):
                try:
                    healthy, seconds = one_run(
                        browser,
                        args.launcher,
                        Path(args.app).resolve(),
                        args.server_arg,
                        index,
                        args.question,
                        expected,
                        Path(tmp) / "log",
                    )
                except RuntimeError as exc:  # the server did not start: say so in one line
                    raise SystemExit(str(exc)) from None
                times.append(seconds)
                print(
                    f"run {i + 1}: server healthy after {healthy:.2f} s; "
                    f"page open to first answer {seconds:.2f} s",
                    flush=True,
                )
        finally:
            browser.close()
    summary = {
        "launcher": args.launcher,
        "app": args.app,
        "server_args": args.server_arg,
        "runs_s": [round(t, 2) for t in times],
        "median_s": round(statistics.median(times), 2),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
