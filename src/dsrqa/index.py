"""Build, save, load and check the index.

Layout of an index folder (``index/`` by default)::

    CURRENT              name of the live generation, replaced atomically
    gen-<hash>/          one complete build
        manifest.json    corpus hashes, model, config, version, a digest of the code that
                         built it, size+sha256 of every file
        passages.json    passages and sentences with their raw-file positions
        dense.faiss      passage vectors by the encoder (FAISS flat inner product)
        sentences.npy    sentence vectors by the base model, for verify
        answer_sentences.npy   sentence vectors by the encoder, for answers
        answer_pairs.npy       neighbouring sentences of a paragraph (first and second id),
        answer_pair_vectors.npy    and each pair's vector by the encoder: two-sentence answers
        sentence_words.npy     the sentences' content words' vectors in context (float16),
        sentence_words_at.npy  and where each sentence's rows start: for verify
        verify_extras.json     verify's candidates beside the sentences (blocks of headings,
                               table columns, row sentences) and every block of headings
        verify_extras.npy      their vectors by the base model,
        verify_extra_words.npy     their content words' vectors in context (float32),
        verify_extra_words_at.npy  and where each extra's rows start
        bm25/            BM25 score matrix written by bm25s (npy + json)
        model/           the ONNX export of all-MiniLM-L6-v2 and its tokenizer (verify)
        encoder/         the same fine-tuned on training/questions.jsonl (retrieval, answers)

A build writes a temporary folder, renames it to its generation (named by a digest of
its manifest: the same inputs, the same bytes, the same generation), and only then points
``CURRENT`` at it, so a build killed at any moment leaves the previous index loadable; a
generation a reader still holds is not removed under it (``generations.py``). Loading
checks the manifest against its schema (``manifest.py``) and its generation's name, then
the size and sha256 of every file the loader reads, before FAISS reads anything: FAISS
does not validate its input, and a truncated file can abort the process. What was read is
compared with the manifest's counts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .chunking import Passage, Sentence, chunk_documents, sentence_pairs
from .config import Config
from .corpus import Catalog, Document, load_catalog, load_documents
from .embedding import ONNX_FILE, TOKENIZER_FILE, model_source
from .errors import DsrqaError, IndexCorruptError, IndexStaleError, rebuild_hint
from .generations import CURRENT as CURRENT  # the pointer's name, for callers of this module
from .generations import Lease, activate, generation_name, open_current
from .manifest import Manifest, parse_manifest
from .stores import (
    Bm25Store,
    DenseStore,
    DocumentStore,
    Extra,
    ExtraStore,
    ModelStore,
    PassageStore,
    SentenceStore,
    frozen_array,
)
from .text import is_content_word, tokenize

if TYPE_CHECKING:
    import numpy as np

    from .calibration import Calibration
    from .embedding import OnnxEmbedder
    from .ranking import LinearModel

FORMAT_VERSION = 4
MANIFEST = "manifest.json"
PASSAGES = "passages.json"
DENSE = "dense.faiss"
SENTENCE_VECTORS = "sentences.npy"
ANSWER_VECTORS = "answer_sentences.npy"
ANSWER_PAIRS = "answer_pairs.npy"
ANSWER_PAIR_VECTORS = "answer_pair_vectors.npy"
SENTENCE_WORDS = "sentence_words.npy"
SENTENCE_WORDS_AT = "sentence_words_at.npy"
EXTRAS = "verify_extras.json"
EXTRA_VECTORS = "verify_extras.npy"
EXTRA_WORDS = "verify_extra_words.npy"
EXTRA_WORDS_AT = "verify_extra_words_at.npy"
BM25_DIR = "bm25"
MODEL_DIR = "model"
ENCODER_DIR = "encoder"
RANKER_FILE = "ranker.json"
CALIBRATION_FILE = "calibration.json"
BM25_FILES = (
    "data.csc.index.npy",
    "indices.csc.index.npy",
    "indptr.csc.index.npy",
    "vocab.index.json",
    "params.index.json",
)

MAX_MANIFEST_BYTES = 16 << 20

Progress = Callable[[str, int, int], None]
PIPELINE_MODULES = (
    "corpus",
    "chunking",
    "text",
    "embedding",
    "finetune",
    "index",
    "retrieval",
    "ranking",
    "calibration",
    "fit",
    "gold",
    "quantities",
    "verify/extras",
    "verify/units",
    "verify/words",
    "verify/lexicon",
)


def pipeline_digest(catalog: Catalog) -> str:
    """What turns the reports into an index: the code of those stages and each report's
    cleaning profile. An index built by other code holds other passages and lines
    (a cleaner fix moves them), so it is refused as stale, never served. A package
    (``corpus/``) counts with every ``.py`` file in it, by relative path and bytes."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for module in PIPELINE_MODULES:
        package = here / module
        if not package.is_dir():
            digest.update((here / f"{module}.py").read_bytes())
            continue
        files = sorted((p.relative_to(package).as_posix(), p) for p in package.rglob("*.py"))
        for rel, path in files:
            digest.update(f"{module}/{rel}\0".encode())
            digest.update(path.read_bytes())
    digest.update(json.dumps([r.profile for r in catalog.reports], sort_keys=True).encode())
    return digest.hexdigest()


