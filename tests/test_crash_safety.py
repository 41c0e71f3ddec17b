"""A build killed at any moment leaves the previous graph intact and loadable, and no half-written cache.

Outputs go through :func:`kkrgraph.export.files.atomic_writer` (temporary file, fsync, rename); cache
entries through :meth:`kkrgraph.cache.ResultCache.put` (temporary file, rename, checksum). These tests
SIGKILL real ``kkrgraph build`` processes at several points and check what is left on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kkrgraph.export.files import atomic_writer, file_identity, write_lines
from kkrgraph.read import discover

OUTPUTS = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.gexf")
#: When to kill, as fractions of a cached build's duration.
KILL_AT = (0.1, 0.5, 0.8, 0.9, 0.95, 0.98)


def _build_command(out: Path, cache: Path) -> list[str]:
    command = [sys.executable, "-m", "kkrgraph.cli", "build", "--out", str(out), "--cache", str(cache), "--jobs", "1"]
    return [*command, "--formats", "ttl,nt,jsonld,gexf"]


def _kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the build and anything it started (it runs in its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _assert_intact(out: Path, reference: dict[str, bytes] | None) -> None:
    """Every output is whole: byte-identical to the previous build's (when given) and loadable."""
    for name in OUTPUTS:
        assert (out / name).exists(), name
        if reference is not None:
            assert (out / name).read_bytes() == reference[name], name
    json.loads((out / "graph.jsonld").read_bytes())
    Graph().parse(out / "graph.ttl", format="turtle")
    Graph().parse(out / "graph.nt", format="nt")


@pytest.fixture(scope="module")
def killed_builds(tmp_path_factory):
    """Build twice (the second from the cache, timed), then start and SIGKILL builds into the same folder.

    The kill points are spread over the duration of a cached build and packed towards its end, where the
    output files are written; timing only chooses them, nothing is asserted about it.
    """
    root = tmp_path_factory.mktemp("crash")
    out, cache = root / "out", root / "cache"
    subprocess.run(_build_command(out, cache), check=True, capture_output=True, timeout=900)
    started = time.monotonic()
    subprocess.run(_build_command(out, cache), check=True, capture_output=True, timeout=900)
    duration = time.monotonic() - started
    reference = {name: (out / name).read_bytes() for name in OUTPUTS}
    after_each: list[tuple[float, bool]] = []
    for fraction in KILL_AT:
        process = subprocess.Popen(
            _build_command(out, cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(fraction * duration)
        finished = process.poll() is not None
        _kill_group(process)
        _assert_intact(out, None if finished else reference)  # after every kill, not only at the end
        after_each.append((fraction, finished))
    return out, cache, reference, after_each


def test_previous_graph_survives_every_kill(killed_builds):
    out, _, reference, after_each = killed_builds
    assert len(after_each) == len(KILL_AT)
    assert any(not finished for _, finished in after_each)  # at least some builds were really cut short
    _assert_intact(out, reference if not any(finished for _, finished in after_each) else None)


def test_stray_temporaries_are_never_read_and_are_swept_by_the_next_build(killed_builds):
    out, cache, _, _ = killed_builds
    strays = [p for p in out.iterdir() if p.name not in OUTPUTS and p.is_file()]
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in strays), strays
    assert not list(discover([out]))  # a build pointed at the output folder reads none of them
    subprocess.run(_build_command(out, cache), check=True, capture_output=True, timeout=900)
    _assert_intact(out, None)
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(OUTPUTS)


def test_no_half_written_cache_entry_is_read(killed_builds):
    _, cache, _, _ = killed_builds
    from kkrgraph.cache import ResultCache

    entries = list(cache.rglob("*.pkl"))
    assert entries
    for entry in entries:  # every entry that a later build could read is whole and verifies
        assert ResultCache(entry.parent.parent, "unused").get(entry.stem) is not None, entry
    kept_runs = list((cache / "linked").glob("*.nt"))  # linked chunks; a kill can fall between run and note
    notes = [ResultCache(cache / "linked", "unused").get(run.stem) for run in kept_runs]
    assert any(notes)
    for run, note in zip(kept_runs, notes, strict=True):  # a run is used only with a note giving its SHA-256
        data = run.read_bytes()
        if run.name != "graph.nt":
            assert note is None or note[0] == hashlib.sha256(data).hexdigest(), run
        elif note is not None and note.stat == file_identity(run):  # the graph kept is used only if it is the one noted
            cut = note.segments
            assert cut.bounds[-1] == len(data)
            for index, digest in enumerate(cut.digests):
                assert hashlib.sha256(data[cut.bounds[index] : cut.bounds[index + 1]]).hexdigest() == digest
    others = [p for p in cache.rglob("*") if p.is_file() and p not in kept_runs]
    assert all(p.suffix in (".pkl", ".tmp", ".lock") for p in others)  # build.lock: the keep folder's lock


def test_a_truncated_cache_entry_is_a_miss(tmp_path):
    from kkrgraph.cache import ResultCache

    store = ResultCache(tmp_path, "settings")
    store.put("ab" * 32, {"meeting": "KKR Nordjylland"})
    entry = next(tmp_path.rglob("*.pkl"))
    assert store.get("ab" * 32) == {"meeting": "KKR Nordjylland"}
    entry.write_bytes(entry.read_bytes()[:-3])
    assert store.get("ab" * 32) is None


KILLED_WRITER = """
import sys, time
from kkrgraph.export.files import atomic_writer
with atomic_writer(sys.argv[1], "wb") as handle:
    handle.write(b"@prefix half: <urn:x#> .\\nhalf:a half:b ")
    handle.flush()
    print("writing", flush=True)
    time.sleep(600)
"""


def test_killed_in_the_middle_of_writing_the_file(tmp_path):
    target = tmp_path / "graph.ttl"
    write_lines(["@prefix ok: <urn:ok#> .\n", "ok:a ok:b ok:c .\n"], target)
    before = target.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, start_new_session=True)
    assert writer.stdout.readline() == b"writing\n"
    _kill_group(writer)
    assert target.read_bytes() == before
    assert len(Graph().parse(target, format="turtle")) == 1
    orphans = list(tmp_path.glob(".graph.ttl.*.tmp"))
    assert len(orphans) == 1  # SIGKILL skips every clean-up handler
    write_lines(["@prefix ok: <urn:ok#> .\n"], target)
    assert not list(tmp_path.glob(".graph.ttl.*.tmp"))


def test_an_error_while_writing_keeps_the_old_file(tmp_path):
    target = tmp_path / "graph.nt"
    write_lines(["<urn:a> <urn:b> <urn:c> .\n"], target)
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("<urn:half")
        raise RuntimeError("disk full")
    assert target.read_text() == "<urn:a> <urn:b> <urn:c> .\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_outputs_get_ordinary_permissions(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    write_lines(["x\n"], tmp_path / "graph.nt")
    assert stat.S_IMODE((tmp_path / "graph.nt").stat().st_mode) == 0o666 & ~mask
