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


def test_document_names_are_what_resolution_reads_of_a_document(res):
    """Resolution from per-document summaries (made once, in the worker) equals resolution of the analyses,
    and a mention is found again by its span."""
    import pickle

    from kkrgraph.nlp.names import Namer
    from kkrgraph.resolve import resolve_names

    docs = _docs()
    namer = Namer(res)
    names = [namer(doc) for doc in docs]
    assert pickle.loads(pickle.dumps(names)) == names
    direct, summed = resolve(docs, res), resolve_names(names, res)
    assert summed.entities == direct.entities
    for doc in docs:
        assert summed.resolved(doc.source) == direct.resolved(doc.source) != b""
        for m in doc.mentions:
            assert summed.entity_for(doc.source, m) is summed.find(m.name, kind=m.kind)
    assert summed.entity_for_span("a.txt", "person", 1, 5, "nobody") is None


def test_two_documents_with_one_file_name_share_its_mentions(res):
    a = DocumentAnalysis("same.txt", (_m("person", "Karen Hald", 0),), (), ())
    b = DocumentAnalysis("same.txt", (_m("person", "Ib Brandt", 40),), (), ())
    r = resolve([a, b], res)
    assert len(r.resolved("same.txt").split(b"|")[0]) == 2 * 8  # both mentions' packed keys
    assert r.entity_for("same.txt", a.mentions[0]).name == "Karen Hald"
    assert r.entity_for("same.txt", b.mentions[0]).name == "Ib Brandt"


def test_close_pairs_are_the_pairs_a_plain_loop_finds():
    """The matrix search (in slices of rows) finds exactly the OCR-close pairs of the pairwise definition."""
    import random

    from rapidfuzz import fuzz

    from kkrgraph.resolve import _ROWS, _close_pairs

    rng = random.Random(7)
    base = ["per bach laursen", "mogens gade", "ane marie holm", "kirsten lund", "bo ib"]
    keys = sorted({rng.choice(base)[: rng.randint(4, 16)] + rng.choice(["", "e", "n", "s", "en"]) for _ in range(400)})
    keys = keys + [k + "x" for k in keys] + [k[:-1] for k in keys if len(k) > 8]
    keys = (keys * (_ROWS // len(keys) + 2))[: _ROWS + 300]  # more rows than one slice, with repeats
    expected = {
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if len(keys[i]) >= 8 and (keys[i] == keys[j] or fuzz.ratio(keys[i], keys[j]) >= 90)
    }
    assert expected and set(_close_pairs(keys)) == expected