def default_corpus_dir() -> Path:
    """``corpus/`` of the repository this package is installed from (or the cwd's)."""
    here = Path(__file__).resolve().parents[2] / "corpus"
    return here if here.is_dir() else Path.cwd() / "corpus"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ----------------------------------------------------------------------------- build
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


def loaded_files(built: Config) -> tuple[str, ...]:
    """Every file ``read_generation`` and the stores it makes read (the models on first
    use), for an index built with ``built``: each needs a recorded size and sha256."""
    models = (MODEL_DIR, ENCODER_DIR) if built.encoder_finetune else (MODEL_DIR,)
    return (
        PASSAGES,
        DENSE,
        SENTENCE_VECTORS,
        ANSWER_VECTORS,
        ANSWER_PAIRS,
        ANSWER_PAIR_VECTORS,
        SENTENCE_WORDS,
        SENTENCE_WORDS_AT,
        EXTRAS,
        EXTRA_VECTORS,
        EXTRA_WORDS,
        EXTRA_WORDS_AT,
        *(f"{BM25_DIR}/{name}" for name in BM25_FILES),
        RANKER_FILE,
        CALIBRATION_FILE,
        *(f"{m}/{name}" for m in models for name in (ONNX_FILE.as_posix(), TOKENIZER_FILE)),
    )


def fitted_inputs(built: Config) -> tuple[str, ...]:
    """The question files an index built with ``built`` was fitted (and trained) on."""
    from .finetune import TRAINING_FILE
    from .fit import DEV_SETS

    return (*DEV_SETS, *((TRAINING_FILE,) if built.encoder_finetune else ()))


# ------------------------------------------------------------------------------ load
@dataclass(frozen=True, eq=False)
class Index:
    """A loaded, checked index: read-only stores of everything a query needs, read once
    per process (see ``stores.py``)."""

    folder: Path
    manifest: dict[str, Any]
    config: Config
    catalog: Catalog
    passages: PassageStore
    sentences: SentenceStore
    dense: DenseStore
    bm25: Bm25Store
    extras: ExtraStore
    documents: DocumentStore
    models: ModelStore
    ranker: LinearModel | None = None  # None while the index is being fitted
    calibration: Calibration | None = None
    lease: Lease | None = None  # keeps a build from removing the generation while loaded

    def document(self, report_id: str) -> Document:
        """The cleaned report (cleaned on first use)."""
        return self.documents.get(report_id)

    @property
    def embedder(self) -> OnnxEmbedder:
        """The base model (verify's similarities are calibrated on it)."""
        return self.models.base

    @property
    def encoder(self) -> OnnxEmbedder:
        """The retrieval encoder (questions, passages and answer sentences)."""
        return self.models.encoder


