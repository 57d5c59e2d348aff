"""Text encoders for the semantic signal, behind one small interface.

An encoder turns texts into unit-length vectors whose dot product is their
cosine similarity. Two are provided, both offline by design:

* :class:`WordLlamaEncoder` (the default): the WordLlama model (l2_supercat, 256
  dimensions) that the ``wordllama`` package ships inside its wheel; it needs
  only numpy, and its weights and tokenizer are read from the installed package
  directory (falling back to ``WordLlama.load`` with downloads disabled).
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


#: The files of the l2_supercat model inside the installed ``wordllama`` package.
WORDLLAMA_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
WORDLLAMA_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
#: The tensor holding the token embeddings in the weights file.
WORDLLAMA_TENSOR = "embedding.weight"
#: Texts tokenized and pooled together; the library's own batch size, so the
#: vectors are the library's to the last bit.
WORDLLAMA_BATCH = 64


class _WordLlamaFiles:
    """The l2_supercat model read straight from the wordllama package's files.

    ``WordLlama.load`` costs about 0.25 s of start-up: importing the package
    brings in ``requests`` and its configuration machinery, and the loader
    converts all 32,000 token vectors from float16 to float32 up front. A check
    needs a few hundred of them. This reads the same tokenizer and only the rows
    of the weights a batch uses (safetensors reads a slice of the file, not all
    16 MB of it), converting them as the library does; the pooling and
    normalisation are the library's own steps in the same order, so the vectors are
    identical (a test compares them with ``WordLlama.load``).
    """

    def __init__(self, weights: Path, tokenizer: Path) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_padding()
        self.tokenizer.no_truncation()
        # Kept open for the process: rows are read from the file as batches need them.
        self._file = safe_open(str(weights), framework="np", device="cpu")
        self._weights = self._file.get_slice(WORDLLAMA_TENSOR)
        self.vocabulary, self.width = self._weights.get_shape()
        self._rows: dict[int, Any] = {}

    def _table(self, ids: Any) -> Any:
        """The float16 rows of ``ids`` (any shape), read once each."""
        import numpy as np

        wanted, where = np.unique(ids, return_inverse=True)
        if not wanted.size:  # texts with no tokens at all
            return np.zeros((*ids.shape, self.width), dtype=np.float16)
        for i in wanted.tolist():
            if i not in self._rows:
                self._rows[i] = self._weights[i : i + 1][0]
        table = np.stack([self._rows[i] for i in wanted.tolist()])
        return table[where.reshape(ids.shape)]

    def embed(self, texts: list[str], norm: bool = True) -> Any:
        import numpy as np

        out = np.empty((len(texts), self.width), dtype=np.float32)
        for start in range(0, len(texts), WORDLLAMA_BATCH):
            chunk = texts[start : start + WORDLLAMA_BATCH]
            encoded = self.tokenizer.encode_batch(
                chunk, is_pretokenized=False, add_special_tokens=False
            )
            ids = np.array([e.ids for e in encoded], dtype=np.int32)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            np.clip(ids, 0, self.vocabulary - 1, out=ids)
            vectors = self._table(ids).astype(np.float32)
            total = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            pooled = np.sum(vectors * mask[..., np.newaxis], axis=1, dtype=np.float32) / total
            if norm:
                pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            out[start : start + pooled.shape[0]] = pooled
        return out


def wordllama_files() -> tuple[Path, Path] | None:
    """The installed wordllama package's weights and tokenizer files, found without
    importing the package; None when it is not installed or its layout changed."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        weights = Path(folder).joinpath(*WORDLLAMA_WEIGHTS)
        tokenizer = Path(folder).joinpath(*WORDLLAMA_TOKENIZER)
        if weights.is_file() and tokenizer.is_file():
            return weights, tokenizer
    return None


class WordLlamaEncoder:
    name = "wordllama l2_supercat 256"

    def __init__(self) -> None:
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            files = wordllama_files()
            if files is not None:
                try:
                    self._model = _WordLlamaFiles(*files)
                except ImportError:
                    files = None  # the package's own loader says what is missing
            if files is None:
                self._model = load_wordllama()
        return self._model

    def embed(self, texts: list[str]) -> Any:
        return self._load().embed(texts, norm=True)


def load_wordllama() -> Any:
    """The model through the wordllama package's own loader, downloads disabled:
    the fallback when its files are not where this version of it keeps them."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:  # a broken install: wordllama is a dependency
        raise InputError(
            f"the semantic signal needs the wordllama package ({exc})",
            hint="reinstall dealcheck, or run with --no-semantic",
        ) from None
    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


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
