"""The same documents give the same graph: byte-identical sorted N-Triples and GEXF.

Neither the folder the documents sit in, nor the order they are given in, nor the number of worker
processes may change a byte, so graphs can be diffed and cached outputs trusted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from kkrgraph.cli import main
from kkrgraph.pipeline import bundled_corpus

COMPARED = ("graph.nt", "graph.gexf")


def _documents() -> list:
    return sorted(p for p in bundled_corpus().iterdir() if p.suffix == ".txt")


@pytest.fixture(scope="module")
def rearranged(tmp_path_factory):
    """Two more builds of the sample corpus: copied under other folder names, in other orders and jobs."""
    root = tmp_path_factory.mktemp("repro")
    nested = root / "zzz-kopi" / "b"
    flat = root / "aaa"
    for n, doc in enumerate(_documents()):
        target = (nested / f"sub{3 - n}" if n % 2 else nested) / doc.name  # documents spread over subfolders
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(doc, target)
        flat.mkdir(exist_ok=True)
        shutil.copy(doc, flat / doc.name)
    outs = {}
    assert main(["build", str(nested), "--out", str(root / "out-nested"), "--no-cache", "--jobs", "1"]) == 0
    outs["nested, one job"] = root / "out-nested"
    files = [str(p) for p in sorted(flat.iterdir(), reverse=True)]  # given one by one, in reverse order
    command = [sys.executable, "-m", "kkrgraph.cli", "build", *files, "--out", str(root / "out-reversed")]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # another process, another hash order of sets and dicts
    subprocess.run([*command, "--no-cache", "--jobs", "3"], check=True, capture_output=True, env=env, timeout=900)
    outs["reversed, three jobs"] = root / "out-reversed"
    return outs


@pytest.mark.parametrize("name", COMPARED)
def test_same_bytes_whatever_the_folder_order_and_jobs(sample_output, rearranged, name):
    reference = (sample_output / name).read_bytes()
    assert len(reference) > 10_000
    for label, out in rearranged.items():
        assert (out / name).read_bytes() == reference, f"{name} differs for {label}"


def test_ntriples_are_sorted_and_unique(sample_output):
    lines = (sample_output / "graph.nt").read_text("utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert not any("_:" in line.split(" ", 1)[0] for line in lines)  # no blank nodes: they would renumber
