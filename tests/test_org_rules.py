"""Organisation rules on small invented Danish sentences: each rule with a case it must take and one it must leave.

The names are made up ("Vesterhav Sundhedsalliance", "Fjordby-sekretariatet") so that a rule passes by its
pattern, not because the registry happens to know the body. The guideline the rules follow is
``tests/gold/GUIDELINE.md``.
"""

from __future__ import annotations

import pytest

from kkrgraph.nlp import DocumentAnalysis, Mention, analyse_document, build_pipeline
from kkrgraph.resolve import resolve
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def resources():
    return load_resources()


@pytest.fixture(scope="module")
def nlp(resources):
    return build_pipeline(resources)


def _orgs(nlp, text: str) -> set[str]:
    span = TextSpan(0, len(text))
    item = AgendaItem("2.1", "Orientering", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    doc = ParsedDocument("t.txt", text, Meeting("KKR Nordjylland", "", "referat"), items=(item,))
    return {m.name for m in analyse_document(doc, nlp).mentions if m.kind == "organisation"}


# -- a lower-case head ("projektet X", "konsortiet X") takes a name, not a sentence-initial word ---------
def test_lower_head_skips_common_word(nlp):
    assert "Der" not in _orgs(nlp, "Vi evaluerer Havblik-projektet Der pågår en evaluering nu.")


def test_lower_head_keeps_name(nlp):
    assert "Kystlund" in _orgs(nlp, "Aftalen er indgået med konsortiet Kystlund om arealerne.")


# -- events: a name followed by a year or held ("afholdt") is an event in the whole text ---------------
def test_event_with_year_dropped_everywhere(nlp):
    orgs = _orgs(nlp, "Der holdes Grønlandsk Dialogforum 2026 i marts. Grønlandsk Dialogforum foreslås holdt i Aalborg.")
    assert not any("Dialogforum" in o for o in orgs)


def test_event_held_dropped(nlp):
    assert not any("Dialogforum" in o for o in _orgs(nlp, "KlimaNord har afholdt Vandpolitisk Dialogforum i Aars."))


def test_body_followed_by_date_is_kept(nlp):
    orgs = _orgs(nlp, "Aftalen blev godkendt på mødet i Havnesamarbejdsudvalget den 24. oktober.")
    assert "Havnesamarbejdsudvalget" in orgs


# -- hyphen compounds: a unit of a named body, not a description or a bare common noun ------------------
def test_definite_unit_of_body_kept(nlp):
    assert "Fjordby-sekretariatet" in _orgs(nlp, "Oplægget er skrevet af Fjordby-sekretariatet i samarbejde med kommunerne.")


def test_bare_indefinite_unit_dropped(nlp):
    assert not any("kontor" in o for o in _orgs(nlp, "Han orienterede om BRN, EU-kontor, turisme mm."))


def test_bare_indefinite_kept_when_definite_form_is_written(nlp):
    text = "Fjordby-sekretariatet er etableret. En opgave som Fjordby-sekretariat har påbegyndt, er en analyse."
    assert "Fjordby-sekretariat" in _orgs(nlp, text)


def test_lower_case_modifier_makes_a_description(nlp):
    assert not any("samarbejdet" in o for o in _orgs(nlp, "Vi bygger videre på Havblik-klimasamarbejdet i regionen."))


# -- titles of agreements and laws are not bodies -----------------------------------------------------
def test_agreement_title_is_not_an_organisation(nlp):
    assert "Blåt Danmark" not in _orgs(nlp, "Aftale om Blåt Danmark blev indgået i juni.")


def test_name_with_tail_still_found(nlp):
    assert "Kystlund Danmark" in _orgs(nlp, "Projektet gennemføres af Kystlund Danmark og kommunerne.")


# -- resolve: short definite references and names written apart, per document ---------------------------
def _mention(name: str, start: int) -> Mention:
    return Mention("organisation", name, name, start, start + len(name), "2.1", "", "test")


def _entities(resources, *docs: tuple[str, list[str]]) -> dict[str, set[str]]:
    analyses = [
        DocumentAnalysis(source, tuple(_mention(n, 100 * i) for i, n in enumerate(names)), (), ()) for source, names in docs
    ]
    return {e.name: set(e.aliases) for e in resolve(analyses, resources).entities if e.kind == "organisation"}


def test_definite_short_form_joins_the_one_body_with_that_word(resources):
    ents = _entities(resources, ("a.txt", ["Vesterhav Sundhedsalliance", "Sundhedsalliancen"]))
    assert ents == {"Vesterhav Sundhedsalliance": {"Sundhedsalliancen"}}


def test_short_form_with_two_candidates_stays_apart(resources):
    ents = _entities(resources, ("a.txt", ["Vesterhav Sundhedsalliance", "Østerhav Sundhedsalliance", "Sundhedsalliancen"]))
    assert "Sundhedsalliancen" in ents


def test_short_forms_of_two_documents_do_not_merge_their_bodies(resources):
    ents = _entities(
        resources,
        ("a.txt", ["Vesterhav Sundhedsalliance", "Sundhedsalliancen"]),
        ("b.txt", ["Østerhav Sundhedsalliance", "Sundhedsalliancen"]),
    )
    assert {"Vesterhav Sundhedsalliance", "Østerhav Sundhedsalliance"} <= set(ents)
    assert "Sundhedsalliancen" not in ents


def test_camelcase_written_apart_joins(resources):
    ents = _entities(resources, ("a.txt", ["HavNord", "Hav Nord"]))
    assert len(ents) == 1 and {"HavNord", "Hav Nord"} == {*ents, *next(iter(ents.values()))}


# -- names from other regions' documents: regional adjectives, growth bodies, hospitals, "-råd" ---------
def test_regional_adjective_belongs_to_the_name(nlp):
    # without "Vestjysk" among the adjectives only the generic "Erhvervsakademi" was found
    assert "Vestjysk Erhvervsakademi" in _orgs(nlp, "Ole Kragh bad om, at Vestjysk Erhvervsakademi høres om udkastet.")


def test_growth_house_forum_and_hospital_heads_take_their_place_name(nlp):
    orgs = _orgs(nlp, "Væksthus Fjordland og Vækstforum Fjordland har drøftet planen for Universitetshospital Fjordby.")
    assert {"Væksthus Fjordland", "Vækstforum Fjordland", "Universitetshospital Fjordby"} <= orgs


def test_hospital_tail_takes_its_place_name(nlp):
    assert "Havbakke Hospital" in _orgs(nlp, "Mødet holdes på Havbakke Hospital i auditoriet.")


def test_council_ending_in_raad_with_its_adjectives(nlp):
    orgs = _orgs(nlp, "Det Fælles Fjordråd skal godkende dagsordenen. Sagen sendes til Byråd og Regionsråd.")
    assert "Det Fælles Fjordråd" in orgs
    assert not {"Byråd", "Regionsråd"} & orgs  # bare council nouns name no body


# -- municipal bodies: named committees, administrations, schools, the council itself -------------------
def test_bare_committee_noun_takes_its_prepositional_name(nlp):
    orgs = _orgs(nlp, "Sagen behandles i Udvalget for Natur og Fritid. Udvalget tog sagen til efterretning.")
    assert "Udvalget for Natur og Fritid" in orgs
    assert "Udvalget" not in orgs  # the bare noun alone is a reference


def test_prepositional_name_stops_before_a_person_and_a_second_body(nlp):
    orgs = _orgs(nlp, "Indstillet af Rådet for Grøn Omstilling Mogens Hansen og Fonden for Kyst og Havbyudvalget.")
    assert "Rådet for Grøn Omstilling" in orgs
    assert "Fonden for Kyst" in orgs and not any("Havbyudvalget" in o and o != "Havbyudvalget" for o in orgs)


def test_suffix_alone_counts_with_an_adjective(nlp):
    assert "Klinisk Institut" in _orgs(nlp, "Oplæg ved Klinisk Institut om forskningen.")


def test_administration_names_but_not_the_bare_noun(nlp):
    orgs = _orgs(nlp, "Teknisk Forvaltning og Natur- og Vejforvaltningen indstiller sagen. Forvaltningen svarer.")
    assert {"Teknisk Forvaltning", "Natur- og Vejforvaltningen"} <= orgs
    assert "Forvaltningen" not in orgs


def test_school_and_federation_names_only_when_no_common_word(nlp):
    orgs = _orgs(nlp, "Havbakkeskolen og Roklubforbundet svarede. Folkeskolen skal styrkes.")
    assert {"Havbakkeskolen", "Roklubforbundet"} <= orgs
    assert "Folkeskolen" not in orgs


def test_capitalised_council_is_a_body(nlp):
    orgs = _orgs(nlp, "Sagen sendes til Økonomiudvalget og Kommunalbestyrelsen. Byrådet godkendte, Forretningsudvalget ligeså.")
    assert {"Kommunalbestyrelsen", "Byrådet", "Forretningsudvalget", "Økonomiudvalget"} <= orgs


def test_registry_name_in_lower_case_tied_to_another_body_is_its_organ(nlp):
    text = "Der udpeges et medlem til den administrative styregruppe bag Vækstforum Fjordland."
    assert "Den Administrative Styregruppe" not in _orgs(nlp, text)
    assert "den administrative styregruppe" in _orgs(nlp, "Sagen er drøftet i den administrative styregruppe, som anbefaler den.")


def test_prepositional_head_takes_a_coordinated_name_a_place_head_does_not(nlp):
    orgs = _orgs(nlp, "Center for Børn og Unge indstiller sagen, som Region Midtjylland og Fjordbyudvalget har set.")
    assert "Center for Børn og Unge" in orgs
    assert "Region Midtjylland" in orgs and not any(o.startswith("Region Midtjylland og") for o in orgs)


def test_ampersand_coordination_belongs_to_the_name(nlp):
    assert "Børn & Læringsudvalget" in _orgs(nlp, "Sagen afgøres af Børn & Læringsudvalget i dag.")


def test_genitive_before_a_board_names_a_body(nlp):
    orgs = _orgs(nlp, "Møde i Havbakke Operas bestyrelse. Fjordskolens bestyrelse er inviteret. Selskabets bestyrelse mødes.")
    assert {"Havbakke Opera", "Fjordskolen"} <= orgs
    assert "Selskabet" not in orgs  # a common noun owns a board too


def test_layout_heading_in_capitals_ends_a_name_and_a_capitalised_body_is_written_as_a_name(nlp):
    orgs = _orgs(nlp, "UDVALG Udvalget for Natur og Fritid MØDE Referat. ØKONOMIUDVALGET godkendte.")
    assert "Udvalget for Natur og Fritid" in orgs
    assert "Økonomiudvalget" in orgs


def test_body_holding_a_general_assembly_and_a_museum_head(nlp):
    orgs = _orgs(
        nlp,
        "Generalforsamling i Struer Roklub. Årsmødet i Aalborg blev holdt. Generalforsamling i Foreningen Ole Dam "
        "holdes. Ny strategi for Museet for Kystkunst Sagsnr. 315923 Kulturudvalget. Referat fra "
        "Repræsentantskabsmøde i Fjordtrafik Sted Mødetidspunkt Mødedeltagere 23. maj.",
    )
    assert {"Struer Roklub", "Museet for Kystkunst", "Fjordtrafik"} <= orgs
    assert not {"Aalborg", "Foreningen"} & orgs
