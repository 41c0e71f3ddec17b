"""Patterns of Danish minutes the rules first missed on documents they were not written on (invented texts).

Each test writes the pattern with names and wording of its own: middle initials in names, stand-in and
substitute roles, a title whose body the previous sentence names, institutions named by a compound head.
"""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.nlp.text import sentence_spans
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def nlp():
    from kkrgraph.resources import load_resources

    return build_pipeline(load_resources())


def _analyse(nlp, text: str):
    span = TextSpan(0, len(text))
    item = AgendaItem("4", "Orientering", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    return analyse_document(ParsedDocument("t.txt", text, Meeting("Fjordudvalget", "", "referat"), items=(item,)), nlp)


def _people(nlp, text: str) -> set[str]:
    return {m.name for m in _analyse(nlp, text).mentions if m.kind == "person"}


def _roles(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in _analyse(nlp, text).roles}


def _orgs(nlp, text: str) -> set[str]:
    return {m.name for m in _analyse(nlp, text).mentions if m.kind == "organisation"}


# -- a middle initial with its period is part of the name ----------------------------------------------------
def test_middle_initial_keeps_the_whole_name(nlp):
    text = "Bestyrelsen: Hans K. Jørgensen, Ole Berg og Mette P. Dahl deltog."
    assert _people(nlp, text) == {"Hans K. Jørgensen", "Ole Berg", "Mette P. Dahl"}


def test_middle_initial_does_not_end_the_sentence():
    text = "Mødet blev ledet af Lone B. Frandsen. Hun takkede."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Mødet blev ledet af Lone B. Frandsen.", "Hun takkede."]


def test_a_lone_initial_after_a_sentence_joins_no_name(nlp):
    assert _people(nlp, "Vi talte med Ole Berg. K. Hansen var der ikke.") == {"Ole Berg"}


# -- stand-ins and substitutes ----------------------------------------------------------------------------------
def test_ranked_stand_in_on_a_party_list(nlp):
    assert _roles(nlp, "Udvalget godkender, at 2. stedfortræder på liste C, Ole Berg, indkaldes.") == {
        ("Ole Berg", "stedfortræder", "")
    }


def test_attending_as_a_stand_in(nlp):
    text = "Fraværende: Jens Holm (V) - Karin Vad (V) mødte som stedfortræder."
    assert _roles(nlp, text) == {("Karin Vad", "stedfortræder", "")}


def test_substitute_title_belongs_to_the_name_after_it(nlp):
    assert _roles(nlp, "Afbud: Jens Holm, suppleant Karin Vad deltog") == {("Karin Vad", "suppleant", "")}


def test_list_of_names_each_with_the_role_after_it(nlp):
    text = "Til stede: Jens Holm, formand, Karin Vad, næstformand."
    assert _roles(nlp, text) == {("Jens Holm", "formand", ""), ("Karin Vad", "næstformand", "")}


def test_head_of_an_institution(nlp):
    assert _roles(nlp, "Rundvisning og orientering v/ Forstander Ole Berg.") == {("Ole Berg", "forstander", "")}


# -- a compound title heads the body of its kind named just before ------------------------------------------
def test_compound_title_takes_the_body_of_its_kind_from_the_previous_sentence(nlp):
    text = "Museet for Nyere Glaskunst har drøftet en ny plan. Museumsdirektør Karin Vad vil præsentere planen."
    assert _roles(nlp, text) == {("Karin Vad", "museumsdirektør", "Museet for Nyere Glaskunst")}
    text = "Havbyskolen fylder 50 år. Skoleleder Ole Berg holdt tale."
    assert _roles(nlp, text) == {("Ole Berg", "skoleleder", "Havbyskolen")}


def test_title_of_another_kind_takes_no_body_from_the_previous_sentence(nlp):
    text = "Museet for Nyere Glaskunst har drøftet en ny plan. Kontorchef Karin Vad vil præsentere planen."
    assert _roles(nlp, text) == {("Karin Vad", "kontorchef", "")}
    text = "Havbyskolen fylder 50 år. Det blev fejret. Skoleleder Ole Berg holdt tale."
    assert _roles(nlp, text) == {("Ole Berg", "skoleleder", "")}
    text = "Samarbejdet sker i KulturBroen. Kulturchef Ole Berg orienterede."
    assert _roles(nlp, text) == {("Ole Berg", "kulturchef", "")}


# -- institutions named by a compound head with a place, a name or an adjective -----------------------------
def test_institution_word_with_a_place_after_it(nlp):
    assert "Misbrugscenter Vestkysten" in _orgs(nlp, "Orientering om fusionen mellem Havdokken og Misbrugscenter Vestkysten.")


def test_municipality_name_before_an_institution_word(nlp):
    assert "Vejle Roklub" in _orgs(nlp, "Udvalget deltager i standerhejsningen i Vejle Roklub.")


def test_adjective_before_an_institution_word(nlp):
    assert "Kulturhistorisk Museum" in _orgs(nlp, "Udvalget besøger Kulturhistorisk Museum i maj.")


def test_institution_word_alone_or_before_a_heading_or_person_is_no_name(nlp):
    assert _orgs(nlp, "Kommunen driver et misbrugscenter. Sundhedscenter Beslutning") == set()
    assert _orgs(nlp, "Ved mødet deltog Sundhedscenter Ole Hansen ikke.") == set()
    assert _orgs(nlp, "Planen gælder for Fjordby Roklub.") == set()  # no known place: a word of unknown kind


def test_appeal_boards_and_local_councils(nlp):
    assert _orgs(nlp, "Sagen er påklaget til Miljøklagenævnet. Nævnet har ikke svaret.") == {"Miljøklagenævnet"}
    assert _orgs(nlp, "Høring af Østbyens Fællesråd og Vestby-Strand Fællesråd.") == {
        "Østbyens Fællesråd",
        "Vestby-Strand Fællesråd",
    }


def test_acronym_after_a_head_name_ends_the_name(nlp):
    assert "Region Vestkyst" in _orgs(nlp, "Projekter i samarbejde med Region Vestkyst PDF Byrådsdebat 2. marts")


# -- a compound title's body is named by its head noun, never a committee ------------------------------------
@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Udvalget for Idræt og Sundhed behandlede sagen. Idrætschef Bo Lind orienterede.", "idrætschef"),
        ("Udvalget for Erhverv og Turisme drøftede planen. Erhvervschef Bo Lind orienterede.", "erhvervschef"),
        ("Sagen blev drøftet i Skoleråd Nordby. Skoleleder Bo Lind orienterede.", "skoleleder"),
    ],
)
def test_a_compound_title_heads_no_committee(nlp, text, title):
    assert _roles(nlp, text) == {("Bo Lind", title, "")}


