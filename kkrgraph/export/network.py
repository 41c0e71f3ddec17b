"""Network views of the RDF graph as networkx graphs: the full graph and the projections users ask for."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph

__all__ = ["VIEWS", "network_view"]

_FULL = """
SELECT ?s ?stype ?slabel ?edge ?o ?otype ?olabel ?date WHERE {
  {
    ?p a kkr:Participation ; kkr:participant ?s ; kkr:meeting ?o ; kkr:status/skos:notation ?status .
    BIND(IF(?status = "present", "attended", "absent from") AS ?edge)
    BIND("person" AS ?stype) BIND("meeting" AS ?otype)
    OPTIONAL { ?o dcterms:date ?date }
  } UNION {
    ?ms a org:Membership ; org:member ?s ; org:organization ?o ; kkr:statedAt ?m .
    BIND("holds role in" AS ?edge) BIND("person" AS ?stype)
    BIND(IF(EXISTS { ?o a kkr:Municipality }, "municipality", "organisation") AS ?otype)
    OPTIONAL { ?m dcterms:date ?date }
  } UNION {
    ?s a kkr:AgendaItem ; kkr:meeting ?o . BIND("part of" AS ?edge) BIND("agenda item" AS ?stype)
    BIND("meeting" AS ?otype) OPTIONAL { ?o dcterms:date ?date }
  } UNION {
    ?s a kkr:AgendaItem ; kkr:mentions ?o ; kkr:meeting ?m . BIND("mentions" AS ?edge) BIND("agenda item" AS ?stype)
    OPTIONAL { ?o a ?t } BIND(IF(EXISTS { ?o a foaf:Person }, "person",
         IF(EXISTS { ?o a kkr:Municipality }, "municipality", "organisation")) AS ?otype)
    OPTIONAL { ?m dcterms:date ?date }
  } UNION {
    ?i kkr:decision ?s ; kkr:meeting ?m . BIND(?i AS ?o) BIND("decided on" AS ?edge) BIND("decision" AS ?stype)
    BIND("agenda item" AS ?otype) OPTIONAL { ?m dcterms:date ?date }
  }
  OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?s foaf:name ?sn }
  OPTIONAL { ?o rdfs:label ?ol } OPTIONAL { ?o foaf:name ?on }
  BIND(COALESCE(?sn, ?sl, STR(?s)) AS ?slabel) BIND(COALESCE(?on, ?ol, STR(?o)) AS ?olabel)
}
"""

VIEWS = ("full", "person-organisation", "co-attendance", "co-mention")


def _full(graph: Graph) -> nx.MultiDiGraph:
    from kkrgraph.queries import resolve_query

    network = nx.MultiDiGraph()
    for row in graph.query(resolve_query(_FULL)):
        s, o = str(row.s), str(row.o)
        network.add_node(s, label=str(row.slabel), type=str(row.stype))
        network.add_node(o, label=str(row.olabel), type=str(row.otype))
        network.add_edge(s, o, key=str(row.edge), type=str(row.edge), date=str(row.date or ""))
    return network


def network_view(graph: Graph, view: str = "full") -> nx.Graph:
    """Project the RDF graph to a networkx graph.

    Views: ``full`` (typed nodes and edges), ``person-organisation`` (roles), ``co-attendance`` (people,
    weight = meetings attended together), ``co-mention`` (organisations, weight = items naming both).
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    full = _full(graph)
    if view == "full":
        return full
    if view == "person-organisation":
        edges = [(s, o) for s, o, d in full.edges(data=True) if d["type"] == "holds role in"]
        return _weighted(full, edges)
    if view == "co-attendance":
        anchor_edge, kind = "attended", "person"
    else:
        anchor_edge, kind = "mentions", "organisation"
    groups: dict[str, set[str]] = {}
    for s, o, d in full.edges(data=True):
        if d["type"] == anchor_edge:
            member, group = (s, o) if anchor_edge == "attended" else (o, s)
            if full.nodes[member]["type"] == kind:
                groups.setdefault(group, set()).add(member)
    pairs = []
    for members in groups.values():
        ordered = sorted(members)
        pairs.extend((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return _weighted(full, pairs, directed=False)


def _weighted(full: nx.MultiDiGraph, pairs, directed: bool = True) -> nx.Graph:
    projected = nx.DiGraph() if directed else nx.Graph()
    for a, b in pairs:
        for node in (a, b):
            projected.add_node(node, **full.nodes[node])
        weight = projected[a][b]["weight"] + 1 if projected.has_edge(a, b) else 1
        projected.add_edge(a, b, weight=weight)
    return projected
