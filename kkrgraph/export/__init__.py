"""Output of a built graph: RDF serialisations and network formats, every file written atomically.

Everything is written from the graph's sorted N-Triples file (see :meth:`kkrgraph.api.KnowledgeGraph.ntriples_file`),
streaming, so output costs little memory whatever the size of the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kkrgraph.export.files import atomic_writer
from kkrgraph.export.gexf import write_gexf
from kkrgraph.export.network import network_view
from kkrgraph.export.rdf import write_jsonld, write_turtle

__all__ = ["BUILD_FORMATS", "FORMATS", "export_graph", "write_outputs"]

FORMATS = ("gexf", "graphml", "jsonld", "nt", "ttl")
BUILD_FORMATS = ("ttl", "nt", "gexf")  # what `kkrgraph build` writes unless told otherwise


def _write_network(ntriples: Path, fmt: str, out: Path, view: str) -> None:
    import networkx as nx

    network = network_view(ntriples, view)
    if fmt == "gexf":
        write_gexf(network, out)
        return
    with atomic_writer(out, "wb") as handle:
        nx.write_graphml(network, handle)


def export_graph(ntriples: Path, fmt: str, out: Path, view: str = "full") -> None:
    """Write the graph in the sorted N-Triples file ``ntriples`` as ``fmt`` (see :data:`FORMATS`) to ``out``."""
    if fmt in ("gexf", "graphml"):
        _write_network(ntriples, fmt, out, view)
    elif view != "full":
        raise ValueError("--view applies to gexf and graphml only")
    elif fmt == "ttl":
        write_turtle(ntriples, out)
    elif fmt == "nt":
        with ntriples.open("rb") as source, atomic_writer(out, "wb") as handle:
            shutil.copyfileobj(source, handle, 1 << 20)
    elif fmt == "jsonld":
        write_jsonld(ntriples, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")


FRESH_PROCESS_BYTES = 256 * 2**20  # from this graph size on, writers start as fresh processes


def _start_method(ntriples: Path) -> str:
    """Fork for a small graph (instant); a fresh process for a large one.

    A forked writer starts with the build's memory (the resolved entities of a large corpus: most of a
    gigabyte), to which a network view of a large graph adds as much again; a fresh process costs a second
    of imports but only what it needs.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and ntriples.stat().st_size < FRESH_PROCESS_BYTES:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def write_outputs(
    ntriples: Path, out_dir: Path, formats: tuple[str, ...] = BUILD_FORMATS, jobs: int | None = None
) -> list[Path]:
    """The files ``kkrgraph build`` writes, ``graph.<format>``: by default Turtle, sorted N-Triples and GEXF.

    Each file is written from ``ntriples`` alone, so the slow ones (Turtle, GEXF, ...) are written at the
    same time in up to ``jobs`` worker processes (default: the machine's cores).

    Raises:
        ValueError: an unknown format.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown output format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    targets = [(fmt, out_dir / f"graph.{fmt}") for fmt in dict.fromkeys(formats)]
    slow = [(fmt, path) for fmt, path in targets if fmt != "nt"]
    jobs = min(len(slow), jobs or os.cpu_count() or 1)
    if jobs < 2:
        for fmt, path in targets:
            export_graph(ntriples, fmt, path)
        return [path for _, path in targets]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(_start_method(ntriples))) as pool:
        pending = [pool.submit(export_graph, ntriples, fmt, path) for fmt, path in slow]
        for fmt, path in targets:
            if fmt == "nt":
                export_graph(ntriples, fmt, path)
        for future in pending:
            future.result()  # an exporter's error (a full disk, ...) is raised here
    return [path for _, path in targets]
