"""Materialised tables (kkrgraph/queries/tables.py): each named query's table gives the rows SPARQL gives, and a
table is read only while it provably belongs to the graph (or store) queried."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kkrgraph.api import KnowledgeGraph
from kkrgraph.cli import main
from kkrgraph.export import write_outputs
from kkrgraph.queries import QueryResult, named_queries, resolve_query, run_query
from kkrgraph.queries.tables import TABLES, Tables, compute_tables, read_index, write_manifest
from kkrgraph.store import memory_store, open_store, run_store_query

BENCH = Path(__file__).resolve().parents[1] / "bench"
KKR = "https://w3id.org/kkrgraph/ontology#"
ID = "https://w3id.org/kkrgraph/id/"
P = {
    "type": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "name": "http://xmlns.com/foaf/0.1/name",
    "pref": "http://www.w3.org/2004/02/skos/core#prefLabel",
    "alt": "http://www.w3.org/2004/02/skos/core#altLabel",
    "notation": "http://www.w3.org/2004/02/skos/core#notation",
    "title": "http://purl.org/dc/terms/title",
    "date": "http://purl.org/dc/terms/date",
    "derived": "http://www.w3.org/ns/prov#wasDerivedFrom",
    "member": "http://www.w3.org/ns/org#member",
    "orgrole": "http://www.w3.org/ns/org#role",
    "organization": "http://www.w3.org/ns/org#organization",
}
C = {
    "Person": "http://xmlns.com/foaf/0.1/Person",
    "Organization": "http://www.w3.org/ns/org#Organization",
    "Membership": "http://www.w3.org/ns/org#Membership",
}
XSD = "http://www.w3.org/2001/XMLSchema#"


def _oxigraph(path: Path) -> dict[str, QueryResult]:
    store = memory_store(path)
    return {name: run_store_query(store, resolve_query(name)) for name in named_queries()}


def _tables(path: Path) -> dict[str, QueryResult]:
    return dict(compute_tables(read_index(path)))


def test_every_named_query_has_a_table():
    assert set(TABLES) == set(named_queries())


def test_sample_tables_equal_sparql_on_oxigraph_and_rdflib(sample_kg):
    path = sample_kg.ntriples_file()
    tables = _tables(path)
    assert set(tables) == set(named_queries())  # the builder's graph is regular: every query is tabled
    graph = Graph().parse(path, format="nt")
    for name, expected in _oxigraph(path).items():
        assert expected.rows, name  # the sample has rows for every query, so the comparison means something
        assert tables[name] == expected, name
        assert tables[name] == run_query(graph, resolve_query(name)), name


@pytest.fixture(scope="module")
def synthetic_graph(tmp_path_factory) -> Path:
    """A graph built from 30 synthetic documents (bench/synth.py): more people, meetings and ties than the sample."""
    sys.path.insert(0, str(BENCH))
    try:
        import synth
    finally:
        sys.path.remove(str(BENCH))
    corpus = tmp_path_factory.mktemp("synth")
    synth.write_corpus(30, corpus)
    path = tmp_path_factory.mktemp("synth-graph") / "graph.nt"
    kg = KnowledgeGraph.build([corpus], jobs=1)
    shutil.copy(kg.ntriples_file(), path)  # kept after the graph's workdir goes
    return path


def test_synthetic_tables_equal_sparql(synthetic_graph):
    tables = _tables(synthetic_graph)
    graph = Graph().parse(synthetic_graph, format="nt")
    for name, expected in _oxigraph(synthetic_graph).items():
        assert tables[name] == expected, name
        assert tables[name] == run_query(graph, resolve_query(name)), name  # MIN/MAX of dates too (undated meetings)


@pytest.mark.parametrize("large_from", [0, 10**9], ids=["numpy", "plain"])
def test_packed_tables_unpack_to_their_rows(synthetic_graph, monkeypatch, large_from):
    """Both ways of unpacking a table (numpy's for a large one, plain Python for a small) give its rows back."""
    from kkrgraph.queries import tables as tables_module

    monkeypatch.setattr(tables_module, "LARGE_TABLE_CELLS", large_from)
    for name, result in _tables(synthetic_graph).items():
        packed = tables_module._pack(result)
        assert packed is not None
        assert tables_module._unpack(*packed, len(result.columns)) == result.rows, name


# -- hand-written graphs for the edge cases ---------------------------------------------------------------
def _iri(kind: str, name: str) -> str:
    return f"<{ID}{kind}/{name}>"


def _t(s: str, p: str, o: str) -> str:
    predicate = P.get(p, KKR + p)
    return f"{s} <{predicate}> {o} .\n"


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _a(s: str, cls: str) -> str:
    return _t(s, "type", f"<{C.get(cls, KKR + cls)}>")


def _edge_lines() -> list[str]:
    """Missing dates, parties and municipalities, unbound outcomes, ties, awkward names, .5 rates, positions 2 < 10."""
    lines = []
    add = lines.append
    concept = {}
    for scheme, values in {"status": ("present", "absent"), "outcome": ("approved", "noted"), "doctype": ("referat",),
                           "role": ("formand", "medlem", "repræsentant"), "party": ("A", "V")}.items():  # fmt: skip
        for value in values:
            concept[value] = _iri(f"concept/{scheme}", value)
            add(_t(concept[value], "notation", _text(value)))
            add(_t(concept[value], "pref", _text(value) + "@da"))  # as the builder labels concepts
    kkr, org, mun = _iri("organisation", "kkr"), _iri("organisation", "org-one"), _iri("municipality", "aalborg")
    add(_a(kkr, "Organization"))
    add(_t(kkr, "pref", _text("KKR Nordjylland")))
    add(_t(kkr, "orgType", _text("kkr")))
    add(_a(org, "Organization"))
    add(_t(org, "pref", _text('Org "One" \\ Æbeltoft')))
    for alias in ("Zeta", "ORG1", "Ålborg"):
        add(_t(org, "alt", _text(alias)))
    for node, label in ((mun, "Aalborg Kommune"), (_iri("municipality", "aarhus"), "Aarhus Kommune")):
        add(_a(node, "Organization"))
        add(_a(node, "Municipality"))
        add(_t(node, "pref", _text(label)))
    meetings = {f"m{k}": _iri("meeting", f"m{k}") for k in range(1, 12)}
    for k, m in enumerate(meetings.values(), start=1):
        add(_a(m, "Meeting"))
        add(_t(m, "body", kkr if k != 2 else org))
        if k != 2:  # m2 has no date; m3 shares m1's date
            add(_t(m, "date", _typed("2024-01-10" if k in (1, 3) else f"2024-02-{k:02d}", "date")))
    add(_t(meetings["m1"], "location", '"Rådhuset, \\u00C5 street"'))  # an escape to undo
    docs = {}
    for k, source in ((1, "b.txt"), (2, 'a "quoted".txt'), (3, "c\\tab.txt")):
        docs[k] = _iri("document", f"d{k}")
        add(_a(docs[k], "Document"))
        add(_t(docs[k], "sourceFile", _text(source)))
        add(_t(docs[k], "describes", meetings[f"m{k}"]))
        add(_t(docs[k], "docType", concept["referat"]))
    people = {}
    for key, name in (("p1", "Øjvind Ærø"), ("p2", 'Anne "Q" \\ Smith'), ("p3", "Zed"), ("p4", "Bo"), ("p5", "Eva")):
        people[key] = _iri("person", key)
        add(_a(people[key], "Person"))
        add(_t(people[key], "name", _text(name)))
    add(_t(people["p5"], "name", _text("Eva B")))  # two names: rows multiply

    def participation(key: str, who: str, meeting: str, status: str, parties=(), place=None, doc=1) -> None:
        p = _iri("participation", key)
        add(_a(p, "Participation"))
        add(_t(p, "participant", people[who]))
        add(_t(p, "meeting", meetings[meeting]))
        add(_t(p, "status", concept[status]))
        add(_t(p, "derived", docs[doc]))
        for party in parties:
            add(_t(p, "party", concept[party]))
        if place:
            add(_t(p, "representing", place))

    participation("a1", "p1", "m1", "present", ("A",), mun)
    participation("a2", "p1", "m3", "present", ("V",), org, doc=3)  # a tie with a1; represents no municipality
    participation("a3", "p2", "m1", "absent")
    participation("a4", "p3", "m2", "absent", doc=2)  # undated meeting
    participation("a5", "p4", "m1", "present", ("A", "V"), mun)  # two parties: two rows
    participation("a6", "p5", "m1", "absent")
    for k in range(4, 12):  # p4: 1 of 8 meetings present... and p3: 3 of 8 (12.5 % and 37.5 % round up)
        participation(f"b{k}", "p4", f"m{k}", "present" if k == 4 else "absent")
        participation(f"c{k}", "p3", f"m{k}", "present" if k < 7 else "absent")
    items = {}
    for key, meeting, position, number, title in (
        ("i1", "m1", 2, "1.10", "Budget"),
        ("i2", "m1", 10, "1.2", "Andet"),
        ("i3", "m2", 1, "1", "Sag om noget"),
        ("i4", "m3", 1, "1", "budget"),
        ("i5", "m3", 1, "1", "budget"),  # same as i4 in every column: a tie
    ):
        items[key] = _iri("item", key)
        add(_a(items[key], "AgendaItem"))
        add(_t(items[key], "meeting", meetings[meeting]))
        add(_t(items[key], "position", _typed(str(position), "integer")))
        add(_t(items[key], "number", _text(number)))
        add(_t(items[key], "title", _text(title)))
    case = _iri("case", "c1")
    add(_t(case, "caseNumber", _text("SAG-2024-00001")))
    for key in ("i3", "i4"):
        add(_t(items[key], "case", case))
    for key, outcome in (("i1", "approved"), ("i2", None), ("i4", "noted")):
        d = items[key][:-1] + "/decision>"
        add(_t(items[key], "decision", d))
        add(_t(d, "derived", docs[1]))
        if outcome:
            add(_t(d, "outcome", concept[outcome]))
        for target in (org, mun):
            add(_t(items[key], "mentions", target))
    for key, who, role, organisation, meeting, appointed in (
        ("ms1", "p1", "formand", org, "m1", True),
        ("ms2", "p2", "medlem", None, "m2", False),
        ("ms3", "p3", "repræsentant", org, "m3", False),
        ("ms4", "p1", "medlem", org, "m2", False),
        ("ms5", "p1", "medlem", org, "m1", False),
        ("ms6", "p4", "medlem", mun, "m1", True),  # a municipality: not a KKR representative
    ):
        ms = _iri("membership", key)
        add(_a(ms, "Membership"))
        add(_t(ms, "member", people[who]))
        add(_t(ms, "orgrole", concept[role]))
        add(_t(ms, "statedAt", meetings[meeting]))
        if organisation:
            add(_t(ms, "organization", organisation))
        if appointed:
            add(_t(ms, "appointment", _typed("true", "boolean")))
    for key, who, item, quote, presenting in (
        ("x1", "p1", "i1", "B: han orienterede", True),
        ("x2", "p1", "i1", 'A: orienterede \\"om\\"', True),
        ("x3", "p2", "i2", "nævnt", False),
        ("x4", "p2", "i2", "indledte", True),
    ):
        x = _iri("mention", key)
        add(_a(x, "Mention"))
        add(_t(x, "mentionOf", people[who]))
        add(_t(x, "item", items[item]))
        add(_t(x, "quote", '"' + quote + '"'))
        add(_t(x, "derived", docs[1]))
        add(_t(x, "presenting", _typed("true" if presenting else "false", "boolean")))
    return sorted(set(lines))


def _order_keys(name: str, result: QueryResult) -> list[tuple]:
    """Each row's ORDER BY values, by the query's variables that are columns (the rest tie)."""
    keys = {
        "attendance": ("meeting_date", "status", "person"),
        "agenda": ("meeting_date",),
        "meetings": ("meeting_date", "source", "body", "doc_type", "location"),
        "role_intervals": ("person", "first_evidence", "role", "organisation"),
        "kkr_representatives": ("person", "body", "role"),
        "attendance_rate": ("present", "listed", "person"),
        "missed_meetings": ("person", "meeting_date"),
        "organisations": ("name",),
    }.get(name, result.columns)
    index = [result.columns.index(k) for k in keys]
    return [tuple(row[i] for i in index) for row in result.rows]


@pytest.fixture(scope="module")
def edge_graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("edge") / "graph.nt"
    path.write_text("".join(_edge_lines()), "utf-8")
    return path


def test_edge_case_tables_equal_oxigraph_and_rdflib(edge_graph):
    """Rows equal as multisets, in the ORDER BY's order; rows tied on it come ordered by all their columns."""
    tables = _tables(edge_graph)
    assert set(tables) == set(named_queries())
    graph = Graph().parse(edge_graph, format="nt")
    for name, expected in _oxigraph(edge_graph).items():
        table = tables[name]
        on_rdflib = run_query(graph, resolve_query(name))
        assert sorted(table.rows) == sorted(on_rdflib.rows), name
        assert _order_keys(name, table) == _order_keys(name, on_rdflib), name
        assert table.columns == expected.columns, name
        assert sorted(table.rows) == sorted(expected.rows), name
        assert _order_keys(name, table) == _order_keys(name, expected), name
        keys = _order_keys(name, table)
        for a, b, ka, kb in zip(table.rows, table.rows[1:], keys, keys[1:], strict=False):
            if ka == kb:
                assert a <= b, (name, a, b)


def test_edge_cases_are_present(edge_graph):
    """The hand-written graph hits what it claims to (so the comparison above covers those cases)."""
    t = _tables(edge_graph)
    rate = {row[0]: row[1:] for row in t["attendance_rate"].rows}
    assert rate["Bo"] == ("9", "2", "7", "22") and rate["Zed"][:2] == ("9", "3")  # 2/9, 3/9: ordinary rounding
    assert ("Eva", "1", "0", "1", "0") in t["attendance_rate"].rows and ("Eva B", "1", "0", "1", "0") in t["attendance_rate"].rows
    dated = [row[1] for row in t["agenda"].rows if row[0] == "2024-01-10"]
    assert dated == ["1", "1", "1.10", "1.2"]  # positions 1, 1, 2, 10: numbers, not strings ("10" < "2")
    assert ("", "1", "Sag om noget", "SAG-2024-00001", "") in t["agenda"].rows  # no date, no decision
    assert {("2024-01-10", "1", "budget", "SAG-2024-00001", "noted"), ("2024-01-10", "1", "budget", "", "")} < set(
        t["agenda"].rows
    )  # tied on date, position and item: ordered by case number
    assert ("", "Zed", "", "", "absent") in t["attendance"].rows  # undated meeting, no party, no municipality
    assert {r[2] for r in t["attendance"].rows if r[1] == "Bo" and r[0] == "2024-01-10"} == {"A", "V"}
    assert ('Anne "Q" \\ Smith', "2024-01-10", "1.2", "Andet", "indledte", "b.txt") in t["presented_items"].rows
    assert any(r[4] == 'A: orienterede "om"' for r in t["presented_items"].rows)  # MIN of two quotes, unescaped
    assert tuple({r[3] for r in t["meetings"].rows if r[3]}) == ("Rådhuset, Å street",)
    recurring = {(r[0], r[1]): r for r in t["recurring_cases"].rows}
    assert recurring[("SAG-2024-00001", "case number")][2:5] == ("2", "2024-01-10", "2024-01-10")  # m2 undated
    assert recurring[("budget", "title")][2:5] == ("2", "2024-01-10", "2024-01-10")
    assert ('Org "One" \\ Æbeltoft', "ORG1; Zeta; Ålborg") in t["organisations"].rows
    org = 'Org "One" \\ Æbeltoft'
    assert ("Øjvind Ærø", "medlem", org, "2024-01-10", "2024-01-10", "2") in t["role_intervals"].rows  # m2 undated
    assert ('Anne "Q" \\ Smith', "medlem", "", "", "", "1") in t["role_intervals"].rows  # only m2: no date known
    assert ("Øjvind Ærø", org, "medlem", "member with a role", "2024-01-10", "2024-01-10") in t["kkr_representatives"].rows


def test_first_and_last_dates_are_the_known_ones_on_every_engine():
    """A case, a role and a KKR representative stated at dated meetings and an undated one: the first and last
    dates are the earliest and latest known on rdflib, on Oxigraph and in the table ("" only when none is known).
    Oxigraph's MIN/MAX of a group holding an unbound value is unbound, so plain MIN(?date) gave "" here."""
    kkr, org = _iri("organisation", "kkr"), _iri("organisation", "erhvervshus")
    lines = [_t(kkr, "orgType", _text("kkr")), _t(kkr, "pref", _text("KKR Nordjylland")), _a(org, "Organization")]
    lines.append(_t(org, "pref", _text("Erhvervshus")))
    meetings = {key: _iri("meeting", key) for key in ("dated-late", "undated", "dated-early", "undated-too")}
    lines += [_t(m, "body", kkr) for m in meetings.values()]
    lines.append(_t(meetings["dated-late"], "date", _typed("2024-03-05", "date")))
    lines.append(_t(meetings["dated-early"], "date", _typed("2024-01-10", "date")))
    role = {r: _iri("concept/role", r) for r in ("repræsentant", "medlem")}
    lines += [_t(node, "notation", _text(r)) for r, node in role.items()]
    anne, bo = _iri("person", "anne"), _iri("person", "bo")
    lines += [_t(anne, "name", _text("Anne")), _t(bo, "name", _text("Bo"))]
    participation = _iri("participation", "a")  # Anne is listed at a KKR meeting: a KKR member
    lines += [_t(participation, "participant", anne), _t(participation, "meeting", meetings["dated-late"])]
    statements = [("anne", r, m) for r in ("repræsentant", "medlem") for m in ("dated-late", "undated", "dated-early")]
    for k, (who, r, m) in enumerate([*statements, ("bo", "repræsentant", "undated-too")]):
        ms = _iri("membership", str(k))
        lines += [_a(ms, "Membership"), _t(ms, "member", anne if who == "anne" else bo), _t(ms, "orgrole", role[r])]
        lines += [_t(ms, "statedAt", meetings[m]), _t(ms, "organization", org)]
    case = _iri("case", "c")
    lines.append(_t(case, "caseNumber", _text("SAG-1")))
    for key, m, title in (("i1", "dated-late", "Budget"), ("i2", "undated", "Budget"), ("i3", "dated-early", "Budget 2"),
                          ("i4", "undated", "Siden sidst"), ("i5", "undated-too", "Siden sidst")):  # fmt: skip
        i = _iri("item", key)
        lines += [_t(i, "meeting", meetings[m]), _t(i, "title", _text(title))]
        if key in ("i1", "i2", "i3"):
            lines.append(_t(i, "case", case))
    lines = sorted(lines)
    expected = {
        "recurring_cases": (
            ("SAG-1", "case number", "3", "2024-01-10", "2024-03-05", "Budget", case[1:-1]),
            ("budget", "title", "2", "2024-03-05", "2024-03-05", "Budget", ""),
            ("siden sidst", "title", "2", "", "", "Siden sidst", ""),
        ),
        "role_intervals": (
            ("Anne", "medlem", "Erhvervshus", "2024-01-10", "2024-03-05", "3"),
            ("Anne", "repræsentant", "Erhvervshus", "2024-01-10", "2024-03-05", "3"),
            ("Bo", "repræsentant", "Erhvervshus", "", "", "1"),
        ),
        "kkr_representatives": (
            ("Anne", "Erhvervshus", "medlem", "member with a role", "2024-01-10", "2024-03-05"),
            ("Anne", "Erhvervshus", "repræsentant", "stated", "2024-01-10", "2024-03-05"),
            ("Bo", "Erhvervshus", "repræsentant", "stated", "", ""),
        ),
    }
    graph = Graph().parse(data="".join(lines), format="nt")
    store = memory_store_from_lines(lines)
    index = read_index(lines)
    for name, rows in expected.items():
        text = resolve_query(name)
        assert run_query(graph, text).rows == rows, name
        assert run_store_query(store, text).rows == rows, name
        assert TABLES[name].compute(index).rows == rows, name


def test_exact_half_rounds_up():
    """ROUND(12.5) = 13 and ROUND(37.5) = 38, as Oxigraph gives them (a graph with 1 and 3 of 8 present)."""
    lines = []
    status = {s: _iri("concept/status", s) for s in ("present", "absent")}
    for value, node in status.items():
        lines.append(_t(node, "notation", _text(value)))
    for who, present in (("p1", 1), ("p2", 3)):
        lines.append(_t(_iri("person", who), "name", _text(who)))
        for k in range(8):
            p = _iri("participation", f"{who}-{k}")
            lines += [_a(p, "Participation"), _t(p, "participant", _iri("person", who))]
            lines += [_t(p, "meeting", _iri("meeting", str(k))), _t(p, "status", status["present" if k < present else "absent"])]
    from kkrgraph.queries.tables import attendance_rate

    path_lines = sorted(lines)
    table = attendance_rate(read_index(path_lines))
    assert table.rows == (("p2", "8", "3", "5", "38"), ("p1", "8", "1", "7", "13"))
    store = memory_store_from_lines(path_lines)
    assert run_store_query(store, resolve_query("attendance_rate")) == table


def memory_store_from_lines(lines: list[str]):
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load("".join(lines).encode("utf-8"), format=RdfFormat.N_TRIPLES)
    return store


def test_irregular_graph_gets_no_table_for_the_queries_it_affects(edge_graph, tmp_path):
    """A date that is not an ISO xsd:date: the queries reading dates are left to SPARQL, the others tabled."""
    lines = [line.replace('"2024-02-05"^^', '"5 feb 2024"^^') for line in _edge_lines()]
    path = tmp_path / "graph.nt"
    path.write_text("".join(lines), "utf-8")
    tabled = _tables(path)
    assert "meetings" not in tabled and "attendance" not in tabled
    assert {"people", "municipalities", "organisations", "attendance_rate"} <= set(tabled)


# -- identity: tables are used only for the very graph (or store) they were made from -------------------------
def _csv(argv: list[str], capsys) -> str:
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def built(tmp_path, cache) -> Path:
    """A build of the sample corpus with a store (the documents' results cached across the tests)."""
    out = tmp_path / "out"
    args = ["build", "--out", str(out), "--store", str(tmp_path / "store"), "--cache", str(cache), "--jobs", "1"]
    assert main(args) == 0
    return out


def _alter(out: Path, name: str = "attendance") -> None:
    """Change a person's name in a table of graph.sqlite and record the file as the build's (a forged table)."""
    db = sqlite3.connect(out / "graph.sqlite")
    values = db.execute("SELECT packed_values FROM _kkrgraph_queries WHERE name = ?", (name,)).fetchone()[0].decode()
    distinct = values.split("\x00")
    distinct[1] = "ALTERED"  # the first row's second cell: attendance's first person
    db.execute("UPDATE _kkrgraph_queries SET packed_values = ? WHERE name = ?", ("\x00".join(distinct).encode(), name))
    db.commit()
    db.close()
    manifest = json.loads((out / "graph.manifest.json").read_text("utf-8"))
    files = [out / f for f in manifest["files"]]
    store = manifest["store"]["path"] if manifest["store"] else None
    write_manifest(out, files, manifest["graph_digest"], Path(store) if store else None)


def test_cli_output_is_the_same_from_tables_and_sparql(built, capsys):
    for name in named_queries():
        for fmt in ("csv", "json", "table"):
            args = ["query", name, "--graph", str(built / "graph.ttl"), "--format", fmt]
            assert _csv(args, capsys) == _csv([*args, "--sparql"], capsys), (name, fmt)


def test_query_reads_the_table_only_while_it_belongs_to_the_graph(built, capsys, monkeypatch):
    graph = built / "graph.ttl"
    args = ["query", "attendance", "--graph", str(graph), "--format", "csv"]
    assert "ALTERED" not in _csv(args, capsys)
    _alter(built)
    assert "ALTERED" in _csv(args, capsys)  # the table is what the command reads
    assert "ALTERED" in _csv([*args[:3], str(built / "graph.nt"), *args[4:]], capsys)  # graph.nt too
    assert "ALTERED" not in _csv([*args, "--sparql"], capsys)
    with monkeypatch.context() as patch:  # an edited .rq: another text than the table was made from
        patch.setattr("kkrgraph.api.resolve_query", lambda q: resolve_query(q) + "\n# edited\n")
        assert "ALTERED" not in _csv(args, capsys)
    os.utime(graph, ns=(graph.stat().st_atime_ns, graph.stat().st_mtime_ns + 1))  # edited (or touched) since
    assert "ALTERED" not in _csv(args, capsys)
    assert "ALTERED" in _csv([*args[:3], str(built / "graph.nt"), *args[4:]], capsys)  # graph.nt is untouched


def test_tables_of_another_build_or_a_rebuild_without_tables_are_not_used(built, tmp_path, capsys):
    _alter(built)
    args = ["query", "attendance", "--graph", str(built / "graph.ttl"), "--format", "csv"]
    assert "ALTERED" in _csv(args, capsys)
    copy = tmp_path / "copy.sqlite"  # the same tables file, written again (another file): not the build's
    shutil.copy2(built / "graph.sqlite", copy)
    os.replace(copy, built / "graph.sqlite")
    assert "ALTERED" not in _csv(args, capsys)
    _alter(built)
    assert "ALTERED" in _csv(args, capsys)
    write_outputs(built / "graph.nt", built, ("ttl",))  # graph.ttl rebuilt, tables and manifest left behind
    assert "ALTERED" not in _csv(args, capsys)
    assert not Tables(built / "graph.ttl").usable()


def test_store_queries_read_the_table_only_for_the_build_store(built, tmp_path, capsys):
    _alter(built)
    store = tmp_path / "store"
    args = ["query", "attendance", "--store", str(store), "--graph", str(built / "graph.ttl"), "--format", "csv"]
    assert "ALTERED" in _csv(args, capsys)
    assert "ALTERED" not in _csv([*args, "--sparql"], capsys)
    writable = open_store(store, read_only=False)
    writable.flush()  # opened for writing (and possibly changed): no longer the store the tables were made for
    del writable
    assert "ALTERED" not in _csv(args, capsys)


def test_api_load_answers_named_queries_from_tables_without_loading_the_graph(built):
    kg = KnowledgeGraph.load(built / "graph.ttl")
    assert kg.sparql("roles") == KnowledgeGraph.load(built / "graph.ttl", tables=False).sparql("roles")
    assert kg.store is None  # answered from the table
    assert kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] != "0"  # other queries: SPARQL
    assert kg.store is not None