def test_a_compound_title_heads_the_body_its_head_noun_names(nlp):
    text = "Kunstmuseum Nordby har fået en ny plan. Museumsdirektør Bo Lind orienterede."
    assert ("Bo Lind", "museumsdirektør", "Kunstmuseum Nordby") in _roles(nlp, text)


# -- a common noun next to an institution word or a tail is no name -----------------------------------------
def test_a_common_noun_after_an_institution_word_starts_a_heading(nlp):
    assert _orgs(nlp, "Billedskolen Gebyrer for 2023 blev godkendt.") == set()
    assert _orgs(nlp, "Et besøg på Rådgivningscenter Vendsyssel.") == {"Rådgivningscenter Vendsyssel"}


def test_a_common_noun_before_a_local_council_or_department_tail_is_no_name(nlp):
    assert _orgs(nlp, "Bilag 2: Høringssvarsopsamling Fællesråd") == set()
    assert _orgs(nlp, "Sagen blev sendt til Forvaltningens Afdeling til udtalelse.") == set()
    assert _orgs(nlp, "Borgmesterens Afdeling og Haldrup Fællesråd svarede.") == {"Borgmesterens Afdeling", "Haldrup Fællesråd"}
    assert _orgs(nlp, "Høring af Havnens Fællesråd.") == {"Havnens Fællesråd"}  # an area's genitive
