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
