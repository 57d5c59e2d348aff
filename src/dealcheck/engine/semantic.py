"""Optional semantic similarity (``--semantic``), from the offline WordLlama model.

The ``wordllama`` package ships its model (l2_supercat, 256 dimensions) in
its wheel and needs only numpy: nothing is fetched at run time. It is
imported only when semantic matching is asked for, because loading it costs
about half a second.

It never introduces a capability on its own. It only arbitrates the lexical
signal: it confirms a lexical candidate that is also the clear semantic
favourite, and vetoes one that the meaning of the text points away from.
Measured in bench/ (ablation) before being relied on.

The answer library uses the same model through :func:`embed_texts` to confirm
that a near phrasing is the same question (see :mod:`dealcheck.answers.lookup`);
one model is loaded per process, whoever asks first.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

from dealcheck.errors import InputError


class SemanticIndex:
    def __init__(self, documents: list[str]) -> None:
        import numpy as np

        self._np = np
        self.model: Any = _model()  # shared with the answer library's lookup
        self.matrix = self.model.embed(documents, norm=True)

    def similarities(self, text: str) -> Any:
        vector = self.model.embed([text], norm=True)[0]
        return self.matrix @ vector


def available() -> bool:
    """Whether the optional ``wordllama`` package is installed (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("wordllama") is not None


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:
        raise InputError(
            f"semantic similarity needs the wordllama package ({exc})",
            hint='pip install "dealcheck[semantic]"',
        ) from None
    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


def embed_texts(texts: Sequence[str]) -> Any:
    """Unit-length embeddings of ``texts``, one float32 row each (a numpy array).

    For callers that compare texts with each other rather than with the
    catalogue (``dealcheck gaps`` groups unmatched requirements by meaning):
    the dot product of two rows is their cosine similarity. The model is
    loaded once per process.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(_model().embed(list(texts), norm=True), dtype=np.float32)
