"""Role-statement shapes and organisation patterns beyond the sample documents (invented names only)."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def nlp():
    from kkrgraph.resources import load_resources

    return build_pipeline(load_resources())


def _analyse(nlp, text: str):
    span = TextSpan(0, len(text))
    item = AgendaItem("1", "Punkt", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    return analyse_document(ParsedDocument("t.txt", text, Meeting("KKR Syddanmark", "", "referat"), items=(item,)), nlp)


def _roles(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in _analyse(nlp, text).roles}


def _names(nlp, text: str, kind: str) -> set[str]:
    return {m.name for m in _analyse(nlp, text).mentions if m.kind == kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rådmand i Odense Kommune Jens Hansen deltog.", {("Jens Hansen", "rådmand", "Odense Kommune")}),
        (
            "Jens Hansen (V), formand for Social- og Sundhedsudvalget, orienterede.",
            {("Jens Hansen", "formand", "Social- og Sundhedsudvalget")},
        ),
        ("Oplæg ved direktør for Erhvervshus Sydjylland, Anne Holm.", {("Anne Holm", "direktør", "Erhvervshus Sydjylland")}),
        (
            "KKR udpeger Jens Hansen (A) som KKR Syddanmarks repræsentant i Danmarks Erhvervsfremmebestyrelse.",
            {("Jens Hansen", "repræsentant", "Danmarks Erhvervsfremmebestyrelse")},
        ),
        (
            "Anne Holm genudpeges som formand for Erhvervshus Sydjylland.",
            {("Anne Holm", "formand", "Erhvervshus Sydjylland")},
        ),
        (
            "Formand: Jens Hansen (A). Næstformand: Anne Holm (V).",
            {("Jens Hansen", "formand", ""), ("Anne Holm", "næstformand", "")},
        ),
        (
            'Rapporten er lavet af en ekspertgruppe med Christian Sørby som formand ("Sørby-udvalget").',
            {("Christian Sørby", "formand", "Sørby-udvalget")},
        ),
    ],
)
def test_role_shapes(nlp, text, expected):
    assert _roles(nlp, text) == expected


def test_genitive_owner_carries_across_coordination(nlp):
    text = (
        "Oplæg ved KL's administrerende direktør, Kristian Holm (Nordjylland og Syddanmark), og "
        "cheføkonom, Morten Lind (Sjælland)."
    )
    assert _roles(nlp, text) == {("Kristian Holm", "administrerende direktør", "KL"), ("Morten Lind", "cheføkonom", "KL")}


def test_genitive_owner_before_role_noun_is_an_organisation(nlp):
    text = "Der er en henvendelse fra Vestkyst Jazzklubs formand (Lise Toft) om sagen."
    assert _roles(nlp, text) == {("Lise Toft", "formand", "Vestkyst Jazzklub")}


def test_head_pattern_stops_at_a_person(nlp):
    text = "Orientering fra Danmarks Erhvervsfremmebestyrelse Arne Holst giver en kort orientering."
    assert "Arne Holst" in _names(nlp, text, "person")
    assert "Danmarks Erhvervsfremmebestyrelse" in _names(nlp, text, "organisation")


def test_head_pattern_stops_at_genitive_phrase(nlp):
    orgs = _names(nlp, "Det fremgår af Socialtilsyn Syds Årsberetning for 2023.", "organisation")
    assert orgs == {"Socialtilsyn Syd"}


def test_parties_are_organisations_case_sensitively(nlp):
    orgs = _names(nlp, "Venstre, Radikale Venstre og Dansk Folkeparti indgik aftalen. Drej til venstre.", "organisation")
    assert orgs == {"Venstre", "Radikale Venstre", "Dansk Folkeparti"}


def test_agreement_title_is_not_an_organisation(nlp):
    orgs = _names(nlp, "Aftale om et Grønt Danmark og Digital Sundhed Danmark.", "organisation")
    assert orgs == {"Digital Sundhed Danmark"}
