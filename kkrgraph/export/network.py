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
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import combinations
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph

from kkrgraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    from kkrgraph.export.pieces import Pieces

__all__ = ["EDGE_TYPES", "NODE_TYPES", "VIEWS", "network_view"]

VIEWS = ("full", "person-organisation", "co-attendance", "co-mention")
NODE_TYPES = ("person", "organisation", "municipality", "meeting", "agenda item", "decision", "role")
EDGE_TYPES = ("attended", "absent from", "holds role in", "member of", "represents", "mentions", "decided on", "part of")

_RDF, _KKR, _ORG, _SKOS = PREFIXES["rdf"], PREFIXES["kkr"], PREFIXES["org"], PREFIXES["skos"]
_KKR_PREDICATES = (
    "party", "municipality", "orgType", "body", "number", "meeting", "case", "caseNumber", "decision",
    "outcome", "participant", "status", "representing", "statedAt", "item", "mentionOf",
)  # fmt: skip
# the predicates the views read, by short name; the first value of each (in sorted order) is kept
_PREDICATES = {
    "http://xmlns.com/foaf/0.1/name": "name",
    _SKOS + "prefLabel": "pref",
    _SKOS + "notation": "notation",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://purl.org/dc/terms/date": "date",
    **{_KKR + name: name for name in _KKR_PREDICATES},
    _ORG + "member": "member",
    _ORG + "role": "role",
    _ORG + "organization": "organization",
}
_CLASSES = {
    "http://xmlns.com/foaf/0.1/Person": "person",
    _ORG + "Organization": "organisation",
    _KKR + "Municipality": "municipality",
    _KKR + "Meeting": "meeting",
    _KKR + "AgendaItem": "agenda item",
    _KKR + "Participation": "participation",
    _ORG + "Membership": "membership",
    _KKR + "Mention": "mention",
}


_WANTED = frozenset((_RDF + "type", *_PREDICATES))  # the predicates of the lines the views read
_WANTED_BYTES = frozenset(predicate.encode("utf-8") for predicate in _WANTED)


def wanted_lines(lines: Iterable[bytes], wanted: frozenset[bytes] = _WANTED_BYTES) -> Iterator[str]:
    """The N-Triples lines whose predicate IRI is in ``wanted`` (by default those the views use), decoded;
    the rest (quotes, spans, provenance: most of a graph) are passed over as bytes."""
    for line in lines:
        start = line.find(b"> <") + 3
        if line[start : line.find(b">", start)] in wanted:
            yield line.decode("utf-8")


def _file_lines(ntriples: Path, wanted: frozenset[bytes] = _WANTED_BYTES) -> Iterator[str]:
    """:func:`wanted_lines` of a file, streamed."""
    with ntriples.open("rb") as handle:
        yield from wanted_lines(handle, wanted)


Scan = tuple[dict[str, set[str]], dict[str, dict[str, str]]]  # the classes of each subject, its first values


def scan_segment(data: bytes) -> Scan:
    """The :func:`_scan` of one segment of a sorted graph file (a piece of the network view)."""
    return _scan(wanted_lines(data.splitlines(keepends=True)))


def _joined(scans: Iterable[Scan]) -> Scan:
    """The scans of consecutive segments as one scan of them all (no subject is in two segments)."""
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for segment_types, segment_values in scans:
        for kind, subjects in segment_types.items():
            types[kind].update(subjects)
        for key, found in segment_values.items():
            values[key].update(found)
    return types, values


def _scan(lines: Iterable[str]) -> Scan:
    """One pass over N-Triples lines: the classes of each subject and the values the views need."""
    from kkrgraph.export.rdf import parse_line

    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for line in lines:
        # most lines are provenance (quotes, offsets): skip them by their predicate before parsing
        start = line.find("> <") + 3
        if line[start : line.find(">", start)] not in _WANTED or (triple := parse_line(line)) is None:
            continue
        subject, predicate, obj, datatype = intern(triple[0]), triple[1], triple[2], triple[3]
        if datatype == "@id":  # an IRI names a node many lines and views refer to: keep one copy of it
            obj = intern(obj)
        if predicate == _RDF + "type":
            if obj in _CLASSES:
                types[_CLASSES[obj]].add(subject)
        elif predicate in _PREDICATES:
            values[_PREDICATES[predicate]].setdefault(subject, obj)
    return types, values


@cache
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


