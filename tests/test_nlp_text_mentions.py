"""Bodies, municipalities and roles named in running text and in participant entries: municipalities coordinated
before one plural "kommuner", a party named by its group, an organ's body ("bestyrelsen for X"), a genitive
whose apostrophe a PDF lost, a police district, an acronym of a common phrase and of a name going on in
lower case, and roles: a title held in the municipality an entry names (a council member's too, not a board
member's), a title after an entry's dash, a meeting function, a compound title's kind. The texts are invented."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.nlp.components import find_definitions
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import Meeting, ParsedDocument, Participant, TextSpan


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def _analyse(nlp, text: str, entries: tuple[tuple[str, str], ...] = ()):
    """Analyse ``text``; each entry (name, municipality) is a participant whose line holds the name."""
    people = []
    for name, municipality in entries:
        line_start = text.rindex("\n", 0, text.index(name)) + 1
        line_end = text.index("\n", line_start)
        people.append(Participant(name, "present", municipality=municipality, span=TextSpan(line_start, line_end)))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=tuple(people))
    return analyse_document(doc, nlp)


def _names(nlp, text: str, kind: str) -> set[str]:
    return {m.name for m in _analyse(nlp, text).mentions if m.kind == kind}


def test_municipalities_coordinated_before_one_plural_kommuner(nlp):
    text = "Vejen, Billund og Varde kommuner ønsker at fortsætte samarbejdet om busdriften."
    assert {"Vejen", "Billund", "Varde"} <= _names(nlp, text, "municipality")


def test_a_coordinated_place_without_kommuner_is_no_municipality(nlp):
    text = "Ruten går fra Vejen, Billund og Varde til kysten."
    assert _names(nlp, text, "municipality") == set()


def test_a_party_named_by_its_group_at_a_sentence_start(nlp):
    text = "Alternativets byrådsgruppe har meddelt, at et medlem har forfald."
    assert "Alternativet" in _names(nlp, text, "organisation")


def test_the_body_whose_board_an_appointment_is_to(nlp):
    text = "Udpegning til bestyrelsen for Midtfynsk Kulturarv. Udpegning til bestyrelsen for Kultur og Fritid."
    orgs = _names(nlp, text, "organisation")
    assert "Midtfynsk Kulturarv" in orgs
    assert "Kultur" not in orgs


def test_an_acronym_in_the_genitive_without_its_apostrophe(nlp):
    text = "KKR's repræsentation i VKS s generalforsamling blev drøftet."
    assert "VKS" in _names(nlp, text, "organisation")


def test_a_social_and_health_school_named_by_its_region(nlp):
    text = "Udpegning til bestyrelsen for skolen SOSU Hovedstaden - Tillæg"
    assert "SOSU Hovedstaden" in _names(nlp, text, "organisation")


def test_a_police_district_by_its_district_name():
    assert load_resources().organisation("Nordsjællands Politikreds").name == "Nordsjællands Politi"


def test_a_meeting_function_is_no_role(nlp):
    text = "Deltagere: se listen.\nMødeleder: Ole Berg\nReferent: Eva Lund\nDirektør Kim Holt orienterede.\n"
    # the post beside them is found: the functions are no roles, not all titles missed
    assert {(r.person.name, r.role) for r in _analyse(nlp, text).roles} == {("Kim Holt", "direktør")}


def test_a_title_is_held_in_the_municipality_the_entry_names(nlp):
    text = (
        "Deltagere:\n"
        "Borgmester Ida Holm, Vejen Kommune\n"
        "Kommunaldirektør Per Lund, Billund Kommune\n"
        "Bestyrelsesmedlem Eva Berg, Varde Kommune\n"
        "Direktør Ole Dam, Varde\n"
    )
    entries = (
        ("Ida Holm", "Vejen Kommune"),
        ("Per Lund", "Billund Kommune"),
        ("Eva Berg", "Varde Kommune"),
        ("Ole Dam", "Varde Kommune"),
    )
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in _analyse(nlp, text, entries).roles}
    assert roles == {
        ("Ida Holm", "borgmester", "Vejen Kommune"),
        ("Per Lund", "kommunaldirektør", "Billund Kommune"),
        ("Eva Berg", "bestyrelsesmedlem", ""),
        ("Ole Dam", "direktør", ""),
    }


def test_a_compound_title_is_not_held_in_a_body_whose_name_merely_ends_in_its_kind(nlp):
    text = "Mødet blev holdt hos Region Syddanmark. Markedschef Ole Berg orienterede om salget."
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in _analyse(nlp, text).roles}
    assert roles == {("Ole Berg", "markedschef", "")}


def test_a_council_members_title_is_held_in_the_municipality_the_entry_names(nlp):
    text = (
        "Deltagere:\n"
        "Byrådsmedlem Eva Lund, Vejle Kommune\n"
        "Kommunalbestyrelsesmedlem Kim Holt, Lejre Kommune\n"
        "Bestyrelsesmedlem Ole Dam, Vejen Kommune\n"
        "Bestyrelsesformand Ida Berg, Billund Kommune\n"
    )
    entries = (
        ("Eva Lund", "Vejle Kommune"),
        ("Kim Holt", "Lejre Kommune"),
        ("Ole Dam", "Vejen Kommune"),
        ("Ida Berg", "Billund Kommune"),
    )
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in _analyse(nlp, text, entries).roles}
    assert roles == {
        ("Eva Lund", "byrådsmedlem", "Vejle Kommune"),
        ("Kim Holt", "kommunalbestyrelsesmedlem", "Lejre Kommune"),
        ("Ole Dam", "bestyrelsesmedlem", ""),  # a board's office: the municipality says where the member comes from
        ("Ida Berg", "bestyrelsesformand", ""),
    }


def test_a_title_after_an_entrys_dash_is_not_the_next_entrys(nlp):
    # a participant list run together on one line: "Name - [title for] unit" entries, a title before the name too
    text = "Deltagere: Ole Dam - formand for Teknisk Udvalg Eva Lund - Teknisk Udvalg Direktør Kim Holt - Teknisk Udvalg\n"
    read_as_text = {(r.person.name, r.role) for r in _analyse(nlp, text).roles}
    assert ("Kim Holt", "direktør") in read_as_text  # the titles of the line are read
    assert ("Eva Lund", "formand") not in read_as_text
    # read as the participant list structure finds (each entry's span its name), the title is the entry's own
    people = tuple(
        Participant(n, "present", organisation="Teknisk Udvalg", span=TextSpan(text.index(n), text.index(n) + len(n)))
        for n in ("Ole Dam", "Eva Lund", "Kim Holt")
    )
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=people)
    roles = {(r.person.name, r.role) for r in analyse_document(doc, nlp).roles}
    assert ("Ole Dam", "formand") in roles
    assert ("Eva Lund", "formand") not in roles


def test_an_acronym_of_a_common_phrase_takes_no_name_before_it():
    assert find_definitions("Referat Falster Tilbud om fleksibel kørsel (FK3) blev godkendt.") == []
    assert [d[5] for d in find_definitions("Fonden for Grøn Omstilling (FGO) gav tilsagn.")] == ["Fonden for Grøn Omstilling"]


def test_an_acronyms_name_goes_on_in_lower_case():
    assert [d[5] for d in find_definitions("Mødet i Kommunernes kontaktråd (KKR) blev holdt.")] == ["Kommunernes kontaktråd"]
    assert [d[5] for d in find_definitions("Oplæg fra Center for cybersikkerhed (CFCS).")] == ["Center for cybersikkerhed"]


def test_a_lower_case_phrase_takes_no_capitalised_name_further_back():
    assert find_definitions("Referat Vestby Udbud af vandløbspleje - grødeskæring (VG2) blev vedtaget.") == []
    assert find_definitions("Referat Vestby Udbud - vandløbspleje og grødeskæring (VG2) blev vedtaget.") == []
