"""The benchmark script runs end to end at the 100-document size and writes its JSON (no time assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
FIELDS = {
    "size",
    "documents",
    "megabytes",
    "build_seconds",
    "docs_per_s",
    "mb_per_s",
    "peak_rss_mb",
    "triples",
    "tokenizer_seconds",
    "tokenizer_mb_per_s",
    "ratio_build_to_tokenizer",
    "incremental_seconds",
    "incremental_fraction",
    "store_load_seconds",
    "query_ms",
    "query_rows",
}


def test_synthetic_documents_differ_and_parse(tmp_path):
    sys.path.insert(0, str(BENCH))
    import synth

    samples = synth.load_samples()
    texts = [synth.generate(samples, i)[1] for i in range(6)]
    assert len(set(texts)) == 6
    assert all(p not in texts[0] for p in samples[0].people)  # the sample's people were renamed


def test_benchmark_writes_results(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "100",
            "--jobs",
            "2",
            "--rounds",
            "2",
            "--out",
            str(out),
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((out / "results-100.json").read_text("utf-8"))
    assert result.keys() >= FIELDS
    assert result["documents"] == 100
    assert result["triples"] > 100_000
    assert result["peak_rss_mb"] > 10
    assert result["rounds"] == 2 and len(result["round_build_seconds"]) == 2
    assert min(result["round_build_seconds"]) <= result["build_seconds"] <= max(result["round_build_seconds"])
    assert set(result["query_ms"]) >= {"meetings", "attendance", "agenda", "roles", "organisations", "people"}
    assert result["query_rows"]["meetings"] == 100
    assert "| docs |" in proc.stdout
