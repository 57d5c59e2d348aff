"""The semantic signal's encoder interface: the default, a replacement, and clean errors.

A tiny fake encoder stands in for a sentence-transformers model: it shows that
the matcher really ranks by whatever encoder it is given, without PyTorch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from dealcheck.catalog import load_catalog
from dealcheck.cli import main
from dealcheck.engine import Engine
from dealcheck.engine.encoders import SentenceTransformerEncoder, WordLlamaEncoder, encoder_for
from dealcheck.errors import InputError
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

TESTBED = str(Path(__file__).with_name("catalog.yaml"))


class FakeEncoder:
    """Texts about offline work land on one axis, everything else on another."""

    name = "fake"

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            t = text.lower()
            row = np.array(
                [
                    1.0 if ("offline" in t or "zebra" in t) else 0.0,
                    1.0 if "audit" in t else 0.0,
                    0.05,
                ]
            )
            rows.append(row / np.linalg.norm(row))
        return np.vstack(rows)


def test_the_matcher_ranks_by_the_encoder_it_is_given():
    engine = Engine(load_catalog(TESTBED).catalog, encoder=FakeEncoder())
    result, _, _ = engine.assess(requirement("zebra stripes for field staff"), DealContext())
    # Only the fake encoder relates "zebra" to offline mode: its ranking decided.
    assert [c.id for c in result.capabilities] == ["offline-mode"]
    assert result.verdict == "partial"


def test_the_default_encoder_is_wordllama_and_loads_offline():
    encoder = encoder_for(None)
    assert isinstance(encoder, WordLlamaEncoder)
    vectors = encoder.embed(["single sign-on", "SAML login", "invoice archive"])
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_a_model_directory_that_does_not_exist_is_a_clean_error(tmp_path):
    with pytest.raises(InputError, match="no such model directory"):
        SentenceTransformerEncoder(str(tmp_path / "nope"))


def test_without_sentence_transformers_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    encoder = SentenceTransformerEncoder(str(tmp_path))
    with pytest.raises(InputError) as info:
        encoder.embed(["x"])
    assert "dealcheck[transformers]" in str(info.value.hint)


def test_cli_refuses_a_missing_model_directory(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["explain", "SSO", "-c", TESTBED, "--semantic-model", str(tmp_path / "nope")])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" not in err and "no such model directory" in err
