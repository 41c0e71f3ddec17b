"""Bodies as municipal minutes of other systems name them: a committee's decision record quoted in a case's
history ("Kultur og Fritid, 3. marts 2021, pkt. 14:"), the acronyms of the bodies a case is routed through
("indstiller til BR via ØK og KFU"), paired with those records by their letters, and names joined by "&".

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


def _analysis(nlp, *sections: str):
    """One item whose sections hold ``sections``, each its own text."""
    text, parts, at = "", [], 0
    for body in sections:
        parts.append(Section("Sagsfremstilling", body, TextSpan(at, at + len(body))))
        text += body + "\n\n"
        at = len(text)
    item = AgendaItem("7", "Lokalplan", TextSpan(0, len(text)), TextSpan(0, 0), sections=tuple(parts))
    return analyse_document(ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,)), nlp)


def _orgs(analysis) -> set[str]:
    return {m.name for m in analysis.mentions if m.kind == "organisation"}


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("Kultur og Fritid, 3. marts 2021, pkt. 14: Anbefales.", {"Kultur og Fritid"}),
        ("Godkendt. Teknik, Klima og Natur, 04-03-2021, punkt 9: Anbefales.", {"Teknik, Klima og Natur"}),
        ("Sagen blev drøftet. Ældrerådet, 2. marts 2021, pkt. 3: Taget til efterretning.", {"Ældrerådet"}),
        # a place's council and a person are left to their own rules; no item number, no record
        ("Vigby Kommune, 3. marts 2021, pkt. 14: Anbefales.", set()),
        ("Anne Holm, 3. marts 2021, pkt. 14: Anbefales.", set()),
        ("Kultur og Fritid, 3. marts 2021: Anbefales.", set()),
    ],
)
def test_a_decision_record_names_the_body_that_decided(nlp, section, expected):
    assert _orgs(_analysis(nlp, section)) == expected


def test_route_acronyms_are_bodies_and_pair_with_the_records_by_their_letters(nlp):
    analysis = _analysis(
        nlp,
        "Forvaltningen indstiller til BR via KFU, TKN og ØK, at planen vedtages.",
        "Kultur og Fritid, 3. marts 2021, pkt. 14:",
        "Teknik, Klima og Natur, 4. marts 2021, pkt. 9:",
    )
    assert {"BR", "KFU", "TKN", "ØK", "Kultur og Fritid", "Teknik, Klima og Natur"} <= _orgs(analysis)
    assert set(analysis.acronyms) == {("KFU", "Kultur og Fritid"), ("TKN", "Teknik, Klima og Natur")}


def test_a_truncated_acronym_pairs_with_one_word_and_two_fits_pair_nothing(nlp):
    analysis = _analysis(
        nlp,
        "Sekretariatet indstiller til BR via DIR og KF, at planen vedtages.",
        "Direktionen, 1. marts 2021, pkt. 2:",
        "Kultur og Fritid, 3. marts 2021, pkt. 14:",
        "Klima og Fritid, 4. marts 2021, pkt. 9:",
    )
    assert set(analysis.acronyms) == {("DIR", "Direktionen")}


def test_capitals_after_a_route_word_without_its_cue_are_no_bodies(nlp):
    assert _orgs(_analysis(nlp, "Planen sendes via DIR og KF til høring.")) == set()


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("Teknik & Miljø indstiller, at planen vedtages.", {"Teknik & Miljø"}),
        ("Planen er aftalt med Natur & Fritid i år.", {"Natur & Fritid"}),
        # first names, lower case after "&" or a capitalised word going on are no such name
        ("Anne & Ole deltog i mødet.", set()),
        ("Planen & redegørelsen godkendes.", set()),
        ("Natur & Fritid Vigby holder møde.", set()),
    ],
)
def test_two_capitalised_words_joined_by_an_ampersand_name_a_body(nlp, section, expected):
    assert {o for o in _orgs(_analysis(nlp, section)) if "&" in o} == expected
