"""Text encoders for the semantic signal, behind one small interface.

An encoder turns texts into unit-length vectors whose dot product is their
cosine similarity. Two are provided, both offline by design:

* :class:`WordLlamaEncoder` (the default): the WordLlama model (l2_supercat, 256
  dimensions) that the ``wordllama`` package ships inside its wheel; it needs
  only numpy and loads from the installed package directory with downloads
  disabled.
* :class:`SentenceTransformerEncoder`: any sentence-transformers model in a
  local directory (``--semantic-model DIR``), for a team that has one and has
  installed ``dealcheck[transformers]``. Hub access is switched off before the
  library is imported, so a missing file is an error, never a download.

Heavy libraries are imported when an encoder is first used, never at start-up.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from dealcheck.errors import InputError


class Encoder(Protocol):
    """Texts in, one unit-length row per text out (a numpy float matrix)."""

    name: str

    def embed(self, texts: list[str]) -> Any: ...


class WordLlamaEncoder:
    name = "wordllama l2_supercat 256"

    def __init__(self) -> None:
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import wordllama
                from wordllama import WordLlama
            except ImportError as exc:  # a broken install: wordllama is a dependency
                raise InputError(
                    f"the semantic signal needs the wordllama package ({exc})",
                    hint="reinstall dealcheck, or run with --no-semantic",
                ) from None
            self._model = WordLlama.load(
                cache_dir=os.path.dirname(wordllama.__file__), disable_download=True
            )
        return self._model

    def embed(self, texts: list[str]) -> Any:
        return self._load().embed(texts, norm=True)


class SentenceTransformerEncoder:
    """A sentence-transformers model read from a local directory, never fetched."""

    def __init__(self, model_dir: str) -> None:
        path = Path(model_dir).expanduser()
        if not path.is_dir():
            raise InputError(
                f"{model_dir}: no such model directory",
                hint="--semantic-model takes a local sentence-transformers model folder",
            )
        self.path = path
        self.name = f"sentence-transformers {path.name}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # Offline by design: the hub is never asked, whatever the environment says.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise InputError(
                    "--semantic-model needs the sentence-transformers package",
                    hint='pip install "dealcheck[transformers]"',
                ) from None
            try:
                self._model = SentenceTransformer(str(self.path), device="cpu")
            except Exception as exc:  # the library raises many kinds for a bad folder
                raise InputError(
                    f"{self.path}: not a usable sentence-transformers model ({type(exc).__name__})"
                ) from None
        return self._model

    def embed(self, texts: list[str]) -> Any:
        return self._load().encode(
            texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )


@lru_cache(maxsize=4)
def encoder_for(model_dir: str | None = None) -> Encoder:
    """The encoder for a model directory (None: WordLlama), one per process."""
    if model_dir:
        return SentenceTransformerEncoder(model_dir)
    return WordLlamaEncoder()
