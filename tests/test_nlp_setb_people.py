"""A person's name in a street's name is an address, not a person ("Mødet holdes på Hans Tausens Vej 4").

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


def _people(nlp, text: str) -> set[str]:
    span = TextSpan(0, len(text))
    item = AgendaItem("1", "Orientering", span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,))
    return {m.name for m in analyse_document(doc, nlp).mentions if m.kind == "person"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mødet holdes på Hans Tausens Vej 4 i Vigby.", set()),
        ("Sted: Anne Maries Allé 12, mødelokale 3.", set()),
        ("Mødet holdes hos Hans Tausen i Vigby.", {"Hans Tausen"}),
    ],
)
def test_a_name_before_a_street_word_is_an_address(nlp, text, expected):
    assert _people(nlp, text) == expected
