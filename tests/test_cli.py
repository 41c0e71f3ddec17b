"""The command line's promises: exit status 0/1/2, one clear line per bad file naming it, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from samples import ITEMS, PARTICIPANTS, meeting_text

from kkrgraph.cli import main

MEETING = meeting_text(participants=PARTICIPANTS[:2], items=[replace(ITEMS[0], proposal=None)])


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "docs" / "meeting.txt"
    path.parent.mkdir()
    path.write_text(MEETING, encoding="utf-8")
    return path


def _run(capsys, *argv):
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return status, captured.out, captured.err


def test_every_file_read_exits_0_as_a_console_script(good, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "kkrgraph.cli", "build", str(good), "--out", str(tmp_path / "out"), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "skipped" not in done.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_bad_files_exit_1_with_one_line_each(good, tmp_path, capsys):
    (good.parent / "empty.txt").write_bytes(b"")
    (good.parent / "binary.pdf").write_bytes(b"%PDF-1.4\n\x00\x01\x02 garbage")
    status, out, err = _run(capsys, "build", good.parent, "--out", tmp_path / "out", "--no-cache")
    assert status == 1
    lines = err.strip().splitlines()
    assert [line for line in lines if "empty.txt" in line] == [f"skipped {good.parent / 'empty.txt'}: empty file (no text)"]
    assert len([line for line in lines if "binary.pdf" in line]) == 1
    assert "1 documents" in out
    assert "2 file(s) skipped" in err


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    status, _, err = _run(capsys, "build", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert status == 2
    assert err.strip().splitlines() == [f"kkrgraph: no such file or folder: {tmp_path / 'nowhere'}"]
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_one_line_not_a_traceback(good, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, _, err = _run(capsys, "build", good, "--out", blocker / "out", "--no-cache")
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("kkrgraph: cannot write to ")


def test_a_bug_on_one_document_costs_only_that_document(good, tmp_path, capsys, monkeypatch):
    import kkrgraph.pipeline as pipeline

    real = pipeline.parse_document
    (good.parent / "trigger.txt").write_text(MEETING.replace("5. marts", "6. marts") + "\nBOOM\n", encoding="utf-8")

    def flaky(text, *args, **kwargs):
        if "BOOM" in text:
            raise IndexError("list index out of range")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_document", flaky)
    status, out, err = _run(capsys, "build", good.parent, "--out", tmp_path / "out", "--no-cache", "--jobs", "1")
    assert status == 1
    assert [line for line in err.splitlines() if "trigger.txt" in line] == [
        f"skipped {good.parent / 'trigger.txt'}: internal error while processing (IndexError: list index out of range); "
        "please report it"
    ]
    assert "1 documents" in out


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--no-such-option"])
    assert exit_.value.code == 2
    capsys.readouterr()
    status, _, err = _run(capsys, "query", "meetings", "--graph", tmp_path / "missing.ttl")
    assert status == 2
    assert len(err.strip().splitlines()) == 1


def test_malformed_query_exits_2(sample_output, capsys):
    status, _, err = _run(capsys, "query", "SELECT ?x WHERE { ?x", "--graph", sample_output / "graph.ttl")
    assert status == 2
    assert err.startswith("kkrgraph: ")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["bad.nt", "bad.ttl"])
def test_a_graph_file_that_is_not_rdf_is_a_usage_error(tmp_path, capsys, name):
    bad = tmp_path / name
    bad.write_text("not rdf at all\n", "utf-8")
    assert main(["export", "gexf", "--graph", str(bad), "--out", str(tmp_path / "x.gexf")]) == 2
    assert main(["query", "people", "--graph", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad} is not a valid RDF file" in err and "Traceback" not in err
