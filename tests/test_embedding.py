"""The query path's ONNX embeddings equal sentence-transformers' own, without torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.integration

TEXTS = ["What is the Digital Silk Road?", "Huawei lost its 5G bid in Malaysia. " * 40, "a"]


def test_onnx_and_sentence_transformers_give_the_same_vectors(qa) -> None:
    from dsrqa.embedding import load_torch_model

    onnx = qa.index.embedder.embed(TEXTS)
    reference = load_torch_model(qa.config.max_seq_length).encode(TEXTS, normalize_embeddings=True)
    assert onnx.shape == reference.shape == (3, 384)
    assert np.abs(onnx - reference).max() < 1e-4


def test_query_path_imports_neither_torch_nor_sentence_transformers(built_index) -> None:
    code = (
        "import sys; from dsrqa import QA; "
        f"qa = QA.load({str(built_index)!r}); qa.ask('What is City Brain?'); "
        "heavy = ('torch', 'sentence_transformers', 'bm25s', 'numba'); "
        "bad = [m for m in heavy if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_bm25_reader_matches_bm25s_scores(qa) -> None:
    import bm25s

    from dsrqa.index import BM25_DIR
    from dsrqa.text import tokenize

    retriever = bm25s.BM25.load(str(qa.index.folder / BM25_DIR))
    for question in ["Huawei 5G Malaysia Ericsson", "smart traffic lights City Brain", "zzz"]:
        tokens = [t for t in tokenize(question) if t in retriever.vocab_dict]
        ours = qa.index.bm25.scores(tokenize(question))
        if tokens:
            theirs = retriever.get_scores(tokens)
            assert np.allclose(ours, theirs, atol=1e-5)
        else:
            assert not ours.any()


def test_words_in_context_come_from_the_same_model_run_as_the_vectors(qa) -> None:
    texts = ["Some countries explicitly banned Huawei.", "Huawei lost its bid. " * 3, "a"]
    vectors, words = qa.index.embedder.embed_with_words(texts)
    assert np.abs(vectors - qa.index.embedder.embed(texts)).max() < 1e-6
    names, in_context = words[0]
    assert names == ["some", "countries", "explicitly", "banned", "huawei", "."]
    assert in_context.shape == (6, 384)
    assert np.allclose(np.linalg.norm(in_context, axis=1), 1.0, atol=1e-5)
