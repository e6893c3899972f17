"""Same corpus and config, same bytes: the files a build writes do not depend on Python's
hash seed (set and dict iteration order), so a rebuild of the same inputs is recognised as
the same generation. Each writer runs in subprocesses with different ``PYTHONHASHSEED``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT

SEEDS = ("0", "1", "2", "3")


def run_with_seed(seed: str, code: str, *args: str, stdin: str = "") -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=600,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    result: dict[str, str] = json.loads(proc.stdout)
    return result


BM25 = """
import hashlib, json, pathlib, sys
from types import SimpleNamespace
from dsrqa.config import Config
from dsrqa.build import _write_bm25
texts = json.loads(sys.stdin.read())
out = pathlib.Path(sys.argv[1])
out.mkdir()
_write_bm25(out, [SimpleNamespace(index_text=t) for t in texts], Config())
print(json.dumps({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in sorted(out.iterdir())}))
"""


def paragraphs(limit: int) -> list[str]:
    """The first paragraphs of both reports (BM25 over real words)."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        out += [b.strip() for b in blocks if len(b.split()) > 8][: limit // 2]
    return out


def test_bm25_files_are_the_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    texts = json.dumps(paragraphs(120))
    runs = [run_with_seed(s, BM25, str(tmp_path / f"bm25-{s}"), stdin=texts) for s in SEEDS]
    assert len(runs[0]) == 5
    assert all(r == runs[0] for r in runs), runs


FIT = """
import hashlib, json, pathlib, sys
from dsrqa.config import Config
from dsrqa.corpus import load_catalog
from dsrqa.build import _fit
folder = pathlib.Path(sys.argv[1])
manifest = json.loads((folder / "manifest.json").read_text())
counts = (manifest["counts"]["passages"], manifest["counts"]["sentences"])
_fit(folder, load_catalog(pathlib.Path(sys.argv[2])), Config(), counts,
     manifest["model"]["dimension"])
print(json.dumps({n: hashlib.sha256((folder / n).read_bytes()).hexdigest()
                  for n in ("ranker.json", "calibration.json")}))
"""


@pytest.mark.integration
def test_the_fitted_ranker_and_calibration_do_not_depend_on_the_hash_seed(
    built_index: Path, tmp_path: Path
) -> None:
    """The ranker's features summed idf weights over a set in its iteration order: the
    fitted coefficients changed in their last digits from one run to the next."""
    live = built_index / (built_index / "CURRENT").read_text().strip()
    runs = []
    for seed in SEEDS[:2]:
        folder = tmp_path / f"gen-{seed}"
        shutil.copytree(live, folder, copy_function=os.link)
        for name in ("ranker.json", "calibration.json"):
            (folder / name).unlink()  # written anew, never through a hard link
        runs.append(run_with_seed(seed, FIT, str(folder), str(CORPUS)))
    assert runs[0] == runs[1]
    built = {n: (live / n).read_bytes() for n in runs[0]}
    assert {n: (tmp_path / "gen-0" / n).read_bytes() for n in runs[0]} == built
