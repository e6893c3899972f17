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
from .text import is_content_word, tokenize

if TYPE_CHECKING:
    from .embedding import OnnxEmbedder


def build_index(
    index_dir: Path,
    config: Config | None = None,
    corpus_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Build the whole index into a new generation and make it current; returns the manifest."""

    config = config or Config()
    corpus_dir = Path(corpus_dir or default_corpus_dir())
    index_dir = Path(index_dir)
    step = progress or (lambda stage, done, total: None)
    catalog = load_catalog(corpus_dir)
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
        step("clean", 0, 1)
        docs = load_documents(corpus_dir, catalog)
        passages, sentences = chunk_documents(docs, config)
        step("clean", 1, 1)

        from .embedding import OnnxEmbedder, export_onnx

        step("export model", 0, 1)
        export_onnx(tmp / MODEL_DIR)
        step("export model", 1, 1)
        base = OnnxEmbedder(tmp / MODEL_DIR, config.max_seq_length)
        encoder = base
        if config.encoder_finetune:
            from .finetune import TRAINING_FILE, finetuned_encoder, training_pairs

            pairs = training_pairs(catalog.root / TRAINING_FILE, catalog, sentences)
            export_onnx(tmp / ENCODER_DIR, finetuned_encoder(pairs, config, progress=step))
            encoder = OnnxEmbedder(tmp / ENCODER_DIR, config.max_seq_length)
        dim = _write_vectors(tmp, base, encoder, passages, sentences, config, step)
        _write_extras(tmp, base, docs, config, step)
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
        _activate(index_dir, tmp, manifest)
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
    return manifest


def _write_vectors(
    folder: Path,
    base: OnnxEmbedder,
    encoder: OnnxEmbedder,
    passages: list[Passage],
    sentences: list[Sentence],
    config: Config,
    step: Progress,
) -> int:
    """Write the vectors: passages (FAISS) and sentences for retrieval and answers by the
    encoder; sentences and each sentence's content words in context (for verify) by the
    base model. Returns the vector dimension."""
    import faiss
    import numpy as np

    batch = config.embed_batch_size
    pairs = sentence_pairs(passages)
    total = len(passages) + len(sentences) * (1 if encoder is base else 2) + len(pairs)
    done = 0

    def embed(model: OnnxEmbedder, texts: list[str], words: bool) -> tuple[Any, list[Any]]:
        nonlocal done
        vectors, in_context = [], []
        for i in range(0, len(texts), batch):
            vecs, ctx = model.embed_with_words(texts[i : i + batch], batch, words=words)
            vectors.append(vecs)
            in_context += ctx
            done += len(vecs)
            step("embed", done, total)
        return np.vstack(vectors).astype(np.float32), in_context

    pvec, _ = embed(encoder, [p.index_text for p in passages], False)
    svec, in_context = embed(base, [s.embed_text for s in sentences], True)
    answer_vec = (
        svec if encoder is base else embed(encoder, [s.embed_text for s in sentences], False)[0]
    )
    pair_texts = [f"{sentences[a].embed_text} {sentences[b].embed_text}" for a, b in pairs]
    pair_vec = embed(encoder, pair_texts, False)[0]
    rows, starts = [], [0]
    for names, wvecs in in_context:  # a sentence's content words, for verify
        keep = [j for j, w in enumerate(names) if is_content_word(w)]
        rows.append(wvecs[keep].astype(np.float16))
        starts.append(starts[-1] + len(keep))
    dense = faiss.IndexFlatIP(pvec.shape[1])
    dense.add(pvec)
    faiss.write_index(dense, str(folder / DENSE))
    np.save(folder / SENTENCE_VECTORS, svec, allow_pickle=False)
    np.save(folder / ANSWER_VECTORS, answer_vec, allow_pickle=False)
    np.save(
        folder / ANSWER_PAIRS, np.array(pairs, dtype=np.int64).reshape(-1, 2), allow_pickle=False
    )
    np.save(folder / ANSWER_PAIR_VECTORS, pair_vec, allow_pickle=False)
    np.save(folder / SENTENCE_WORDS, np.vstack(rows), allow_pickle=False)
    np.save(folder / SENTENCE_WORDS_AT, np.array(starts, dtype=np.int64), allow_pickle=False)
    return int(pvec.shape[1])


def _write_extras(
    folder: Path, base: OnnxEmbedder, docs: list[Document], config: Config, step: Progress
) -> None:
    """Find verify's candidates beside the sentences and embed them with the base model
    (in batches of 8, as verify embeds a text), with their content words in context."""
    import numpy as np

    from .verify.extras import find_extras

    step("verify candidates", 0, 1)
    extras, blocks = find_extras({d.report.id: d for d in docs}, config)
    vectors, in_context = base.embed_with_words([e.text for e in extras], batch_size=8)
    rows, starts = [np.zeros((0, base.dimension), np.float32)], [0]
    for names, wvecs in in_context:
        keep = [j for j, w in enumerate(names) if is_content_word(w)]
        rows.append(wvecs[keep].astype(np.float32))
        starts.append(starts[-1] + len(keep))
    _write_json(
        folder / EXTRAS,
        {
            "format_version": FORMAT_VERSION,
            "extras": [e.to_dict() for e in extras],
            "blocks": [b.to_dict() for b in blocks],
        },
    )
    np.save(folder / EXTRA_VECTORS, vectors.astype(np.float32), allow_pickle=False)
    np.save(folder / EXTRA_WORDS, np.vstack(rows), allow_pickle=False)
    np.save(folder / EXTRA_WORDS_AT, np.array(starts, dtype=np.int64), allow_pickle=False)
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


def _activate(index_dir: Path, tmp: Path, manifest: dict[str, Any]) -> str:
    """Move the finished build to its generation and point CURRENT at it atomically;
    an identical generation already there and whole is kept (see ``generations.py``)."""
    return activate(index_dir, tmp, manifest, _holds)


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