def _full(scan: Scan) -> nx.MultiDiGraph:
    types, v = scan

    def get(key: str, subject: str) -> str:
        return v[key].get(subject, "")

    nodes: dict[str, dict] = {}
    for s in types["person"]:
        if s in v["name"]:
            party, municipality = get("notation", get("party", s)), get("pref", get("municipality", s))
            nodes[s] = {"label": v["name"][s], "type": "person", "party": party, "municipality": municipality}
    for s in types["organisation"]:
        if s in v["pref"]:
            kind = "municipality" if s in types["municipality"] else "organisation"
            nodes[s] = {"label": v["pref"][s], "type": kind, "org_type": get("orgType", s)}
    for s in types["meeting"]:
        if s in v["label"]:
            nodes[s] = {"label": v["label"][s], "type": "meeting", "date": get("date", s), "body": get("pref", get("body", s))}
    edges = _Edges()
    for s in types["agenda item"]:
        meeting = get("meeting", s)
        if not (s in v["label"] and s in v["number"] and meeting):
            continue
        date, decision = get("date", meeting), get("decision", s)
        dlabel = get("label", decision)
        outcome = get("notation", get("outcome", decision)) if dlabel else ""
        nodes[s] = {
            "label": v["label"][s],
            "type": "agenda item",
            "number": v["number"][s],
            "date": date,
            "case_number": get("caseNumber", get("case", s)),
            "outcome": outcome,
        }
        edges.add(s, meeting, "part of", date)
        if dlabel:
            nodes[decision] = {"label": dlabel, "type": "decision", "date": date, "outcome": outcome}
            edges.add(decision, s, "decided on", date)
    for s in sorted(types["participation"]):
        who, meeting, status = get("participant", s), get("meeting", s), get("notation", get("status", s))
        if who not in nodes or meeting not in nodes or not status:
            continue
        date = get("date", meeting)
        edges.add(who, meeting, "attended" if status == "present" else "absent from", date)
        if get("representing", s) in nodes:
            edges.add(who, get("representing", s), "represents", date)
    for s in sorted(types["membership"]):
        who, role, stated = get("member", s), get("notation", get("role", s)), get("statedAt", s)
        if who not in nodes or not role or not stated:
            continue
        target = get("organization", s)
        if target not in nodes:  # a role stated without an organisation ("beskæftigelsesminister"): a role node
            target = _role_iri(role)
            nodes.setdefault(target, {"label": role, "type": "role"})
        kind = "member of" if role == "medlem" else "holds role in"
        edges.add(who, target, kind, get("date", stated), role=role)
    mention_counts: dict[str, int] = defaultdict(int)
    for s in sorted(types["mention"]):
        item, entity = get("item", s), get("mentionOf", s)
        if item in nodes and entity in nodes and get("meeting", item):
            edges.add(item, entity, "mentions", get("date", get("meeting", item)))
            mention_counts[entity] += 1

    return _multigraph(nodes, edges, mention_counts)


def _multigraph(nodes: dict[str, dict], edges: _Edges, mention_counts: dict[str, int]) -> nx.MultiDiGraph:
    """The full view as a networkx graph, added in bulk. Each node gets a ``start``: its own date, else the
    first date among its edges (if any is dated); an edge's end missing from ``nodes`` is added bare."""
    first: dict[str, str] = {}
    for (source, target, _, _), data in edges.data.items():
        if data["start"]:
            for node in (source, target):
                first[node] = _earliest(first.get(node, ""), data["start"])

    def described(node: str) -> dict:
        data = {k: v for k, v in nodes.get(node, {}).items() if v != ""}
        if node in mention_counts:
            data["mentions"] = mention_counts[node]
        start = data.get("date") or first.get(node, "")
        if start:
            data["start"] = start
        return data

    network = nx.MultiDiGraph(view="full")
    network.add_nodes_from((node, described(node)) for node in sorted(nodes))
    ordered = sorted(edges.data.items())
    network.add_nodes_from(
        (node, described(node)) for (source, target, _, _), _ in ordered for node in (source, target) if node not in network
    )
    network.add_edges_from(
        (source, target, f"{kind}:{role}" if role else kind, {k: v for k, v in data.items() if v != ""})
        for (source, target, kind, role), data in ordered
    )
    return network


def network_view(graph: Graph | Path | Iterable[str], view: str = "full", pieces: Pieces | None = None) -> nx.Graph:
    """Project the RDF graph to a networkx graph.

    Args:
        graph: a built kkrgraph RDF graph, its N-Triples lines (any order), or its N-Triples file (streamed).
        pieces: the segments of that file (read one at a time, each read kept for the next build).
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
    if isinstance(graph, Graph):
        from kkrgraph.export.rdf import generate_ntriples

        graph = generate_ntriples(graph)
    if isinstance(graph, Path) and pieces is not None:
        from kkrgraph.export.pieces import segment_pieces

        full = _full(_joined(segment_pieces(graph, pieces, "network", scan_segment)))
    else:
        full = _full(_scan(_file_lines(graph) if isinstance(graph, Path) else graph))
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


def _co_occurrence(full: nx.MultiDiGraph, anchor: str, kinds: tuple[str, ...], *, member_is_source: bool, view: str) -> nx.Graph:
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
