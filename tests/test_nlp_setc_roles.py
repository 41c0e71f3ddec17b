"""A participant's function glued to the name after a slash ("Eva Lund/Elevrådsformand") is that person's
role; a meeting function written the same way ("/Referent") is none. The text is invented."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.resources import load_resources
from kkrgraph.structure.model import Meeting, ParsedDocument, Participant, TextSpan


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_resources())


def test_a_function_after_a_slash_is_the_entrys_role(nlp):
    text = "Bestyrelsesmøde\nDeltagere:\nKirsten Holm\nEmil Storm/Elevrådsformand\nPernille Vad/Referent\n"
    people = []
    for name in ("Kirsten Holm", "Emil Storm", "Pernille Vad"):
        at = text.index(name)
        end = text.index("\n", at)
        people.append(Participant(name, "present", span=TextSpan(at, end)))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=tuple(people))
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analyse_document(doc, nlp).roles}
    assert roles == {("Emil Storm", "elevrådsformand", "")}
