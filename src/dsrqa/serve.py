"""Start the Streamlit app with the model and index already loaded and warm.

    python -m dsrqa.serve [--index PATH] [--app FILE] [streamlit run options]

``streamlit run app_streamlit.py`` loads the model and index in the first session's
first script run, after the browser has fetched the page: the first visitor waits for
it. This launcher loads them first (``QA.load``, one question asked and one text
verified, so onnxruntime, faiss and the verification tables are ready), keeps the
``QA`` in ``REGISTRY`` keyed by the index folder, then starts Streamlit's own
``streamlit run`` in the same process. The app's cached loader takes the ``QA`` from
``REGISTRY`` (``preloaded``), so the first session answers at once. What is loaded
by then lives as long as the server, so it is frozen out of the garbage collector
(``dsrqa.cli.freeze_heap``): full collections no longer walk the verifier's tables.

When the index cannot be loaded the server starts anyway and the app shows how to build
it. Options other than ``--index`` and ``--app`` go to ``streamlit run`` unchanged, with
defaults added before them: the settings of the app's ``.streamlit/config.toml`` (no
usage statistics, no Deploy button or developer menu, no traceback on the page), which
Streamlit itself reads only from the working folder, and ``--server.fileWatcherType
none``. Streamlit's source watcher (the
"source file changed, rerun?" prompt while editing) scans every loaded module's file
when a session opens and after its first run, about 0.7 s of the server's event loop
for each new visitor with onnxruntime and faiss loaded. Pass
``--server.fileWatcherType auto`` (or set ``STREAMLIT_SERVER_FILE_WATCHER_TYPE``) to
have it back while developing.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .cli import freeze_heap
from .errors import DsrqaError

if TYPE_CHECKING:
    from .qa import QA

REPO_APP = Path(__file__).resolve().parents[2] / "app_streamlit.py"
WARM_QUESTION = "When did Alibaba announce its e-commerce hub in Malaysia?"
WARM_TEXT = "Huawei saved as much as $25 billion via tax incentives"

REGISTRY: dict[str, QA] = {}
_LOCK = threading.Lock()


def _key(index_dir: str | Path) -> str:
    return str(Path(index_dir).expanduser().resolve())


def register(index_dir: str | Path, qa: QA) -> None:
    """Make ``qa`` the loaded QA of this index folder for the app in this process."""
    with _LOCK:
        REGISTRY[_key(index_dir)] = qa


def preloaded(index_dir: str | Path) -> QA | None:
    """The QA the launcher loaded for this index folder, or None."""
    with _LOCK:
        return REGISTRY.get(_key(index_dir))


def index_path(app: Path, index: str | None) -> Path:
    """The index folder the app will open: ``--index`` from the working folder, else
    ``DSRQA_INDEX`` (or ``index``) beside the app, as the app resolves it."""
    return paths.index_dir(index, base=app.parent).resolve()


def warm(index_dir: Path) -> QA:
    """Load the QA, import what answering and verifying import, and run each once.

    Raises the load's DsrqaError; a failing warm-up only leaves a note (the app then
    pays for it in its first session, as without the launcher)."""
    from .qa import QA

    qa = QA.load(index_dir)
    try:
        qa.ask(WARM_QUESTION)
        qa.verifier().warm()  # every candidate's figures and words, before any text
        qa.verify(WARM_TEXT)
        for report_id in qa.index.catalog.ids:  # the Read tab's first look at each report
            qa.index.document(report_id)
    except Exception as exc:  # never keep the server from starting
        print(f"dsrqa.serve: warm-up failed ({type(exc).__name__}: {exc})", file=sys.stderr)
    return qa


def warm_streamlit() -> None:
    """Do before serving what Streamlit does lazily in its first script run.

    Its first element calls ``inspect.stack()`` (a REPL check), which looks up the file of
    every loaded module (about 0.1 s with onnxruntime and faiss loaded): one call here
    fills ``inspect``'s module cache. Images (the Evaluate tab) need PIL's file drivers,
    and icons Streamlit's icon names."""
    from streamlit.web import bootstrap, cli  # noqa: F401  (the server's modules)

    with contextlib.suppress(ImportError):
        import streamlit.material_icon_names  # noqa: F401
    with contextlib.suppress(ImportError):
        from PIL import Image

        Image.preinit()
    inspect.stack()


