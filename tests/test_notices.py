"""What `make test` tells a person: browser tests skipped for want of Chromium are named
at the end of the run, with the command that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from .conftest import CHROMIUM_MISSING, browser_notice

ROOT = Path(__file__).resolve().parents[1]


def skipped(reason: str) -> SimpleNamespace:
    return SimpleNamespace(longrepr=(str(ROOT / "tests" / "x.py"), 1, f"Skipped: {reason}"))


def test_the_notice_counts_the_browser_tests_and_says_how_to_install_chromium() -> None:
    reports = [skipped(f"{CHROMIUM_MISSING} (x)"), skipped("other"), skipped(CHROMIUM_MISSING)]
    text = "\n".join(browser_notice(reports))
    assert "2 browser tests were skipped" in text
    assert "sudo apt-get install chromium" in text and "make test" in text
    assert browser_notice([skipped("other")]) == []
    assert "1 browser test was skipped" in "\n".join(browser_notice(reports[:1]))


def test_a_run_without_chromium_ends_with_the_notice(tmp_path: Path) -> None:
    """A pytest run whose browser test skips: the notice is in the last lines printed,
    after pytest's own summary, where a person reads."""
    (tmp_path / "conftest.py").write_text("from tests.conftest import pytest_unconfigure\n")
    (tmp_path / "test_fake_browser.py").write_text(
        "import pytest\n"
        "from tests.conftest import CHROMIUM_MISSING\n"
        "def test_browser():\n"
        "    pytest.skip(CHROMIUM_MISSING + ' (apt-get install -y chromium)')\n"
        "def test_other():\n"
        "    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tail = proc.stdout.splitlines()[-6:]
    assert any("1 browser test was skipped" in line for line in tail), proc.stdout
    assert any("sudo apt-get install chromium" in line for line in tail), proc.stdout
