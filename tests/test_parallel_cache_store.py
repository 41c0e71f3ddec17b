"""Parallel, incremental and store builds give the same graph as a plain build (sorted N-Triples)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kkrgraph.api import KnowledgeGraph
from kkrgraph.cache import ResultCache
from kkrgraph.export.rdf import generate_ntriples
from kkrgraph.pipeline import bundled_corpus
from kkrgraph.queries import named_queries
from kkrgraph.store import generate_store_ntriples


def _unordered(rows) -> list[tuple[str, ...]]:
    """Rows with "; "-joined lists (GROUP_CONCAT: order unspecified by SPARQL, differs by engine) sorted."""
    return sorted(tuple("; ".join(sorted(cell.split("; "))) for cell in row) for row in rows)


def _nt(kg: KnowledgeGraph) -> str:
    return "".join(generate_ntriples(kg.graph))


@pytest.fixture(scope="module")
def plain() -> KnowledgeGraph:
    return KnowledgeGraph.build(jobs=1)


@pytest.fixture(scope="module")
def combined(tmp_path_factory) -> tuple[KnowledgeGraph, Path, Path]:
    """One build that is parallel, cached and stored at once."""
    root = tmp_path_factory.mktemp("combined")
    kg = KnowledgeGraph.build(jobs=2, cache_dir=root / "cache", store=root / "store")
    return kg, root / "cache", root / "store"


def test_parallel_cached_build_is_byte_identical(plain, combined):
    kg, cache, _ = combined
    assert _nt(kg) == _nt(plain)
    # per document: what resolution needs, the document's part of the graph and the references in it
    per_document = [p for p in cache.rglob("*.pkl") if "linked" not in p.parts]
    assert len(per_document) == 3 * len(list(bundled_corpus().glob("*.txt")))
    # and the linked chunks, each a sorted run with a note of its samples and entities
    notes = {note.stem for note in (cache / "linked").glob("*/*.pkl")}
    runs = {run.stem for run in (cache / "linked").glob("*.nt")}
    assert "graph" in notes & runs  # the graph kept for the next build, and its note (segments, runs merged)
    chunks = runs & notes - {"graph"}
    assert len(chunks) >= 1
    assert len(runs - notes) == 1  # the entities' run, named by its SHA-256
    assert len(notes - runs) == 2 * len(chunks)  # each chunk's references and its quick key's fingerprint


def test_store_holds_the_same_triples(plain, combined):
    _, _, store = combined
    loaded = KnowledgeGraph.load(store=store)
    assert "".join(generate_store_ntriples(loaded.store)) == _nt(plain)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_answer_the_same_on_the_store(plain, combined, name):
    _, _, store = combined
    on_store = KnowledgeGraph.load(store=store).sparql(name)
    in_memory = plain.sparql(name)
    assert on_store.columns == in_memory.columns
    assert _unordered(on_store.rows) == _unordered(in_memory.rows)


def test_api_lookups_work_on_the_store(plain, combined):
    _, _, store = combined
    kg = KnowledgeGraph.load(store=store)
    assert kg.find("BRN") == plain.find("BRN") != []
    assert kg.roles("Per Bach Laursen") == plain.roles("Per Bach Laursen")


def test_cli_query_on_the_store(combined, capsys):
    from kkrgraph.cli import main

    _, _, store = combined
    assert main(["query", "people", "--store", str(store), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "name" and len(lines) > 10


def test_rebuild_after_one_change_processes_only_it(tmp_path, monkeypatch):
    import kkrgraph.pipeline as pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), corpus, ignore=shutil.ignore_patterns("*.md"))
    cache = tmp_path / "cache"
    KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    changed = sorted(corpus.glob("*.txt"))[1]
    changed.write_text(changed.read_text("utf-8").replace("Aalborg Kommune", "Aalborg  Kommune", 1), "utf-8")

    seen: list[str] = []
    real = pipeline.process_document

    def counting(path, engine):
        seen.append(Path(path).name)
        return real(path, engine)

    monkeypatch.setattr(pipeline, "process_document", counting)
    again = KnowledgeGraph.build([corpus], jobs=1, cache_dir=cache)
    assert seen == [changed.name]
    monkeypatch.undo()
    clean = KnowledgeGraph.build([corpus], jobs=2)
    assert _nt(again) == _nt(clean)


def test_cache_never_reads_a_damaged_entry(tmp_path):
    cache = ResultCache.open(tmp_path, settings="s")
    cache.put("ab" * 32, {"value": 1})
    assert cache.get("ab" * 32) == {"value": 1}
    entry = next(tmp_path.rglob("*.pkl"))
    data = entry.read_bytes()
    entry.write_bytes(data[:-3])  # cut short
    assert cache.get("ab" * 32) is None
    entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped
    assert cache.get("ab" * 32) is None
    assert cache.get("cd" * 32) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_key_depends_on_content_name_and_settings(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x", "utf-8")
    b = tmp_path / "b.txt"
    b.write_text("x", "utf-8")
    one, two = ResultCache.open(tmp_path, "s1"), ResultCache.open(tmp_path, "s2")
    assert one.key(a) != one.key(b)
    assert one.key(a) != two.key(a)
    before = one.key(a)
    a.write_text("y", "utf-8")
    assert one.key(a) != before


def test_offset_map_indexes_like_the_full_array():
    import random
    from array import array

    from kkrgraph.pipeline import OffsetMap

    rng = random.Random(3)
    for _ in range(100):
        raw, offsets = rng.randrange(5), []
        for _ in range(rng.randrange(1, 200)):
            raw += rng.choice([1, 1, 1, 0, 2, 7])
            offsets.append(raw)
        compact = OffsetMap.from_offsets(array("l", offsets))
        assert len(compact) == len(offsets)
        assert [compact[i] for i in range(len(offsets))] == offsets
        assert compact[-1] == offsets[-1]
        with pytest.raises(IndexError):
            compact[len(offsets)]


def test_cache_fingerprint_covers_every_module_the_document_stage_imports():
    import subprocess
    import sys

    import kkrgraph
    from kkrgraph.cache import per_document

    # modules the package's __init__ brings in (the API) are not the document stage's; making the engine
    # imports the nlp modules the pipeline loads on first use
    code = (
        "import sys, kkrgraph; before = set(sys.modules); import kkrgraph.pipeline as p; p._Engine(p.Settings()); "
        "print('\\n'.join(sys.modules[m].__file__ for m in sys.modules if m.startswith('kkrgraph.') and m not in before))"
    )
    files = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    relative = [Path(file).relative_to(Path(kkrgraph.__file__).parent) for file in files]
    assert {Path("pipeline.py"), Path("graph/build.py"), Path("nlp/analyse.py")} <= set(relative)
    assert [path for path in relative if not per_document(path)] == []
    assert not per_document(Path("graph/assemble.py")) and not per_document(Path("export/gexf.py"))
