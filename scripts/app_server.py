"""The app's server as ``make app`` starts it, and the Chromium that opens it: one place
for the browser tests, the load test and ``first_answer.py``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(launcher: str, port: int, app: Path, extra: list[str]) -> list[str]:
    """``python -m dsrqa.serve`` (``launcher="serve"``, as ``make app``) or plain
    ``streamlit run``, headless on a localhost port."""
    flags = [
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]
    if launcher == "serve":
        return [sys.executable, "-m", "dsrqa.serve", "--app", str(app), *flags]
    return [str(Path(sys.executable).parent / "streamlit"), "run", str(app), *flags]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> float:
    """Seconds until the server's health endpoint answers 200."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not answer {url}/_stcore/health within {timeout} s")


@contextlib.contextmanager
def running(
    index: Path,
    log: Path,
    app: Path = ROOT / "app_streamlit.py",
    extra: tuple[str, ...] = (),
    launcher: str = "serve",
    timeout: float = 120,
) -> Iterator[tuple[str, float]]:
    """A fresh server for ``index`` on a free port: (its URL, seconds until healthy).
    Stopped on exit; its output goes to ``log``."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "DSRQA_INDEX": str(index)}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            server_command(launcher, port, app, list(extra)),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield url, wait_healthy(url, proc, timeout)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
