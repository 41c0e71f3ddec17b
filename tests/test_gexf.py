"""GEXF 1.3: parses with networkx, passes a schema-aware check, and carries types, colours, weights, dates."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kkrgraph.export.gexf import GEXF_NS, VIZ_NS, colours, generate_gexf, write_gexf
from kkrgraph.export.network import VIEWS

G = f"{{{GEXF_NS}}}"
V = f"{{{VIZ_NS}}}"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHECK = {
    "integer": lambda v: re.fullmatch(r"-?\d+", v),
    "double": lambda v: float(v) is not None,
    "boolean": lambda v: v in ("true", "false"),
    "string": lambda v: True,
}


def check_gexf(text: str) -> ET.Element:
    """A GEXF 1.3 check: namespaces, version, required elements, declared and well-typed attvalues."""
    root = ET.fromstring(text)
    assert root.tag == f"{G}gexf" and root.get("version") == "1.3"
    assert f'xmlns:viz="{VIZ_NS}"' in text
    graph = root.find(f"{G}graph")
    assert graph is not None
    assert graph.get("defaultedgetype") in ("directed", "undirected")
    declared = {}
    for attributes in graph.findall(f"{G}attributes"):
        assert attributes.get("class") in ("node", "edge")
        for attribute in attributes.findall(f"{G}attribute"):
            assert attribute.get("type") in _CHECK, attribute.attrib
            declared[attributes.get("class"), attribute.get("id")] = attribute.get("type")
    nodes, edges = graph.find(f"{G}nodes"), graph.find(f"{G}edges")
    assert nodes is not None and edges is not None
    ids = set()
    for element, cls in [(n, "node") for n in nodes.findall(f"{G}node")] + [(e, "edge") for e in edges.findall(f"{G}edge")]:
        assert element.get("id"), element.attrib
        assert element.get("id") not in ids
        ids.add(element.get("id"))
        for value in element.iter(f"{G}attvalue"):
            xml_type = declared.get((cls, value.get("for")))
            assert xml_type is not None, f"undeclared {cls} attribute {value.get('for')!r}"
            assert _CHECK[xml_type](value.get("value")), (value.attrib, xml_type)
        for key in ("start", "end"):
            if element.get(key) is not None:
                assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
                assert DATE.match(element.get(key)), element.attrib
    node_ids = {n.get("id") for n in nodes.findall(f"{G}node")}
    for node in nodes.findall(f"{G}node"):
        assert node.get("label")
        colour = node.find(f"{V}color")
        assert colour is not None and all(0 <= int(colour.get(c)) <= 255 for c in "rgb")
        assert float(node.find(f"{V}size").get("value")) > 0
    for edge in edges.findall(f"{G}edge"):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert float(edge.get("weight")) > 0
    return root


@pytest.fixture(scope="module")
def gexf_texts(sample_kg):
    return {view: "".join(generate_gexf(sample_kg.to_networkx(view))) for view in VIEWS}


def _attvalues(element) -> dict:
    return {v.get("for"): v.get("value") for v in element.iter(f"{G}attvalue")}


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_is_valid_gexf_13_and_reads_back(gexf_texts, sample_kg, view):
    text = gexf_texts[view]
    check_gexf(text)
    network = sample_kg.to_networkx(view)
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert set(back.nodes) == set(network.nodes)
    assert back.number_of_edges() == network.number_of_edges()


def test_full_gexf_types_colours_weights_dates_labels(gexf_texts):
    root = check_gexf(gexf_texts["full"])
    graph = root.find(f"{G}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in graph.iter(f"{G}node")}
    by_label = {n.get("label"): n for n in nodes.values()}
    meeting = by_label["KKR Nordjylland 20-09-2024"]
    assert _attvalues(meeting)["type"] == "meeting"
    assert meeting.get("start") == "2024-09-20"
    per = by_label["Per Bach-Laursen"]
    values = _attvalues(per)
    assert int(values.pop("mentions")) >= 1
    assert values == {"type": "person", "party": "V", "municipality": "Vesthimmerlands Kommune"}
    assert per.get("id") == "https://w3id.org/kkrgraph/id/person/per-bach-laursen"
    r, g, b = (int(per.find(f"{V}color").get(c)) for c in "rgb")
    assert f"#{r:02X}{g:02X}{b:02X}" == colours()["types"]["person"].upper()
    items = [n for n in nodes.values() if _attvalues(n).get("type") == "agenda item"]
    assert items and all(_attvalues(n).get("case_number", "").startswith("SAG-") for n in items if "case_number" in _attvalues(n))
    assert any(n.get("label").startswith("2.3 ") for n in items)
    brn = by_label["Business Region North Denmark"].get("id")
    role_edges = [e for e in graph.iter(f"{G}edge") if e.get("source") == per.get("id") and e.get("target") == brn]
    assert len(role_edges) == 1
    edge = role_edges[0]
    assert edge.get("label") == "holds role in" and float(edge.get("weight")) == 3.0 and edge.get("start") == "2023-11-24"
    assert _attvalues(edge) == {"type": "holds role in", "role": "formand"}
    # attended edges start on the meeting's date
    for edge in graph.iter(f"{G}edge"):
        if edge.get("label") == "attended":
            assert edge.get("start") == nodes[edge.get("target")].get("start")


def test_party_colours_when_asked(sample_kg):
    text = "".join(generate_gexf(sample_kg.to_networkx("co-attendance"), by_party=True))
    root = check_gexf(text)
    for node in root.iter(f"{G}node"):
        party = _attvalues(node).get("party")
        if party in colours()["parties"]:
            r, g, b = (int(node.find(f"{V}color").get(c)) for c in "rgb")
            assert f"#{r:02X}{g:02X}{b:02X}" == colours()["parties"][party].upper()


def test_escaping_and_deterministic_output(tmp_path):
    net = nx.MultiDiGraph(view="test")
    net.add_node("b", label='Tom & "Jerry" <x>', type="person", score=1.5)
    net.add_node("a", label="Anna", type="person", active=True)
    net.add_edge("b", "a", key="x", type="mentions", weight=2, start="2024-01-02")
    text = "".join(generate_gexf(net))
    root = check_gexf(text)
    assert [n.get("id") for n in root.iter(f"{G}node")] == ["a", "b"]
    assert root.find(f".//{G}node[@id='b']").get("label") == 'Tom & "Jerry" <x>'
    declared = {a.get("id"): a.get("type") for a in root.iter(f"{G}attribute")}
    assert declared["score"] == "double" and declared["active"] == "boolean"
    write_gexf(net, tmp_path / "one.gexf")
    buffer = io.BytesIO()
    write_gexf(net, buffer)
    assert (tmp_path / "one.gexf").read_bytes() == buffer.getvalue() == text.encode("utf-8")


def test_reexport_is_byte_identical(sample_output, tmp_path):
    from kkrgraph.cli import main

    graph = sample_output / "graph.ttl"
    first, second = tmp_path / "a.gexf", tmp_path / "b.gexf"
    assert main(["export", "gexf", "--graph", str(graph), "--view", "co-attendance", "--out", str(first)]) == 0
    assert main(["export", "gexf", "--graph", str(graph), "--view", "co-attendance", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    check_gexf((sample_output / "graph.gexf").read_text("utf-8"))


def test_the_builds_full_view_is_written_as_networkx_would_have_it(sample_output):
    """The build writes the full view from plain data; the file is the one its networkx graph gives."""
    from kkrgraph.export.network import full_view, network_view

    ntriples = sample_output / "graph.nt"
    plain = "".join(generate_gexf(full_view(ntriples)))
    assert plain == "".join(generate_gexf(network_view(ntriples, "full")))
    assert plain == (sample_output / "graph.gexf").read_text("utf-8")
    assert 'kind="mentions"' in plain and 'kind="attended"' in plain


def test_writing_the_builds_gexf_does_not_import_networkx(sample_output, tmp_path):
    """networkx takes a fifth of a second to import: the build's GEXF writer does without it."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from kkrgraph.export import export_graph; "
        f"export_graph(Path({str(sample_output / 'graph.nt')!r}), 'gexf', Path({str(tmp_path / 'g.gexf')!r})); "
        "print('networkx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "g.gexf").read_bytes() == (sample_output / "graph.gexf").read_bytes()