def index_status(index_dir: Path) -> str | None:
    """None if the index loads and matches; otherwise the reason it would be refused."""
    try:
        check_index(Path(index_dir))
    except DsrqaError as exc:
        return str(exc)
    return None


def check_index(
    index_dir: Path, config: Config | None = None, corpus_dir: Path | None = None
) -> tuple[Path, Manifest, Catalog]:
    """Validate everything that can be validated without loading: returns the generation."""
    hint = rebuild_hint(index_dir)
    with open_current(Path(index_dir), hint) as lease:
        return _check_generation(lease.folder, config, corpus_dir, hint)


def _check_generation(
    folder: Path, config: Config | None, corpus_dir: Path | None, hint: str
) -> tuple[Path, Manifest, Catalog]:
    manifest = read_manifest(folder, hint)
    _check_files(folder, manifest, hint)
    catalog = load_catalog(Path(corpus_dir) if corpus_dir else default_corpus_dir())
    _check_install(manifest, catalog, config, hint)
    return folder, manifest, catalog


def read_manifest(folder: Path, hint: str) -> Manifest:
    """The generation's manifest, checked against the schema and the generation's name."""
    path = folder / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise IndexCorruptError(
                f"index manifest {path} has {path.stat().st_size} bytes, expected at most "
                f"{MAX_MANIFEST_BYTES}; {hint}"
            )
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(f"index {folder} has no {MANIFEST}; {hint}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        found = type(exc).__name__ if isinstance(exc, RecursionError) else exc
        raise IndexCorruptError(f"index manifest {path} is unreadable ({found}); {hint}") from None
    manifest = parse_manifest(raw, str(path), hint, FORMAT_VERSION)
    if generation_name(raw) != folder.name:
        raise IndexCorruptError(
            f"index manifest {path} does not match its generation name: expected the "
            f"manifest of {folder.name}, found one that hashes to {generation_name(raw)} "
            f"(edited or damaged); {hint}"
        )
    return manifest


def _check_files(folder: Path, manifest: Manifest, hint: str) -> None:
    """Every file the loader reads has a recorded size and sha256 (the list comes from
    the loader, not the manifest), the manifest records exactly the generation's files,
    and each has its recorded size and sha256."""
    for rel in loaded_files(manifest.config):
        if rel not in manifest.files:
            raise IndexCorruptError(
                f"index manifest {folder / MANIFEST} is damaged: expected a recorded size and "
                f"sha256 for {rel}, which the loader reads; found no recorded size and sha256 "
                f"for it; {hint}"
            )
    onnx = f"{MODEL_DIR}/{ONNX_FILE.as_posix()}"
    if manifest.files[onnx].sha256 != manifest.model.onnx_sha256:
        raise IndexCorruptError(
            f"index manifest {folder / MANIFEST} is damaged: expected model.onnx_sha256 to "
            f"be the sha256 recorded for {onnx}, found another; {hint}"
        )
    unlisted = sorted(
        rel
        for rel in (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        if rel != MANIFEST and rel not in manifest.files
    )
    if unlisted:
        raise IndexCorruptError(
            f"index manifest {folder / MANIFEST} is damaged: expected a recorded size and "
            f"sha256 for every file of the generation, found none for {unlisted[0]}; {hint}"
        )
    for rel, meta in sorted(manifest.files.items()):
        path = folder / rel
        try:
            size = path.stat().st_size
        except OSError:
            raise IndexCorruptError(f"index file {rel} is missing from {folder}; {hint}") from None
        if size != meta.bytes:
            raise IndexCorruptError(
                f"index file {rel} has {size} bytes, the manifest says {meta.bytes} "
                f"(truncated or replaced); {hint}"
            )
        if sha256_file(path) != meta.sha256:
            raise IndexCorruptError(f"index file {rel} does not match its recorded sha256; {hint}")


def _check_install(manifest: Manifest, catalog: Catalog, config: Config | None, hint: str) -> None:
    """The index was built from this corpus, code, questions, model and version."""
    built = manifest.config
    expected = [(r.id, r.file, r.sha256, r.title) for r in catalog.reports]
    found = [(c.id, c.file, c.sha256, c.title) for c in manifest.corpus]
    if expected != found:
        raise IndexStaleError(
            f"index was built from other corpus files than the catalog lists; {hint}"
        )
    for report in catalog.reports:
        report.read_raw()  # checks the file's bytes against the catalog hash
    if manifest.pipeline_sha256 != pipeline_digest(catalog):
        raise IndexStaleError(
            "index was built by other cleaning, chunking, indexing or fitting code, or other "
            f"cleaning profiles in the catalog, than this install has; {hint}"
        )
    _check_inputs(manifest, catalog, hint)
    if config is not None and config.build_dict() != built.build_dict():
        changed = sorted(k for k, v in config.build_dict().items() if built.build_dict()[k] != v)
        raise IndexStaleError(
            f"index was built with another config ({', '.join(changed)} differ); {hint}"
        )
    model = manifest.model
    if (
        built.model_name != Config().model_name
        or model.name != built.model_name
        or model.source != model_source()
    ):
        raise IndexStaleError(
            f"index was built with model {model.name} {model.source}, "
            f"this install has {Config().model_name} {model_source()}; {hint}"
        )
    if manifest.package_version != __version__:
        raise IndexStaleError(
            f"index was built by dsrqa {manifest.package_version}, this is {__version__}; {hint}"
        )


def _check_inputs(manifest: Manifest, catalog: Catalog, hint: str) -> None:
    """The question files the encoder was trained and the ranker fitted on are recorded
    (the list comes from the build, not the manifest) and unchanged."""
    needed = fitted_inputs(manifest.config)
    if sorted(manifest.inputs) != sorted(needed):
        raise IndexCorruptError(
            f"index manifest is damaged: expected inputs {', '.join(needed)}, found "
            f"{', '.join(ascii(k) for k in sorted(manifest.inputs)) or 'none'}; {hint}"
        )
    for rel, digest in sorted(manifest.inputs.items()):
        path = catalog.root / rel
        if not path.is_file() or sha256_file(path) != digest:
            raise IndexStaleError(
                f"index was fitted on other questions than {rel} now holds; {hint}"
            )


def load_index(
    index_dir: Path, config: Config | None = None, corpus_dir: Path | None = None
) -> Index:
    """Check, then load the index; refuses anything stale or damaged with the fix. The
    loaded index holds a lease on its generation: no build removes it while it lives."""
    query_config = config or Config()
    hint = rebuild_hint(index_dir)
    lease = open_current(Path(index_dir), hint)
    try:
        folder, manifest, catalog = _check_generation(lease.folder, query_config, corpus_dir, hint)
        return read_generation(folder, manifest, catalog, query_config, hint, lease)
    except BaseException:
        lease.release()
        raise


@dataclass(frozen=True)
class Arrays:
    """What a generation's files hold, read and not yet checked against the manifest."""

    passages: list[Passage]
    sentences: list[Sentence]
    dense: Any
    vectors: np.ndarray
    answer_vectors: np.ndarray
    pairs: np.ndarray
    pair_vectors: np.ndarray
    words: np.ndarray
    words_at: np.ndarray
    vocab: dict[str, int]
    bm25_data: np.ndarray
    bm25_indices: np.ndarray
    bm25_indptr: np.ndarray
    extras: ExtraStore


def read_arrays(folder: Path, hint: str) -> Arrays:
    """Read a generation's passages, vectors and BM25 matrix (checked by ``check_index``
    first, or being built)."""
    import faiss
    import numpy as np

    def npy(path: Path) -> np.ndarray:
        return np.load(path, allow_pickle=False)

    bm = folder / BM25_DIR
    try:
        data = json.loads((folder / PASSAGES).read_text(encoding="utf-8"))
        return Arrays(
            passages=[Passage.from_dict(p) for p in data["passages"]],
            sentences=[Sentence(**s) for s in data["sentences"]],
            dense=faiss.read_index(str(folder / DENSE)),
            vectors=npy(folder / SENTENCE_VECTORS),
            answer_vectors=npy(folder / ANSWER_VECTORS),
            pairs=npy(folder / ANSWER_PAIRS),
            pair_vectors=npy(folder / ANSWER_PAIR_VECTORS),
            words=npy(folder / SENTENCE_WORDS),
            words_at=npy(folder / SENTENCE_WORDS_AT),
            vocab=json.loads((bm / "vocab.index.json").read_text(encoding="utf-8")),
            bm25_data=npy(bm / BM25_FILES[0]),
            bm25_indices=npy(bm / BM25_FILES[1]),
            bm25_indptr=npy(bm / BM25_FILES[2]),
            extras=_read_extras(folder),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
        raise IndexCorruptError(f"index {folder} could not be read ({exc}); {hint}") from None


def check_arrays(folder: Path, manifest: Manifest, a: Arrays, hint: str) -> None:
    """The arrays agree with the manifest's counts and with each other."""
    n, m, dim = manifest.passages, manifest.sentences, manifest.model.dimension
    found = {
        "passages in passages.json (counts.passages)": (len(a.passages), n),
        "passages in dense.faiss (counts.passages)": (a.dense.ntotal, n),
        "dimension of dense.faiss (model.dimension)": (a.dense.d, dim),
        "sentences in passages.json (counts.sentences)": (len(a.sentences), m),
        "shape of sentences.npy (counts.sentences, model.dimension)": (a.vectors.shape, (m, dim)),
        "shape of answer_sentences.npy": (a.answer_vectors.shape, (m, dim)),
        "columns of sentence_words.npy (model.dimension)": (a.words.shape[1:], (dim,)),
        "shape of sentence_words_at.npy (counts.sentences + 1)": (a.words_at.shape, (m + 1,)),
        "columns of answer_pairs.npy": (a.pairs.shape[1:], (2,)),
        "shape of answer_pair_vectors.npy": (a.pair_vectors.shape, (len(a.pairs), dim)),
        "shape of verify_extras.npy": (a.extras.vectors.shape, (len(a.extras), dim)),
        "columns of verify_extra_words.npy": (a.extras.word_vectors.shape[1:], (dim,)),
        "shape of verify_extra_words_at.npy": (a.extras.word_starts.shape, (len(a.extras) + 1,)),
        "array types": (
            (str(a.vectors.dtype), str(a.answer_vectors.dtype), a.words.dtype.kind),
            ("float32", "float32", "f"),
        ),
    }
    for what, (got, expected) in found.items():
        if got != expected:
            raise IndexCorruptError(
                f"index {folder} is damaged: expected {expected} as the {what}, found {got}; {hint}"
            )
    problem = _inconsistency(a, n, m)
    if problem:
        raise IndexCorruptError(f"index {folder} is damaged: {problem}; {hint}")


def _inconsistency(a: Arrays, n: int, m: int) -> str | None:
    """What in the arrays points outside them, if anything."""
    import numpy as np

    starts, ptr = a.words_at, a.bm25_indptr
    if starts.dtype.kind not in "iu" or starts[0] != 0 or np.any(np.diff(starts) < 0):
        return "expected sentence_words_at.npy to rise from 0, found otherwise"
    if starts[-1] != a.words.shape[0]:
        return f"expected {starts[-1]} rows in sentence_words.npy, found {a.words.shape[0]}"
    extra_starts = a.extras.word_starts
    if (
        extra_starts.dtype.kind not in "iu"
        or extra_starts[0] != 0
        or np.any(np.diff(extra_starts) < 0)
    ):
        return "expected verify_extra_words_at.npy to rise from 0, found otherwise"
    if extra_starts[-1] != a.extras.word_vectors.shape[0]:
        return "expected verify_extra_words_at.npy to end at the rows of verify_extra_words.npy"
    if a.pairs.dtype.kind not in "iu" or (
        a.pairs.size and not 0 <= a.pairs.min() <= a.pairs.max() < m
    ):
        return "expected answer_pairs.npy to hold sentence ids below counts.sentences"
    if any(not 0 <= sid < m for p in a.passages for sid, _, _ in p.sentences):
        return "expected every passage's sentence ids below counts.sentences, found one outside"
    if not isinstance(a.vocab, dict):
        return "expected the BM25 vocabulary as an object, found otherwise"
    ids = list(a.vocab.values())
    if (
        ptr.ndim != 1
        or ptr.dtype.kind not in "iu"
        or a.bm25_indices.dtype.kind not in "iu"
        or not 1 <= len(ptr) <= len(ids) + 1
        or ptr[0] != 0
        or np.any(np.diff(ptr) < 0)
        or ptr[-1] != len(a.bm25_indices)
        or len(a.bm25_indices) != len(a.bm25_data)
        or (len(a.bm25_indices) and not 0 <= a.bm25_indices.min() <= a.bm25_indices.max() < n)
        or any(type(i) is not int or not 0 <= i < len(ids) for i in ids)
    ):
        return "expected a BM25 matrix over the passages and the vocabulary, found otherwise"
    return None


def read_generation(
    folder: Path,
    manifest: Manifest,
    catalog: Catalog,
    query_config: Config,
    hint: str,
    lease: Lease | None = None,
) -> Index:
    """Read one generation's files into an Index (checked by ``check_index`` first, or
    being built)."""
    a = read_arrays(folder, hint)
    check_arrays(folder, manifest, a, hint)
    built = manifest.config
    encoder = folder / (ENCODER_DIR if built.encoder_finetune else MODEL_DIR)
    models = ModelStore(
        folder / MODEL_DIR, encoder, built.max_seq_length, query_config.query_threads
    )
    passages = tuple(a.passages)
    return Index(
        folder=folder,
        manifest=manifest.raw,
        config=query_config,
        catalog=catalog,
        passages=PassageStore(passages),
        sentences=SentenceStore(
            tuple(a.sentences),
            frozen_array(a.vectors),
            frozen_array(a.words),
            frozen_array(a.words_at),
            frozen_array(a.answer_vectors),
            passages,
            frozen_array(a.pairs),
            frozen_array(a.pair_vectors),
        ),
        dense=DenseStore(a.dense),
        bm25=Bm25Store(
            a.vocab,
            frozen_array(a.bm25_data),
            frozen_array(a.bm25_indices),
            frozen_array(a.bm25_indptr),
            len(passages),
        ),
        extras=a.extras,
        documents=DocumentStore(catalog),
        models=models,
        lease=lease,
        **_fitted(folder, hint),
    )


def _read_extras(folder: Path) -> ExtraStore:
    """Verify's saved candidates (raises what ``read_generation`` turns into
    ``IndexCorruptError``)."""
    import numpy as np

    data = json.loads((folder / EXTRAS).read_text(encoding="utf-8"))
    return ExtraStore(
        tuple(Extra.from_dict(e) for e in data["extras"]),
        frozen_array(np.load(folder / EXTRA_VECTORS, allow_pickle=False)),
        frozen_array(np.load(folder / EXTRA_WORDS, allow_pickle=False)),
        frozen_array(np.load(folder / EXTRA_WORDS_AT, allow_pickle=False)),
        tuple(Extra.from_dict(b) for b in data["blocks"]),
    )


def _fitted(folder: Path, hint: str) -> dict[str, Any]:
    """The saved ranker and calibration (absent while the build is fitting them)."""
    if not (folder / RANKER_FILE).is_file():
        return {}
    from .calibration import FEATURES as CAL_FEATURES
    from .calibration import Calibration
    from .ranking import FEATURES, load_model, load_model_dict

    ranker = load_model(folder / RANKER_FILE, set(FEATURES), hint)
    try:
        data = json.loads((folder / CALIBRATION_FILE).read_text(encoding="utf-8"))
        model = load_model_dict(data["model"], set(CAL_FEATURES))
        calibration = Calibration(model, float(data["threshold"]), {"dev": data.get("dev")})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(
            f"{folder / CALIBRATION_FILE} could not be read ({exc}); {hint}"
        ) from None
    return {"ranker": ranker, "calibration": calibration}
