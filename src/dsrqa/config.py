"""One configuration object with every tunable number; it is written into the manifest.

Why one object: an index is only valid for the config it was built with, so the build
records it and loading compares the parts that shape the index.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import BadInputError

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# the values a text option takes: the learned ranker or the hand-set weights; abstention
# from the calibrated probability or from the older word rules (both kept for ablation)
CHOICES = {"ranker": ("learned", "hand"), "abstention": ("calibrated", "rules")}


@dataclass(frozen=True)
class Config:
    """Defaults for building and querying. Fields marked ``build`` shape the index."""

    # chunking (build)
    chunk_size: int = field(default=600, metadata={"build": True})
    chunk_overlap: int = field(default=120, metadata={"build": True})
    table_chunk_size: int = field(default=600, metadata={"build": True})
    # embedding (build)
    model_name: str = field(default=MODEL_NAME, metadata={"build": True})
    max_seq_length: int = field(default=256, metadata={"build": True})
    embed_batch_size: int = field(default=32, metadata={"build": True})
    # the retrieval encoder: the base model fine-tuned on training/questions.jsonl (build)
    encoder_finetune: bool = field(default=True, metadata={"build": True})
    encoder_epochs: int = field(default=3, metadata={"build": True})
    encoder_batch_size: int = field(default=32, metadata={"build": True})
    encoder_learning_rate: float = field(default=5e-5, metadata={"build": True})
    encoder_seed: int = field(default=0, metadata={"build": True})
    # BM25 (build)
    bm25_k1: float = field(default=1.2, metadata={"build": True})
    bm25_b: float = field(default=0.75, metadata={"build": True})
    # query-time embedding: onnxruntime intra-op threads (this machine has 2 cores)
    query_threads: int = 2
    # retrieval (query)
    k: int = 5
    max_k: int = 50
    candidates: int = 50
    rrf_k: int = 5
    dense_weight: float = 1.0
    bm25_weight: float = 1.5
    # the learned answer ranker and calibration (build: fitted on the dev questions;
    # query: "learned" or the hand-set weights below, "calibrated" or the older word rules)
    ranker_c: float = field(default=1.0, metadata={"build": True})
    calibration_c: float = field(default=1.0, metadata={"build": True})
    rank_passages: int = field(default=5, metadata={"build": True})
    rank_sentences: int = field(default=30, metadata={"build": True})
    ranker: str = "learned"
    answer_pairs: bool = True  # two neighbouring sentences of a paragraph may be the answer
    abstention: str = "calibrated"
    # answer extraction (query)
    answer_passages: int = 3
    sentence_dense_weight: float = 1.0
    sentence_overlap_weight: float = 0.7
    sentence_rank_weight: float = 0.0
    # abstention (query): calibrated on the dev split, see README "Abstention"
    abstain_threshold: float = 0.2742
    rare_name_df: int = 5
    max_question_chars: int = 2000
    # verification (query); the support thresholds are calibrated on the dev split of
    # eval/verify.jsonl, see eval/README.md
    verify_candidates: int = 5
    verify_close_max_edits: int = 2
    verify_close_share: float = 0.25
    verify_support_sentences: int = 8
    verify_coverage_weight: float = 0.5
    verify_support_cosine: float = 0.7
    verify_support_coverage: float = 0.5
    verify_related_cosine: float = 0.6
    verify_same_names_cosine: float = 0.7  # loose rewordings with every name: chosen on dev
    verify_word_cosine: float = 0.7  # a word said in other words, in context (1.0: off)
    verify_respelled: int = 1  # texts re-embedded with acronyms spelled as a candidate does
    # verify's candidates beside the sentences, found when the index is built (build):
    # a heading or table header with fewer content terms is no candidate; nor a table
    # column whose cells are longer; a column's header stands this close above it
    verify_line_terms: int = field(default=2, metadata={"build": True})
    verify_column_words: int = field(default=6, metadata={"build": True})
    verify_header_chars: int = field(default=1000, metadata={"build": True})
    verify_max_matches: int = 5
    verify_closest: int = 3
    max_verify_chars: int = 5000
    # verify rules
    verify_reach: int = 4  # words a reversing word reaches, either way
    verify_reversing_run: int = 2  # reversing words this close form one run ("did not lose")
    verify_contrast_words: int = 7  # a "but" this close after "not" makes "not X but Y"
    verify_kindred_prefix: int = 4  # first letters two forms of a name share (China, Chinese)
    verify_kindred_share: float = 0.6  # ... and at least this share of the shorter
    verify_acronym_words: int = 4  # the longest run of words an acronym stands for
    verify_figure_sentence_words: int = 60  # words either side of a figure: its sentence
    verify_figure_near_words: int = 6  # words either side of a figure: next to it
    verify_amount_count: float = 1000.0  # a bare count this large may stand for an amount

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise BadInputError(
                    f"config {name} must be one of {', '.join(allowed)}; "
                    f"got {getattr(self, name)!r}"
                )

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, for the manifest and JSON output."""
        return dataclasses.asdict(self)

    def build_dict(self) -> dict[str, Any]:
        """Only the fields that shape the index, compared when loading."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("build")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        """Build from a dict, refusing unknown keys so typos do not pass silently."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise BadInputError(
                f"unknown config key(s) {', '.join(unknown)}; expected some of: {', '.join(known)}"
            )
        return cls(**data)

    def with_overrides(self, pairs: list[str]) -> Config:
        """Apply ``key=value`` strings (from ``--set``), casting to each field's type."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for pair in pairs:
            key, sep, raw = pair.partition("=")
            if not sep or key not in known:
                raise BadInputError(
                    f"--set expects KEY=VALUE with KEY one of {', '.join(known)}; got {pair!r}"
                )
            kind = type(getattr(self, key))
            try:
                changes[key] = _parse_bool(raw) if kind is bool else kind(raw)
            except ValueError:
                raise BadInputError(f"--set {key} expects a {kind.__name__}; got {raw!r}") from None
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_file(cls, path: Path) -> Config:
        """Read a JSON config file (any subset of the fields)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BadInputError(f"cannot read config file {path}: {exc}") from None
        if not isinstance(data, dict):
            raise BadInputError(f"config file {path} must hold a JSON object")
        return cls.from_dict(data)


def _parse_bool(raw: str) -> bool:
    """``true``/``false`` (also 1/0, yes/no), as a person types it after ``--set``."""
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise ValueError(raw)
