"""Bounded load test of the Streamlit app: N concurrent browser sessions on localhost.

Each session opens a shared ``?q=`` link, then types further questions; every question is
timed from the action to its expected answer on screen. Prints p50/p95 and errors.

    python scripts/app_load.py http://127.0.0.1:8501 --sessions 10 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_server import ARGS, CHROMIUM  # noqa: E402  (one list of Chromium flags)


async def session(
    browser: Any,
    url: str,
    plan: list[tuple[str, str]],
    timeout_ms: int,
    times: list[tuple[str, float]],
    errors: list[str],
) -> None:
    """One user: open the first question as a link, type the others."""
    from playwright.async_api import expect

    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    card = page.locator(".st-key-answer_card")
    try:
        for i, (question, expected) in enumerate(plan):
            start = time.perf_counter()
            if i == 0:
                await page.goto(f"{url}/?q={urllib.parse.quote(question)}")
            else:
                # expect() has its own 5 s default, not the page's: give it the bound
                await expect(page.get_by_test_id("stStatusWidget")).to_have_count(
                    0, timeout=timeout_ms
                )
                box = page.locator("input[aria-label='Ask a question about the reports']")
                await box.fill(question)
                start = time.perf_counter()
                await box.press("Enter")
            await expect(card).to_contain_text(expected, timeout=timeout_ms)
            times.append(("link" if i == 0 else "typed", time.perf_counter() - start))
    except Exception as exc:  # a load test records every failure and goes on
        errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await context.close()


async def run(url: str, plans: list[list[tuple[str, str]]], timeout_ms: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    times: list[tuple[str, float]] = []
    errors: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            started = time.perf_counter()
            await asyncio.gather(
                *(session(browser, url, p, timeout_ms, times, errors) for p in plans)
            )
            wall = time.perf_counter() - started
        finally:
            await browser.close()

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return (
            round(ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))], 3)
            if ordered
            else 0.0
        )

    report: dict[str, Any] = {
        "sessions": len(plans),
        "questions": len(times),
        "errors": errors,
        "wall_s": round(wall, 2),
    }
    for kind in ("all", "link", "typed"):
        values = [t for k, t in times if kind in ("all", k)]
        report[kind] = {
            "n": len(values),
            "p50_s": pct(values, 0.5),
            "p95_s": pct(values, 0.95),
            "mean_s": round(statistics.mean(values), 3) if values else None,
        }
    return report


def plans_for(
    qa: Any, questions: list[str], sessions: int, rounds: int
) -> list[list[tuple[str, str]]]:
    """Each session asks ``rounds`` answered questions, rotated so sessions differ."""
    answered = []
    for q in questions:
        result = qa.ask(q)
        if not result.abstained:
            answered.append((q, result.answer.text))
    if len(answered) < rounds + 1:
        raise SystemExit("too few answered questions to build a load plan")
    return [[answered[(s + r) % len(answered)] for r in range(rounds)] for s in range(sessions)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--index", default="index")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per question")
    args = parser.parse_args()
    from dsrqa import QA

    qa = QA.load(args.index)
    lines = Path("eval/gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line)["question"] for line in lines]
    plans = plans_for(qa, gold[:40], args.sessions, args.rounds)
    report = asyncio.run(run(args.url.rstrip("/"), plans, int(args.timeout * 1000)))
    print(json.dumps(report, indent=1))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
