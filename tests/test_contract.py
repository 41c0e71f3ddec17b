"""The outside contract (CONTRACT.md): named queries, their columns, and what they say about the corpus."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kkrgraph.cli import main
from kkrgraph.pipeline import bundled_corpus

CONTRACT_COLUMNS = {
    "meetings": ["meeting_date", "body", "doc_type", "location", "source"],
    "attendance": ["meeting_date", "person", "party", "municipality", "status"],
    "agenda": ["meeting_date", "item", "title", "case_number", "outcome"],
    "roles": ["person", "role", "organisation", "meeting_date"],
    "organisations": ["name", "aliases"],
    "people": ["name"],
    "municipalities": ["name"],
}


def query_csv(output, name: str, capsys) -> list[dict[str, str]]:
    assert main(["query", name, "--graph", str(output / "graph.ttl"), "--format", "csv"]) == 0
    text = capsys.readouterr().out
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == CONTRACT_COLUMNS.get(name, header)
    return [dict(zip(header, row, strict=True)) for row in reader]


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_named_query_columns_in_contract_order(sample_output, capsys, name):
    rows = query_csv(sample_output, name, capsys)
    assert rows, f"{name} returned nothing on the sample corpus"


def test_build_writes_turtle_and_gexf(sample_output):
    for name in ("graph.ttl", "graph.gexf", "graph.nt"):
        assert (sample_output / name).stat().st_size > 1000


def test_build_writes_the_formats_asked_for(tmp_path, capsys):
    from kkrgraph.cli import main

    corpus = sorted(bundled_corpus().glob("*.txt"))[0]
    assert main(["build", str(corpus), "--out", str(tmp_path), "--no-cache", "--formats", "jsonld,ttl"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.ttl"]
    assert main(["build", str(corpus), "--out", str(tmp_path), "--formats", "ttl,pdf"]) == 2
    assert "unknown output format(s) pdf" in capsys.readouterr().err


def test_meetings_of_the_four_documents(sample_output, capsys):
    rows = {r["source"]: r for r in query_csv(sample_output, "meetings", capsys)}
    assert {k: (v["meeting_date"], v["doc_type"]) for k, v in rows.items()} == {
        "000_126ae2075930ab26.txt": ("2023-11-24", "referat"),
        "002_d8366a9f1015045a.txt": ("2025-08-29", "referat"),
        "003_af7a03fe60365536.txt": ("2021-09-03", "referat"),
        "004_f2e8d9c10356d3fa.txt": ("2024-09-20", "dagsorden"),
    }
    assert {r["body"] for r in rows.values()} == {"KKR Nordjylland"}
    assert rows["004_f2e8d9c10356d3fa.txt"]["location"] == "Scandic Hotel Aalborg Øst, Hadsundvej 200, 9220 Aalborg Øst"
    # the OCR document's "Aalborg Jst" is repaired to "Øst"
    assert rows["002_d8366a9f1015045a.txt"]["location"] == "Hotel Scandic Aalborg Øst, Hadsundvej 200, Aalborg"
    assert rows["000_126ae2075930ab26.txt"]["location"] == ""


def test_attendance_counts_and_spot_checks(sample_output, capsys):
    rows = query_csv(sample_output, "attendance", capsys)
    counts = {}
    for r in rows:
        counts[(r["meeting_date"], r["status"])] = counts.get((r["meeting_date"], r["status"]), 0) + 1
    assert counts == {
        ("2023-11-24", "present"): 17,
        ("2023-11-24", "absent"): 5,
        ("2025-08-29", "present"): 17,
        ("2025-08-29", "absent"): 6,
    }
    by_key = {(r["meeting_date"], r["person"]): r for r in rows}
    # OCR repairs: "Seren Smalbro ... Hjgrring", "Niels Jargen Pedersen", "(@)", "Leesg"
    assert by_key[("2025-08-29", "Søren Smalbro")]["municipality"] == "Hjørring Kommune"
    assert by_key[("2025-08-29", "Niels Jørgen Pedersen")]["status"] == "absent"
    assert by_key[("2025-08-29", "Anna Aaen")]["party"] == "Ø"
    assert by_key[("2025-08-29", "Tobias Birch Johansen")]["municipality"] == "Læsø Kommune"
    assert by_key[("2025-08-29", "Henning Jørgensen")]["municipality"] == "Brønderslev Kommune"
    assert by_key[("2023-11-24", "Mogens Christen Gade")]["party"] == "V"


def test_agenda_items_cases_titles_and_outcomes(sample_output, capsys):
    rows = query_csv(sample_output, "agenda", capsys)
    by_meeting: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_meeting.setdefault(r["meeting_date"], []).append(r)
    assert [r["item"] for r in by_meeting["2025-08-29"]] == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "6.1"]
    assert {r["case_number"] for r in by_meeting["2025-08-29"]} == {"SAG-2025-03133"}
    ocr_titles = {r["item"]: r for r in by_meeting["2025-08-29"]}
    assert ocr_titles["3.3"]["title"] == "Fordeling af lærepladser på SOSU-uddannelserne for 2026"
    assert ocr_titles["3.3"]["outcome"] == "approved"
    assert ocr_titles["2.1"]["outcome"] == "noted"
    minutes_2023 = {r["item"]: r for r in by_meeting["2023-11-24"]}
    assert minutes_2023["3.1"]["case_number"] == "SAG-2023-03908"
    assert minutes_2023["5"]["title"] == "Eventuelt"
    minutes_2021 = {r["item"]: r for r in by_meeting["2021-09-03"]}
    assert minutes_2021["4.1"]["outcome"] == "appointed"
    agenda = by_meeting["2024-09-20"]
    assert len(agenda) == 12 and all(r["outcome"] == "" for r in agenda)
    assert agenda[3]["title"] == "National Klimaalliance – status for indsatser"


def test_json_format_is_a_list_of_objects(sample_output, capsys):
    assert main(["query", "people", "--graph", str(sample_output / "graph.ttl"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and set(data[0]) == {"name"}


def test_query_text_and_unknown_query(sample_output, capsys):
    graph = str(sample_output / "graph.ttl")
    assert main(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?m a kkr:Meeting }", "--graph", graph, "--format", "csv"]) == 0
    assert int(capsys.readouterr().out.splitlines()[1]) >= 4
    assert main(["query", "no-such-query", "--graph", graph]) == 2
    assert "unknown query" in capsys.readouterr().err


def test_organisation_aliases_come_in_one_order_on_every_engine(sample_kg):
    """GROUP_CONCAT's order is unspecified in SPARQL: the query fixes it, so CSVs of two builds diff cleanly."""
    from kkrgraph.queries import resolve_query, run_query

    oxigraph = [tuple(row) for row in sample_kg.sparql("organisations").rows]
    rdflib = [tuple(row) for row in run_query(sample_kg.graph, resolve_query("organisations")).rows]
    assert oxigraph == rdflib
    with_aliases = [aliases.split("; ") for _, aliases in oxigraph if aliases]
    assert len(with_aliases) > 10 and all(aliases == sorted(aliases) for aliases in with_aliases)
