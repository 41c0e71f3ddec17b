"""Titles of participant entries: a title after the name's dash held in the unit the entry names, a title written
as a suspended compound, and the general public-sector titles of the role vocabulary. The texts are invented."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import Meeting, ParsedDocument, Participant, TextSpan


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def _roles(nlp, text: str, entries: tuple[tuple[str, str], ...]) -> set[tuple[str, str, str]]:
    """(person, role, organisation) of ``text``; each entry (name, organisation) is a participant whose span is
    its name, with the organisation structure read for it."""
    people = tuple(
        Participant(name, "present", organisation=org, span=TextSpan(text.index(name), text.index(name) + len(name)))
        for name, org in entries
    )
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=people)
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analyse_document(doc, nlp).roles}


def test_a_title_after_the_dash_is_held_in_the_unit_the_entry_names(nlp):
    text = "Deltagere:\nOle Dam - formand for Miljøudvalget\nEva Lund - Miljøudvalget\nKim Holt - Sektionsleder Natur og Vand\n"
    roles = _roles(nlp, text, (("Ole Dam", "Miljøudvalget"), ("Eva Lund", "Miljøudvalget"), ("Kim Holt", "Natur og Vand")))
    assert roles == {("Ole Dam", "formand", "Miljøudvalget"), ("Kim Holt", "sektionsleder", "Natur og Vand")}


def test_a_suspended_compound_title_is_one_title_as_written(nlp):
    text = "Deltagere: Direktør Ole Dam Kultur- og fritidschef Eva Lund\n"
    roles = _roles(nlp, text, (("Ole Dam", ""), ("Eva Lund", "")))
    assert ("Eva Lund", "kultur- og fritidschef", "") in roles


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Teamlederen", "teamleder"),
        ("afdelingsledere", "afdelingsleder"),
        ("Chefjurist", "chefjurist"),
        ("juristerne", "jurist"),
        ("Specialfuldmægtig", "specialfuldmægtig"),
        ("sagsbehandleren", "sagsbehandler"),
        ("Planlæggere", "planlægger"),
        ("civilingeniøren", "civilingeniør"),
    ],
)
def test_general_public_sector_titles_are_roles(word, base):
    assert load_resources().role(word).base == base
