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

A build writes a temporary folder, renames it to its generation, and only then points
``CURRENT`` at it, so a build killed at any moment leaves the previous index loadable.
Loading checks the manifest before FAISS reads anything: FAISS does not validate its
input, and a truncated file can abort the process.
"""

from __future__ import annotations

import contextlib
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
from .embedding import model_source
from .errors import (
    DsrqaError,
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
    rebuild_hint,
)
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
    from .calibration import Calibration
    from .embedding import OnnxEmbedder
    from .ranking import LinearModel

FORMAT_VERSION = 4
CURRENT = "CURRENT"
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
    from .finetune import TRAINING_FILE
    from .fit import DEV_SETS, fit_models
    from .gold import load_gold

    files = [*DEV_SETS, *((TRAINING_FILE,) if config.encoder_finetune else ())]
    questions = []
    for rel in DEV_SETS:
        questions += [q for q in load_gold(catalog.root / rel, catalog) if q.split == "dev"]
    draft = _manifest(folder, catalog, config, counts, dim, {})
    index = read_generation(folder, draft, catalog, config, "")
    ranker, calibration = fit_models(index, questions)
    _write_json(folder / RANKER_FILE, ranker)
    _write_json(folder / CALIBRATION_FILE, calibration)
    return {rel: sha256_file(catalog.root / rel) for rel in files}


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
    """BM25 over the same text that is embedded (section title + passage)."""
    import bm25s

    corpus_tokens = [tokenize(p.index_text) or ["__empty__"] for p in passages]
    retriever = bm25s.BM25(k1=config.bm25_k1, b=config.bm25_b, method="lucene")
    retriever.index(corpus_tokens, show_progress=False)
    retriever.save(str(folder), allow_pickle=False)
    # bm25s writes its vocabulary in hash order: rewrite it sorted so bytes are reproducible
    vocab_path = folder / "vocab.index.json"
    vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
    _write_json(vocab_path, vocab)


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


def _activate(index_dir: Path, tmp: Path, manifest: dict[str, Any]) -> None:
    """Rename the finished build to its generation and point CURRENT at it atomically."""
    digest = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:16]
    gen = f"gen-{digest}"
    current = _read_current(index_dir)
    target = index_dir / gen
    if gen == current:  # identical rebuild: the live generation already holds these bytes
        shutil.rmtree(tmp)
    else:
        if target.exists():
            shutil.rmtree(target)
        os.rename(tmp, target)
    pointer = index_dir / f".{CURRENT}.tmp-{os.getpid()}"
    pointer.write_text(gen + "\n", encoding="utf-8")
    with open(pointer, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(pointer, index_dir / CURRENT)
    with contextlib.suppress(OSError):
        dir_fd = os.open(index_dir, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
    for old in index_dir.glob("gen-*"):
        if old.name != gen:
            shutil.rmtree(old, ignore_errors=True)


def _read_current(index_dir: Path) -> str | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name or None


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
) -> tuple[Path, dict[str, Any], Catalog]:
    """Validate everything that can be validated without loading: returns the generation."""
    index_dir = Path(index_dir)
    hint = rebuild_hint(index_dir)
    gen_name = _read_current(index_dir)
    if gen_name is None:
        if not index_dir.exists():
            raise IndexMissingError(f"no index at {index_dir}; {hint.replace('rebuild', 'build')}")
        raise IndexMissingError(f"{index_dir} holds no built index (no CURRENT file); {hint}")
    folder = index_dir / gen_name
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(f"index {folder} has no {MANIFEST}; {hint}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexCorruptError(
            f"index manifest {folder / MANIFEST} is unreadable ({exc}); {hint}"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        found = manifest.get("format_version") if isinstance(manifest, dict) else None
        raise IndexStaleError(
            f"index format {found!r} was written by another dsrqa version; this one reads "
            f"format {FORMAT_VERSION}; {hint}"
        )
    try:
        files = manifest["files"]
        built_config = Config.from_dict(manifest["config"])
        corpus = manifest["corpus"]
        model = manifest["model"]
    except (KeyError, TypeError, DsrqaError) as exc:
        raise IndexCorruptError(f"index manifest {folder / MANIFEST} lacks {exc}; {hint}") from None
    for rel, meta in sorted(files.items()):
        path = folder / rel
        try:
            size = path.stat().st_size
        except OSError:
            raise IndexCorruptError(f"index file {rel} is missing from {folder}; {hint}") from None
        if size != meta["bytes"]:
            raise IndexCorruptError(
                f"index file {rel} has {size} bytes, the manifest says {meta['bytes']} "
                f"(truncated or replaced); {hint}"
            )
        if sha256_file(path) != meta["sha256"]:
            raise IndexCorruptError(f"index file {rel} does not match its recorded sha256; {hint}")
    catalog = load_catalog(Path(corpus_dir) if corpus_dir else default_corpus_dir())
    expected = [{"id": r.id, "file": r.file, "sha256": r.sha256} for r in catalog.reports]
    found_corpus = [{k: c.get(k) for k in ("id", "file", "sha256")} for c in corpus]
    if expected != found_corpus:
        raise IndexStaleError(
            f"index was built from other corpus files than the catalog lists; {hint}"
        )
    for report in catalog.reports:
        report.read_raw()  # checks the file's bytes against the catalog hash
    if manifest.get("pipeline_sha256") != pipeline_digest(catalog):
        raise IndexStaleError(
            "index was built by other cleaning, chunking, indexing or fitting code, or other "
            f"cleaning profiles in the catalog, than this install has; {hint}"
        )
    _check_inputs(manifest, catalog, hint)
    if config is not None and config.build_dict() != built_config.build_dict():
        changed = sorted(
            k for k, v in config.build_dict().items() if built_config.build_dict()[k] != v
        )
        raise IndexStaleError(
            f"index was built with another config ({', '.join(changed)} differ); {hint}"
        )
    if built_config.model_name != Config().model_name or model.get("source") != model_source():
        raise IndexStaleError(
            f"index was built with model {model.get('name')} {model.get('source')}, "
            f"this install has {Config().model_name} {model_source()}; {hint}"
        )
    if manifest.get("package", {}).get("version") != __version__:
        raise IndexStaleError(
            f"index was built by dsrqa {manifest.get('package', {}).get('version')}, "
            f"this is {__version__}; {hint}"
        )
    return folder, manifest, catalog


def _check_inputs(manifest: dict[str, Any], catalog: Catalog, hint: str) -> None:
    """The question files the encoder was trained and the ranker fitted on are unchanged."""
    for rel, digest in sorted((manifest.get("inputs") or {}).items()):
        path = catalog.root / rel
        if not path.is_file() or sha256_file(path) != digest:
            raise IndexStaleError(
                f"index was fitted on other questions than {rel} now holds; {hint}"
            )


def load_index(
    index_dir: Path, config: Config | None = None, corpus_dir: Path | None = None
) -> Index:
    """Check, then load the index; refuses anything stale or damaged with the fix."""
    query_config = config or Config()
    folder, manifest, catalog = check_index(index_dir, query_config, corpus_dir)
    return read_generation(folder, manifest, catalog, query_config, rebuild_hint(index_dir))


def read_generation(
    folder: Path, manifest: dict[str, Any], catalog: Catalog, query_config: Config, hint: str
) -> Index:
    """Read one generation's files into an Index (checked by ``check_index`` first, or
    being built)."""
    import faiss
    import numpy as np

    built = Config.from_dict(manifest["config"])
    try:
        data = json.loads((folder / PASSAGES).read_text(encoding="utf-8"))
        passages = [Passage.from_dict(p) for p in data["passages"]]
        sentences = [Sentence(**s) for s in data["sentences"]]
        dense = faiss.read_index(str(folder / DENSE))
        svec = np.load(folder / SENTENCE_VECTORS, allow_pickle=False)
        answer_vec = np.load(folder / ANSWER_VECTORS, allow_pickle=False)
        pairs = np.load(folder / ANSWER_PAIRS, allow_pickle=False)
        pair_vec = np.load(folder / ANSWER_PAIR_VECTORS, allow_pickle=False)
        words = np.load(folder / SENTENCE_WORDS, allow_pickle=False)
        words_at = np.load(folder / SENTENCE_WORDS_AT, allow_pickle=False)
        bm = folder / BM25_DIR
        vocab = json.loads((bm / "vocab.index.json").read_text(encoding="utf-8"))
        bm_data = np.load(bm / BM25_FILES[0], allow_pickle=False)
        bm_indices = np.load(bm / BM25_FILES[1], allow_pickle=False)
        bm_indptr = np.load(bm / BM25_FILES[2], allow_pickle=False)
        extras = _read_extras(folder)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(f"index {folder} could not be read ({exc}); {hint}") from None
    if (
        dense.ntotal != len(passages)
        or svec.shape[0] != len(sentences)
        or answer_vec.shape != svec.shape
        or pairs.ndim != 2
        or pair_vec.shape != (pairs.shape[0], svec.shape[1])
        or (pairs.size and (pairs.min() < 0 or pairs.max() >= len(sentences)))
        or words_at.shape != (len(sentences) + 1,)
        or words_at[-1] != words.shape[0]
        or extras.vectors.shape[0] != len(extras.items)
        or extras.word_starts.shape != (len(extras.items) + 1,)
        or extras.word_starts[-1] != extras.word_vectors.shape[0]
    ):
        raise IndexCorruptError(f"index {folder} has vectors and passages that disagree; {hint}")
    encoder = folder / (ENCODER_DIR if built.encoder_finetune else MODEL_DIR)
    models = ModelStore(
        folder / MODEL_DIR, encoder, built.max_seq_length, query_config.query_threads
    )
    return Index(
        folder=folder,
        manifest=manifest,
        config=query_config,
        catalog=catalog,
        passages=PassageStore(tuple(passages)),
        sentences=SentenceStore(
            tuple(sentences),
            frozen_array(svec),
            frozen_array(words),
            frozen_array(words_at),
            frozen_array(answer_vec),
            tuple(passages),
            frozen_array(pairs),
            frozen_array(pair_vec),
        ),
        dense=DenseStore(dense),
        bm25=Bm25Store(
            vocab,
            frozen_array(bm_data),
            frozen_array(bm_indices),
            frozen_array(bm_indptr),
            len(passages),
        ),
        extras=extras,
        documents=DocumentStore(catalog),
        models=models,
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
