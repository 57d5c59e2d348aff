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
from dealcheck.engine import Engine, encoders
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
    text = "zebra stripes to keep working on a network"
    result, _, _ = engine.assess(requirement(text), DealContext())
    # Only the fake encoder relates "zebra" to offline mode (two of the words are in its
    # text, but its name is not): its ranking decided.
    assert [c.id for c in result.capabilities] == ["offline-mode"]
    assert result.verdict == "partial"
    from dealcheck.engine.match import ALL_SIGNALS

    words_only = Engine(load_catalog(TESTBED).catalog, ALL_SIGNALS - {"semantic"})
    alone, _, _ = words_only.assess(requirement(text), DealContext())
    assert alone.verdict == "unknown"


def test_the_meaning_alone_with_one_word_or_none_in_common_is_no_answer():
    engine = Engine(load_catalog(TESTBED).catalog, encoder=FakeEncoder())
    # The fake encoder is sure ("zebra" is offline mode to it), but the requirement and
    # the capability's text share no word: a lead for a person, not an answer. (Where the
    # words rank the same capability first, the two signals agree: that is an answer.)
    result, _, _ = engine.assess(requirement("zebra stripes for field staff"), DealContext())
    assert result.verdict == "unknown" and not result.capabilities


def test_the_meaning_alone_with_one_word_in_common_is_no_answer(tmp_path):
    path = tmp_path / "one-word.yaml"
    path.write_text(
        "product: P\ncapabilities:\n"
        "  - {id: offline-mode, name: Offline mode,"
        " description: Keep working without a network connection.}\n"
        "  - {id: network-monitoring, name: Network monitoring,"
        " description: Watch network traffic and latency.}\n"
    )
    engine = Engine(load_catalog(str(path)).catalog, encoder=FakeEncoder())
    # The words point to network monitoring, the fake encoder to offline mode ("zebra"),
    # whose text shares one word ("network") with the ask: no answer either way.
    result, _, _ = engine.assess(requirement("zebra network for field staff"), DealContext())
    assert "offline-mode" not in [c.id for c in result.capabilities]


def test_the_default_encoder_is_wordllama_and_loads_offline():
    encoder = encoder_for(None)
    assert isinstance(encoder, WordLlamaEncoder)
    vectors = encoder.embed(["single sign-on", "SAML login", "invoice archive"])
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


#: Requirement-sized texts of many lengths, a typo, an empty-ish line and more
#: texts than one batch holds, so padding and batching are both exercised.
TEXTS = [
    "Single sign-on via SAML 2.0 with Okta",
    "Can admins export every user with their access level per group for our quarterly recert?",
    "SCIM",
    "Audit events should be pushed in near real time to our SIEM (Splunk / Sentinel).",
    "offlne mode for field tecnicians",
    "-",
] + [f"Requirement {n}: data residency in the EU for tenant {n}" for n in range(70)]


def test_the_default_encoder_gives_the_wordllama_librarys_own_vectors():
    import wordllama
    from wordllama import WordLlama

    reference = WordLlama.load(
        cache_dir=str(Path(wordllama.__file__).parent), disable_download=True
    ).embed(TEXTS, norm=True)
    ours = WordLlamaEncoder().embed(TEXTS)
    assert ours.dtype == np.float32 and ours.shape == reference.shape
    assert np.array_equal(ours, reference)


def test_the_default_encoder_reads_the_model_files_without_importing_the_package():
    # Importing wordllama brings in requests and its config machinery (about 0.1 s);
    # the encoder needs only the files the package ships.
    code = (
        "import sys\n"
        "from dealcheck.engine.encoders import WordLlamaEncoder\n"
        "v = WordLlamaEncoder().embed(['single sign-on'])\n"
        "assert v.shape == (1, 256), v.shape\n"
        "print('wordllama' in sys.modules, 'requests' in sys.modules)\n"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_when_the_model_files_are_not_found_the_librarys_loader_is_used(monkeypatch):
    direct = WordLlamaEncoder().embed(TEXTS[:6])
    monkeypatch.setattr(encoders, "wordllama_files", lambda: None)
    fallback = WordLlamaEncoder()
    assert np.array_equal(fallback.embed(TEXTS[:6]), direct)
    assert not isinstance(fallback._model, encoders._WordLlamaFiles)


def test_the_model_files_are_found_where_the_installed_package_keeps_them():
    weights, tokenizer = encoders.wordllama_files()
    assert weights.suffix == ".safetensors" and tokenizer.suffix == ".json"


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
