"""Companies of every legal form, a region's name in a letterhead, a former county, and the offices of a
participant list at a joint meeting of two companies' boards. The texts are invented."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import Meeting, ParsedDocument, Participant, TextSpan


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def _analyse(nlp, text: str, names: tuple[str, ...] = ()):
    people = []
    for name in names:
        at = text.index(name)
        people.append(Participant(name, "present", span=TextSpan(at, at + len(name))))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=tuple(people))
    return analyse_document(doc, nlp)


def _orgs(nlp, text: str) -> set[str]:
    return {m.name for m in _analyse(nlp, text).mentions if m.kind == "organisation"}


def test_companies_of_every_legal_form(nlp):
    orgs = _orgs(nlp, "Aftalen blev indgået med Nordlys I/S, Fjordkraft P/S og Varme A/S i maj.")
    assert {"Nordlys I/S", "Fjordkraft P/S", "Varme A/S"} <= orgs


def test_a_region_in_a_letterhead_and_a_former_county(nlp):
    orgs = _orgs(nlp, "Region Syddanmark Regionshuset Vejle, den 3. maj 2007. Sagen om delingsaftalen for Vejle Amt.")
    assert {"Region Syddanmark", "Vejle Amt"} <= orgs
    assert not any(o.startswith("Region Syddanmark ") for o in orgs)


def test_offices_at_a_joint_meeting_of_two_boards_name_neither_company(nlp):
    text = (
        "Referat af bestyrelsesmøde i Fjordvand A/S og Fjordvarme A/S\n"
        "Deltagere: Formand Ole Berg Næstformand Eva Lund Adm. direktør Jens Toft\n"
        "Oplæg ved advokat Rikke Holt om ejerstrategien."
    )
    a = _analyse(nlp, text, ("Ole Berg", "Eva Lund", "Jens Toft"))
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in a.roles}
    assert {
        ("Ole Berg", "formand", ""),
        ("Eva Lund", "næstformand", ""),
        ("Jens Toft", "administrerende direktør", ""),
        ("Rikke Holt", "advokat", ""),
    } <= roles


def test_an_abbreviated_staff_representative_after_a_slash(nlp):
    text = "Skolebestyrelsesmøde\nDeltagere:\nLone Vinter/Personalerep.\nKim Skov\n"
    a = _analyse(nlp, text, ("Lone Vinter", "Kim Skov"))
    assert {(r.person.name, r.role) for r in a.roles} == {("Lone Vinter", "personalerepræsentant")}
