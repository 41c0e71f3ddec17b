"""Output of a built graph: RDF serialisations and network formats, every file written atomically.

Everything is written from the graph's sorted N-Triples file (see :meth:`kkrgraph.api.KnowledgeGraph.ntriples_file`),
streaming, so output costs little memory whatever the size of the corpus. ``graph.sqlite`` holds every named
query's result (:mod:`kkrgraph.queries.tables`), which ``kkrgraph query`` reads instead of running SPARQL while
``graph.manifest.json``, written last, shows the tables belong to the graph queried.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from kkrgraph.export.files import atomic_path, atomic_writer
from kkrgraph.export.rdf import write_jsonld, write_turtle

if TYPE_CHECKING:
    from kkrgraph.export.pieces import Pieces

__all__ = ["BUILD_FORMATS", "FORMATS", "export_graph", "write_outputs"]

FORMATS = ("gexf", "graphml", "jsonld", "nt", "sqlite", "ttl")
BUILD_FORMATS = ("ttl", "nt", "gexf", "sqlite")  # what `kkrgraph build` writes unless told otherwise


def _write_network(ntriples: Path, fmt: str, out: Path, view: str, pieces: Pieces | None = None) -> None:
    from kkrgraph.export.gexf import write_gexf
    from kkrgraph.export.network import full_view, network_view

    if fmt == "gexf":  # the full view is written from plain data: no networkx (0.2 s to import) in the build
        write_gexf(full_view(ntriples, pieces) if view == "full" else network_view(ntriples, view, pieces), out)
        return
    import networkx as nx

    with atomic_writer(out, "wb") as handle:
        nx.write_graphml(network_view(ntriples, view, pieces), handle)


def export_graph(ntriples: Path, fmt: str, out: Path, view: str = "full", pieces: Pieces | None = None) -> None:
    """Write the graph in the sorted N-Triples file ``ntriples`` as ``fmt`` (see :data:`FORMATS`) to ``out``;
    with the file's ``pieces``, Turtle and the network formats are made a segment at a time."""
    if fmt in ("gexf", "graphml"):
        _write_network(ntriples, fmt, out, view, pieces)
    elif view != "full":
        raise ValueError("--view applies to gexf and graphml only")
    elif fmt == "ttl":
        write_turtle(ntriples, out, pieces)
    elif fmt == "nt":
        _link_or_copy(ntriples, out)
    elif fmt == "jsonld":
        write_jsonld(ntriples, out)
    elif fmt == "sqlite":
        _write(ntriples, fmt, out, pieces)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _link_or_copy(source: Path, out: Path) -> None:
    """``out`` as a hard link to ``source`` where both are on one file system (instant: the graph of a large
    corpus is gigabytes, and nothing ever writes into either file), else a copy; ``out`` is replaced atomically."""
    if source.resolve() == out.resolve():
        return
    with atomic_path(out) as temporary:
        temporary.unlink()
        try:
            os.link(source, temporary)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(source, temporary)


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


def _write(ntriples: Path, fmt: str, path: Path, pieces: Pieces | None = None) -> str:
    """Write one output; the tables' writer returns the graph's SHA-256 for the manifest."""
    if fmt == "sqlite":
        from kkrgraph.queries.tables import write_tables  # it reads the graph with this package's helpers

        return write_tables(ntriples, path, pieces)
    export_graph(ntriples, fmt, path, pieces=pieces)
    return ""


def write_outputs(
    ntriples: Path,
    out_dir: Path,
    formats: tuple[str, ...] = BUILD_FORMATS,
    jobs: int | None = None,
    store: Path | str | None = None,
    pieces: Pieces | None = None,
) -> list[Path]:
    """The files ``kkrgraph build`` writes, ``graph.<format>``: by default Turtle, sorted N-Triples, GEXF and the
    named queries' tables (SQLite), then ``graph.manifest.json`` if the tables were written.

    Each file is written from ``ntriples`` alone, so the slow ones (Turtle, GEXF, the tables, ...) are written
    at the same time in up to ``jobs`` worker processes (default: the machine's cores). The manifest records
    every file written (and ``store``, the Oxigraph store the build wrote, if any) once all are in place.
    ``pieces`` (the build's segments of ``ntriples``) lets Turtle, GEXF and the tables be made a segment at a
    time and, with a cache, remake only the segments a rebuild changed.

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
        digests = [_write(ntriples, fmt, path, pieces) for fmt, path in targets]
    else:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(_start_method(ntriples))) as pool:
            pending = [pool.submit(_write, ntriples, fmt, path, pieces) for fmt, path in slow]
            digests = [_write(ntriples, fmt, path) for fmt, path in targets if fmt == "nt"]
            digests += [future.result() for future in pending]  # an exporter's error (a full disk, ...) is raised here
    written = [path for _, path in targets]
    if "sqlite" in formats:
        from kkrgraph.queries.tables import write_manifest

        write_manifest(out_dir, written, max(digests), None if store is None else Path(store))
    return written
