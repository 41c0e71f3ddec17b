"""The parallel corpus-wide step: linking in chunks, range merges, claims decided before the chunks run."""

from __future__ import annotations

import hashlib
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from samples import agenda_of, meeting_text, meetings_folder

from kkrgraph.api import KnowledgeGraph
from kkrgraph.graph import assemble, segments
from kkrgraph.graph.build import claim_winners

_LINE = st.text(alphabet='<>abcæøå"\\ .', min_size=0, max_size=12).map(lambda text: text.encode("utf-8") + b"\n")


@given(st.lists(_LINE, max_size=60, unique=True), st.one_of(st.none(), _LINE), st.one_of(st.none(), _LINE))
def test_range_reads_exactly_the_lines_between_the_limits(lines, low, high):
    lines.sort()
    handle = io.BytesIO(b"".join(lines))
    got = list(assemble._range(handle, low, high))
    assert got == [line for line in lines if (low is None or line >= low) and (high is None or line < high)]


def test_segments_are_cut_between_subjects(monkeypatch):
    monkeypatch.setattr(segments, "SEGMENT_LINES", 4)
    lines = sorted(f"<s{n // 3}> <p> <o{n}> .\n".encode() for n in range(24))
    cuts = segments.cut_keys(lines[::2], len(lines))
    assert len(cuts) >= 4
    assert all(cut.endswith(b"> ") and cut.startswith(b"<s") for cut in cuts)
    for cut in cuts:  # a subject's lines all fall on one side of every cut
        subject = cut[:-1]
        assert all((line >= cut) for line in lines if line.startswith(subject + b" "))
    assert segments.cut_keys(lines, 5) == ()


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


def _relinked(monkeypatch) -> list[str]:
    """The documents linked from here on (a chunk found in the cache is not linked)."""
    seen: list[str] = []
    real = assemble.Linker.document

    def counting(self, graph):
        seen.append(graph.source)
        return real(self, graph)

    monkeypatch.setattr(assemble.Linker, "document", counting)
    return seen


def _fingerprinted(monkeypatch) -> list[list[str]]:
    """The chunks (their documents) whose fingerprint is computed from here on."""
    seen: list[list[str]] = []
    real = assemble._fingerprint

    def counting(inputs, documents, references):
        seen.append([document.source for document in documents])
        return real(inputs, documents, references)

    monkeypatch.setattr(assemble, "_fingerprint", counting)
    return seen


def test_rebuild_links_again_only_the_chunk_that_changed(tmp_path, monkeypatch):
    corpus, cache = meetings_folder(tmp_path / "corpus", 6), tmp_path / "cache"
    monkeypatch.setattr(assemble, "CHUNK_DOCUMENTS", 1)  # a chunk per document
    KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    changed = corpus / "m-03.txt"
    changed.write_text(changed.read_text("utf-8").replace("Aalborg Rådhus", "Aalborg  Rådhus"), "utf-8")
    relinked, fingerprinted = _relinked(monkeypatch), _fingerprinted(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert relinked == ["m-03.txt"]
    assert fingerprinted == [["m-03.txt"]]  # no entity changed: the other chunks' quick keys held
    clean = KnowledgeGraph.build([corpus], jobs=1)  # bound: its graph file lives as long as it does
    assert again.ntriples_file().read_bytes() == clean.ntriples_file().read_bytes()
    runs = [run for run in (cache / "linked").glob("*.nt") if run.name != "graph.nt"]
    assert len(runs) == 7  # six chunks and the entities: the changed chunk's old run is gone


def _merged_segments(monkeypatch) -> list[int]:
    """How many segments each merge from here on writes."""
    counts: list[int] = []
    real = assemble._merge

    def counting(inputs, task):
        found = real(inputs, task)
        counts.append(len(found))
        return found

    monkeypatch.setattr(assemble, "_merge", counting)
    return counts


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["copy_file_range", "blocks"])
def test_rebuild_merges_again_only_the_segments_the_change_touched(tmp_path, monkeypatch, kernel_copy):
    """Segments of a few lines: the first build merges them all, the rebuild only those holding a line that
    changed (the rest is copied from the graph kept, by the kernel or where it cannot in blocks), and the
    graph is the one a clean build writes."""
    if not kernel_copy:

        def refuse(*args):
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(assemble.os, "copy_file_range", refuse, raising=False)
    corpus, cache = meetings_folder(tmp_path / "corpus", 12), tmp_path / "cache"
    monkeypatch.setattr(segments, "SEGMENT_LINES", 64)
    monkeypatch.setattr(assemble, "SAMPLE_EVERY", 4)
    monkeypatch.setattr(assemble, "CHUNK_DOCUMENTS", 1)  # a chunk per document
    merged = _merged_segments(monkeypatch)
    first = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    total = sum(merged)
    assert total >= 20 and total == len(first.pieces.segments)
    changed = corpus / "m-05.txt"
    changed.write_text(changed.read_text("utf-8").replace("Aalborg Rådhus", "Hjørring Rådhus"), "utf-8")
    merged.clear()
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert 0 < sum(merged) <= total // 3
    assert again.pieces.segments.cuts == first.pieces.segments.cuts
    clean = KnowledgeGraph.build([corpus], jobs=1)
    assert again.ntriples_file().read_bytes() == clean.ntriples_file().read_bytes()
    data, cut = again.ntriples_file().read_bytes(), again.pieces.segments
    for index, digest in enumerate(cut.digests):  # the copied segments are what was noted
        segment = data[cut.bounds[index] : cut.bounds[index + 1]]
        assert hashlib.sha256(segment).hexdigest() == digest
        assert segment.count(b"\n") == cut.lines[index]


