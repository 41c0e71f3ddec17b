"""Materialised tables: every bundled named query's rows, computed once at build time from the sorted N-Triples.

No SPARQL engine sorts a quarter of a million joined rows out of 15 million triples in the fraction of a
second a user waits for ``kkrgraph query`` (issue 7). A build therefore computes each named query's result
in Python, one pass over its ``graph.nt``, and writes them all to ``graph.sqlite`` (one table per query,
columns as the query names them, rows in query order; open it in sqlite3, Datasette or pandas). A query
reads its table only when the table provably answers it (see :class:`Tables`); otherwise it runs SPARQL.

Each query has one pure function here that gives the rows the ``.rq`` file gives on Oxigraph, the engine
behind :meth:`kkrgraph.api.KnowledgeGraph.sparql`: the same joins and multiplicities, "" where an OPTIONAL
is unbound, DISTINCT, GROUP BY with COUNT(DISTINCT)/MIN/MAX (the first and last dates are the earliest and
latest known, undated meetings skipped, "" when none is known: the same on Oxigraph and rdflib), the same
ORDER BY in code-point order, and rows tied on the ORDER BY keys ordered by all their columns.
``tests/test_tables.py`` checks every table against the query on the sample corpus, a synthetic corpus and
hand-written edge cases.

The functions model the graph the builder writes: IRIs where the ontology has links, plain strings, ISO
``xsd:date`` dates, ``xsd:integer`` positions and ``xsd:boolean`` flags. A graph that holds anything else
for a predicate a query reads (a language tag, a date that is not ``YYYY-MM-DD``, ...) gets no table for
that query, so SPARQL answers it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import sqlite3
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

from kkrgraph.export.files import atomic_path, file_identity, write_lines
from kkrgraph.export.network import _file_lines, wanted_lines
from kkrgraph.export.rdf import parse_line
from kkrgraph.graph.namespace import PREFIXES
from kkrgraph.queries import QueryResult, resolve_query

if TYPE_CHECKING:
    from kkrgraph.export.pieces import Pieces

__all__ = [
    "TABLES",
    "GraphIndex",
    "Table",
    "Tables",
    "compute_tables",
    "query_hash",
    "read_index",
    "write_manifest",
    "write_tables",
]

FORMAT = 1  # of graph.sqlite and graph.manifest.json; a reader ignores files of another format

_KKR, _SKOS, _ORG, _XSD = PREFIXES["kkr"], PREFIXES["skos"], PREFIXES["org"], PREFIXES["xsd"]
_FOAF, _DCT, _PROV, _RDF = PREFIXES["foaf"], PREFIXES["dcterms"], PREFIXES["prov"], PREFIXES["rdf"]

# what each predicate the queries read holds: "iri" (a link), "text" (a plain string), "date", "integer", "boolean"
_KINDS = {
    **dict.fromkeys(
        ("meeting", "case", "decision", "outcome", "participant", "status", "party", "representing", "mentions",
         "describes", "docType", "body", "statedAt", "mentionOf", "item"),
        "iri",
    ),
    **dict.fromkeys(("member", "role", "organization", "derived"), "iri"),
    **dict.fromkeys(
        ("number", "title", "caseNumber", "notation", "prefLabel", "altLabel", "name", "sourceFile", "location",
         "orgType", "quote"),
        "text",
    ),
    "date": "date",
    "position": "integer",
    "appointment": "boolean",
    "presenting": "boolean",
}  # fmt: skip
_IRIS = {
    **{_KKR + name: name for name in (
        "meeting", "number", "position", "case", "caseNumber", "decision", "outcome", "participant", "status",
        "party", "representing", "mentions", "sourceFile", "describes", "docType", "body", "location", "statedAt",
        "appointment", "orgType", "presenting", "mentionOf", "item", "quote",
    )},
    _DCT + "title": "title",
    _DCT + "date": "date",
    _SKOS + "notation": "notation",
    _SKOS + "prefLabel": "prefLabel",
    _SKOS + "altLabel": "altLabel",
    _FOAF + "name": "name",
    _ORG + "member": "member",
    _ORG + "role": "role",
    _ORG + "organization": "organization",
    _PROV + "wasDerivedFrom": "derived",
}  # fmt: skip
_TYPE = _RDF + "type"
_CLASSES = {
    _KKR + "AgendaItem": "AgendaItem",
    _KKR + "Participation": "Participation",
    _KKR + "Municipality": "Municipality",
    _KKR + "Document": "Document",
    _ORG + "Organization": "Organization",
    _ORG + "Membership": "Membership",
    _FOAF + "Person": "Person",
}
_MENTION = _KKR + "Mention"
# A mention's lines (more than half a large graph) are read per subject: only the few presenting mentions are kept
_GROUPED = frozenset(("derived", "mentionOf", "item", "quote", "presenting"))
_WANTED = frozenset(iri.encode("utf-8") for iri in (*_IRIS, _TYPE))
_DATATYPES = {
    "text": _XSD + "string",
    "date": _XSD + "date",
    "integer": _XSD + "integer",
    "boolean": _XSD + "boolean",
}
_LEXICAL = {
    "text": None,
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),  # lexical order is date order
    "integer": re.compile(r"[+-]?\d+"),
    "boolean": re.compile(r"true|false"),
}
_NONE = _KKR + "none"  # role_intervals' organisation of a role stated without one


@dataclass(frozen=True)
class Mention:
    """A mention the NLP stage marked as presenting: the values presented_items reads of it."""

    mention_of: tuple[str, ...]
    quote: tuple[str, ...]
    item: tuple[str, ...]
    derived: tuple[str, ...]


@dataclass(frozen=True)
class GraphIndex:
    """What the named queries read of a graph: each predicate's values by subject, the subjects of each class.

    ``values[predicate][subject]`` is a tuple (an IRI, a plain string, an ISO date, an int position or a
    boolean's lexical form); ``irregular`` names the predicates holding something else somewhere.
    """

    values: Mapping[str, Mapping[str, tuple]]
    types: Mapping[str, frozenset[str]]
    presenting: tuple[Mention, ...]
    irregular: frozenset[str]


class _Reader:
    """One pass over N-Triples lines into a :class:`GraphIndex`."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, tuple]] = {name: {} for name in _KINDS}
        self.types: dict[str, set[str]] = {name: set() for name in _CLASSES.values()}
        self.presenting: list[Mention] = []
        self.irregular: set[str] = set()
        self.mention = ""  # the last subject typed kkr:Mention (its type line sorts before its other lines)
        self.tagged: set[str] = set()  # subjects with a language-tagged skos:prefLabel (left out)

    def value(self, name: str, line: str) -> tuple[str, object] | None:
        """(subject, value) of a line, or None (the predicate marked irregular) when it holds an unmodelled term."""
        triple = parse_line(line)
        if triple is None:
            self.irregular.add(name)
            return None
        subject, _, obj, datatype, language = triple
        kind = _KINDS[name]
        if kind == "iri":
            if datatype != "@id":
                self.irregular.add(name)
                return None
            return intern(subject), intern(obj)
        if name == "prefLabel" and language:  # a concept's label (skos:Concept), which no query reads
            self.tagged.add(intern(subject))
            return None
        lexical = _LEXICAL[kind]
        if datatype != _DATATYPES[kind] or (lexical is not None and lexical.fullmatch(obj) is None):
            self.irregular.add(name)
            return None
        return intern(subject), int(obj) if kind == "integer" else obj

    def add(self, name: str, line: str, start: int, end: int) -> None:
        """Index one line; ``start``/``end`` delimit its predicate. The common shapes (an IRI, a plain string
        without escapes) are cut out of the line directly, which is a third of the cost of parsing it."""
        kind, tail = _KINDS[name], line[end + 2 :]  # "<o> .\n", '"v" .\n', '"v"^^<t> .\n', '"v"@l .\n'
        if kind == "iri" and tail[0] == "<" and tail.endswith("> .\n"):
            subject, obj = intern(line[1 : start - 3]), intern(tail[1:-4])
        elif kind == "text" and tail[0] == '"' and tail.endswith('" .\n') and "\\" not in tail:
            subject, obj = intern(line[1 : start - 3]), tail[1:-4]
        elif (found := self.value(name, line)) is not None:
            subject, obj = found
        else:
            return
        bucket = self.values[name]
        old = bucket.get(subject)
        bucket[subject] = (obj,) if old is None else (*old, obj)

    def group(self, subject: str, lines: list[tuple[str, str]]) -> None:
        """A subject's mention-like lines: kept whole for a presenting mention, its provenance for a non-mention."""
        if any(name == "presenting" for name, _ in lines):
            found: dict[str, list] = {name: [] for name in _GROUPED}
            for name, line in lines:
                if (value := self.value(name, line)) is not None:
                    found[name].append(value[1])
            if "true" in found["presenting"]:
                self.presenting.append(
                    Mention(tuple(found["mentionOf"]), tuple(found["quote"]), tuple(found["item"]), tuple(found["derived"]))
                )
            if subject != self.mention:
                for obj in found["derived"]:
                    self.values["derived"][subject] = (*self.values["derived"].get(subject, ()), obj)
        elif subject != self.mention:  # the provenance of decisions and participations (missed_meetings)
            for name, line in lines:
                if name == "derived":
                    start = line.find("> <") + 3
                    self.add(name, line, start, line.find(">", start))

    def read(self, lines: Iterable[str]) -> _Partial:
        group_subject, group = "", []
        for line in lines:
            start = line.find("> <") + 3
            end = line.find(">", start)
            predicate = line[start:end]
            if predicate == _TYPE:
                obj = line[end + 3 : line.rfind(">")]
                if obj == _MENTION:
                    self.mention = line[1 : start - 3]
                elif obj in _CLASSES:
                    self.types[_CLASSES[obj]].add(intern(line[1 : start - 3]))
                continue
            name = _IRIS[predicate]
            if name in _GROUPED:
                subject = line[1 : start - 3]
                if subject != group_subject:
                    if group:
                        self.group(group_subject, group)
                    group_subject, group = subject, []
                group.append((name, line))
            else:
                self.add(name, line, start, end)
        if group:
            self.group(group_subject, group)
        return _Partial(self.values, self.types, self.presenting, self.irregular, self.tagged)


@dataclass(frozen=True)
class _Partial:
    """What a pass over some subjects' lines found (a :class:`_Reader`'s fields); subjects are never split."""

    values: dict[str, dict[str, tuple]]
    types: dict[str, set[str]]
    presenting: list[Mention]
    irregular: set[str]
    tagged: set[str]


def _labelled(values: Mapping[str, Mapping[str, tuple]], types: Mapping[str, set[str]]) -> set[str]:
    """The nodes whose skos:prefLabel some query reads: organisations, municipalities, bodies."""
    nodes = types["Organization"] | types["Municipality"]
    for link in ("body", "representing", "organization", "mentions"):
        nodes.update(node for targets in values[link].values() for node in targets)
    return nodes


def _index(partials: Iterable[_Partial]) -> GraphIndex:
    """The index of a graph from the partial indexes of its subjects, in order (one partial: nothing to join)."""
    first, *rest = partials
    values, types, presenting = first.values, first.types, list(first.presenting)
    irregular, tagged = set(first.irregular), set(first.tagged)
    for partial in rest:
        for name, found in partial.values.items():
            values[name].update(found)
        for name, subjects in partial.types.items():
            types[name].update(subjects)
        presenting += partial.presenting
        irregular |= partial.irregular
        tagged |= partial.tagged
    if tagged & _labelled(values, types):
        irregular.add("prefLabel")
    frozen = {name: frozenset(subjects) for name, subjects in types.items()}
    return GraphIndex(values, frozen, tuple(presenting), frozenset(irregular))


def index_segment(data: bytes) -> _Partial:
    """The partial index of one segment of a sorted graph file (a piece of the tables)."""
    return _Reader().read(wanted_lines(data.splitlines(keepends=True), _WANTED))


def read_index(ntriples: Path | Iterable[str], pieces: Pieces | None = None) -> GraphIndex:
    """Index a graph's sorted N-Triples (a file, streamed, or lines) for the table functions.

    The lines must be sorted (as a build writes them), so that each subject's lines are adjacent. With
    ``pieces`` (the file's segments), each segment is indexed on its own (and kept for the next build).
    """
    if isinstance(ntriples, Path) and pieces is not None:
        from kkrgraph.export.pieces import segment_pieces

        return _index(segment_pieces(ntriples, pieces, "tables", index_segment))
    lines = _file_lines(ntriples, _WANTED) if isinstance(ntriples, Path) else ntriples
    return _index([_Reader().read(lines)])


# -- the tables: one pure function per named query --------------------------------------------------
def _opt(values: Iterable) -> tuple:
    """An OPTIONAL's values: those found, or one unbound ("")."""
    return tuple(values) or ("",)


def _first(dates: list[str]) -> str:
    """The earliest known date ("" for an undated meeting is skipped, as the queries' "~" makes MIN skip it)."""
    return min((date for date in dates if date), default="")


def _last(dates: list[str]) -> str:
    """The latest known date: "" sorts before every date, as in the queries' MAX, so it is left only when none is known."""
    return max(dates, default="")


def _labels(g: GraphIndex, link: str, subject: str, label: str = "prefLabel") -> tuple[str, ...]:
    """The labels of the nodes ``subject`` links to (an inner join inside an OPTIONAL)."""
    labels = g.values[label]
    return tuple(text for node in g.values[link].get(subject, ()) for text in labels.get(node, ()))


def meetings(g: GraphIndex) -> QueryResult:
    """``meetings.rq``: one row per document and the meeting it describes."""
    v = g.values
    rows = [
        (date, body, doc_type, location, source)
        for doc in g.types["Document"]
        for source in v["sourceFile"].get(doc, ())
        for m in v["describes"].get(doc, ())
        for dt in v["docType"].get(doc, ())
        for doc_type in v["notation"].get(dt, ())
        for date in _opt(v["date"].get(m, ()))
        for body in _opt(_labels(g, "body", m))
        for location in _opt(v["location"].get(m, ()))
    ]
    rows.sort(key=lambda r: (r[0], r[4], r[1], r[2], r[3]))
    return QueryResult(("meeting_date", "body", "doc_type", "location", "source"), tuple(rows))


def attendance(g: GraphIndex) -> QueryResult:
    """``attendance.rq``: present and absent members of each meeting, with party letter and municipality."""
    v = g.values
    municipalities = g.types["Municipality"]
    rows = []
    for p in g.types["Participation"]:
        parties = _opt(_labels(g, "party", p, "notation"))
        places = _opt(
            label for mun in v["representing"].get(p, ()) if mun in municipalities for label in v["prefLabel"].get(mun, ())
        )
        rows.extend(
            (date, person, party, municipality, status)
            for who in v["participant"].get(p, ())
            for m in v["meeting"].get(p, ())
            for status in _labels(g, "status", p, "notation")
            for person in v["name"].get(who, ())
            for date in _opt(v["date"].get(m, ()))
            for party in parties
            for municipality in places
        )
    rows.sort(key=lambda r: (r[2], r[3]))  # ties: by the other columns
    rows.sort(key=lambda r: r[1])
    rows.sort(key=lambda r: r[4], reverse=True)  # a stable sort, also reversed
    rows.sort(key=lambda r: r[0])
    return QueryResult(("meeting_date", "person", "party", "municipality", "status"), tuple(rows))


def agenda(g: GraphIndex) -> QueryResult:
    """``agenda.rq``: agenda items with case number and outcome, in agenda order (position is a number)."""
    v = g.values
    keyed = [
        ((date, position, item, case_number, title, outcome), (date, item, title, case_number, outcome))
        for i in g.types["AgendaItem"]
        for m in v["meeting"].get(i, ())
        for item in v["number"].get(i, ())
        for title in v["title"].get(i, ())
        for position in v["position"].get(i, ())
        for date in _opt(v["date"].get(m, ()))
        for case_number in _opt(_labels(g, "case", i, "caseNumber"))
        for outcome in _opt(
            n for d in v["decision"].get(i, ()) for o in v["outcome"].get(d, ()) for n in v["notation"].get(o, ())
        )
    ]
    keyed.sort(key=lambda pair: pair[0])
    return QueryResult(("meeting_date", "item", "title", "case_number", "outcome"), tuple(row for _, row in keyed))


def roles(g: GraphIndex) -> QueryResult:
    """``roles.rq``: distinct role statements: person, role, organisation, meeting date."""
    v = g.values
    rows = {
        (person, role, organisation, date)
        for ms in g.types["Membership"]
        for who in v["member"].get(ms, ())
        for role in _labels(g, "role", ms, "notation")
        for m in v["statedAt"].get(ms, ())
        for person in v["name"].get(who, ())
        for organisation in _opt(_labels(g, "organization", ms))
        for date in _opt(v["date"].get(m, ()))
    }
    return QueryResult(("person", "role", "organisation", "meeting_date"), tuple(sorted(rows)))


def people(g: GraphIndex) -> QueryResult:
    """``people.rq``: every person's name, distinct."""
    names = g.values["name"]
    rows = {(name,) for p in g.types["Person"] for name in names.get(p, ())}
    return QueryResult(("name",), tuple(sorted(rows)))


def municipalities(g: GraphIndex) -> QueryResult:
    """``municipalities.rq``: every municipality's name, distinct."""
    labels = g.values["prefLabel"]
    rows = {(name,) for m in g.types["Municipality"] for name in labels.get(m, ())}
    return QueryResult(("name",), tuple(sorted(rows)))


def organisations(g: GraphIndex) -> QueryResult:
    """``organisations.rq``: organisations that are not municipalities, aliases joined by "; " in code-point order."""
    v = g.values
    rows = [
        (name, "; ".join(sorted(set(v["altLabel"].get(o, ())))))
        for o in g.types["Organization"] - g.types["Municipality"]
        for name in v["prefLabel"].get(o, ())
    ]
    return QueryResult(("name", "aliases"), tuple(sorted(rows)))


def _status_meetings(g: GraphIndex) -> dict[str, tuple[set, set, set]]:
    """Per participant: the meetings they are listed at, present at and absent from."""
    v = g.values
    found: dict[str, tuple[set, set, set]] = {}
    for p in g.types["Participation"]:
        for who in v["participant"].get(p, ()):
            for m in v["meeting"].get(p, ()):
                for status in _labels(g, "status", p, "notation"):
                    listed, here, away = found.setdefault(who, (set(), set(), set()))
                    listed.add(m)
                    if status == "present":
                        here.add(m)
                    elif status == "absent":
                        away.add(m)
    return found


def attendance_rate(g: GraphIndex) -> QueryResult:
    """``attendance_rate.rq``: meetings listed, present, absent and the share present, in whole percent.

    ROUND rounds half up (12.5 → 13), as SPARQL's ROUND does; the order is by the exact share.
    """
    names = g.values["name"]
    keyed = []
    for who, (listed, here, away) in _status_meetings(g).items():
        share = Fraction(len(here), len(listed))
        rate = str(floor(100 * share + Fraction(1, 2)))
        for person in names.get(who, ()):
            row = (person, str(len(listed)), str(len(here)), str(len(away)), rate)
            keyed.append(((-share, *row), row))
    keyed.sort(key=lambda pair: pair[0])
    return QueryResult(("person", "listed", "present", "absent", "rate_percent"), tuple(row for _, row in keyed))


def decision_organisations(g: GraphIndex) -> QueryResult:
    """``decision_organisations.rq``: distinct decision × organisation named in its agenda item, with outcome."""
    v = g.values
    organisations = g.types["Organization"]
    rows = set()
    for i, decisions in v["decision"].items():
        named = [label for org in v["mentions"].get(i, ()) if org in organisations for label in v["prefLabel"].get(org, ())]
        if not named:
            continue
        items = [
            (date, item, title)
            for item in v["number"].get(i, ())
            for title in v["title"].get(i, ())
            for m in v["meeting"].get(i, ())
            for date in _opt(v["date"].get(m, ()))
        ]
        for d in decisions:  # a decision's sources and outcome once, not once per organisation named
            said = [
                (outcome, source)
                for source in _labels(g, "derived", d, "sourceFile")
                for outcome in _opt(_labels(g, "outcome", d, "notation"))
            ]
            rows.update(
                (organisation, date, item, title, outcome, source)
                for organisation in named
                for date, item, title in items
                for outcome, source in said
            )
    return QueryResult(("organisation", "meeting_date", "item", "title", "outcome", "source"), tuple(sorted(rows)))


def missed_meetings(g: GraphIndex) -> QueryResult:
    """``missed_meetings.rq``: meetings each person was listed as absent from, with the document saying so."""
    v = g.values
    absent = {st for st, notations in v["notation"].items() if "absent" in notations}
    participations = g.types["Participation"]
    rows = [
        (person, date, body, source)
        for p, statuses in v["status"].items()
        if p in participations
        for st in statuses
        if st in absent
        for source in _labels(g, "derived", p, "sourceFile")
        for who in v["participant"].get(p, ())
        for m in v["meeting"].get(p, ())
        for person in v["name"].get(who, ())
        for date in _opt(v["date"].get(m, ()))
        for body in _opt(_labels(g, "body", m))
    ]
    return QueryResult(("person", "meeting_date", "body", "source"), tuple(sorted(rows)))


def presented_items(g: GraphIndex) -> QueryResult:
    """``presented_items.rq``: items a person presented, with the (least) sentence that says so."""
    v = g.values
    persons = g.types["Person"]
    quotes: dict[tuple[str, ...], str] = {}
    for x in g.presenting:
        for who in x.mention_of:
            if who not in persons:
                continue
            for q in x.quote:
                for i in x.item:
                    for key in (
                        (person, date, item, title, source)
                        for doc in x.derived
                        for source in v["sourceFile"].get(doc, ())
                        for person in v["name"].get(who, ())
                        for item in v["number"].get(i, ())
                        for title in v["title"].get(i, ())
                        for m in v["meeting"].get(i, ())
                        for date in _opt(v["date"].get(m, ()))
                    ):
                        quotes[key] = min(quotes.get(key, q), q)
    rows = [(*key[:4], quote, key[4]) for key, quote in sorted(quotes.items())]
    return QueryResult(("person", "meeting_date", "item", "title", "quote", "source"), tuple(rows))


def recurring_cases(g: GraphIndex) -> QueryResult:
    """``recurring_cases.rq``: cases (by node) and lower-cased titles treated at more than one meeting.

    A case is grouped by its node, so two bodies' cases sharing a number are two rows, told apart by the
    case IRI in the last column ("" for a title).
    """
    v = g.values
    numbers = v["caseNumber"]
    groups: dict[tuple[str, str, str], tuple[set, list, list]] = {}
    for i, titles in v["title"].items():
        meetings_of = v["meeting"].get(i, ())
        if not meetings_of:
            continue
        keys = {(number, "case number", case) for case in v["case"].get(i, ()) for number in numbers.get(case, ())}
        keys.update((title.lower(), "title", "") for title in titles)
        for key in keys:
            found, dates, examples = groups.setdefault(key, (set(), [], []))
            examples.extend(titles)
            for m in meetings_of:
                found.add(m)
                dates.extend(_opt(v["date"].get(m, ())))
    rows = [
        (key, kind, str(len(found)), _first(dates), _last(dates), min(examples), case)
        for (key, kind, case), (found, dates, examples) in groups.items()
        if len(found) > 1
    ]
    rows.sort(key=lambda r: (-int(r[2]), r[1], r[0], r[6]))
    columns = ("key", "kind", "meetings", "first_meeting", "last_meeting", "title_example", "case")
    return QueryResult(columns, tuple(rows))


def role_intervals(g: GraphIndex) -> QueryResult:
    """``role_intervals.rq``: per person, role and organisation the first and last meeting stating it."""
    v = g.values
    groups: dict[tuple[str, str, str], tuple[set, list]] = {}
    for ms in g.types["Membership"]:
        for who in v["member"].get(ms, ()):
            for role in _labels(g, "role", ms, "notation"):
                for m in v["statedAt"].get(ms, ()):
                    for org in v["organization"].get(ms, ()) or (_NONE,):
                        statements, dates = groups.setdefault((who, role, org), (set(), []))
                        statements.add(ms)
                        dates.extend(_opt(v["date"].get(m, ())))
    rows = [
        (person, role, organisation, _first(dates), _last(dates), str(len(statements)))
        for (who, role, org), (statements, dates) in groups.items()
        for person in v["name"].get(who, ())
        for organisation in _opt(v["prefLabel"].get(org, ()))
    ]
    rows.sort(key=lambda r: (r[0], r[3], r[1], r[2], r[4], int(r[5])))
    columns = ("person", "role", "organisation", "first_evidence", "last_evidence", "statements")
    return QueryResult(columns, tuple(rows))


def kkr_representatives(g: GraphIndex) -> QueryResult:
    """``kkr_representatives.rq``: who represents KKR in which body, stated or as a KKR member with a role."""
    v = g.values
    kkr = {org for org, types in v["orgType"].items() if "kkr" in types}
    members = {
        who
        for p, meetings_of in v["meeting"].items()
        if any(body in kkr for m in meetings_of for body in v["body"].get(m, ()))
        for who in v["participant"].get(p, ())
    }
    excluded = kkr | g.types["Municipality"]
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for ms in g.types["Membership"]:
        for who in v["member"].get(ms, ()):
            for org in v["organization"].get(ms, ()):
                if org in excluded:
                    continue
                for role in _labels(g, "role", ms, "notation"):
                    for m in v["statedAt"].get(ms, ()):
                        for appointed in _opt(v["appointment"].get(ms, ())):
                            stated = role == "repræsentant" or appointed == "true"
                            if not (stated or who in members):
                                continue
                            basis = "stated" if stated else "member with a role"
                            for person in v["name"].get(who, ()):
                                for body in v["prefLabel"].get(org, ()):
                                    dates = groups.setdefault((person, body, role, basis), [])
                                    dates.extend(_opt(v["date"].get(m, ())))
    rows = sorted((*key, _first(dates), _last(dates)) for key, dates in groups.items())
    columns = ("person", "body", "role", "basis", "first_evidence", "last_evidence")
    return QueryResult(columns, tuple(rows))


@dataclass(frozen=True)
class Table:
    """A named query's table function and the predicates it reads (no table where one is irregular)."""

    compute: Callable[[GraphIndex], QueryResult]
    reads: frozenset[str]


def _table(compute: Callable[[GraphIndex], QueryResult], *reads: str) -> Table:
    return Table(compute, frozenset(reads))


#: Every bundled named query is tabled (even those SPARQL answers fast: a table spares loading the graph).
TABLES = {
    "agenda": _table(agenda, "meeting", "number", "title", "position", "date", "case", "caseNumber", "decision",
                     "outcome", "notation"),
    "attendance": _table(attendance, "participant", "meeting", "status", "notation", "name", "date", "party",
                         "representing", "prefLabel"),
    "attendance_rate": _table(attendance_rate, "participant", "meeting", "status", "notation", "name"),
    "decision_organisations": _table(decision_organisations, "decision", "mentions", "number", "title", "meeting",
                                     "prefLabel", "derived", "sourceFile", "outcome", "notation", "date"),
    "kkr_representatives": _table(kkr_representatives, "member", "organization", "role", "notation", "statedAt",
                                  "orgType", "body", "meeting", "participant", "appointment", "name", "prefLabel",
                                  "date"),
    "meetings": _table(meetings, "sourceFile", "describes", "docType", "notation", "date", "body", "prefLabel",
                       "location"),
    "missed_meetings": _table(missed_meetings, "notation", "status", "derived", "participant", "meeting",
                              "sourceFile", "name", "date", "body", "prefLabel"),
    "municipalities": _table(municipalities, "prefLabel"),
    "organisations": _table(organisations, "prefLabel", "altLabel"),
    "people": _table(people, "name"),
    "presented_items": _table(presented_items, "presenting", "mentionOf", "quote", "item", "derived", "sourceFile",
                              "name", "number", "title", "meeting", "date"),
    "recurring_cases": _table(recurring_cases, "case", "caseNumber", "title", "meeting", "date"),
    "role_intervals": _table(role_intervals, "member", "role", "notation", "statedAt", "organization", "date", "name",
                             "prefLabel"),
    "roles": _table(roles, "member", "role", "notation", "statedAt", "name", "organization", "prefLabel", "date"),
}  # fmt: skip


def compute_tables(index: GraphIndex) -> Iterable[tuple[str, QueryResult]]:
    """(name, result) of each named query the index can answer, one at a time (to write and drop)."""
    for name, table in TABLES.items():
        if not table.reads & index.irregular:
            yield name, table.compute(index)


def query_hash(text: str) -> str:
    """The SHA-256 of a query's full text (with prefixes): a table answers only the text it was made for."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- the file: graph.sqlite ------------------------------------------------------------------------------
_SEP = "\x00"  # between a packed table's distinct values (a table holding a NUL is read from its rows instead)
_INDEX = next(code for code in "IL" if array(code).itemsize == 4)  # packed cells: 32-bit little-endian numbers


def _pack(result: QueryResult) -> tuple[bytes, bytes] | None:
    """A table as its distinct values (NUL-joined UTF-8) and each cell's number among them.

    Read back in a few C-level passes (:func:`_unpack`), several times faster than row by row from SQLite,
    and every repeated value (a date, an organisation) is one string in memory.
    """
    numbers: dict[str, int] = {}
    cells = array(_INDEX, [numbers.setdefault(cell, len(numbers)) for row in result.rows for cell in row])
    if any(_SEP in value for value in numbers):
        return None
    if sys.byteorder == "big":
        cells.byteswap()
    return _SEP.join(numbers).encode("utf-8"), cells.tobytes()


LARGE_TABLE_CELLS = 200_000  # from this many cells on a table is unpacked with numpy (worth importing it)


def _unpack(values: bytes, cells: bytes, width: int) -> tuple[tuple[str, ...], ...]:
    distinct = values.decode("utf-8").split(_SEP)
    collecting = gc.isenabled()
    gc.disable()  # a quarter of a million new tuples would set off the cycle collector over and over: 5x slower
    try:
        if len(cells) >= 4 * LARGE_TABLE_CELLS:
            return _unpack_columns(distinct, cells, width)
        numbers = array(_INDEX)
        numbers.frombytes(cells)
        if sys.byteorder == "big":
            numbers.byteswap()
        flat = iter(tuple(map(distinct.__getitem__, numbers)))
        return tuple(zip(*[flat] * width, strict=True))
    finally:
        if collecting:
            gc.enable()


def _unpack_columns(distinct: list[str], cells: bytes, width: int) -> tuple[tuple[str, ...], ...]:
    """:func:`_unpack` of a large table: each column's values picked by numpy (one C loop, not a Python call per
    cell: twice as fast for a quarter of a million rows), then zipped into rows."""
    import numpy as np

    strings = np.array(distinct, dtype=object)
    numbers = np.frombuffer(cells, dtype="<u4").reshape(-1, width)
    return tuple(zip(*(strings[numbers[:, column]].tolist() for column in range(width)), strict=True))


def graph_digest(ntriples: Path, pieces: Pieces | None = None) -> str:
    """A SHA-256 naming the graph's content: of its segments' SHA-256s (hex, a line each, in order).

    A build hashes each segment as it writes it, so the graph of a large corpus (gigabytes) is not read
    again to name it; a graph without ``pieces`` is one segment, hashed here.
    """
    if pieces is None:
        with ntriples.open("rb") as handle:
            segments: tuple[str, ...] = (hashlib.file_digest(handle, "sha256").hexdigest(),)
    else:
        segments = pieces.segments.digests
    return hashlib.sha256("".join(f"{digest}\n" for digest in segments).encode()).hexdigest()


def write_tables(ntriples: Path, path: Path, pieces: Pieces | None = None) -> str:
    """Compute every table from the sorted N-Triples file (read a segment at a time with its ``pieces``) and
    write them to the SQLite file ``path``, atomically.

    Returns:
        The graph's :func:`graph_digest`, recorded in the file (and by :func:`write_manifest`).
    """
    index = read_index(ntriples, pieces)
    graph_hash = graph_digest(ntriples, pieces)
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")  # a fresh temporary file: nothing to roll back to
            db.execute("CREATE TABLE _kkrgraph (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute(
                "CREATE TABLE _kkrgraph_queries (name TEXT PRIMARY KEY, query_sha256 TEXT NOT NULL, "
                "columns TEXT NOT NULL, row_count INTEGER NOT NULL, packed_values BLOB, packed_cells BLOB)"
            )
            db.executemany("INSERT INTO _kkrgraph VALUES (?, ?)", [("format", str(FORMAT)), ("graph_digest", graph_hash)])
            for name, result in compute_tables(index):
                columns = ", ".join(f'"{column}" TEXT' for column in result.columns)
                db.execute(f'CREATE TABLE "{name}" ({columns})')
                marks = ", ".join("?" for _ in result.columns)
                db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', result.rows)
                db.execute(
                    "INSERT INTO _kkrgraph_queries VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        name,
                        query_hash(resolve_query(name)),
                        json.dumps(result.columns),
                        len(result.rows),
                        *(_pack(result) or (None, None)),
                    ),
                )
            db.commit()
        finally:
            db.close()
    return graph_hash


# -- identity: graph.manifest.json, and reading a table back ---------------------------------------------
def _stat(path: Path) -> list[int] | None:
    """:func:`~kkrgraph.export.files.file_identity` as JSON keeps it (a list)."""
    identity = file_identity(path)
    return None if identity is None else list(identity)


def _store_state(directory: Path) -> list:
    """An Oxigraph (RocksDB) store folder's files with their stats; its LOG files change on every open."""
    return sorted([entry.name, *_stat(entry)] for entry in directory.iterdir() if not entry.name.startswith("LOG"))


