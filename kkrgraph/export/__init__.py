"""Output of a built graph: RDF serialisations and network formats, every file written atomically."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kkrgraph.export.files import atomic_writer
from kkrgraph.export.gexf import write_gexf
from kkrgraph.export.network import network_view
from kkrgraph.export.rdf import write_jsonld, write_ntriples, write_turtle

__all__ = ["export_graph", "write_outputs"]


def _write_network(graph: Graph, fmt: str, out: Path, view: str) -> None:
    import networkx as nx

    network = network_view(graph, view)
    if fmt == "gexf":
        write_gexf(network, out)
        return
    with atomic_writer(out, "wb") as handle:
        nx.write_graphml(network, handle)


def export_graph(graph: Graph, fmt: str, out: Path, view: str = "full") -> None:
    """Write ``graph`` as ``fmt`` (ttl, nt, jsonld, gexf, graphml) to ``out``."""
    if fmt in ("gexf", "graphml"):
        _write_network(graph, fmt, out, view)
    elif view != "full":
        raise ValueError("--view applies to gexf and graphml only")
    elif fmt == "ttl":
        write_turtle(graph, out)
    elif fmt == "nt":
        write_ntriples(graph, out)
    elif fmt == "jsonld":
        write_jsonld(graph, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def write_outputs(graph: Graph, out_dir: Path) -> list[Path]:
    """The files ``kkrgraph build`` writes: graph.ttl, graph.nt (sorted), graph.jsonld and graph.gexf."""
    written = []
    for name, fmt in (("graph.ttl", "ttl"), ("graph.nt", "nt"), ("graph.jsonld", "jsonld"), ("graph.gexf", "gexf")):
        export_graph(graph, fmt, out_dir / name)
        written.append(out_dir / name)
    return written