def test_rebuild_links_again_every_chunk_whose_entities_changed(tmp_path, monkeypatch):
    """A document that respells a member changes the member's canonical name and aliases: every chunk naming
    the member is linked again (a kept chunk would bring the old description with it)."""
    corpus, cache = meetings_folder(tmp_path / "corpus", 4), tmp_path / "cache"
    monkeypatch.setattr(assemble, "CHUNK_DOCUMENTS", 1)
    KnowledgeGraph.build([corpus], jobs=2, cache_dir=cache)
    changed = corpus / "m-04.txt"
    changed.write_text(changed.read_text("utf-8").replace("Christen Gade", "Christen-Gade"), "utf-8")
    relinked, fingerprinted = _relinked(monkeypatch), _fingerprinted(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert sorted(relinked) == ["m-01.txt", "m-02.txt", "m-03.txt", "m-04.txt"]
    assert len(fingerprinted) == 4  # an entity changed: no quick key held
    clean = KnowledgeGraph.build([corpus], jobs=1)  # bound: its graph file lives as long as it does
    assert again.ntriples_file().read_bytes() == clean.ntriples_file().read_bytes()
    assert "Mogens Christen-Gade" in again.ntriples_file().read_text("utf-8")


def test_chunk_ends_depend_on_the_documents_not_on_their_number():
    """Adding a document changes the chunk it falls in, and no other."""

    class Doc:
        def __init__(self, number: int) -> None:
            self.sha256 = f"{number * 2654435761 % 2**32:08x}"

    documents = [Doc(n) for n in range(400)]
    before = assemble._chunks(documents)
    after = assemble._chunks([*documents[:200], Doc(1000), *documents[200:]])
    assert 4 < len(before) < 100 and max(map(len, before)) <= assemble.CHUNK_DOCUMENTS
    assert len(set(before) ^ set(after)) == 2  # one chunk out, one in
    many = assemble._chunks([Doc(n) for n in range(10_000)])  # small chunks: a change relinks few documents
    assert 10_000 // (2 * assemble.AVERAGE_CHUNK) < len(many) < 2 * 10_000 // assemble.AVERAGE_CHUNK
    huge = assemble._chunks([Doc(n) for n in range(100_000)])  # larger chunks: fewer runs to merge at once
    assert len(huge) < 100_000 // assemble.AVERAGE_CHUNK // 2


def test_a_merge_may_open_more_runs_than_the_soft_limit_allows():
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 512:
        pytest.skip("hard limit too low to test")
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
    try:
        assemble._allow_open_files(400)
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (400, hard)
        assemble._allow_open_files(300)  # never lowered
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (400, hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_output_writers_in_fresh_processes_write_the_same_files(sample_output, tmp_path, monkeypatch):
    """A large graph's writers start as fresh processes (not forks carrying the build's memory): same files."""
    import kkrgraph.export as export

    monkeypatch.setattr(export, "FRESH_PROCESS_BYTES", 0)
    assert export._start_method(sample_output / "graph.nt") != "fork"
    written = export.write_outputs(sample_output / "graph.nt", tmp_path, ("ttl", "nt", "gexf"), jobs=2)
    for path in written:
        assert path.read_bytes() == (sample_output / path.name).read_bytes()


def test_build_hands_its_ntriples_over_by_hard_link_or_copy(sample_output, tmp_path, monkeypatch):
    """graph.nt is the build's own file where the file system allows (gigabytes not copied), else a copy."""
    import os

    import kkrgraph.export as export

    source = tmp_path / "work.nt"
    source.write_bytes((sample_output / "graph.nt").read_bytes())
    export.export_graph(source, "nt", tmp_path / "linked" / "graph.nt")
    assert (tmp_path / "linked" / "graph.nt").stat().st_ino == source.stat().st_ino

    def no_links(*_args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    export.export_graph(source, "nt", tmp_path / "copied" / "graph.nt")
    copied = tmp_path / "copied" / "graph.nt"
    assert copied.stat().st_ino != source.stat().st_ino and copied.read_bytes() == source.read_bytes()


def test_fingerprints_survive_lost_reference_entries(tmp_path, monkeypatch):
    """A document's cached references are a shortcut: without them (deleted, damaged) they are read off its
    graph part, the fingerprints come out the same and the kept chunks are still used."""
    corpus, cache = meetings_folder(tmp_path / "corpus", 3), tmp_path / "cache"
    built = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    first = built.ntriples_file().read_bytes()
    lost = list(cache.rglob("*-refs.pkl"))
    assert len(lost) == 3
    for entry in lost:
        entry.unlink()
    relinked = _relinked(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert relinked == [] and again.ntriples_file().read_bytes() == first


def test_a_damaged_kept_run_is_linked_again(tmp_path, monkeypatch):
    """A kept run whose bytes are not those its note describes (a crash before they reached the disk, an
    edit) is not merged into the graph: its chunk is linked again."""
    corpus, cache = meetings_folder(tmp_path / "corpus", 2), tmp_path / "cache"
    built = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    first = built.ntriples_file().read_bytes()
    for run in (cache / "linked").glob("*.nt"):
        run.write_bytes(b"\0" * run.stat().st_size)  # same size, contents never written
    relinked = _relinked(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert sorted(relinked) == ["m-01.txt", "m-02.txt"] and again.ntriples_file().read_bytes() == first


def test_the_graph_is_kept_once_synced_and_the_next_build_waits_for_it(tmp_path, monkeypatch):
    """The kept graph's note is written only after its bytes are synced, by a thread, while the build goes on;
    a next build on the same cache waits for that thread (the folder's lock) and reuses the graph kept."""
    import os
    import threading

    for keeper in threading.enumerate():  # an earlier test's keeper still syncing would note into these events
        if keeper.name == "kkrgraph-keep-graph":
            keeper.join()
    corpus, cache = meetings_folder(tmp_path / "corpus", 6), tmp_path / "cache"
    events: list[str] = []
    real_fsync = os.fsync
    returned = threading.Event()

    def slow_fsync(fd):
        if threading.current_thread().name == "kkrgraph-keep-graph":
            returned.wait(30)  # a disk slower than the build: the keeper syncs only after the build returned
            events.append("synced")
        real_fsync(fd)

    monkeypatch.setattr(assemble.os, "fsync", slow_fsync)
    real_put = assemble.ResultCache.put

    def noting_put(self, key, value):
        if key == assemble._GRAPH and self.root.is_relative_to(cache):
            events.append("noted")
        real_put(self, key, value)

    monkeypatch.setattr(assemble.ResultCache, "put", noting_put)
    KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    events.append("built")  # the build returned while the graph was still being synced
    returned.set()
    merged = _merged_segments(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    first = events[: events.index("noted") + 1]  # the first build's keeper syncs its runs and graph, then notes
    assert first[0] == "built" and set(first[1:-1]) == {"synced"} and len(first) >= 4
    assert merged == []  # nothing changed: every segment came from the graph kept, so it was noted in time
    clean = KnowledgeGraph.build([corpus], jobs=1)
    assert again.ntriples_file().read_bytes() == clean.ntriples_file().read_bytes()


def test_a_run_the_keeper_synced_is_used_again_without_reading_it(tmp_path, monkeypatch):
    """A kept run that is still the file a keeper synced (same stat) is merged without hashing it again; one
    whose stat changed since is hashed first (and used, its bytes being right)."""
    import os

    from kkrgraph.cache import ResultCache

    corpus, cache = meetings_folder(tmp_path / "corpus", 4), tmp_path / "cache"
    built = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)  # bound: its graph file lives as long as it does
    first = built.ntriples_file().read_bytes()
    hashed: list[str] = []
    real = assemble._intact

    def recording(run, sha256):
        hashed.append(run.name)
        return real(run, sha256)

    monkeypatch.setattr(assemble, "_intact", recording)
    relinked = _relinked(monkeypatch)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert again.ntriples_file().read_bytes() == first
    assert hashed == [] and relinked == []
    notes = ResultCache(cache / "linked", "")
    run = next(run for run in (cache / "linked").glob("*.nt") if run.name != "graph.nt" and notes.get(run.stem))  # a chunk
    os.utime(run, ns=(run.stat().st_atime_ns, run.stat().st_mtime_ns + 10**9))  # touched: not the file synced
    third = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert third.ntriples_file().read_bytes() == first
    assert hashed == [run.name] and relinked == []
    run.unlink()  # a run gone (a cleaned folder): its chunk is linked again, never trusted by a stat of nothing
    fourth = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert fourth.ntriples_file().read_bytes() == first and len(relinked) > 0
