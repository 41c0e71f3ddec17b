"""The Python API and the ``who`` report on the sample corpus: lookups by any alias or spelling variant."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

import kkrgraph.api
from kkrgraph.api import Attendance, DecisionRecord, MentionRecord, RoleRecord
from kkrgraph.report import who_report

BRN = "https://w3id.org/kkrgraph/id/organisation/business-region-north-denmark"
PBL = "https://w3id.org/kkrgraph/id/person/per-bach-laursen"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("BRN", "Business Region North Denmark"),
        ("BRN's", "Business Region North Denmark"),
        ("Business Region North", "Business Region North Denmark"),
        ("Per Bach Laursen", "Per Bach-Laursen"),
        ("per bach-laursen", "Per Bach-Laursen"),
        ("KKR Nordjyllands", "KKR Nordjylland"),
        ("Hjgrring Kommune", "Hjørring Kommune"),
        ("EHNJ", "Erhvervshus Nordjylland"),
        ("Lasse Frimand-Jensen", "Lasse Frimand Jensen"),
    ],
)
def test_find_by_alias_is_find_by_canonical_name(sample_kg, alias, canonical):
    found = sample_kg.find(canonical)
    assert len(found) == 1
    assert sample_kg.find(alias) == found


def test_unknown_name_raises(sample_kg):
    with pytest.raises(LookupError, match="nothing known by the name 'Ingen Sådan Person'"):
        sample_kg.roles("Ingen Sådan Person")


def test_roles_by_alias(sample_kg):
    roles = sample_kg.roles("Per Bach Laursen")
    assert roles == sample_kg.roles("Per Bach-Laursen")
    assert all(isinstance(r, RoleRecord) for r in roles)
    assert [(r.role, r.organisation, r.meeting_date) for r in roles] == [
        ("formand", "Business Region North Denmark", "2023-11-24"),
        ("formand", "Business Region North Denmark", "2024-09-20"),
        ("formand", "Business Region North Denmark", "2025-08-29"),
    ]
    assert all(r.source.endswith(".txt") and "Bach" in r.quote for r in roles)


def test_people_in_by_acronym_and_genitive(sample_kg):
    by_name = sample_kg.people_in("Business Region North Denmark")
    assert by_name == sample_kg.people_in("BRN") == sample_kg.people_in("BRN's")
    assert {r.person for r in by_name} == {"Per Bach-Laursen"}
    kkr = sample_kg.people_in("KKR Nordjyllands")
    assert ("Lasse Frimand Jensen", "formand") in {(r.person, r.role) for r in kkr}


def test_meetings_of_a_person(sample_kg):
    meetings = sample_kg.meetings("Lasse Frimand-Jensen")
    assert meetings == sample_kg.meetings("Lasse Frimand Jensen")
    assert all(isinstance(m, Attendance) for m in meetings)
    assert [(m.meeting_date, m.body, m.status) for m in meetings] == [
        ("2023-11-24", "KKR Nordjylland", "present"),
        ("2025-08-29", "KKR Nordjylland", "present"),
    ]
    assert [m.status for m in sample_kg.meetings("Ulla Vestergaard")] == ["absent", "absent"]


def test_decisions_about(sample_kg):
    decisions = sample_kg.decisions(about="KlimaNord")
    assert all(isinstance(d, DecisionRecord) for d in decisions)
    assert [(d.meeting_date, d.item, d.outcome) for d in decisions] == [
        ("2023-11-24", "3.1", "approved"),
        ("2025-08-29", "2.1", "noted"),
    ]
    assert sample_kg.decisions(about="BRN") == sample_kg.decisions(about="Business Region North Denmark")
    assert any(d.item == "3.6" and d.outcome == "approved" for d in sample_kg.decisions(about="EHNJ"))


def test_mentions_read_the_presenting_flag(sample_kg):
    mentions = sample_kg.mentions("Henrik Aarup-Kristensen")
    assert all(isinstance(m, MentionRecord) for m in mentions)
    presenting = [m for m in mentions if m.presenting]
    assert [(m.meeting_date, m.item) for m in presenting] == [("2025-08-29", "3.5")]
    assert "indledte punktet" in presenting[0].quote
    assert any(not m.presenting for m in mentions)  # named elsewhere without presenting
    assert not any(m.presenting for m in sample_kg.mentions("BRN"))  # organisations do not present


def test_sparql_and_networkx(sample_kg):
    result = sample_kg.sparql("SELECT (COUNT(?p) AS ?n) WHERE { ?p a foaf:Person }")
    assert result.columns == ("n",) and int(result.rows[0][0]) > 20
    network = sample_kg.to_networkx("person-organisation")
    assert isinstance(network, nx.Graph)
    assert network.has_edge(PBL, BRN)
    assert network.nodes[BRN]["label"] == "Business Region North Denmark"


def test_docstring_examples_run_on_the_sample_corpus(sample_kg):
    results = doctest.testmod(kkrgraph.api, extraglobs={"kg": sample_kg}, optionflags=doctest.ELLIPSIS, verbose=False)
    assert results.attempted >= 8
    assert results.failed == 0


def test_validate_docstring_example():
    import kkrgraph.validate

    results = doctest.testmod(kkrgraph.validate, verbose=False)
    assert results.attempted >= 3 and results.failed == 0


# -- who ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Per Bach Laursen", "Per Bach-Laursen"),
        ("BRN", "Business Region North Denmark"),
        ("Hjgrring Kommune", "Hjørring Kommune"),
    ],
)
def test_who_by_alias_equals_who_by_name(sample_kg, alias, canonical):
    assert who_report(sample_kg, alias) == who_report(sample_kg, canonical)


def test_who_person_report_has_every_section_with_sources(sample_kg):
    report = who_report(sample_kg, "Per Bach Laursen")
    assert report.startswith("Per Bach-Laursen (person)\n")
    assert "Also written: Per Bach Laursen" in report
    assert "formand i Business Region North Denmark   2023-11-24 – 2025-08-29 (3 statements)" in report
    assert "Meetings (2 attended, 0 missed)" in report
    assert "Items where mentioned" in report and "presenting  [" in report
    assert "Decisions on items that mention it" in report
    detail = [line for line in report.splitlines() if line.startswith("    ") or line.startswith("  20")]
    assert detail and all(".txt" in line and "“" in line for line in detail)
    assert "[000_126ae2075930ab26.txt, item 2.1]" in report


def test_who_reports_missed_meetings(sample_kg):
    report = who_report(sample_kg, "Ulla Vestergaard")
    assert "Meetings (0 attended, 2 missed)" in report
    assert report.count("missed (afbud)") == 2


def test_who_cli(sample_output, capsys):
    from kkrgraph.cli import main

    assert main(["who", "BRN's", "--graph", str(sample_output / "graph.ttl")]) == 0
    assert capsys.readouterr().out.startswith("Business Region North Denmark (organisation)")
    assert main(["who", "Ingen Sådan", "--graph", str(sample_output / "graph.ttl")]) == 1


def test_built_ntriples_load_without_a_store_and_answer_the_same(sample_output):
    """A build's graph.nt is used as it is (exports stream from it; a query loads a store on demand)."""
    from kkrgraph.api import KnowledgeGraph

    nt = KnowledgeGraph.load(sample_output / "graph.nt")
    assert nt.store is None and nt.ntriples_file() == sample_output / "graph.nt"
    ttl = KnowledgeGraph.load(sample_output / "graph.ttl")
    assert nt.sparql("attendance").rows == ttl.sparql("attendance").rows
    assert nt.ntriples_file().read_bytes() == ttl.ntriples_file().read_bytes()


def test_other_ntriples_are_parsed_and_canonicalised(sample_output, tmp_path):
    from kkrgraph.api import KnowledgeGraph

    lines = (sample_output / "graph.nt").read_text("utf-8").splitlines(keepends=True)
    shuffled = tmp_path / "shuffled.nt"
    shuffled.write_text("".join(reversed(lines)), "utf-8")
    kg = KnowledgeGraph.load(shuffled)
    assert kg.ntriples_file() != shuffled
    assert kg.ntriples_file().read_bytes() == (sample_output / "graph.nt").read_bytes()
