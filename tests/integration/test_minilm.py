"""The numpy MiniLM (kb/minilm.py) gives sentence-transformers' vectors for the same model."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from kb.minilm import NumpyMiniLM, model_dir
from kb.search import MiniLM
from tests.conftest import REPO

TEXTS = [
    "Which schemes funded the Umden Eri CFC?",
    "Who is the anchor unit of the Muzaffarpur bag cluster?",
    "x",
    "",
    "JEEViKA mobilised 39 women entrepreneurs, funded with INR 10 lakh each under Mukhyamantri "
    "Mahila Udyami Yojna 2022, trained them and put them into plug & play sheds; a common "
    "facility centre comes through the CM MSME Cluster Scheme. " * 8,  # past 256 tokens
    "बिहार के मुजफ्फरपुर में बैग क्लस्टर",  # not in the vocabulary: [UNK]s
]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    model = sentence_transformers.SentenceTransformer(str(model_dir()), device="cpu")
    return np.asarray(
        model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True, batch_size=4)
    )


def test_numpy_vectors_agree_with_sentence_transformers(reference: np.ndarray) -> None:
    ours = NumpyMiniLM().encode(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    assert ours.dtype == np.float32
    assert np.abs(ours - reference).max() < 1e-5
    assert (ours * reference).sum(axis=1).min() > 0.99999


def test_one_text_and_a_batch_give_the_same_vector() -> None:
    model = NumpyMiniLM()
    batch = model.encode(TEXTS)
    for i, text in enumerate(TEXTS):
        assert np.abs(model.encode([text])[0] - batch[i]).max() < 1e-5  # padding is masked


def test_the_service_encoder_does_not_import_torch() -> None:
    code = (
        "import sys; from kb.search import MiniLM; MiniLM().encode(['a question']); "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]
    assert MiniLM().encode([]).shape == (0, 384)


def test_the_bundled_odop_vectors_are_this_models_for_todays_table(built_kb: Any) -> None:
    """data/vectors/odop-rows.npz (clusterkb/seed.py) holds the vectors of every ODOP row as the
    recommender writes it, made by this model: a changed table or model fails here (then run
    `python -m clusterkb.seed`), not silently in a slower first plan."""
    from kb.recommend import ODOP_SEED, MinistryModel
    from kb.search import _load_vectors, text_key

    model = MiniLM()
    seeded = _load_vectors(ODOP_SEED, model.model_id)
    texts = MinistryModel(built_kb.store, model).texts
    assert len(texts) >= 1000 and all(text_key(t) in seeded for t in texts)
    sample = texts[:: len(texts) // 6]
    fresh = NumpyMiniLM().encode(sample)
    assert np.abs(np.stack([seeded[text_key(t)] for t in sample]) - fresh).max() < 1e-5
