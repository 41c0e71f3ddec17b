"""RDF serialisations of the graph: Turtle, sorted N-Triples (byte-identical on rebuild), JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rdflib import Graph

from kkrgraph.export.files import atomic_writer, write_lines

__all__ = ["generate_ntriples", "jsonld_context", "write_jsonld", "write_ntriples", "write_turtle"]


def generate_ntriples(graph: Graph) -> Iterator[str]:
    """Yield the graph as N-Triples lines in sorted order (stable across builds; blank nodes are not used)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    for line in sorted(line for line in text.splitlines() if line.strip()):
        yield line + "\n"


def write_ntriples(graph: Graph, path: Path | str) -> None:
    """Write sorted N-Triples atomically."""
    write_lines(generate_ntriples(graph), path)


def write_turtle(graph: Graph, path: Path | str) -> None:
    """Write Turtle atomically."""
    data = graph.serialize(format="turtle", encoding="utf-8")
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def jsonld_context() -> dict:
    """The published JSON-LD context (``ontology/context.jsonld``, bundled in the package)."""
    return json.loads((resources.files("kkrgraph") / "ontology" / "context.jsonld").read_text("utf-8"))


def write_jsonld(graph: Graph, path: Path | str) -> None:
    """Write JSON-LD compacted with the kkrgraph context, atomically."""
    context = jsonld_context()["@context"]
    data = graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
