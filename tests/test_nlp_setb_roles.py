"""Roles and bodies as other Danish minutes write them: a compound title names its kind of body, not which
one; "næstformand for bestyrelsen X" holds its office in the body it names; a body's definite common noun
capitalised inside a sentence is the body's name.

All texts are invented; they imitate the shapes of Danish minutes, not any document's wording.
"""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def _analysis(nlp, front: str, section: str = "Sagen blev drøftet."):
    """A document whose front matter is ``front`` and whose one item holds ``section``."""
    text = front + section
    span = TextSpan(len(front), len(text))
    item = AgendaItem("1", "Orientering", span, TextSpan(0, 0), sections=(Section("Beslutning", section, span),))
    return analyse_document(ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,)), nlp)


def _roles(analysis) -> set[tuple[str, str, str]]:
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analysis.roles}


def _orgs(analysis) -> set[str]:
    return {m.name for m in analysis.mentions if m.kind == "organisation"}


def test_a_compound_title_in_the_front_matter_gets_no_body(nlp):
    """'Bestyrelsesmedlem' says a board, not whose: the meeting's body is no guess for it."""
    front = (
        "Referat fra Repræsentantskabsmøde i Havbytrafik. Deltagere: Bestyrelsesformand Anne Holm (Fjordby Kommune), "
        "bestyrelsesmedlem Ole Dam (Sundby Kommune), Per Lund (Vigby Kommune). "
    )
    assert _roles(_analysis(nlp, front)) == {("Anne Holm", "bestyrelsesformand", ""), ("Ole Dam", "bestyrelsesmedlem", "")}


def test_an_office_for_the_board_named_in_lower_case_is_held_in_it(nlp):
    front = "Referat fra Repræsentantskabsmøde i Havbytrafik. Deltagere: næstformand for bestyrelsen Ole Dam (Sundby Kommune). "
    analysis = _analysis(nlp, front)
    assert _roles(analysis) == {("Ole Dam", "næstformand", "Bestyrelsen")}
    assert "Bestyrelsen" in _orgs(analysis)


def test_an_office_stated_with_its_body_is_not_also_given_the_meetings_body(nlp):
    front = "Referat fra Repræsentantskabsmøde i Havbytrafik. Deltagere: næstformand for Bestyrelsen Ole Dam (Sundby Kommune). "
    assert _roles(_analysis(nlp, front, "Formanden foreslog næstformand Ole Dam som dirigent.")) == {
        ("Ole Dam", "næstformand", "Bestyrelsen")
    }


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("Administrationen indstiller, at Bestyrelsen godkender budgettet.", {"Bestyrelsen"}),
        ("Sagen sendes til Repræsentantskabet til orientering.", {"Repræsentantskabet"}),
        ("Oplægget blev drøftet, og Direktionen følger op.", {"Direktionen"}),
        # at a sentence's start the capital is grammar's; a label heads a list; capitals are a heading
        ("Bestyrelsen drøftede sagen.", set()),
        ("Mødet startede. Direktionen følger op.", set()),
        ("Til stede i dag Bestyrelsen: Anne Holm, Ole Dam.", set()),
        ("Sagen sendes til BESTYRELSEN nu.", set()),
        # lower case is a common noun
        ("Sagen sendes til bestyrelsen til orientering.", set()),
    ],
)
def test_a_bodys_common_noun_capitalised_inside_a_sentence_names_it(nlp, section, expected):
    assert _orgs(_analysis(nlp, "Referat. ", section)) == expected


def _listed(nlp, text: str, entries: list[str]) -> set[tuple[str, str, str]]:
    """Roles of a participant list whose entries (as structure reads them) are ``entries``."""
    from kkrgraph.structure.model import Participant

    people, at = [], 0
    for entry in entries:
        at = text.index(entry, at)
        people.append(Participant(entry, "present", span=TextSpan(at, at + len(entry))))
        at += len(entry)
    doc = ParsedDocument("t.txt", text, Meeting("", "", "dagsorden"), participants=tuple(people))
    return _roles(analyse_document(doc, nlp))


def test_a_title_before_an_entry_that_starts_at_its_name_is_its_role(nlp):
    text = "Møde i Havbytrafik\nAndre: Direktør Ole Lund Afdelingschef Eva Dam (ref.) Kommunikationsansvarlig Bo Vig\n"
    assert _listed(nlp, text, ["Ole Lund", "Eva Dam", "Bo Vig"]) == {
        ("Ole Lund", "direktør", ""),
        ("Eva Dam", "afdelingschef", ""),
        ("Bo Vig", "kommunikationsansvarlig", ""),
    }


def test_a_title_with_its_body_before_an_entry_holds_the_office_there(nlp):
    """'næstformand for Bestyrelsen Eva Dam' in a list whose entries start at their names: the office is
    held in the body the title names, not in the meeting's body."""
    text = (
        "Møde i Havbytrafik\nDeltagere: Formand Ole Lund (Vejle Kommune), næstformand for Bestyrelsen Eva Dam (Billund Kommune)\n"
    )
    assert ("Eva Dam", "næstformand", "Bestyrelsen") in _listed(nlp, text, ["Ole Lund", "Eva Dam"])


def test_a_word_inside_the_previous_entry_or_after_punctuation_is_no_title(nlp):
    # the list gives "Direktør" to Ole Lund's entry, and "formand," closes Eva Dam's
    text = "Deltagere: Ole Lund Direktør Per Vig Eva Dam formand, Bo Vig\n"
    assert _listed(nlp, text, ["Ole Lund Direktør", "Per Vig", "Eva Dam", "Bo Vig"]) == set()


def test_the_minute_taker_holds_no_post(nlp):
    text = "Deltagere: Ole Lund, Eva Dam (referent)\n"
    assert _listed(nlp, text, ["Ole Lund", "Eva Dam (referent)"]) == set()
