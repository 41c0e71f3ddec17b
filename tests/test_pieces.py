"""Outputs written a segment at a time: the same bytes as one pass over the graph, and a rebuild remakes only
the pieces of the segments a change touched."""

from __future__ import annotations

import hashlib
from itertools import pairwise
from pathlib import Path

import pytest
from samples import meetings_folder

from kkrgraph import export
from kkrgraph.api import KnowledgeGraph
from kkrgraph.export import pieces as pieces_module
from kkrgraph.graph import assemble, segments

FORMATS = ("ttl", "gexf", "sqlite")


@pytest.fixture
def small_segments(monkeypatch):
    """Segments of a few dozen lines, so the sample corpus has many."""
    monkeypatch.setattr(segments, "SEGMENT_LINES", 64)
    monkeypatch.setattr(assemble, "SAMPLE_EVERY", 4)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {fmt: (folder / f"graph.{fmt}").read_bytes() for fmt in ("ttl", "gexf")}


def test_outputs_from_segments_equal_one_pass(small_segments, tmp_path):
    kg = KnowledgeGraph.build(jobs=1)
    assert len(kg.pieces.segments) >= 50
    export.write_outputs(kg.ntriples_file(), tmp_path / "pieces", FORMATS, jobs=1, pieces=kg.pieces)
    export.write_outputs(kg.ntriples_file(), tmp_path / "whole", FORMATS, jobs=1)
    assert _outputs(tmp_path / "pieces") == _outputs(tmp_path / "whole")
    from kkrgraph.queries.tables import compute_tables, read_index

    by_segment = dict(compute_tables(read_index(kg.ntriples_file(), kg.pieces)))
    assert by_segment == dict(compute_tables(read_index(kg.ntriples_file())))
    assert by_segment["attendance"].rows


def _made(monkeypatch) -> list[str]:
    """The kinds of the pieces made (not found kept) from here on."""
    made: list[str] = []
    real = pieces_module.segment_pieces

    def counting(ntriples, where, kind, make):
        def recording(data):
            made.append(kind)
            return make(data)

        return real(ntriples, where, kind, recording)

    monkeypatch.setattr(pieces_module, "segment_pieces", counting)
    return made


def test_rebuild_remakes_only_the_pieces_of_changed_segments(small_segments, tmp_path, monkeypatch):
    corpus, cache = meetings_folder(tmp_path / "corpus", 12), tmp_path / "cache"
    first = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    made = _made(monkeypatch)
    export.write_outputs(first.ntriples_file(), tmp_path / "first", FORMATS, jobs=1, pieces=first.pieces)
    count = len(first.pieces.segments)
    assert made.count("turtle") == made.count("network-records") == made.count("tables") == count >= 20
    changed = corpus / "m-05.txt"
    changed.write_text(changed.read_text("utf-8").replace("Aalborg Rådhus", "Hjørring Rådhus"), "utf-8")
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    made.clear()
    export.write_outputs(again.ntriples_file(), tmp_path / "again", FORMATS, jobs=1, pieces=again.pieces)
    assert 0 < made.count("turtle") == made.count("network-records") == made.count("tables") <= count // 3
    clean = KnowledgeGraph.build([corpus], jobs=1)
    export.write_outputs(clean.ntriples_file(), tmp_path / "clean", FORMATS, jobs=1)
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "clean")
    assert _outputs(tmp_path / "again") != _outputs(tmp_path / "first")
    kept = {path.stem for path in (cache / "exported" / "turtle").glob("*/*.pkl")}
    assert kept == set(again.pieces.segments.digests)  # pieces of segments gone are deleted


def test_graph_digest_is_made_from_segment_digests_that_hash_the_file(small_segments):
    from kkrgraph.export.pieces import Pieces
    from kkrgraph.queries.tables import graph_digest

    kg = KnowledgeGraph.build(jobs=1)
    path, bounds = kg.ntriples_file(), kg.pieces.segments.bounds
    data = path.read_bytes()
    assert tuple(hashlib.sha256(data[a:b]).hexdigest() for a, b in pairwise(bounds)) == kg.pieces.segments.digests
    whole = segments.Segments((), (0, len(data)), (hashlib.sha256(data).hexdigest(),), (data.count(b"\n"),))
    assert graph_digest(path, Pieces(whole)) == graph_digest(path)  # a graph read whole is its one segment
    assert graph_digest(path, kg.pieces) != graph_digest(path)
