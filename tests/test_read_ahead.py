"""The read-ahead process: parses documents while the spaCy pipeline loads, and the workers use its parses."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

import kkrgraph.pipeline as pipeline
from kkrgraph.cache import ResultCache
from kkrgraph.pipeline import Processed, Settings, bundled_corpus
from kkrgraph.read import read_document


@pytest.fixture(scope="module")
def reader() -> pipeline._Reader:
    return pipeline._Reader(Settings())


def _tasks(paths: list[Path], cache: ResultCache) -> list[tuple[Path, str, ResultCache]]:
    return [(path, cache.key(path), cache) for path in paths]


def test_documents_are_parsed_ahead_in_order_and_a_broken_one_is_left_to_its_worker(tmp_path, reader):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe not a meeting at all")
    paths = [broken, *sorted(bundled_corpus().glob("*.txt"))]
    cache = ResultCache.open(tmp_path / "cache", Settings())
    results = ResultCache(tmp_path / "ahead", "")
    pipeline._prepare_all(_tasks(paths, cache), reader, results, threading.Event())
    assert results.get(cache.key(broken)) is None
    for path in paths[1:]:
        assert results.get(cache.key(path)) == pipeline._prepare(read_document(path), reader)


def test_nothing_is_parsed_once_stopped(tmp_path, reader):
    cache = ResultCache.open(tmp_path / "cache", Settings())
    results = ResultCache(tmp_path / "ahead", "")
    stop = threading.Event()
    stop.set()
    pipeline._prepare_all(_tasks(sorted(bundled_corpus().glob("*.txt")), cache), reader, results, stop)
    assert not (tmp_path / "ahead").exists()


def test_a_worker_analyses_the_parse_made_ahead(tmp_path, reader, monkeypatch):
    source = sorted(bundled_corpus().glob("*.txt"))[0]
    cache = ResultCache.open(tmp_path / "cache", Settings())
    ahead = ResultCache(tmp_path / "ahead", "")
    ahead.put("k", pipeline._prepare(read_document(source), reader))
    monkeypatch.setattr(pipeline, "_WORKER", {})
    pipeline._init_worker(pipeline._Engine(Settings(), reader), ahead)
    gone = tmp_path / "gone.txt"  # the worker never reads the file: its parse is ready
    outcome = pipeline._work((gone, "k", cache))
    assert isinstance(outcome, Processed) and outcome.source == source.name
    assert pipeline._work((gone, "other", cache)) == (str(gone), pipeline._outcome(gone, pipeline._WORKER["engine"]).reason)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="read-ahead needs fork")
def test_read_ahead_process_fills_its_folder_and_cleans_up(tmp_path, reader):
    paths = sorted(bundled_corpus().glob("*.txt"))
    cache = ResultCache.open(tmp_path / "cache", Settings())
    ahead = pipeline._ReadAhead(_tasks(paths, cache), reader, multiprocessing.get_context("fork"))
    ahead._process.join(timeout=120)  # left running, it parses every document
    assert all(ahead.results.get(cache.key(path)) is not None for path in paths)
    folder = ahead.results.root
    ahead.close()
    assert not folder.exists() and not ahead._process.is_alive()


def test_a_build_starts_without_importing_spacy_or_networkx():
    """The read-ahead forks before the pipeline loads: the modules a build starts with must not pull spaCy in
    (seconds) or networkx (only the GEXF writer needs it)."""
    import subprocess
    import sys

    code = (
        "import sys, kkrgraph.cli, kkrgraph.api, kkrgraph.export, kkrgraph.export.pieces, kkrgraph.graph.assemble, "
        "kkrgraph.pipeline, kkrgraph.resolve, kkrgraph.resources; "
        "print(sorted(m for m in ('spacy', 'networkx', 'thinc') if m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="read-ahead needs fork")
def test_read_ahead_is_stopped_and_removed_when_the_pipeline_fails_to_load(tmp_path, monkeypatch):
    import tempfile

    def failing(*_args):
        raise ValueError("malformed pipeline configuration")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pipeline, "_Engine", failing)
    cache = ResultCache.open(tmp_path / "cache", Settings())
    with pytest.raises(ValueError, match="malformed"):
        list(pipeline._parallel(_tasks(sorted(bundled_corpus().glob("*.txt")), cache), Settings(), 2))
    assert not list(tmp_path.glob("kkrgraph-ahead-*")) and not multiprocessing.active_children()
