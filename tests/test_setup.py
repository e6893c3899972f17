"""What the set-up tells a person: how the README's commands are called, where `make`
takes CPU torch from on another machine, and, at the end of `make test`, the browser
tests skipped for want of Chromium with the command that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from .conftest import CHROMIUM_INSTALL, CHROMIUM_MISSING, browser_notice

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


# ------------------------------------------------------------ set-up on another machine
TORCH_INDEX = "https://download.pytorch.org/whl/cpu"


def make_commands(*args: str) -> list[str]:
    """The commands ``make`` would run to set up the environment (nothing is run)."""
    proc = subprocess.run(
        ["make", "-n", "-B", *args, ".venv/bin/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_make_installs_cpu_torch_from_its_index_before_the_rest() -> None:
    """A bare ``torch`` from PyPI is the CUDA build (gigabytes of nvidia packages): the
    set-up takes torch alone from the CPU index first; everything else as before."""
    commands = make_commands()
    torch = [c for c in commands if "pip install" in c and c.rstrip().endswith(" torch")]
    rest = [c for c in commands if "pip install" in c and " -e '" in c]
    assert len(torch) == 1 and len(rest) == 1
    assert f"--extra-index-url {TORCH_INDEX}" in torch[0] and "--no-deps" in torch[0]
    assert "-c constraints.txt" in torch[0] and "--extra-index-url" not in rest[0]
    assert commands.index(torch[0]) < commands.index(rest[0])


def test_the_torch_index_can_be_changed_or_left_out() -> None:
    assert "--extra-index-url" not in "\n".join(make_commands("TORCH_INDEX="))
    other = "file:///srv/wheels"
    assert f"--extra-index-url {other}" in "\n".join(make_commands(f"TORCH_INDEX={other}"))


# ------------------------------------------------------------------------- the README
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}")
    return README[start : README.index("\n## ", start + 1)]


def test_the_readme_says_how_to_call_dsrqa_and_where_torch_comes_from() -> None:
    """A newcomer meets ``dsrqa`` in the examples: the set-up says how to have it
    (``.venv`` is not on the PATH), and what a machine without local wheels needs."""
    setup = section("Set-up")
    assert "source .venv/bin/activate" in setup and ".venv/bin/dsrqa" in setup
    assert TORCH_INDEX in setup and "TORCH_INDEX" in setup
    assert CHROMIUM_INSTALL in setup
    assert len(README.splitlines()) < 200
