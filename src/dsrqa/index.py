"""The index: its layout, checking and loading it (building it: ``build.py``).

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

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .chunking import Passage, Sentence
from .config import Config
from .corpus import Catalog, Document, load_catalog
from .embedding import ONNX_FILE, TOKENIZER_FILE, model_source
from .errors import (
    CorpusChangedError,
    DsrqaError,
    IndexCorruptError,
    IndexStaleError,
    rebuild_hint,
)
from .generations import CURRENT as CURRENT  # the pointer's name, for callers of this module
from .generations import Lease, generation_name, lease_generation, open_current
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
    "extract",
    "chunking",
    "text",
    "embedding",
    "finetune",
    "build",
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
    """``$DSRQA_CORPUS``, else ``corpus/`` of the repository this package is installed
    from (or the cwd's): the collection the CLI, the app and the library read."""
    given = os.environ.get("DSRQA_CORPUS")
    if given:
        return Path(given)
    here = Path(__file__).resolve().parents[2] / "corpus"
    return here if here.is_dir() else Path.cwd() / "corpus"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
    lease = open_current(Path(index_dir), hint)
    with _matching(Path(index_dir), lease, config, corpus_dir, hint) as (lease, checked):
        return checked


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
        raise CorpusChangedError(
            f"index was built from other corpus files than the catalog lists; {hint}"
        )
    for report in catalog.reports:
        report.check_file()  # the file's bytes against the catalog hash
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
        lease, (folder, manifest, catalog) = _open_matching(
            Path(index_dir), lease, query_config, corpus_dir, hint
        )
    except BaseException:
        lease.release()
        raise
    try:
        return read_generation(folder, manifest, catalog, query_config, hint, lease)
    except BaseException:
        lease.release()
        raise


Checked = tuple[Path, Manifest, Catalog]


@contextlib.contextmanager
def _matching(
    index_dir: Path, lease: Lease, config: Config | None, corpus_dir: Path | None, hint: str
) -> Iterator[tuple[Lease, Checked]]:
    try:
        lease, checked = _open_matching(index_dir, lease, config, corpus_dir, hint)
    except BaseException:
        lease.release()
        raise
    try:
        yield lease, checked
    finally:
        lease.release()


def _open_matching(
    index_dir: Path, lease: Lease, config: Config | None, corpus_dir: Path | None, hint: str
) -> tuple[Lease, Checked]:
    """The current generation checked; if the documents changed and another generation
    was built for them (``dsrqa add`` or ``remove`` stopped between writing the catalog
    and moving ``CURRENT``), that one. The lease returned is the one to release."""
    try:
        return lease, _check_generation(lease.folder, config, corpus_dir, hint)
    except CorpusChangedError:
        for folder in sorted(index_dir.glob("gen-*")):
            if folder == lease.folder:
                continue
            other = lease_generation(index_dir, folder.name, hint)
            if other is None:
                continue
            try:
                checked = _check_generation(other.folder, config, corpus_dir, hint)
            except DsrqaError:
                other.release()
                continue
            lease.release()
            return other, checked
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
            frozen_array(a.pairs),
            frozen_array(a.pair_vectors),
            passages,
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
