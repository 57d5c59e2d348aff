"""Semantic similarity: the meaning of a requirement against each capability's text.

The encoder (:mod:`dealcheck.engine.encoders`) is the offline WordLlama model
by default (its weights ship inside the ``wordllama`` wheel; nothing is
fetched), or a local sentence-transformers model chosen with
``--semantic-model DIR``. It is loaded the first time a requirement needs it,
once per process, and the catalogue is embedded once per run.

The matcher uses the similarities as a ranking fused with the lexical one,
and for whole-requirement retrieval (:mod:`dealcheck.engine.match`).

The answer library uses the same model through :func:`embed_texts` to confirm
that a near phrasing is the same question (see :mod:`dealcheck.answers.lookup`);
one model is loaded per process, whoever asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dealcheck.engine.encoders import Encoder, encoder_for


class SemanticIndex:
    """The catalogue embedded once per run; a requirement's similarity to every capability."""

    def __init__(self, documents: list[str], encoder: Encoder | None = None) -> None:
        import numpy as np

        self.encoder: Encoder = encoder or current_encoder()
        self.matrix = self.encoder.embed(documents) if documents else np.zeros((0, 1))

    def similarities(self, text: str) -> Any:
        if not len(self.matrix):
            return self.matrix[:, 0]  # no capability to compare with
        vector = self.encoder.embed([text])[0]
        return self.matrix @ vector


def ranked(sims: Any, depth: int) -> list[int]:
    """The first ``depth`` capabilities by similarity, best first.

    Similarities are compared rounded to 6 places, and ties go to the capability that
    comes first in the catalogue: the order is the same on every machine and run.
    """
    import numpy as np  # already loaded with the semantic model

    rounded = np.round(np.asarray(sims, dtype=np.float64), 6)
    order = np.lexsort((np.arange(len(rounded)), -rounded))[:depth]
    return [int(d) for d in order]


_MODEL_DIR: str | None = None


def use_model(model_dir: str | None) -> None:
    """Choose the process's encoder: a local sentence-transformers model directory, or
    None for the WordLlama model (the default). Set once by the CLI, before a check."""
    global _MODEL_DIR
    _MODEL_DIR = model_dir or None


def current_encoder() -> Encoder:
    """The encoder every semantic comparison in this process uses (one model load)."""
    return encoder_for(_MODEL_DIR)


def available() -> bool:
    """Whether the chosen encoder's package is installed (without importing it)."""
    import importlib.util

    package = "sentence_transformers" if _MODEL_DIR else "wordllama"
    return importlib.util.find_spec(package) is not None


def embed_texts(texts: Sequence[str]) -> Any:
    """Unit-length embeddings of ``texts``, one float32 row each (a numpy array).

    For callers that compare texts with each other rather than with the
    catalogue (``dealcheck gaps`` groups unmatched requirements by meaning;
    the answer library confirms a near phrasing): the dot product of two rows
    is their cosine similarity. The model is loaded once per process.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(current_encoder().embed(list(texts)), dtype=np.float32)
