"""The parallel corpus-wide step: linking in chunks, range merges, claims decided before the chunks run."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from samples import agenda_of, meeting_text

from kkrgraph.api import KnowledgeGraph
from kkrgraph.graph import assemble
from kkrgraph.graph.build import claim_winners

_LINE = st.text(alphabet="<>abcæøå\"\\ .", min_size=0, max_size=12).map(lambda text: text.encode("utf-8") + b"\n")


@given(st.lists(_LINE, max_size=60, unique=True), st.one_of(st.none(), _LINE), st.one_of(st.none(), _LINE))
def test_range_reads_exactly_the_lines_between_the_limits(lines, low, high):
    lines.sort()
    handle = io.BytesIO(b"".join(lines))
    got = list(assemble._range(handle, low, high))
    assert got == [line for line in lines if (low is None or line >= low) and (high is None or line < high)]


def test_boundaries_cut_samples_into_ascending_ranges():
    limits = assemble._boundaries([b"d", b"a", b"c", b"b", b"e", b"f", b"g", b"h"], 4)
    assert limits == [None, b"c", b"e", b"g", None]
    assert assemble._boundaries([], 4) == [None, None]


def test_first_document_in_build_order_wins_each_claim():
    winners = claim_winners([("minutes", ("item 1", "participants m")), ("agenda", ("item 1", "item 2"))])
    assert winners == {"item 1": "minutes", "participants m": "minutes", "item 2": "agenda"}


def test_chunked_parallel_assembly_is_byte_identical(tmp_path, monkeypatch):
    """One document per chunk and several ranges: the agenda and minutes of a meeting land in different chunks
    and workers, and the minutes still win the items and the attendance list."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    minutes = meeting_text()
    (corpus / "a-dagsorden.txt").write_text(agenda_of(minutes), "utf-8")
    (corpus / "b-referat.txt").write_text(minutes, "utf-8")
    for day in range(1, 9):
        other = minutes.replace("5. marts 2024", f"{day}. juni 2023").replace("SAG-2024-001", f"SAG-2023-00{day}")
        (corpus / f"c-{day}.txt").write_text(other, "utf-8")
    plain = KnowledgeGraph.build([corpus], jobs=1)
    monkeypatch.setattr(assemble, "MIN_CHUNK", 1)
    monkeypatch.setattr(assemble, "CHUNK_DOCUMENTS", 1)
    monkeypatch.setattr(assemble, "SAMPLE_EVERY", 7)
    chunked = KnowledgeGraph.build([corpus], jobs=2)
    assert chunked.ntriples_file().read_bytes() == plain.ntriples_file().read_bytes()
    rows = chunked.sparql(
        "SELECT ?p WHERE { ?m dcterms:date ?d FILTER(STR(?d) = '2024-03-05') . ?x kkr:meeting ?m ; kkr:participant ?p }"
    ).rows
    assert len(rows) == 4  # three present and one absent, written once (by the minutes)


def test_output_writers_in_fresh_processes_write_the_same_files(sample_output, tmp_path, monkeypatch):
    """A large graph's writers start as fresh processes (not forks carrying the build's memory): same files."""
    import kkrgraph.export as export

    monkeypatch.setattr(export, "FRESH_PROCESS_BYTES", 0)
    assert export._start_method(sample_output / "graph.nt") != "fork"
    written = export.write_outputs(sample_output / "graph.nt", tmp_path, ("ttl", "nt", "gexf"), jobs=2)
    for path in written:
        assert path.read_bytes() == (sample_output / path.name).read_bytes()
