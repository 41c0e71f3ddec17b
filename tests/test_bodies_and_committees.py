"""The bodies every municipal document names: the meeting's own body read from its heading, committees and
councils as organisations in running text, and political parties by name.

All texts are invented; they imitate the shapes of Danish minutes, not any document's wording.
"""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan
from kkrgraph.structure.parse import parse_document
from kkrgraph.structure.template import load_template

_ITEMS = "\n\n1. Godkendelse af dagsorden\nSAG-2024-00101\n\nBeslutning\nGodkendt.\n"


def body(head: str) -> str:
    raw = head + _ITEMS
    clean = normalise(raw, line_markers=load_template().line_markers)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources()).meeting.body


# -- the meeting's body: what the document's heading says ----------------------------------------------------
@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Kommunalbestyrelsen - Referat\n\nDato: 12. marts 2024", "Kommunalbestyrelsen"),
        ("Plan- og Boligudvalget - dagsorden - 12. marts 2024", "Plan- og Boligudvalget"),
        ("Miljøudvalget | Referat\nDato: 12-03-2024", "Miljøudvalget"),
        ("Referat fra mødet i Børne- og Skoleudvalget den 12. marts 2024", "Børne- og Skoleudvalget"),
        ("Dagsorden til ordinært møde i Udvalget for Natur og Fritid, tirsdag 12. marts 2024", "Udvalget for Natur og Fritid"),
        ("1 Referat fra møde i sundhedschefnetværket\nTid og sted: 12. marts 2024", "sundhedschefnetværket"),
        ("Referat af møde i Repræsentantskabet\nDato: 12-03-2024", "Repræsentantskabet"),
        ("Bestyrelsesmøde 12. marts 2024 kl. 9.00, Havnevej 3", "Bestyrelsen"),
        ("REPRÆSENTANTSKABSMØDE\nDato: 12-03-2024", "Repræsentantskabet"),
        ("Referat 12. marts 2024\nUdvalg:\tErhvervsudvalget\nMødedato:\t12. marts 2024", "Erhvervsudvalget"),
    ],
)
def test_the_heading_names_the_body(head, expected):
    assert body(head) == expected


def test_a_registry_body_takes_its_canonical_name():
    assert body("Referat fra mødet i Kommunekontaktrådet Nordjylland den 12. marts 2024") == "KKR Nordjylland"


def test_a_committees_record_line_of_the_meetings_day_names_the_body():
    raw = (
        "Referat\n\nDato: 12-03-2024\n\n"
        "Pkt. 7 Orientering om biblioteket\n\nSagsnr. 4711\n\nFritidsudvalget, 12-03-2024, pkt. 7\n\nTaget til efterretning.\n"
    )
    clean = normalise(raw, line_markers=load_template().line_markers)
    doc = parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources())
    assert doc.meeting.body == "Fritidsudvalget"


def test_an_item_title_or_a_sentence_names_no_body():
    assert body("Referat\n\nDato: 12-03-2024\n\nUdvalget drøftede referatet fra sidste møde.") == ""


# -- committees, councils and departments in running text ---------------------------------------------------
@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def orgs(nlp, text: str) -> set[str]:
    span = TextSpan(0, len(text))
    item = AgendaItem("1", "Orientering", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,))
    return {m.name for m in analyse_document(doc, nlp).mentions if m.kind == "organisation"}


def test_a_committee_in_the_indefinite_form_with_its_adjective(nlp):
    assert "Kulturhistorisk Udvalg" in orgs(nlp, "Sagen går videre til Kulturhistorisk Udvalg den 4. juni.")


def test_coordinated_committees_and_their_defined_abbreviation(nlp):
    found = orgs(nlp, "Kultur- og Fritidsudvalget (KFU) og Ældre- og Handicapudvalget holdt fællesmøde. KFU godkendte.")
    assert {"Kultur- og Fritidsudvalget", "KFU", "Ældre- og Handicapudvalget"} <= found


def test_a_city_executive_committee_and_its_departments(nlp):
    found = orgs(
        nlp, "Magistraten indstiller forslaget. Rådmandens Afdeling og Magistratsafdelingen for Kultur og Borgerservice svarer."
    )
    assert {"Magistraten", "Rådmandens Afdeling", "Magistratsafdelingen for Kultur og Borgerservice"} <= found


def test_a_committee_referred_to_in_common_words_is_no_name(nlp):
    assert orgs(nlp, "Udvalget drøftede sagen. Et flertal i udvalget kunne tiltræde, og et udvalg nedsættes.") == set()


# -- parties ----------------------------------------------------------------------------------------------
def test_parties_by_their_full_names_are_registry_bodies_of_type_party(nlp):
    found = orgs(nlp, "Socialistisk Folkeparti og Det Konservative Folkeparti stemte imod, Liberal Alliance for.")
    assert found == {"Socialistisk Folkeparti", "Det Konservative Folkeparti", "Liberal Alliance"}
    assert load_resources().organisation("Socialistisk Folkeparti").type == "party"


def test_the_party_letters_and_the_registrys_parties_list_the_same_parties():
    res = load_resources()
    assert all((e := res.organisation(p.name)) is not None and e.type == "party" for p in res.parties)
    assert {p.name for p in res.parties} == {e.name for e in res.organisations if e.type == "party"}


def test_a_party_that_is_a_common_word_needs_a_partys_context_at_a_sentence_start(nlp):
    assert orgs(nlp, "Venstre vognbane lukkes. Alternativet er en omkørsel.") == set()
    assert orgs(nlp, "Venstre stemte imod. Alternativet tog forbehold.") == {"Venstre", "Alternativet"}
    assert orgs(nlp, "Forslaget blev støttet af Venstre.") == {"Venstre"}


def test_a_party_in_brackets_after_a_name_is_the_persons_party_not_a_mention(nlp):
    assert orgs(nlp, "Hanne Bak (SF) og Jens Krog (DF) tog forbehold.") == set()


def test_a_department_is_named_with_its_tail_and_loses_the_genitive(nlp):
    found = orgs(nlp, "Magistratsafdelingen for Natur og Miljøs forslag blev drøftet med Visitationsafdelingen.")
    assert found == {"Magistratsafdelingen for Natur og Miljø"}


def test_an_indefinite_committee_compound_is_a_kind_not_a_name(nlp):
    assert orgs(nlp, "Der nedsættes et Havneudvalg med fem medlemmer.") == set()


@pytest.mark.parametrize("verb", ["har", "kan", "vil", "havde", "kunne"])
def test_a_party_that_is_a_common_word_takes_no_context_from_an_auxiliary_verb(nlp, verb):
    assert orgs(nlp, f"Alternativet {verb} den fordel, at prisen falder.") == set()
