"""Mentions outside every agenda item (front matter, heading, apologies) reach the graph as document-level mentions.

Invented minutes: an organisation named only in the front matter is a fact of the document, with its quote and
span, hung on the meeting (``kkr:mentionedAt``); it is no item's mention, so co-mention, decisions about an
organisation and presented items do not see it, while evaluation counts it among the document's organisations.
"""

from __future__ import annotations

import pytest
from samples import meeting_text

from kkrgraph.api import KnowledgeGraph
from kkrgraph.evaluate import system_documents
from kkrgraph.validate import validate_graph

FRONT = "Erhvervshus Vesthimmerland"
SENTENCE = f"Mødet holdes som fællesmøde med {FRONT}."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("front")
    raw = meeting_text().replace("Sted: Aalborg Rådhus\n", f"Sted: Aalborg Rådhus\n{SENTENCE}\n")
    assert FRONT in raw and raw.index(FRONT) < raw.index("Deltagere")  # the name stands before every item
    (folder / "kkr.txt").write_text(raw, encoding="utf-8")
    return raw, KnowledgeGraph.build([folder], jobs=1)


def _front_mentions(kg):
    return kg.sparql(
        f"""SELECT ?x ?surface ?quote ?start ?end ?source ?at ?described WHERE {{
          ?x a kkr:Mention ; kkr:mentionOf ?e ; kkr:surface ?surface ; kkr:quote ?quote ;
             kkr:rawStart ?start ; kkr:rawEnd ?end ; prov:wasDerivedFrom ?doc ; kkr:mentionedAt ?at .
          ?e skos:prefLabel "{FRONT}" . ?doc kkr:sourceFile ?source ; kkr:describes ?described .
        }}"""
    ).records()


def test_front_matter_organisation_reaches_the_graph_with_quote_and_span(built):
    raw, kg = built
    [mention] = _front_mentions(kg)
    assert mention["surface"] == FRONT
    assert SENTENCE in mention["quote"]
    assert raw[int(mention["start"]) : int(mention["end"])] == FRONT
    assert mention["source"] == "kkr.txt"
    assert mention["at"] == mention["described"]  # the meeting the document describes
    assert kg.sparql(f"ASK {{ ?x kkr:item ?i ; kkr:mentionOf/skos:prefLabel '{FRONT}' }}").rows[0][0] == "false"
    report = validate_graph(kg.graph)
    assert report.conforms, report.text(limit=20)


def test_front_matter_organisation_is_no_item_mention(built):
    _, kg = built
    assert FRONT in {row["name"] for row in kg.sparql("organisations").records()}  # in the graph ...
    # ... but on no item: no co-mention edge, no decision about it, no kkr:mentions shortcut
    co_mention = kg.to_networkx("co-mention")
    assert co_mention.number_of_edges() > 0  # the items' organisations do co-occur
    assert not any(FRONT in (co_mention.nodes[u].get("label"), co_mention.nodes[v].get("label")) for u, v in co_mention.edges())
    assert FRONT not in {row["organisation"] for row in kg.sparql("decision_organisations").records()}
    full = kg.to_networkx()
    [node] = [n for n, data in full.nodes(data=True) if data.get("label") == FRONT]
    assert not any(data.get("type") == "mentions" for *_, data in full.in_edges(node, data=True))
    assert kg.sparql(f"ASK {{ ?i kkr:mentions ?e . ?e skos:prefLabel '{FRONT}' }}").rows[0][0] == "false"


def test_evaluation_counts_front_matter_organisation(built):
    _, kg = built
    organisations = {fact[0].key for fact in system_documents(kg)["kkr.txt"].organisations}
    assert FRONT.casefold() in organisations


def test_stretches_of_headings_and_case_numbers_are_not_analysed():
    """Between an item's sections lie lines structure has read (case number, handlers, headings): they get
    no spaCy document of their own, while a stretch with anything else in it does, even on a case line."""
    from kkrgraph.nlp.analyse import _units
    from kkrgraph.structure.parse import parse_document

    raw = meeting_text().replace("SAG-2024-00102 hlth", f"SAG-2024-00102 hlth {FRONT}")
    doc = parse_document(raw, "kkr.txt")
    texts = [flat.text.strip() for *_, flat in _units(doc)]
    assert not any(text in {"Indstilling", "Sagsfremstilling", "Beslutning"} for text in texts)
    assert not any(text.startswith("SAG-") and FRONT not in text for text in texts)
    [case_line] = [text for text in texts if FRONT in text]
    assert "SAG-2024-00102" in case_line
