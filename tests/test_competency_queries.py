"""The bundled competency-question queries beyond the contract's seven, on the sample corpus."""

from __future__ import annotations

from rdflib import Graph

from kkrgraph.graph.namespace import KKR
from kkrgraph.queries import named_queries, resolve_query, run_query

CONTRACT = {"meetings", "attendance", "agenda", "roles", "organisations", "people", "municipalities"}
COMPETENCY = {
    "role_intervals": ("person", "role", "organisation", "first_evidence", "last_evidence", "statements"),
    "kkr_representatives": ("person", "body", "role", "basis", "first_evidence", "last_evidence"),
    "decision_organisations": ("organisation", "meeting_date", "item", "title", "outcome", "source"),
    "recurring_cases": ("key", "kind", "meetings", "first_meeting", "last_meeting", "title_example", "case"),
    "attendance_rate": ("person", "listed", "present", "absent", "rate_percent"),
    "missed_meetings": ("person", "meeting_date", "body", "source"),
    "presented_items": ("person", "meeting_date", "item", "title", "quote", "source"),
}


def _records(kg, name):
    result = kg.sparql(name)
    assert result.columns == COMPETENCY[name]
    return result.records()


def test_the_queries_are_bundled_next_to_the_contract_ones():
    assert CONTRACT | set(COMPETENCY) <= set(named_queries())


def test_role_intervals_give_first_and_last_evidence(sample_kg):
    rows = _records(sample_kg, "role_intervals")
    bach = [r for r in rows if r["person"] == "Per Bach-Laursen" and r["role"] == "formand"]
    assert bach == [
        {
            "person": "Per Bach-Laursen",
            "role": "formand",
            "organisation": "Business Region North Denmark",
            "first_evidence": "2023-11-24",
            "last_evidence": "2025-08-29",
            "statements": "3",
        }
    ]
    assert all(r["first_evidence"] <= r["last_evidence"] for r in rows)


def test_kkr_representatives(sample_kg):
    rows = {(r["person"], r["body"], r["basis"]) for r in _records(sample_kg, "kkr_representatives")}
    assert ("Niels Jørgen Pedersen", "Danmarks Erhvervsfremmebestyrelse", "stated") in rows
    assert ("Per Bach-Laursen", "Business Region North Denmark", "member with a role") in rows
    assert not any(body.endswith("Kommune") or body.startswith("KKR") for _, body, _ in rows)


def test_decisions_by_organisation(sample_kg):
    rows = _records(sample_kg, "decision_organisations")
    erhvervshus = {(r["meeting_date"], r["item"], r["outcome"]) for r in rows if r["organisation"] == "Erhvervshus Nordjylland"}
    assert ("2021-09-03", "3.6", "approved") in erhvervshus
    assert all(r["source"].endswith(".txt") for r in rows)


def test_recurring_cases(sample_kg):
    rows = {r["key"]: r for r in _records(sample_kg, "recurring_cases")}
    assert rows["siden sidst"]["meetings"] == "4"
    assert rows["siden sidst"]["first_meeting"] == "2021-09-03"
    assert rows["siden sidst"]["last_meeting"] == "2025-08-29"
    assert all(int(r["meetings"]) > 1 for r in rows.values())


def test_recurring_cases_by_case_number():
    """A small graph: one case number on items of two meetings."""
    graph = Graph()
    graph.parse(
        format="turtle",
        data=f"""@prefix kkr: <{KKR._NS}> . @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:m1> dcterms:date "2024-01-05"^^xsd:date . <urn:m2> dcterms:date "2024-03-01"^^xsd:date .
        <urn:i1> kkr:meeting <urn:m1> ; dcterms:title "Budget 2025" ; kkr:case <urn:c> .
        <urn:i2> kkr:meeting <urn:m2> ; dcterms:title "Budget 2025, opfølgning" ; kkr:case <urn:c> .
        <urn:c> kkr:caseNumber "SAG-2024-00001" .""",
    )
    rows = run_query(graph, resolve_query("recurring_cases")).records()
    assert rows == [
        {
            "key": "SAG-2024-00001",
            "kind": "case number",
            "meetings": "2",
            "first_meeting": "2024-01-05",
            "last_meeting": "2024-03-01",
            "title_example": "Budget 2025",
            "case": "urn:c",
        }
    ]


def test_attendance_rate_agrees_with_attendance(sample_kg):
    rows = {r["person"]: r for r in _records(sample_kg, "attendance_rate")}
    attendance = sample_kg.sparql("attendance").records()
    for person, row in rows.items():
        mine = [a for a in attendance if a["person"] == person]
        assert int(row["listed"]) == len(mine)
        assert int(row["present"]) == sum(a["status"] == "present" for a in mine)
        assert int(row["present"]) + int(row["absent"]) == int(row["listed"])
    assert rows["Ulla Vestergaard"]["rate_percent"] == "0"
    assert rows["Jes Lunde"]["rate_percent"] == "50"


def test_missed_meetings(sample_kg):
    rows = _records(sample_kg, "missed_meetings")
    assert {(r["person"], r["meeting_date"]) for r in rows if r["person"] == "Ulla Vestergaard"} == {
        ("Ulla Vestergaard", "2023-11-24"),
        ("Ulla Vestergaard", "2025-08-29"),
    }
    absent = {(a["person"], a["meeting_date"]) for a in sample_kg.sparql("attendance").records() if a["status"] == "absent"}
    assert {(r["person"], r["meeting_date"]) for r in rows} == absent


def test_presented_items(sample_kg):
    rows = _records(sample_kg, "presented_items")
    found = {(r["person"], r["meeting_date"], r["item"]) for r in rows}
    assert ("Henrik Aarup-Kristensen", "2025-08-29", "3.5") in found  # "..., indledte punktet med et kort oplæg"
    assert ("Tommy Christiansen", "2025-08-29", "3.6") in found  # "..., orienterede omkring den nordjyske proces"
    assert ("Jesper Carlsen", "2021-09-03", "3.1") in found  # "holder Jesper Carlsen, ..., oplæg"
    assert not any(person == "Per Okkels" for person, _, _ in found)  # named after the verb, not its subject
    for row in rows:
        assert row["person"].split()[-1] in row["quote"]


def test_agenda_order_is_total_where_date_and_position_tie():
    """Items of undated meetings tie on date and position; item number, case number and title decide, on either engine."""
    from pyoxigraph import RdfFormat, Store

    from kkrgraph.store import run_store_query

    items = [("i1", "2.1", "SAG-3", "C"), ("i2", "1.1", "SAG-2", "B"), ("i3", "1.1", "SAG-1", "D"), ("i4", "1.1", "SAG-1", "A")]
    data = f"@prefix kkr: <{KKR._NS}> . @prefix dcterms: <http://purl.org/dc/terms/> .\n" + "".join(
        f'<urn:{i}> a kkr:AgendaItem ; kkr:meeting <urn:m{i}> ; kkr:number "{n}" ; dcterms:title "{t}" ; kkr:position 1 ;'
        f' kkr:case <urn:c{i}> . <urn:c{i}> kkr:caseNumber "{c}" .\n'
        for i, n, c, t in items
    )
    graph = Graph().parse(format="turtle", data=data)
    store = Store()
    store.load(data, format=RdfFormat.TURTLE)
    text = resolve_query("agenda")
    expected = (
        ("", "1.1", "A", "SAG-1", ""),
        ("", "1.1", "D", "SAG-1", ""),
        ("", "1.1", "B", "SAG-2", ""),
        ("", "2.1", "C", "SAG-3", ""),
    )
    assert run_query(graph, text).rows == expected
    assert run_store_query(store, text).rows == expected
