"""Optional semantic similarity (``--semantic``), from the offline WordLlama model.

The ``wordllama`` package ships its model (l2_supercat, 256 dimensions) in
its wheel and needs only numpy: nothing is fetched at run time. It is
imported only when semantic matching is asked for, because loading it costs
about half a second.

It never introduces a capability on its own. It only arbitrates the lexical
signal: it confirms a lexical candidate that is also the clear semantic
favourite, and vetoes one that the meaning of the text points away from.
Measured in bench/ (ablation) before being relied on.

The answer library uses the same model through :func:`embed` to confirm that
a near phrasing is the same question (see :mod:`dealcheck.answers.lookup`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from dealcheck.errors import InputError


def available() -> bool:
    """Whether the semantic model can be loaded (``dealcheck[semantic]`` is installed)."""
    import importlib.util

    return (
        importlib.util.find_spec("wordllama") is not None
        and importlib.util.find_spec("numpy") is not None
    )


@lru_cache(maxsize=1)
def _model() -> Any:
    """The WordLlama model, loaded once per process from the files in its wheel."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:
        raise InputError(
            f"--semantic needs the wordllama package ({exc})",
            hint='pip install "dealcheck[semantic]"',
        ) from None
    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


def embed(texts: list[str]) -> Any:
    """Unit-length embeddings of ``texts`` (a numpy matrix, one row per text)."""
    return _model().embed(texts, norm=True)


class SemanticIndex:
    def __init__(self, documents: list[str]) -> None:
        self.model: Any = _model()
        self.matrix = self.model.embed(documents, norm=True)

    def similarities(self, text: str) -> Any:
        vector = self.model.embed([text], norm=True)[0]
        return self.matrix @ vector