def write_manifest(out_dir: Path, written: Iterable[Path], graph_hash: str, store: Path | None = None) -> Path:
    """Record, after every output is written, which files (and store) the build's tables belong to.

    A table is then used only while the graph file queried (or the store) and the tables file are the very
    files this build wrote: same size, mtime and inode, a check of a few ``stat`` calls.
    """
    record = {
        "format": FORMAT,
        "graph_digest": graph_hash,
        "files": {path.name: _stat(path) for path in written},
        "store": None if store is None else {"path": str(Path(store).resolve()), "state": _store_state(Path(store))},
    }
    target = out_dir / "graph.manifest.json"
    write_lines([json.dumps(record, indent=1) + "\n"], target)
    return target


def _read_manifest(path: Path) -> dict | None:
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT else None


@dataclass(frozen=True)
class Tables:
    """The tables a build wrote next to ``graph`` (``graph.sqlite``), used only for that graph or its store.

    Attributes:
        graph: the graph file queried (``--graph``); its build's tables and manifest sit beside it.
        store: the on-disk store queried instead (``--store``), if any; the manifest must name it.
    """

    graph: Path
    store: Path | None = None

    @property
    def path(self) -> Path:
        """The tables file."""
        return self.graph.with_suffix(".sqlite")

    def _belongs(self, manifest: dict) -> bool:
        files = manifest.get("files") or {}
        if files.get(self.path.name) is None or files.get(self.path.name) != _stat(self.path):
            return False
        if self.store is None:
            return files.get(self.graph.name) is not None and files.get(self.graph.name) == _stat(self.graph)
        store = manifest.get("store")
        try:
            return store is not None and store == {"path": str(self.store.resolve()), "state": _store_state(self.store)}
        except (OSError, TypeError):
            return False

    def usable(self) -> bool:
        """Whether the tables belong to the graph (or store) queried: a cheap check, no file is read whole."""
        manifest = _read_manifest(self.graph.with_suffix(".manifest.json"))
        return manifest is not None and self._belongs(manifest)

    def lookup(self, name: str, text: str) -> QueryResult | None:
        """The table of the named query ``name`` with full text ``text``, or None if no table provably answers it.

        None when the build wrote no tables, the graph or store was rebuilt, edited or replaced since, the
        tables file is another build's, or the query's text differs from the one the table was made from.
        """
        if not self.usable():
            return None
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            found = db.execute(
                "SELECT query_sha256, columns, row_count, packed_values, packed_cells FROM _kkrgraph_queries WHERE name = ?",
                (name,),
            ).fetchone()
            if found is None or found[0] != query_hash(text):
                return None
            columns, count, values, cells = tuple(json.loads(found[1])), found[2], found[3], found[4]
            if values is None:
                rows = tuple(db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall())
            else:
                rows = _unpack(values, cells, len(columns))
        except (sqlite3.Error, ValueError):  # not a tables file, or damaged
            return None
        finally:
            db.close()
        if len(rows) != count or not self.usable():  # replaced while it was read: SPARQL
            return None
        return QueryResult(columns, rows)
