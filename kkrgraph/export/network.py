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
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

from rdflib import Graph

from kkrgraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

    from kkrgraph.export.pieces import Pieces

__all__ = ["EDGE_TYPES", "NODE_TYPES", "VIEWS", "FullView", "full_view", "network_view"]

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


@dataclass
class Scan:
    """What the views read of a graph: the classes and first values of its node subjects, and its qualified
    statements (participations, memberships, mentions) reduced to records of what they link.

    No subject refers to a qualified statement, so a statement needs no entry of its own once read: a
    segment keeps two million mentions as pairs, not as subjects with values, and joining the segments of a
    large graph is a list extension instead of millions of dictionary updates.
    """

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    values: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    participations: list[tuple[str, str, str, str]] = field(default_factory=list)  # participant, meeting, status, representing
    memberships: list[tuple[str, str, str, str]] = field(default_factory=list)  # member, role, statedAt, organization
    mentions: list[tuple[str, str]] = field(default_factory=list)  # item, entity


def scan_segment(data: bytes) -> Scan:
    """The :func:`_scan` of one segment of a sorted graph file (a piece of the network view)."""
    return _scan(wanted_lines(data.splitlines(keepends=True)))


def _joined(scans: Iterable[Scan]) -> Scan:
    """The scans of consecutive segments as one scan of them all (no subject is in two segments)."""
    joined = Scan()
    for scan in scans:
        for kind, subjects in scan.types.items():
            joined.types[kind].update(subjects)
        for key, found in scan.values.items():
            joined.values[key].update(found)
        joined.participations += scan.participations
        joined.memberships += scan.memberships
        joined.mentions += scan.mentions
    return joined


# the values a qualified statement holds, in record order; the rest of its values go with it
_RECORDS = {
    "participation": ("participant", "meeting", "status", "representing", "party"),
    "membership": ("member", "role", "statedAt", "organization"),
    "mention": ("item", "mentionOf"),
}


def _scan(lines: Iterable[str]) -> Scan:
    """One pass over N-Triples lines: the classes of each subject and the values the views need."""
    from kkrgraph.export.rdf import parse_line

    scan = Scan()
    types, values = scan.types, scan.values
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
    for kind, keys in _RECORDS.items():  # the statements become records once all their lines are read
        records = [tuple(values[key].pop(s, "") for key in keys) for s in sorted(types.pop(kind, ()))]
        if kind == "participation":
            scan.participations = [record[:4] for record in records]
        elif kind == "membership":
            scan.memberships = records
        else:
            scan.mentions = records
    return scan


@cache
def _role_iri(role: str) -> str:
    from kkrgraph.graph.iri import concept_iri

    return str(concept_iri("role", role))


def _earliest(*dates: str) -> str:
    known = [d for d in dates if d]
    return min(known) if known else ""


