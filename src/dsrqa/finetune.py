"""Fine-tune the sentence encoder on questions about these reports (build time only).

all-MiniLM-L6-v2 was trained on web pairs; a reader's question about these reports often
shares few words with the sentence that answers it. The build fine-tunes a copy of it on
``training/questions.jsonl`` (questions written apart from every evaluation set), pairing
each question with the sentences of the index that hold its evidence, with in-batch
negatives (sentence-transformers' ``MultipleNegativesRankingLoss``), then exports it to
ONNX beside the base model. Retrieval and answers use the fine-tuned encoder; ``verify``
keeps the base model, whose similarities its thresholds were calibrated on.

Training is deterministic for a given input (seeded; the same bytes twice on this CPU),
takes about 3 minutes on 2 cores, and is cached by a digest of everything it reads, so a
second build of the same corpus and questions reuses it (``$DSRQA_CACHE``, default
``~/.cache/dsrqa``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadInputError, ModelError
from .paths import default_cache

if TYPE_CHECKING:
    from .chunking import Sentence
    from .config import Config
    from .corpus import Catalog

Progress = Callable[[str, int, int], None]
TRAINING_FILE = "training/questions.jsonl"  # beside corpus/, relative to the repository


def training_pairs(
    path: Path, catalog: Catalog, sentences: list[Sentence]
) -> list[tuple[str, str]]:
    """(question, sentence text) for every answerable training question and every sentence
    of the index that holds its evidence (the gold sets' relevance rule)."""
    from .gold import covers, load_gold

    pairs = []
    for q in load_gold(path, catalog, splits=("train",)):
        if not q.answerable:
            continue
        for s in sentences:
            if covers(s.report_id, s.char_start, s.char_end, q.evidence):
                pairs.append((q.question, s.embed_text))
    return pairs


def _digest(pairs: list[tuple[str, str]], config: Config) -> str:
    from .embedding import model_source

    digest = hashlib.sha256()
    digest.update(json.dumps(pairs, ensure_ascii=False).encode())
    settings = {k: v for k, v in config.build_dict().items() if k.startswith("encoder_")}
    digest.update(json.dumps([settings, model_source(), _versions()], sort_keys=True).encode())
    return digest.hexdigest()[:20]


def _versions() -> dict[str, str]:
    from importlib import metadata

    return {p: metadata.version(p) for p in ("torch", "sentence-transformers", "transformers")}


def finetuned_encoder(
    pairs: list[tuple[str, str]],
    config: Config,
    cache: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """The folder of the fine-tuned encoder (sentence-transformers format), trained now
    or taken from the cache when the same pairs and settings trained it before."""
    if not pairs:
        raise BadInputError(f"no training pairs: {TRAINING_FILE} holds no answerable question")
    folder = (cache or default_cache()) / f"encoder-{_digest(pairs, config)}"
    if (folder / "config.json").is_file():
        return folder
    step = progress or (lambda stage, done, total: None)
    step("fine-tune encoder", 0, 1)
    tmp = folder.with_name(folder.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _train(pairs, config).save(str(tmp))
        tmp.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ModelError(f"cannot write the fine-tuned encoder to {folder}: {exc}") from None
    step("fine-tune encoder", 1, 1)
    return folder


def _train(pairs: list[tuple[str, str]], config: Config) -> Any:
    """MiniLM fine-tuned with in-batch negatives; seeded, on the CPU."""
    import logging
    import random
    import tempfile
    import warnings

    import numpy as np
    import torch
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformer,
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
    )
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    from .embedding import _offline, source_model_dir

    _offline()
    for name in ("sentence_transformers", "transformers", "accelerate", "datasets"):
        logging.getLogger(name).setLevel(logging.ERROR)
    torch.manual_seed(config.encoder_seed)
    random.seed(config.encoder_seed)
    np.random.seed(config.encoder_seed)
    model = SentenceTransformer(str(source_model_dir()), device="cpu")
    model.max_seq_length = config.max_seq_length
    data = Dataset.from_dict({"anchor": [q for q, _ in pairs], "positive": [s for _, s in pairs]})
    with tempfile.TemporaryDirectory() as out, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        args = SentenceTransformerTrainingArguments(
            output_dir=out,
            num_train_epochs=config.encoder_epochs,
            per_device_train_batch_size=config.encoder_batch_size,
            learning_rate=config.encoder_learning_rate,
            warmup_ratio=0.1,
            seed=config.encoder_seed,
            data_seed=config.encoder_seed,
            batch_sampler="no_duplicates",
            save_strategy="no",
            logging_strategy="no",
            report_to=[],
            disable_tqdm=True,
            use_cpu=True,
        )
        loss = MultipleNegativesRankingLoss(model)
        SentenceTransformerTrainer(model=model, args=args, train_dataset=data, loss=loss).train()
    return model
