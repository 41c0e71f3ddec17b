"""Presenters of an agenda item, marked by the nlp stage (``kkrgraph/presenters``) and stored as ``kkr:presenting``."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def nlp():
    from kkrgraph.resources import load_resources

    return build_pipeline(load_resources())


def _presenting(nlp, text: str) -> dict[str, bool]:
    """Person name → presenting, for one section of text."""
    span = TextSpan(0, len(text))
    item = AgendaItem("2.1", "Siden sidst", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    doc = ParsedDocument("t.txt", text, Meeting("KKR Nordjylland", "", "referat"), items=(item,))
    found: dict[str, bool] = {}
    for m in analyse_document(doc, nlp).mentions:
        if m.kind == "person":
            found[m.name] = found.get(m.name, False) or m.presenting
    return found


@pytest.mark.parametrize(
    ("text", "presenter"),
    [
        ("Mogens Christen Gade orienterede fra arbejdet i Erhvervshus Nordjylland.", "Mogens Christen Gade"),
        ("Helene Lund Therkelsen præsenterede det nye tilbud.", "Helene Lund Therkelsen"),
        ("Formanden for udvalget, Karen Holm Madsen, giver en kort orientering.", "Karen Holm Madsen"),
        ("Mette Frederiksen gav orientering om sagen.", "Mette Frederiksen"),
        # apposition between the subject and the verb, closed by a comma or not
        (
            "Henrik Aarup-Kristensen, direktør i Brønderslev Kommune og formand for DAS, indledte punktet med et kort oplæg.",
            "Henrik Aarup-Kristensen",
        ),
        (
            "Jes Lunde, rådmand for Sundhed og Kultur i Aalborg Kommune og medlem af Sundhedssamarbejdsudvalget giver en "
            "kort orientering.",
            "Jes Lunde",
        ),
        ("På mødet deltager Morten Koppelhus, kulturchef i Aalborg Kommune, og holder kort oplæg.", "Morten Koppelhus"),
        # the presenter named after "oplæg ... ved" / "indledes ved"
        ("Punktet indledes af et oplæg fra Rebild Kommune, ved PPR-leder Maria Schou Andreassen.", "Maria Schou Andreassen"),
        ("Punktet indledes ved direktør Lone Vestergaard Nielsen.", "Lone Vestergaard Nielsen"),
        ("Der er oplæg ved Søren Kjær Andersen om projektet.", "Søren Kjær Andersen"),
        # inverted order: "giver / holder NAME ... orientering / oplæg"
        ("Herefter holder Jesper Carlsen, direktør for børn og unge i Hjørring Kommune, oplæg om sagen.", "Jesper Carlsen"),
        ("På mødet giver KL-direktør Stine Johansen et mundtligt oplæg om sagen.", "Stine Johansen"),
    ],
)
def test_presenter_is_marked(nlp, text, presenter):
    assert _presenting(nlp, text).get(presenter) is True


def test_only_the_subject_presents_not_people_named_around_it(nlp):
    text = (
        "Dialog med Per Okkels, sundhedsrådsambassadør Formand for KKR Nordjylland, Lasse Frimand Jensen, giver en "
        "kort orientering fra møde med Per Okkels, sundhedsrådsambassadør, den 20. august."
    )
    assert _presenting(nlp, text) == {"Per Okkels": False, "Lasse Frimand Jensen": True}


@pytest.mark.parametrize(
    "text",
    [
        "Mogens Christen Gade takkede for oplægget.",  # no presenting cue
        "Anne Marie Hansen deltog i mødet. Der gives en kort orientering.",  # the cue has no person as subject
        "Orienteringen blev sendt til Anne Marie Hansen.",  # a person after a noun, not a verb
        "Anne Marie Hansen, direktør i Aalborg Kommune. Bagefter orienterede formanden.",  # the apposition would cross a sentence
        "Oplæg om sagen. Ved mødet deltog Anne Marie Hansen.",  # "oplæg ... ved" across sentences
    ],
)
def test_no_presenter(nlp, text):
    found = _presenting(nlp, text)
    assert found, "the sentence should name a person"
    assert not any(found.values())


def test_object_of_the_cue_does_not_present(nlp):
    found = _presenting(nlp, "Mogens Christen Gade orienterede om mødet med Jesper Carlsen.")
    assert found == {"Mogens Christen Gade": True, "Jesper Carlsen": False}


# the rows of `kkrgraph query presented_items` on the sample corpus before the judgement moved to the nlp stage
SAMPLE_PRESENTERS = {
    ("Arne Boelt", "2021-09-03", "2.1"),
    ("Helene Lund Therkelsen", "2023-11-24", "2.1"),
    ("Henrik Aarup-Kristensen", "2025-08-29", "3.5"),
    ("Jes Lunde", "2024-09-20", "3.1"),
    ("Jesper Carlsen", "2021-09-03", "3.1"),
    ("Kristian Vendelbo", "2023-11-24", "6.2"),
    ("Lasse Frimand Jensen", "2023-11-24", "2.1"),
    ("Lasse Frimand Jensen", "2025-08-29", "2.1"),
    ("Maria Schou Andreassen", "2021-09-03", "3.1"),
    ("Mogens Christen Gade", "2021-09-03", "2.1"),
    ("Mogens Christen Gade", "2023-11-24", "2.1"),
    ("Mogens Christen Gade", "2023-11-24", "6.1"),
    ("Mogens Christen Gade", "2024-09-20", "3.1"),
    ("Mogens Christen Gade", "2025-08-29", "2.1"),
    ("Morten Koppelhus", "2025-08-29", "3.2"),
    ("Niels Jørgen Pedersen", "2024-09-20", "3.1"),
    ("Niels Jørgen Pedersen", "2025-08-29", "2.1"),
    ("Per Bach-Laursen", "2023-11-24", "2.1"),
    ("Per Bach-Laursen", "2024-09-20", "3.1"),
    ("Per Bach-Laursen", "2025-08-29", "2.1"),
    ("Stine Johansen", "2024-09-20", "2.3"),
    ("Tommy Christiansen", "2025-08-29", "3.6"),
}


def test_sample_corpus_presenters(sample_kg):
    rows = sample_kg.sparql("presented_items").records()
    assert {(r["person"], r["meeting_date"], r["item"]) for r in rows} == SAMPLE_PRESENTERS


def test_the_flag_is_a_boolean_on_person_mentions_only(sample_kg):
    flags = sample_kg.sparql(
        """SELECT ?value (COUNT(*) AS ?n) WHERE { ?x kkr:presenting ?value ; kkr:mentionOf ?who . ?who a foaf:Person }
        GROUP BY ?value"""
    ).rows
    assert flags == (("true", flags[0][1]),) and int(flags[0][1]) >= len(SAMPLE_PRESENTERS)
    typed = sample_kg.sparql("ASK { ?x kkr:presenting ?v FILTER(DATATYPE(?v) = xsd:boolean) }").rows
    assert typed == (("true",),)
    orgs = sample_kg.sparql("ASK { ?x kkr:presenting true ; kkr:mentionOf ?o . ?o a org:Organization }").rows
    assert orgs == (("false",),)
