"""Entity resolution across documents: variants, acronyms, genitives, short forms, determinism."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import DocumentAnalysis, Mention
from kkrgraph.resolve import resolve


@pytest.fixture(scope="module")
def res():
    from kkrgraph.resources import load_resources

    return load_resources()


def _m(kind: str, name: str, start: int) -> Mention:
    return Mention(kind, name, name, start, start + len(name), "1", name, "test")


def _docs():
    a = DocumentAnalysis(
        "a.txt",
        (
            _m("person", "Per Bach Laursen", 0),
            _m("person", "Mogens Christen Gade", 30),
            _m("person", "Mogens Gade", 60),
            _m("organisation", "Forsyningsalliancen Nord", 90),
            _m("organisation", "FAN", 130),
            _m("organisation", "KKR Nordjyllands", 140),
            _m("municipality", "Hjgrring Kommune", 170),
        ),
        (),
        (("FAN", "Forsyningsalliancen Nord"),),
    )
    b = DocumentAnalysis(
        "b.txt",
        (
            _m("person", "Per Bach-Laursen", 0),
            _m("person", "Niels Jgrgen Pedersen", 30),
            _m("person", "Niels Jørgen Pedersen", 60),
            _m("organisation", "FAN's", 90),
            _m("organisation", "KKR Nordjylland", 100),
            _m("municipality", "Hjørring Kommune", 130),
        ),
        (),
        (),
    )
    return [a, b]


def test_variants_resolve_to_one_entity(res):
    r = resolve(_docs(), res)
    assert r.find("Per Bach Laursen") is r.find("per bach-laursen")
    assert r.find("Per Bach Laursen").name == "Per Bach-Laursen"
    assert r.find("Niels Jgrgen Pedersen").name == "Niels Jørgen Pedersen"
    assert r.find("Mogens Gade").name == "Mogens Christen Gade"
    assert r.find("FAN").name == "Forsyningsalliancen Nord"
    assert r.find("KKR Nordjyllands").key == "kkr-nordjylland"
    assert r.find("Hjgrring Kommune").name == "Hjørring Kommune"


def test_order_independent(res):
    docs = _docs()
    assert resolve(docs, res).entities == resolve(list(reversed(docs)), res).entities


def test_short_form_needs_evidence(res):
    only_short = DocumentAnalysis("c.txt", (_m("person", "Mogens Gade", 0),), (), ())
    r = resolve([only_short, DocumentAnalysis("d.txt", (_m("person", "Mogens Christen Gade", 0),), (), ())], res)
    assert r.find("Mogens Gade") is not r.find("Mogens Christen Gade")
