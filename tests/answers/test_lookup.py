"""The lookup before matching: the same text, or a near phrasing that passes every gate."""

from __future__ import annotations

import datetime as dt

import pytest

from dealcheck.answers.lookup import AnswerLookup, normalise
from dealcheck.answers.model import Answer, AnswerLibrary


def answer(text: str, *capabilities: str, phrasings: tuple[str, ...] = ()) -> Answer:
    return Answer(
        text=text,
        phrasings=list(phrasings),
        capabilities=list(capabilities),
        reviewed_by="Dana Reyes",
        reviewed=dt.date(2026, 11, 20),
    )


LIBRARY = AnswerLibrary(
    answers=[
        answer("Must support SAML 2.0 single sign-on", "sso-saml"),
        answer("Customer data must be stored in the EU only", "eu-residency"),
        answer("24/7 phone support in German", "phone-support"),
        answer(
            "Audit log of every administrator action",
            "audit-log",
            phrasings=("Administrator actions must be recorded in an audit log",),
        ),
    ]
)


@pytest.fixture
def exact_only(catalog):
    return AnswerLookup(LIBRARY, catalog, semantic=False)


@pytest.fixture
def semantic(catalog):
    pytest.importorskip("wordllama")
    return AnswerLookup(LIBRARY, catalog, semantic=True)


def test_normalise_ignores_case_spacing_and_punctuation():
    assert normalise("  Must support SAML-2.0   Single Sign-On!! ") == normalise(
        "must support saml 2 0 single sign on"
    )
    assert normalise("Must support SAML") != normalise("Must support OIDC")


@pytest.mark.parametrize(
    "text",
    [
        "Must support SAML 2.0 single sign-on",
        "MUST SUPPORT SAML 2.0 SINGLE SIGN-ON.",
        "must support  saml 2.0 single sign on",
    ],
)
def test_the_same_text_is_found_without_the_model(exact_only, text):
    hit = exact_only.find(text)
    assert hit is not None and hit.exact and hit.similarity == 1.0
    assert hit.answer.capabilities == ["sso-saml"] and hit.index == 0


def test_a_merged_phrasing_is_the_same_text(exact_only):
    hit = exact_only.find("administrator actions must be recorded in an audit log!")
    assert hit is not None and hit.exact and hit.answer.capabilities == ["audit-log"]
    assert hit.phrasing == "Administrator actions must be recorded in an audit log"


def test_near_phrasings_need_the_model_and_are_counted_when_it_is_missing(exact_only):
    assert exact_only.find("SAML 2.0 single sign-on is required for all staff") is None
    assert exact_only.stats.unconfirmed == 1


@pytest.mark.parametrize(
    "text",
    [
        "The solution shall support SAML 2.0 single sign-on",
        "SAML 2.0 single sign-on must be supported",
        "Do you offer SAML 2.0 single sign-on?",
    ],
)
def test_the_same_words_reordered_need_no_model(exact_only, text):
    hit = exact_only.find(text)
    assert hit is not None and not hit.exact and hit.similarity == 1.0
    assert hit.answer.capabilities == ["sso-saml"] and exact_only.stats.unconfirmed == 0


@pytest.mark.parametrize(
    ("text", "capability"),
    [
        ("The solution shall support SAML 2.0 single sign-on", "sso-saml"),
        ("SAML 2.0 single sign-on is required for all staff", "sso-saml"),
        ("All customer data shall be stored in the EU only", "eu-residency"),
        ("Phone support in German, 24/7", "phone-support"),
    ],
)
def test_a_slightly_reworded_question_is_found(semantic, text, capability):
    hit = semantic.find(text)
    assert hit is not None, text
    assert not hit.exact and hit.answer.capabilities == [capability]
    assert 0 < hit.similarity <= 1


@pytest.mark.parametrize(
    "text",
    [
        # another capability's words (the catalogue tells these apart)
        "Must support OpenID Connect single sign-on",
        # another number or version
        "Must support SAML 1.1 single sign-on",
        "24/5 phone support in German",
        # another name (a place, a language)
        "Customer data must be stored in the US only",
        "24/7 phone support in French",
        # negation
        "Customer data must not be stored in the EU only",
        # too little in common
        "Must support single sign-on",
    ],
)
def test_a_different_question_is_never_a_near_phrasing(semantic, text):
    assert semantic.find(text) is None, text


def test_a_question_answered_two_ways_is_answered_by_neither(catalog):
    library = AnswerLibrary(
        answers=[
            answer("Must support single sign-on", "sso-saml"),
            answer("must support single sign-on.", "sso-oidc"),
        ]
    )
    lookup = AnswerLookup(library, catalog, lines=[2, 7], semantic=False)
    assert lookup.find("Must support single sign-on") is None
    assert lookup.stats.conflicts and "lines 2, 7" in lookup.stats.conflicts[0]


def test_answers_added_during_a_run_are_found(exact_only):
    entry = exact_only.add(answer("Blockchain notarisation", "blockchain-notary"))
    assert exact_only.find("blockchain notarisation").index == entry
    exact_only.add_phrasing(entry, "Notarise records on a blockchain")
    assert exact_only.exact_entries("notarise records on a blockchain") == [entry]


def test_an_empty_library_finds_nothing(catalog):
    assert AnswerLookup(AnswerLibrary(), catalog).find("anything") is None


@pytest.mark.parametrize(
    ("known", "asked"),
    [
        # the same words turned around another way
        (
            "Customer data must not be stored outside the EU",
            "Customer data must not be stored in the EU",
        ),
        ("Data hosted in the EU", "Data hosted outside the EU"),
        # a vendor named first in the sentence is still a name
        (
            "Workday integration to provision and deprovision users automatically",
            "BambooHR integration to provision and deprovision users automatically",
        ),
    ],
)
def test_a_turned_around_or_renamed_question_is_never_a_near_phrasing(known, asked):
    from pathlib import Path

    from dealcheck.catalog import load_catalog

    pytest.importorskip("wordllama")
    bundled = load_catalog(str(Path(__file__).resolve().parents[2] / "capabilities.yaml"))
    library = AnswerLibrary(answers=[answer(known, "data-residency-eu")])
    lookup = AnswerLookup(library, bundled.catalog, semantic=True)
    assert lookup.find(asked) is None, asked
