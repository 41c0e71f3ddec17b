"""Text from documents never breaks out of the RDF it is written into.

IRIs are minted from normalised slugs only (``kkrgraph.graph.iri``); everything else a document says goes
into literals, escaped by rdflib. Every output format kkrgraph writes parses back to the same graph.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kkrgraph.export.rdf import generate_ntriples, write_jsonld, write_ntriples, write_turtle
from kkrgraph.graph.iri import case_iri, document_iri, entity_iri, fact_iri, item_iri, meeting_iri

HOSTILE = [
    'Jens <b>"Hansen"</b>',
    "{x} \\ back\\slash",
    "new\nline\r\nand\ttab",
    'quote \' and """ triple',
    "> .\n<urn:evil> <urn:p> <urn:o> .",
    '"@id": "urn:evil", "@context": {}',
    "Søren Ærø Ålborg — ß ﬁ 𝔘 🙂 \u200b\u202e",
    "\x00\x01\x7f",
    "",
]

#: Characters an IRI may not contain (RFC 3987), plus controls; none may reach a minted IRI.
UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\u200b-\u200f\u202a-\u202e]')

hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


@settings(max_examples=200, deadline=None)
@given(hostile_text, hostile_text)
def test_minted_iris_never_contain_raw_text(a, b):
    meeting = meeting_iri(a, b, "0" * 64)
    for iri in (
        entity_iri("person", a),
        entity_iri(a, b),
        meeting,
        meeting_iri("KKR Nordjylland", "2024-03-05", a),
        item_iri(meeting, a),
        case_iri(a),
        document_iri(a, "ab" * 32),
        fact_iri("participation", "ab" * 32, 7, a, b),
    ):
        assert isinstance(iri, URIRef)
        assert iri.startswith("http")
        assert not UNSAFE_IRI.search(iri), repr(iri)
        assert Graph().parse(data=f"<{iri}> <urn:p> <urn:o> .\n", format="nt")


def _graph_with(texts) -> Graph:
    g = Graph()
    for n, text in enumerate(texts):
        subject = entity_iri("person", text or f"x{n}")
        g.add((subject, URIRef("http://xmlns.com/foaf/0.1/name"), Literal(text)))
        g.add((subject, URIRef("http://purl.org/dc/terms/title"), Literal(text, lang="da")))
    return g


def _round_trips(g: Graph, tmp_path) -> None:
    write_ntriples(generate_ntriples(g), tmp_path / "g.nt")
    write_turtle(tmp_path / "g.nt", tmp_path / "g.ttl")
    write_jsonld(tmp_path / "g.nt", tmp_path / "g.jsonld")
    for name, fmt in (("g.ttl", "turtle"), ("g.nt", "nt"), ("g.jsonld", "json-ld")):
        back = Graph().parse(tmp_path / name, format=fmt)
        assert isomorphic(back, g), name
    assert all(line.endswith(" .\n") for line in generate_ntriples(g))  # one triple per line, even with newlines


def test_hostile_literals_round_trip_through_every_format(tmp_path):
    _round_trips(_graph_with([t for t in HOSTILE if "\x00" not in t]), tmp_path)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40), max_size=5))
def test_arbitrary_literals_round_trip(tmp_path_factory, texts):
    _round_trips(_graph_with(texts), tmp_path_factory.mktemp("rt"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_builder_literals_are_canonical_and_read_back(text):
    """The builder writes literals itself (graph/terms.py): byte for byte what Oxigraph writes, and the
    same text when read back, for any text, control characters and lone surrogates included."""
    import pyoxigraph

    from kkrgraph.export.rdf import canonical_ntriples, parse_line
    from kkrgraph.graph.terms import iri, literal, triple

    line = triple(iri("https://w3id.org/kkrgraph/id/x"), iri("http://purl.org/dc/terms/title"), literal(text))
    assert canonical_ntriples(line.encode("utf-8")) == [line]
    expected = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    (read,) = list(pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert read.object.value == expected == parse_line(line)[2]


@pytest.mark.parametrize("unsafe", ["https://x/a b", "https://x/<a>", 'https://x/"', "https://x/{a}", "https://x/a\\b"])
def test_builder_refuses_unsafe_iris(unsafe):
    from kkrgraph.graph.terms import iri

    with pytest.raises(ValueError):
        iri(unsafe)


MEETING = """KKR Nordjylland
REFERAT

Dato: 8. august 2018
Sted: Aalborg Rådhus, "sal <1>" {x} \\ A

Deltagere
Lasse Frimand Jensen (A) Aalborg Kommune
Jens <b>"Hansen"{x}\\ Test (A) Aalborg Kommune
Mogens Christen Gade (V) Jammerbugt Kommune

Afbud
Anna Aaen (Ø) Aalborg Kommune

1. Godkendelse

1.1. Orientering om <klima> "arbejdet" {x} \\ 'slut' æøå
SAG-2018-00101 hlth

Beslutning
KKR Nordjylland tog <orienteringen> "til" {efterretning} \\ .
"""


def test_a_built_graph_with_hostile_text_parses_back(tmp_path):
    from kkrgraph.api import KnowledgeGraph
    from kkrgraph.export import write_outputs

    source = tmp_path / "hostile.txt"
    source.write_text(MEETING, encoding="utf-8")
    kg = KnowledgeGraph.build([source])
    assert not kg.skipped
    write_outputs(kg.ntriples_file(), tmp_path / "out", ("ttl", "nt", "jsonld"))
    back = {fmt: Graph().parse(tmp_path / "out" / name, format=fmt) for name, fmt in
            (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"))}  # fmt: skip
    for graph in back.values():
        assert isomorphic(graph, kg.graph)
    json.loads((tmp_path / "out" / "graph.jsonld").read_text("utf-8"))
    titles = {str(o) for o in back["nt"].objects(None, URIRef("http://purl.org/dc/terms/title"))}
    assert "Orientering om <klima> \"arbejdet\" {x} \\ 'slut' æøå" in titles
    literals = {str(o) for _, _, o in back["turtle"] if isinstance(o, Literal)}
    assert any("<orienteringen>" in text for text in literals)
    for s, p, o in back["nt"]:
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert not UNSAFE_IRI.search(term), term


@pytest.mark.parametrize("number", ["0\n", "11/629\n", "SAG-2025-02399\n", "SAG-2025-02399\r\n"])
def test_a_case_number_with_a_line_break_is_slugged_not_kept(number):
    """A regular expression's "$" also matches before a final newline: the case rules must match the whole text."""
    iri = case_iri(number, "KKR Nordjylland")
    assert not UNSAFE_IRI.search(iri), repr(iri)