class _Edges:
    """Edges keyed by (source, target, type, role), each a [weight, start]; repeated statements add to the
    weight and the earliest date wins. Lists, not dicts, because a large graph has millions of statements."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str, str, str], list] = {}

    def add(self, source: str, target: str, kind: str, date: str, role: str = "") -> None:
        key = (source, target, kind, role)
        edge = self.data.get(key)
        if edge is None:
            self.data[key] = [1, date]
            return
        edge[0] += 1
        if date and (not edge[1] or date < edge[1]):
            edge[1] = date


def _full(scan: Scan) -> FullView:
    types, v = scan.types, scan.values

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
    for who, meeting, status_iri, representing in scan.participations:
        status = get("notation", status_iri)
        if who not in nodes or meeting not in nodes or not status:
            continue
        date = get("date", meeting)
        edges.add(who, meeting, "attended" if status == "present" else "absent from", date)
        if representing in nodes:
            edges.add(who, representing, "represents", date)
    for who, role_iri, stated, target in scan.memberships:
        role = get("notation", role_iri)
        if who not in nodes or not role or not stated:
            continue
        if target not in nodes:  # a role stated without an organisation ("beskæftigelsesminister"): a role node
            target = _role_iri(role)
            nodes.setdefault(target, {"label": role, "type": "role"})
        kind = "member of" if role == "medlem" else "holds role in"
        edges.add(who, target, kind, get("date", stated), role=role)
    dated = {item: get("date", meeting) for item, meeting in v["meeting"].items() if meeting and item in nodes}
    mention_counts: dict[str, int] = defaultdict(int)
    add = edges.add
    for item, entity in scan.mentions:  # most of a large graph's edges: kept to dictionary lookups
        date = dated.get(item)
        if date is not None and entity in nodes:
            add(item, entity, "mentions", date)
            mention_counts[entity] += 1

    return _full_view(nodes, edges, mention_counts)


@dataclass(frozen=True)
class FullView:
    """The full view as plain data: typed nodes with their attributes, keyed edges with theirs.

    :func:`network_view` turns it into a networkx graph; the build's GEXF writer writes it as it is, without
    importing networkx or copying a large graph into one.
    """

    nodes: dict[str, dict]  # node → attributes; the described nodes in order, then bare edge ends
    edges: list[tuple[str, str, str, dict]]  # (source, target, key, attributes), sorted
    view: str = "full"


def _full_view(nodes: dict[str, dict], edges: _Edges, mention_counts: dict[str, int]) -> FullView:
    """Each node gets a ``start``: its own date, else the first date among its edges (if any is dated); an
    edge's end missing from ``nodes`` is added bare."""
    first: dict[str, str] = {}
    for (source, target, _, _), (_, start) in edges.data.items():
        if start:
            for node in (source, target):
                known = first.get(node)
                if known is None or start < known:
                    first[node] = start

    def described(node: str) -> dict:
        data = {k: v for k, v in nodes.get(node, {}).items() if v != ""}
        if node in mention_counts:
            data["mentions"] = mention_counts[node]
        start = data.get("date") or first.get(node, "")
        if start:
            data["start"] = start
        return data

    table = {node: described(node) for node in sorted(nodes)}
    ordered = sorted(edges.data.items())
    keyed = []
    for (source, target, kind, role), (weight, start) in ordered:
        for node in (source, target):
            if node not in table:
                table[node] = described(node)
        data = {"type": kind, "weight": weight}
        if start:
            data["start"] = start
        if role:
            data["role"] = role
        keyed.append((source, target, f"{kind}:{role}" if role else kind, data))
    return FullView(table, keyed)


def _multigraph(full: FullView) -> nx.MultiDiGraph:
    """The full view as a networkx graph, added in bulk."""
    import networkx as nx

    network = nx.MultiDiGraph(view=full.view)
    network.add_nodes_from(full.nodes.items())
    network.add_edges_from(full.edges)
    return network


def full_view(ntriples: Path, pieces: Pieces | None = None) -> FullView:
    """The full view of a sorted N-Triples file as plain data (see :class:`FullView`); with ``pieces``, the
    file is read a segment at a time and each segment's scan kept for the next build."""
    if pieces is None:
        return _full(_scan(_file_lines(ntriples)))
    from kkrgraph.export.pieces import segment_pieces

    return _full(_joined(segment_pieces(ntriples, pieces, "network-records", scan_segment)))


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
    if isinstance(graph, Path):
        full = _multigraph(full_view(graph, pieces))
    else:
        full = _multigraph(_full(_scan(graph)))
    if view == "full":
        return full
    if view == "person-organisation":
        return _person_organisation(full)
    if view == "co-attendance":
        return _co_occurrence(full, "attended", ("person",), member_is_source=True, view=view)
    return _co_occurrence(full, "mentions", ("organisation", "municipality"), member_is_source=False, view=view)


def _person_organisation(full: nx.MultiDiGraph) -> nx.DiGraph:
    import networkx as nx

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
    import networkx as nx

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
