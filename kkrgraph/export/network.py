"""Network views of the RDF graph as networkx graphs: the full typed graph and the projections users ask for.

Every node is keyed by its RDF IRI (stable across builds) and carries a human ``label``, a ``type`` (person,
organisation, municipality, meeting, agenda item, decision, role) and the attributes that fit its type
(party, municipality, case_number, outcome, date, ...). Edges carry a ``type`` (attended, absent from,
holds role in, member of, represents, mentions, decided on, part of), a ``weight`` that counts the
statements supporting them, the ``role`` where there is one, and ``start``: the date of the first meeting
that supports them, so a timeline can replay how the network grew.

Example:
    >>> from kkrgraph.api import KnowledgeGraph
    >>> net = network_view(KnowledgeGraph.build().graph, "co-attendance")
    >>> net.graph["view"]
    'co-attendance'
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
from rdflib import Graph

__all__ = ["EDGE_TYPES", "NODE_TYPES", "VIEWS", "network_view"]

VIEWS = ("full", "person-organisation", "co-attendance", "co-mention")
NODE_TYPES = ("person", "organisation", "municipality", "meeting", "agenda item", "decision", "role")
EDGE_TYPES = ("attended", "absent from", "holds role in", "member of", "represents", "mentions", "decided on", "part of")

_PEOPLE = """
SELECT ?s ?name ?party ?municipality WHERE {
  ?s a foaf:Person ; foaf:name ?name .
  OPTIONAL { ?s kkr:party/skos:notation ?party }
  OPTIONAL { ?s kkr:municipality/skos:prefLabel ?municipality }
}"""

_ORGANISATIONS = """
SELECT ?s ?name ?municipality ?org_type WHERE {
  ?s a org:Organization ; skos:prefLabel ?name .
  BIND(EXISTS { ?s a kkr:Municipality } AS ?municipality)
  OPTIONAL { ?s kkr:orgType ?org_type }
}"""

_MEETINGS = """
SELECT ?s ?label ?date ?body WHERE {
  ?s a kkr:Meeting ; rdfs:label ?label .
  OPTIONAL { ?s dcterms:date ?date }
  OPTIONAL { ?s kkr:body/skos:prefLabel ?body }
}"""

_ITEMS = """
SELECT ?s ?label ?number ?meeting ?date ?case_number ?outcome ?decision ?dlabel WHERE {
  ?s a kkr:AgendaItem ; rdfs:label ?label ; kkr:number ?number ; kkr:meeting ?meeting .
  OPTIONAL { ?meeting dcterms:date ?date }
  OPTIONAL { ?s kkr:case/kkr:caseNumber ?case_number }
  OPTIONAL { ?s kkr:decision ?decision . ?decision rdfs:label ?dlabel
             OPTIONAL { ?decision kkr:outcome/skos:notation ?outcome } }
}"""

_PARTICIPATIONS = """
SELECT ?fact ?who ?meeting ?status ?date ?represents WHERE {
  ?fact a kkr:Participation ; kkr:participant ?who ; kkr:meeting ?meeting ; kkr:status/skos:notation ?status .
  OPTIONAL { ?meeting dcterms:date ?date }
  OPTIONAL { ?fact kkr:representing ?represents }
}"""

_MEMBERSHIPS = """
SELECT ?fact ?who ?role ?organisation ?date WHERE {
  ?fact a org:Membership ; org:member ?who ; org:role ?concept ; kkr:statedAt ?meeting .
  ?concept skos:notation ?role .
  OPTIONAL { ?fact org:organization ?organisation }
  OPTIONAL { ?meeting dcterms:date ?date }
}"""

_MENTIONS = """
SELECT ?fact ?item ?entity ?date WHERE {
  ?fact a kkr:Mention ; kkr:item ?item ; kkr:mentionOf ?entity .
  ?item kkr:meeting ?meeting .
  OPTIONAL { ?meeting dcterms:date ?date }
}"""


def _rows(graph: Graph, query: str):
    from kkrgraph.queries import resolve_query

    for row in graph.query(resolve_query(query)):
        yield {key: "" if row[key] is None else str(row[key]) for key in row.labels}


def _role_iri(role: str) -> str:
    from kkrgraph.graph.iri import concept_iri

    return str(concept_iri("role", role))


def _earliest(*dates: str) -> str:
    known = [d for d in dates if d]
    return min(known) if known else ""


class _Edges:
    """Edges keyed by (source, target, type, role); repeated statements add to the weight."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str, str, str], dict] = {}

    def add(self, source: str, target: str, kind: str, date: str, role: str = "", facts: int = 1) -> None:
        key = (source, target, kind, role)
        edge = self.data.setdefault(key, {"type": kind, "weight": 0, "start": ""})
        if role:
            edge["role"] = role
        edge["weight"] += facts
        edge["start"] = _earliest(edge["start"], date)


