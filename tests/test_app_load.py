"""Ten concurrent browser sessions against the real Streamlit server: no errors.

Prints p50/p95 seconds per question under that load (figures, not a timed assertion).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_browser import CHROMIUM, ROOT, free_port, wait_until_serving

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
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    app_load = load_module()
    gold = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "gold.jsonl").read_text().splitlines()
    ]
    plans = app_load.plans_for(qa, gold[:40], sessions=10, rounds=3)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "streamlit.log", "w")  # noqa: SIM115 (closed in the finally)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app_streamlit.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "DSRQA_INDEX": str(built_index)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_serving(url, server)
        report = asyncio.run(app_load.run(url, plans, timeout_ms=90_000))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    print(f"\n10 sessions x 3 questions: {json.dumps(report)}")
    assert report["errors"] == [], report["errors"][:3]
    assert report["questions"] == 30
