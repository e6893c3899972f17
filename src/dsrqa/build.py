"""Build the index: clean, chunk, embed, find verify's candidates, fit, and activate a new
generation atomically (the folder layout and how it is read: ``index.py``).

A build writes a temporary folder, renames it to its generation (named by a digest of
its manifest: the same inputs, the same bytes, the same generation), and only then points
``CURRENT`` at it, so a build killed at any moment leaves the previous index loadable; a
generation a reader still holds is not removed under it (``generations.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .chunking import Passage, Sentence, chunk_documents, sentence_pairs
from .config import Config
from .corpus import Catalog, Document, load_catalog, load_documents
from .embedding import model_source
from .errors import DsrqaError
from .generations import activate
from .index import (
    ANSWER_PAIR_VECTORS,
    ANSWER_PAIRS,
    ANSWER_VECTORS,
    BM25_DIR,
    CALIBRATION_FILE,
    DENSE,
    ENCODER_DIR,
    EXTRA_VECTORS,
    EXTRA_WORDS,
    EXTRA_WORDS_AT,
    EXTRAS,
    FORMAT_VERSION,
    MANIFEST,
    MODEL_DIR,
    PASSAGES,
    RANKER_FILE,
    SENTENCE_VECTORS,
    SENTENCE_WORDS,
    SENTENCE_WORDS_AT,
    Progress,
    default_corpus_dir,
    fitted_inputs,
    pipeline_digest,
    read_generation,
    sha256_file,
)
from .manifest import parse_manifest
from .reuse import Reuse, load_reuse, onnx_sha, stack_words
from .text import is_content_word, tokenize

if TYPE_CHECKING:
    from .embedding import OnnxEmbedder


def build_index(
    index_dir: Path,
    config: Config | None = None,
    corpus_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    catalog: Catalog | None = None,
    incremental: bool = False,
    commit: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Build the whole index into a new generation and make it current; returns the manifest.

    ``catalog`` builds from a catalog not yet written (``dsrqa add`` stages one);
    ``incremental`` takes the vectors of texts the current generation already embedded
    (the same bytes as embedding them again, in less time); ``commit`` runs once the new
    generation is in place, just before ``CURRENT`` points at it (``dsrqa add`` writes its
    catalog there)."""

    config = config or Config()
    corpus_dir = Path(corpus_dir or default_corpus_dir())
    index_dir = Path(index_dir)
    step = progress or (lambda stage, done, total: None)
    catalog = catalog or load_catalog(corpus_dir)
    started = time.perf_counter()
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DsrqaError(f"cannot create index folder {index_dir}: {exc.strerror}") from None
    _remove_dead_builds(index_dir)
    tmp = index_dir / f".tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        reuse = load_reuse(_current_folder(index_dir) if incremental else None)
        step("clean", 0, 1)
        docs = load_documents(corpus_dir, catalog)
        passages, sentences = chunk_documents(docs, config)
        step("clean", 1, 1)

        base, encoder = _models(tmp, catalog, sentences, config, step)
        dim = _write_vectors(tmp, (base, encoder), passages, sentences, config, step, reuse)
        _write_extras(tmp, base, docs, config, step, reuse)
        _write_bm25(tmp / BM25_DIR, passages, config)
        _write_json(
            tmp / PASSAGES,
            {
                "format_version": FORMAT_VERSION,
                "passages": [p.to_dict() for p in passages],
                "sentences": [s.to_dict() for s in sentences],
            },
        )
        counts = (len(passages), len(sentences))
        step("fit ranker", 0, 1)
        inputs = _fit(tmp, catalog, config, counts, dim)
        step("fit ranker", 1, 1)
        manifest = _manifest(tmp, catalog, config, counts, dim, inputs)
        _write_json(tmp / MANIFEST, manifest)
        _fsync_tree(tmp)
        step("write", 1, 1)
        _activate(index_dir, tmp, manifest, commit)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise DsrqaError(
            f"build failed while writing {index_dir}: {exc.strerror or exc}; "
            "the previous index is unchanged"
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    manifest["build_seconds"] = round(time.perf_counter() - started, 2)
    manifest["embedded"] = {"new": reuse.embedded, "reused": reuse.reused}
    return manifest


def _models(
    folder: Path, catalog: Catalog, sentences: list[Sentence], config: Config, step: Progress
) -> tuple[OnnxEmbedder, OnnxEmbedder]:
    """The base model and the retrieval encoder (fine-tuned on the training questions, or
    the base model itself), exported into the generation."""
    from .embedding import OnnxEmbedder, export_onnx_cached

    step("export model", 0, 1)
    export_onnx_cached(folder / MODEL_DIR)
    step("export model", 1, 1)
    base = OnnxEmbedder(folder / MODEL_DIR, config.max_seq_length)
    if not config.encoder_finetune:
        return base, base
    from .finetune import TRAINING_FILE, finetuned_encoder, training_pairs

    pairs = training_pairs(catalog.root / TRAINING_FILE, catalog, sentences)
    export_onnx_cached(folder / ENCODER_DIR, finetuned_encoder(pairs, config, progress=step))
    return base, OnnxEmbedder(folder / ENCODER_DIR, config.max_seq_length)


def _current_folder(index_dir: Path) -> Path | None:
    from .generations import read_current

    name = read_current(index_dir)
    return index_dir / name if name else None


def _write_vectors(
    folder: Path,
    models: tuple[OnnxEmbedder, OnnxEmbedder],
    passages: list[Passage],
    sentences: list[Sentence],
    config: Config,
    step: Progress,
    reuse: Reuse,
) -> int:
    """Write the vectors: passages (FAISS) and sentences for retrieval and answers by the
    encoder; sentences and each sentence's content words in context (for verify) by the
    base model. Texts the previous generation embedded with the same model are taken
    from it (``reuse``). Returns the vector dimension."""
    import faiss
    import numpy as np

    base, encoder = models
    base_sha, encoder_sha = onnx_sha(folder / MODEL_DIR), _encoder_sha(folder, encoder, base)
    pairs = sentence_pairs(passages)
    sentence_texts = [s.embed_text for s in sentences]
    pair_texts = [f"{sentence_texts[a]} {sentence_texts[b]}" for a, b in pairs]
    passage_texts = [p.index_text for p in passages]
    tables = (
        ("passages", encoder_sha, passage_texts),
        ("sentences", base_sha, sentence_texts),
        ("answers", encoder_sha, sentence_texts),
        ("pairs", encoder_sha, pair_texts),
    )
    total = max(1, sum(reuse.missing(*table) for table in tables))
    done = 0
    step("embed", 0, total)

    def embedder(model: OnnxEmbedder, words: bool) -> Any:
        def run(texts: list[str]) -> tuple[Any, list[Any]]:
            # all texts in order of length, so that a batch is padded to little more than
            # its own texts (a text's vector does not depend on its batch): 1.7 times the
            # sentences per second of batches taken in corpus order
            nonlocal done
            order = sorted(range(len(texts)), key=lambda k: (len(texts[k]), k))
            vectors, rows = [], []
            for i in range(0, len(texts), config.embed_batch_size):
                chunk = [texts[k] for k in order[i : i + config.embed_batch_size]]
                vecs, ctx = model.embed_with_words(chunk, config.embed_batch_size, words=words)
                vectors.append(vecs)
                rows += (
                    [_content_rows(c, np.float16) for c in ctx] if words else [None] * len(chunk)
                )
                done += len(vecs)
                step("embed", done, total)
            back = np.argsort(order, kind="stable")
            return np.vstack(vectors).astype(np.float32)[back], [rows[k] for k in back]

        return run

    pvec, _ = reuse.rows(
        "passages", encoder_sha, [p.index_text for p in passages], embedder(encoder, False)
    )
    svec, words = reuse.rows("sentences", base_sha, sentence_texts, embedder(base, True))
    answer_vec, _ = reuse.rows("answers", encoder_sha, sentence_texts, embedder(encoder, False))
    pair_vec, _ = reuse.rows("pairs", encoder_sha, pair_texts, embedder(encoder, False))
    step("embed", total, total)
    dim = base.dimension
    if not len(pair_vec):
        pair_vec = np.zeros((0, dim), np.float32)
    word_rows, starts = stack_words(words, dim, np.float16)
    dense = faiss.IndexFlatIP(dim)
    dense.add(pvec.astype(np.float32))
    faiss.write_index(dense, str(folder / DENSE))
    np.save(folder / SENTENCE_VECTORS, svec.astype(np.float32), allow_pickle=False)
    np.save(folder / ANSWER_VECTORS, answer_vec.astype(np.float32), allow_pickle=False)
    np.save(
        folder / ANSWER_PAIRS, np.array(pairs, dtype=np.int64).reshape(-1, 2), allow_pickle=False
    )
    np.save(folder / ANSWER_PAIR_VECTORS, pair_vec.astype(np.float32), allow_pickle=False)
    np.save(folder / SENTENCE_WORDS, word_rows, allow_pickle=False)
    np.save(folder / SENTENCE_WORDS_AT, starts, allow_pickle=False)
    return int(dim)


def _encoder_sha(folder: Path, encoder: OnnxEmbedder, base: OnnxEmbedder) -> str:
    return onnx_sha(folder / (MODEL_DIR if encoder is base else ENCODER_DIR))


def _content_rows(in_context: tuple[list[str], Any], dtype: Any) -> Any:
    """The vectors of a text's content words in context (verify compares them)."""
    names, wvecs = in_context
    keep = [j for j, w in enumerate(names) if is_content_word(w)]
    return wvecs[keep].astype(dtype)


def _write_extras(
    folder: Path,
    base: OnnxEmbedder,
    docs: list[Document],
    config: Config,
    step: Progress,
    reuse: Reuse,
) -> None:
    """Find verify's candidates beside the sentences and embed them with the base model
    (in batches of 8, as verify embeds a text), with their content words in context."""
    import numpy as np

    from .verify.extras import find_extras

    step("verify candidates", 0, 1)
    extras, blocks = find_extras({d.report.id: d for d in docs}, config)

    def run(texts: list[str]) -> tuple[Any, list[Any]]:
        vectors, in_context = base.embed_with_words(texts, batch_size=8)
        return vectors, [_content_rows(c, np.float32) for c in in_context]

    texts = [e.text for e in extras]
    vectors, words = reuse.rows("extras", onnx_sha(folder / MODEL_DIR), texts, run)
    if not len(vectors):
        vectors = np.zeros((0, base.dimension), np.float32)
    word_rows, starts = stack_words(words, base.dimension, np.float32)
    _write_json(
        folder / EXTRAS,
        {
            "format_version": FORMAT_VERSION,
            "extras": [e.to_dict() for e in extras],
            "blocks": [b.to_dict() for b in blocks],
        },
    )
    np.save(folder / EXTRA_VECTORS, vectors.astype(np.float32), allow_pickle=False)
    np.save(folder / EXTRA_WORDS, word_rows, allow_pickle=False)
    np.save(folder / EXTRA_WORDS_AT, starts, allow_pickle=False)
    step("verify candidates", 1, 1)


def _fit(
    folder: Path, catalog: Catalog, config: Config, counts: tuple[int, int], dim: int
) -> dict[str, str]:
    """Fit the ranker and the calibration on the dev questions with the vectors just
    written; write them beside; return every question file the index was made from."""
    from .fit import DEV_SETS, fit_models
    from .gold import load_gold

    questions = []
    for rel in DEV_SETS:
        questions += [q for q in load_gold(catalog.root / rel, catalog) if q.split == "dev"]
    inputs = {rel: sha256_file(catalog.root / rel) for rel in fitted_inputs(config)}
    draft = _manifest(folder, catalog, config, counts, dim, inputs)
    manifest = parse_manifest(draft, str(folder), "", FORMAT_VERSION)
    index = read_generation(folder, manifest, catalog, config, "")
    ranker, calibration = fit_models(index, questions)
    _write_json(folder / RANKER_FILE, ranker)
    _write_json(folder / CALIBRATION_FILE, calibration)
    return inputs


def _remove_dead_builds(index_dir: Path) -> None:
    """Delete what killed builds left (``.tmp-PID`` of a process that no longer runs)."""
    for leftover in index_dir.glob(".*tmp-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
            except PermissionError:
                pass


def _write_json(path: Path, data: Any) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def _write_bm25(folder: Path, passages: list[Passage], config: Config) -> None:
    """BM25 over the same text that is embedded (section title + passage).

    The vocabulary is numbered here, in sorted order: bm25s numbers the tokens of a
    corpus in the iteration order of a set, which follows the hash seed, so its matrix
    columns and ids came out in another order each run."""
    import bm25s

    corpus_tokens = [tokenize(p.index_text) or ["__empty__"] for p in passages]
    vocab = {token: i for i, token in enumerate(sorted({t for doc in corpus_tokens for t in doc}))}
    ids = [[vocab[t] for t in doc] for doc in corpus_tokens]
    retriever = bm25s.BM25(k1=config.bm25_k1, b=config.bm25_b, method="lucene")
    retriever.index((ids, vocab), show_progress=False)
    retriever.save(str(folder), allow_pickle=False)
    vocab_path = folder / "vocab.index.json"  # bm25s writes it in insertion order: sort it
    _write_json(vocab_path, json.loads(vocab_path.read_text(encoding="utf-8")))


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


def _manifest(
    folder: Path,
    catalog: Catalog,
    config: Config,
    counts: tuple[int, int],
    dim: int,
    inputs: dict[str, str],
) -> dict[str, Any]:
    n_passages, n_sentences = counts
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            rel = path.relative_to(folder).as_posix()
            files[rel] = {"bytes": path.stat().st_size, "sha256": sha256_file(path)}
    return {
        "format_version": FORMAT_VERSION,
        "package": {"name": "dsrqa", "version": __version__},
        "pipeline_sha256": pipeline_digest(catalog),
        "config": config.to_dict(),
        "corpus": [
            {"id": r.id, "file": r.file, "sha256": r.sha256, "title": r.title}
            for r in catalog.reports
        ],
        "model": {
            "name": config.model_name,
            "backend": "onnxruntime",
            "export": "sentence-transformers backend='onnx'",
            "dimension": dim,
            "onnx_sha256": files[f"{MODEL_DIR}/onnx/model.onnx"]["sha256"],
            "source": model_source(),
        },
        "inputs": inputs,
        "counts": {"passages": n_passages, "sentences": n_sentences},
        "files": files,
    }


def _activate(
    index_dir: Path,
    tmp: Path,
    manifest: dict[str, Any],
    commit: Callable[[], None] | None = None,
) -> str:
    """Move the finished build to its generation and point CURRENT at it atomically;
    an identical generation already there and whole is kept (see ``generations.py``)."""
    return activate(index_dir, tmp, manifest, _holds, commit)


def _holds(folder: Path, manifest: dict[str, Any]) -> bool:
    """Whether ``folder`` holds this manifest and every file it lists, unchanged."""
    try:
        same = json.loads((folder / MANIFEST).read_text(encoding="utf-8")) == manifest
        return same and all(
            (folder / rel).stat().st_size == meta["bytes"]
            and sha256_file(folder / rel) == meta["sha256"]
            for rel, meta in manifest["files"].items()
        )
    except (OSError, ValueError, RecursionError):
        return False