def _full(graph: Graph) -> nx.MultiDiGraph:
    nodes: dict[str, dict] = {}
    for row in _rows(graph, _PEOPLE):
        nodes[row["s"]] = {"label": row["name"], "type": "person", "party": row["party"], "municipality": row["municipality"]}
    for row in _rows(graph, _ORGANISATIONS):
        kind = "municipality" if row["municipality"] == "true" else "organisation"
        nodes[row["s"]] = {"label": row["name"], "type": kind, "org_type": row["org_type"]}
    for row in _rows(graph, _MEETINGS):
        nodes[row["s"]] = {"label": row["label"], "type": "meeting", "date": row["date"], "body": row["body"]}
    edges = _Edges()
    for row in _rows(graph, _ITEMS):
        nodes[row["s"]] = {
            "label": row["label"],
            "type": "agenda item",
            "number": row["number"],
            "date": row["date"],
            "case_number": row["case_number"],
            "outcome": row["outcome"],
        }
        edges.add(row["s"], row["meeting"], "part of", row["date"])
        if row["decision"]:
            nodes[row["decision"]] = {"label": row["dlabel"], "type": "decision", "date": row["date"], "outcome": row["outcome"]}
            edges.add(row["decision"], row["s"], "decided on", row["date"])
    for row in _rows(graph, _PARTICIPATIONS):
        if row["who"] not in nodes or row["meeting"] not in nodes:
            continue
        edges.add(row["who"], row["meeting"], "attended" if row["status"] == "present" else "absent from", row["date"])
        if row["represents"] in nodes:
            edges.add(row["who"], row["represents"], "represents", row["date"])
    for row in _rows(graph, _MEMBERSHIPS):
        if row["who"] not in nodes:
            continue
        target = row["organisation"]
        if target not in nodes:  # a role stated without an organisation ("beskæftigelsesminister"): a role node
            target = _role_iri(row["role"])
            nodes.setdefault(target, {"label": row["role"], "type": "role"})
        kind = "member of" if row["role"] == "medlem" else "holds role in"
        edges.add(row["who"], target, kind, row["date"], role=row["role"])
    mention_counts: dict[str, int] = defaultdict(int)
    for row in _rows(graph, _MENTIONS):
        if row["item"] in nodes and row["entity"] in nodes:
            edges.add(row["item"], row["entity"], "mentions", row["date"])
            mention_counts[row["entity"]] += 1

    network = nx.MultiDiGraph(view="full")
    for node in sorted(nodes):
        data = {k: v for k, v in nodes[node].items() if v != ""}
        if node in mention_counts:
            data["mentions"] = mention_counts[node]
        network.add_node(node, **data)
    for (source, target, kind, role), data in sorted(edges.data.items()):
        network.add_edge(source, target, key=f"{kind}:{role}" if role else kind, **{k: v for k, v in data.items() if v != ""})
    _date_nodes(network)
    return network


