"""Ten concurrent browser sessions against the real Streamlit server: no errors.

Prints p50/p95 seconds per question under that load (figures, not a timed assertion).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import CHROMIUM_INSTALL, CHROMIUM_MISSING
from .test_browser import CHROMIUM, ROOT, serve_app

pytestmark = pytest.mark.integration


def load_module():
    spec = importlib.util.spec_from_file_location("app_load", ROOT / "scripts" / "app_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ten_concurrent_sessions_get_their_answers_without_errors(
    qa, built_index: Path, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM_MISSING} ({CHROMIUM_INSTALL})")
    app_load = load_module()
    gold = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "gold.jsonl").read_text().splitlines()
    ]
    plans = app_load.plans_for(qa, gold[:40], sessions=10, rounds=3)
    with serve_app(built_index, tmp_path / "streamlit.log") as url:
        report = asyncio.run(app_load.run(url, plans, timeout_ms=90_000))
    print(f"\n10 sessions x 3 questions: {json.dumps(report)}")
    assert report["errors"] == [], report["errors"][:3]
    assert report["questions"] == 30
