"""A self-contained explorer page: one HTML file with the graph as JSON, its script and style inline.

Nothing is fetched at view time (no server, no CDN): open ``index.html`` from disk. The page draws the
network with a small force layout on a canvas, finds names as you type and, for a clicked node, lists its
roles, meetings and mentions, each with the source sentence (``kkr:quote``) and document it was read from.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kkrgraph.export.files import atomic_writer
from kkrgraph.export.gexf import colours
from kkrgraph.export.network import network_view

__all__ = ["explorer_data", "write_explorer"]

_ROLES = """
SELECT ?who ?org ?role ?date ?quote ?source WHERE {
  ?ms a org:Membership ; org:member ?who ; org:role/skos:notation ?role ; kkr:statedAt ?m ;
      kkr:quote ?quote ; prov:wasDerivedFrom/kkr:sourceFile ?source .
  OPTIONAL { ?ms org:organization ?org }
  OPTIONAL { ?m dcterms:date ?date }
} ORDER BY ?date ?role"""

_ATTENDANCE = """
SELECT ?who ?meeting ?status ?date ?quote ?source WHERE {
  ?p a kkr:Participation ; kkr:participant ?who ; kkr:meeting ?meeting ; kkr:status/skos:notation ?status ;
     kkr:quote ?quote ; prov:wasDerivedFrom/kkr:sourceFile ?source .
  OPTIONAL { ?meeting dcterms:date ?date }
} ORDER BY ?date"""

_MENTIONS = """
SELECT ?item ?entity ?date ?quote ?source WHERE {
  ?x a kkr:Mention ; kkr:item ?item ; kkr:mentionOf ?entity ; kkr:quote ?quote ;
     prov:wasDerivedFrom/kkr:sourceFile ?source .
  ?item kkr:meeting ?m . OPTIONAL { ?m dcterms:date ?date }
} ORDER BY ?date ?item"""

_DECISIONS = """
SELECT ?item ?text ?source WHERE {
  ?item kkr:decision ?d . ?d kkr:decisionText ?text ; prov:wasDerivedFrom/kkr:sourceFile ?source .
}"""


def _rows(graph: Graph, query: str):
    from kkrgraph.queries import resolve_query

    for row in graph.query(resolve_query(query)):
        yield {key: "" if row[key] is None else str(row[key]) for key in row.labels}


def explorer_data(graph: Graph) -> dict:
    """The page's data: nodes (id, label, type, colour, attributes), edges, and per-node facts with quotes.

    Facts are grouped per node under ``roles``, ``meetings`` and ``mentions``; each has a ``text`` (what
    was stated), ``date``, ``quote`` (the source sentence), ``source`` (file name) and ``other`` (the
    node on the other end, if it is in the network).
    """
    network = network_view(graph, "full")
    label = {n: d.get("label", n) for n, d in network.nodes(data=True)}
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def add(node: str, group: str, text: str, row: dict, other: str = "") -> None:
        if node in label:
            fact = {"text": text, "date": row.get("date", ""), "quote": row["quote"], "source": row["source"]}
            if other in label:
                fact["other"] = other
            facts[node][group].append(fact)

    for row in _rows(graph, _ROLES):
        org = label.get(row["org"], "")
        add(row["who"], "roles", f"{row['role']}, {org}" if org else row["role"], row, row["org"])
        add(row["org"], "roles", f"{label.get(row['who'], '')}: {row['role']}", row, row["who"])
    for row in _rows(graph, _ATTENDANCE):
        status = "present at" if row["status"] == "present" else "absent from"
        add(row["who"], "meetings", f"{status} {label.get(row['meeting'], '')}", row, row["meeting"])
        add(row["meeting"], "meetings", f"{label.get(row['who'], '')}: {row['status']}", row, row["who"])
    for row in _rows(graph, _MENTIONS):
        add(row["entity"], "mentions", f"named in {label.get(row['item'], '')}", row, row["item"])
        add(row["item"], "mentions", f"names {label.get(row['entity'], '')}", row, row["entity"])
    for row in _rows(graph, _DECISIONS):
        add(row["item"], "decision", "decision", {"quote": row["text"], "source": row["source"]})

    nodes = []
    for node, data in sorted(network.nodes(data=True)):
        attrs = {k: v for k, v in data.items() if k not in ("label", "type", "start") and v != ""}
        nodes.append(
            {
                "id": node,
                "label": data.get("label", node),
                "type": data.get("type", ""),
                "colour": colours()["types"].get(data.get("type", ""), colours()["fallback"]),
                "attrs": attrs,
                "facts": {group: items for group, items in sorted(facts.get(node, {}).items())},
            }
        )
    edges = [
        {"source": s, "target": t, "type": d.get("type", ""), "weight": d.get("weight", 1)}
        for s, t, d in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("type", "")))
    ]
    return {"nodes": nodes, "edges": edges, "types": colours()["types"]}


def _asset(name: str) -> str:
    return (resources.files("kkrgraph") / "export" / name).read_text("utf-8")


def write_explorer(graph: Graph, out_dir: Path | str) -> Path:
    """Write ``index.html`` (the explorer, self-contained) into ``out_dir`` and return its path."""
    data = json.dumps(explorer_data(graph), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # a quote containing "</script>" must not end the data block
    script = _asset("explorer.js").replace("</", "<\\/")
    page = _asset("explorer.html").replace("/*EXPLORER_JS*/", script).replace("/*GRAPH_JSON*/", data)
    out = Path(out_dir) / "index.html"
    with atomic_writer(out) as handle:
        handle.write(page)
    return out