def _date_nodes(network: nx.Graph) -> None:
    """Give each node a ``start``: its own date, else the first date among its edges (if any is dated)."""
    first: dict[str, str] = {}
    for source, target, data in network.edges(data=True):
        for node in (source, target):
            first[node] = _earliest(first.get(node, ""), data.get("start", ""))
    for node, data in network.nodes(data=True):
        start = data.get("date") or first.get(node, "")
        if start:
            data["start"] = start


def network_view(graph: Graph, view: str = "full") -> nx.Graph:
    """Project the RDF graph to a networkx graph.

    Args:
        graph: a built kkrgraph RDF graph.
        view: ``full`` (typed nodes and edges, a MultiDiGraph keyed by edge type and role),
            ``person-organisation`` (people to the organisations and municipalities they hold roles in, are
            members of or represent; weight = supporting statements), ``co-attendance`` (people; weight =
            meetings both attended) or ``co-mention`` (organisations and municipalities; weight = agenda
            items naming both).

    Returns:
        A new networkx graph; nodes are RDF IRIs with ``label`` and ``type``.

    Raises:
        ValueError: for an unknown view name.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    full = _full(graph)
    if view == "full":
        return full
    if view == "person-organisation":
        return _person_organisation(full)
    if view == "co-attendance":
        return _co_occurrence(full, "attended", ("person",), member_is_source=True, view=view)
    return _co_occurrence(full, "mentions", ("organisation", "municipality"), member_is_source=False, view=view)


def _person_organisation(full: nx.MultiDiGraph) -> nx.DiGraph:
    projected = nx.DiGraph(view="person-organisation")
    for source, target, data in full.edges(data=True):
        if data["type"] not in ("holds role in", "member of", "represents"):
            continue
        if full.nodes[target]["type"] not in ("organisation", "municipality"):
            continue
        for node in (source, target):
            projected.add_node(node, **full.nodes[node])
        if not projected.has_edge(source, target):
            projected.add_edge(source, target, type="", role="", weight=0, start="")
        edge = projected[source][target]
        edge["type"] = "; ".join(sorted(set(filter(None, [*edge["type"].split("; "), data["type"]]))))
        edge["role"] = "; ".join(sorted(set(filter(None, [*edge["role"].split("; "), data.get("role", "")]))))
        edge["weight"] += data["weight"]
        edge["start"] = _earliest(edge["start"], data.get("start", ""))
    for _, _, edge in projected.edges(data=True):
        for key in ("role", "start"):
            if not edge[key]:
                del edge[key]
    return projected


def _co_occurrence(
    full: nx.MultiDiGraph, anchor: str, kinds: tuple[str, ...], *, member_is_source: bool, view: str
) -> nx.Graph:
    """Members sharing a group (a meeting, an agenda item) are linked; weight = number of shared groups."""
    groups: dict[str, set[str]] = defaultdict(set)
    for source, target, data in full.edges(data=True):
        if data["type"] != anchor:
            continue
        member, group = (source, target) if member_is_source else (target, source)
        if full.nodes[member]["type"] in kinds:
            groups[group].add(member)
    projected = nx.Graph(view=view)
    for group in sorted(groups):
        date = full.nodes[group].get("start", "")
        for a, b in combinations(sorted(groups[group]), 2):
            for node in (a, b):
                projected.add_node(node, **full.nodes[node])
            if projected.has_edge(a, b):
                edge = projected[a][b]
                edge["weight"] += 1
                edge["start"] = _earliest(edge.get("start", ""), date)
            else:
                projected.add_edge(a, b, type=view, weight=1, start=date)
    for _, _, edge in projected.edges(data=True):
        if not edge["start"]:
            del edge["start"]
    for node in projected.nodes:  # a node appears with its first shared group, not its first sighting at all
        dates = [d["start"] for *_, d in projected.edges(node, data=True) if d.get("start")]
        if dates:
            projected.nodes[node]["start"] = min(dates)
    return projected
