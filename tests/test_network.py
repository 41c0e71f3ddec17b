"""Network views of the sample corpus: each view checked on a known edge, expectations from the named queries."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import pytest

from kkrgraph.export.network import EDGE_TYPES, NODE_TYPES, VIEWS, network_view


@pytest.fixture(scope="module")
def views(sample_kg):
    return {view: sample_kg.to_networkx(view) for view in VIEWS}


def _by_label(network: nx.Graph, label: str) -> str:
    found = [n for n, d in network.nodes(data=True) if d.get("label") == label]
    assert len(found) == 1, f"{label!r}: {found}"
    return found[0]


def test_unknown_view_is_refused(sample_kg):
    with pytest.raises(ValueError, match="unknown view 'nope'"):
        network_view(sample_kg.graph, "nope")


def test_full_view_types_labels_and_ids(views):
    full = views["full"]
    assert isinstance(full, nx.MultiDiGraph)
    node_types = {d["type"] for _, d in full.nodes(data=True)}
    assert node_types <= set(NODE_TYPES)
    assert {"person", "organisation", "municipality", "meeting", "agenda item", "decision"} <= node_types
    edge_types = {d["type"] for *_, d in full.edges(data=True)}
    assert edge_types <= set(EDGE_TYPES)
    assert {"attended", "absent from", "holds role in", "represents", "mentions", "decided on", "part of"} <= edge_types
    assert all(str(n).startswith("https://w3id.org/kkrgraph/id/") for n in full.nodes)
    meeting = _by_label(full, "KKR Nordjylland 20-09-2024")
    assert full.nodes[meeting]["type"] == "meeting" and full.nodes[meeting]["start"] == "2024-09-20"
    labels = {d["label"] for _, d in full.nodes(data=True) if d["type"] == "agenda item"}
    assert any(label.startswith("2.3 ") for label in labels)


def test_full_view_attendance_matches_query(sample_kg, views):
    full = views["full"]
    rows = sample_kg.sparql("attendance").records()
    for row in rows:
        person = _by_label(full, row["person"])
        meeting = next(m for m, d in full.nodes(data=True) if d["type"] == "meeting" and d.get("date") == row["meeting_date"])
        kind = "attended" if row["status"] == "present" else "absent from"
        edge = full.get_edge_data(person, meeting, key=kind)
        assert edge is not None, row
        assert edge["start"] == row["meeting_date"]


def test_role_edge_counts_statements(views):
    # Read in the documents: "Formand for BRN (Business Region North Denmark), Per Bach-Laursen" is stated in
    # the 2023-11-24 minutes, the 2024-09-20 agenda and the 2025-08-29 minutes: three statements.
    full = views["full"]
    per, brn = _by_label(full, "Per Bach-Laursen"), _by_label(full, "Business Region North Denmark")
    edge = full.get_edge_data(per, brn, key="holds role in:formand")
    assert edge == {"type": "holds role in", "role": "formand", "weight": 3, "start": "2023-11-24"}


def test_person_organisation_view(sample_kg, views):
    po = views["person-organisation"]
    assert {d["type"] for _, d in po.nodes(data=True)} <= {"person", "organisation", "municipality"}
    per, brn = _by_label(po, "Per Bach-Laursen"), _by_label(po, "Business Region North Denmark")
    assert po[per][brn]["role"] == "formand" and po[per][brn]["weight"] == 3
    # every role with an organisation in the `roles` query is an edge of the view, with that role
    for row in sample_kg.sparql("roles").records():
        if row["organisation"]:
            edge = po[_by_label(po, row["person"])][_by_label(po, row["organisation"])]
            assert row["role"] in edge["role"].split("; ")


def test_co_attendance_weights_equal_shared_meetings(sample_kg, views):
    co = views["co-attendance"]
    present = defaultdict(set)
    for row in sample_kg.sparql("attendance").records():
        if row["status"] == "present":
            present[row["meeting_date"]].add(row["person"])
    expected = defaultdict(int)
    for people in present.values():
        for a, b in combinations(sorted(people), 2):
            expected[a, b] += 1
    assert expected, "the sample corpus has attendance lists"
    got = {tuple(sorted((co.nodes[a]["label"], co.nodes[b]["label"]))): d["weight"] for a, b, d in co.edges(data=True)}
    assert got == dict(expected)
    # Read in the documents: both are listed under "Deltagere" in the minutes of 2023-11-24 and 2025-08-29.
    gade, per = _by_label(co, "Mogens Christen Gade"), _by_label(co, "Per Bach-Laursen")
    assert co[gade][per]["weight"] == 2
    assert co[gade][per]["start"] == "2023-11-24"


def test_co_mention_weights_equal_shared_items(sample_kg, views):
    cm = views["co-mention"]
    assert {d["type"] for _, d in cm.nodes(data=True)} <= {"organisation", "municipality"}
    rows = sample_kg.sparql(
        """SELECT DISTINCT ?item ?e WHERE { ?item a kkr:AgendaItem ; kkr:mentions ?e . ?e a org:Organization }"""
    ).records()
    items = defaultdict(set)
    for row in rows:
        items[row["item"]].add(row["e"])
    expected = defaultdict(int)
    for entities in items.values():
        for pair in combinations(sorted(entities), 2):
            expected[pair] += 1
    got = {tuple(sorted((a, b))): d["weight"] for a, b, d in cm.edges(data=True)}
    assert got == dict(expected)
    # Read in the documents: item 2.1 "Siden sidst" of 2023-11-24 names BRN and Erhvervshus Nordjylland.
    brn, ehnj = _by_label(cm, "Business Region North Denmark"), _by_label(cm, "Erhvervshus Nordjylland")
    assert cm[brn][ehnj]["weight"] >= 1