def preload(index_dir: Path) -> QA | None:
    """Load, warm and register the QA of ``index_dir``; None (and a note) if it fails."""
    started = time.perf_counter()
    try:
        qa = warm(index_dir)
    except DsrqaError as exc:
        print(
            f"dsrqa.serve: index not loaded ({exc}); the app will offer to build it",
            file=sys.stderr,
        )
        return None
    register(index_dir, qa)
    print(
        f"dsrqa.serve: model and index loaded from {index_dir} "
        f"in {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
        flush=True,
    )
    return qa


WATCHER_FLAG = "--server.fileWatcherType"
CONFIG_FILE = Path(".streamlit") / "config.toml"


def _asked(flag: str, rest: list[str]) -> bool:
    """Whether the user set this Streamlit option: as an option, or in the environment
    (``--client.toolbarMode`` is ``STREAMLIT_CLIENT_TOOLBAR_MODE``)."""
    section, _, key = flag.removeprefix("--").partition(".")
    env = "STREAMLIT_" + section.upper() + "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", key).upper()
    return env in os.environ or any(a == flag or a.startswith(flag + "=") for a in rest)


def config_flags(app: Path, rest: list[str]) -> list[str]:
    """The settings of the app's ``.streamlit/config.toml`` as ``streamlit run`` options.
    Streamlit reads that file only from the working folder; passed as options, they hold
    wherever the launcher is started. An option the user gives wins."""
    import tomllib

    path = app.parent / CONFIG_FILE
    if not path.is_file():
        return []
    flags = []
    for section, values in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for key, value in values.items():
            flag = f"--{section}.{key}"
            if not _asked(flag, rest):
                flags += [flag, str(value).lower() if isinstance(value, bool) else str(value)]
    return flags


def streamlit_args(rest: list[str], app: Path = REPO_APP) -> list[str]:
    """The options for ``streamlit run``: no source watcher unless asked, the app's
    ``.streamlit/config.toml`` settings (``config_flags``), then the user's own."""
    watcher = [] if _asked(WATCHER_FLAG, rest) else [WATCHER_FLAG, "none"]
    return [*watcher, *config_flags(app, rest), *rest]


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The launcher's own options, and the rest for ``streamlit run``."""
    parser = argparse.ArgumentParser(
        prog="python -m dsrqa.serve",
        description="Load the model and index, then run the Streamlit app.",
        epilog="Other options (e.g. --server.port 8501) are passed to `streamlit run`.",
    )
    parser.add_argument("--index", help="index folder (default: $DSRQA_INDEX or index/)")
    parser.add_argument("--app", type=Path, default=REPO_APP, help="the Streamlit script")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    args, rest = parse(sys.argv[1:] if argv is None else argv)
    app = args.app.resolve()
    if not app.is_file():
        print(f"dsrqa.serve: no app at {app}; pass --app PATH", file=sys.stderr)
        return 2
    index_dir = index_path(app, args.index)
    os.environ[paths.INDEX_ENV] = str(index_dir)  # the app opens exactly this folder
    from streamlit.web import cli

    loaded = preload(index_dir)
    warm_streamlit()
    if loaded is not None:  # the model, index and warm verifier live as long as the server
        freeze_heap()
    # Streamlit's own `streamlit run`: its option parsing, config and bootstrap.run.
    cli.main(args=["run", str(app), *streamlit_args(rest, app)], prog_name="streamlit")
    return 0


if __name__ == "__main__":
    # Register in the importable module, not in ``__main__``: the app imports dsrqa.serve.
    from dsrqa import serve

    sys.exit(serve.main())
