"""Benchmark: end-to-end ``kkrgraph build`` on synthetic corpora against spaCy's bare Danish tokenizer.

For each size it generates a corpus (``bench/synth.py``), runs ``kkrgraph build`` as a subprocess (whole
process: start-up, resources, every document, resolution, graph and all output files), and reports
documents/s, MB/s, the peak RSS of the largest build process, the graph size, the bare tokenizer's
throughput on the same texts and the ratio build/tokenizer; then an incremental rebuild after one
document changed, optionally a ``--jobs 1`` build for the parallel speed-up, the time to bulk-load the
Oxigraph store and the time of each named query as users get it (the build's table) and on SPARQL. It prints a table and writes
``bench/out/results-<size>.json`` for comparison across commits. The package's bytecode is compiled first, as
an installed package has it (see :func:`_compile_package`).

Run: ``python bench/run.py --sizes 100 1000 10000`` (a timing script, never a test); ``--rounds 3`` repeats the
clean, tokenizer and ``--jobs 1`` runs in turn and reports medians (worth it on a shared machine whose speed
drifts: 100 documents take about a minute a round).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

__all__ = ["bench_size", "main"]

HERE = Path(__file__).resolve().parent


def _build(corpus: Path, out: Path, jobs: int, cache: Path | None) -> dict:
    """Run ``kkrgraph build`` in a subprocess; wall time, peak RSS (MB) and the triple count it printed."""
    cmd = [sys.executable, "-c", _SHIM, sys.executable, "-m", "kkrgraph.cli", "build", str(corpus)]
    cmd += ["--out", str(out), "--jobs", str(jobs)]
    cmd += ["--cache", str(cache)] if cache else ["--no-cache"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    rss = re.search(r"^peak_rss_kib (\d+)$", stderr, re.MULTILINE)
    if proc.returncode not in (0, 1) or rss is None:
        raise RuntimeError(f"build failed ({proc.returncode}): {stderr[-2000:]}")
    match = re.search(r"(\d+) documents, (\d+) triples", stdout)
    return {
        "seconds": seconds,
        "documents": int(match.group(1)) if match else 0,
        "triples": int(match.group(2)) if match else 0,
        "peak_rss_mb": int(rss.group(1)) / 1024,
    }


# runs the build and reports the largest RSS of it and its worker processes (ru_maxrss is in KiB on Linux)
_SHIM = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print('peak_rss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def _compile_package() -> Path:
    """Write the package's bytecode before anything is timed; returns the package folder.

    An installed package has it (pip compiles on install; an editable install writes it at its first
    import), but an environment with ``PYTHONDONTWRITEBYTECODE`` set (as containers often are) never writes
    it, and every build then compiles the package's sources again (about a third of a second of start-up
    that a user's second run does not pay). spaCy's bytecode, for the tokenizer, was compiled by pip.
    """
    import compileall

    import kkrgraph

    package = Path(kkrgraph.__file__).resolve().parent
    compileall.compile_dir(package, quiet=1)
    return package


def _tokenizer(texts: list[str]) -> dict:
    """Throughput of ``spacy.blank("da").tokenizer`` over the texts (load time reported apart)."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.blank("da")
    load = time.perf_counter() - start
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    return {"seconds": time.perf_counter() - start, "load_seconds": load, "tokens": tokens}


def _best_ms(run) -> float:
    """Best of 3 in ms; a run slower than 10 s is not repeated, so a slow query cannot hold the benchmark for long."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
        if best > 10:
            break
    return round(best * 1000, 2)


def _queries(store_dir: Path, out: Path) -> dict:
    """Time every named query as users get it, ``KnowledgeGraph.load(graph.ttl).sparql(name)`` (the build's table,
    read in-process), and on SPARQL: bulk-load the built graph into an Oxigraph store and run the query there."""
    from kkrgraph.api import KnowledgeGraph
    from kkrgraph.queries import named_queries, resolve_query
    from kkrgraph.store import open_store, run_store_query, write_store

    start = time.perf_counter()
    write_store(out / "graph.nt", store_dir)
    load = time.perf_counter() - start
    store = open_store(store_dir)
    kg = KnowledgeGraph.load(out / "graph.ttl")
    timings, sparql, rows = {}, {}, {}
    for name in named_queries():
        text = resolve_query(name)
        sparql[name] = _best_ms(lambda text=text: run_store_query(store, text))
        timings[name] = _best_ms(lambda name=name: kg.sparql(name))
        rows[name] = len(kg.sparql(name).rows)
    return {
        "store_load_seconds": load,
        "tables_used": kg.store is None,  # no query needed the graph loaded
        "query_ms": timings,
        "sparql_ms": sparql,
        "query_rows": rows,
    }


def bench_size(size: int, work: Path, jobs: int, compare_jobs: bool, incremental: bool, rounds: int = 1) -> dict:
    """Generate (or reuse) a corpus of ``size`` documents and measure everything on it.

    With ``rounds`` > 1 the clean build, the tokenizer pass and the ``--jobs 1`` build are repeated in turn, so a
    machine that slows down for a while (a shared virtual machine) slows each of them alike; the figures reported
    are the medians, each ratio the median of the rounds' own ratios, and every round's times are kept.
    """
    corpus = work / f"corpus-{size}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
        synth.write_corpus(size, corpus)
    paths = sorted(corpus.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in paths]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    out, cache, single_out = work / f"out-{size}", work / f"cache-{size}", work / f"out-{size}-jobs1"
    measured = []
    for _ in range(max(1, rounds)):
        for folder in (out, cache):
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        round_ = {"build": _build(corpus, out, jobs, cache), "tokenizer": _tokenizer(texts)}
        if compare_jobs and jobs > 1:
            round_["jobs1"] = _build(corpus, single_out, 1, None)
        measured.append(round_)
    build, token = measured[-1]["build"], measured[-1]["tokenizer"]
    build_seconds = median(r["build"]["seconds"] for r in measured)
    token_seconds = median(r["tokenizer"]["seconds"] for r in measured)
    result = {
        "size": size,
        "documents": build["documents"],
        "megabytes": round(megabytes, 3),
        "jobs": jobs,
        "cpu_count": os.cpu_count(),
        "rounds": len(measured),
        "build_seconds": round(build_seconds, 3),
        "docs_per_s": round(size / build_seconds, 2),
        "mb_per_s": round(megabytes / build_seconds, 4),
        "peak_rss_mb": round(max(r["build"]["peak_rss_mb"] for r in measured), 1),
        "peak_rss_note": "largest single process of the build (main or worker), RUSAGE_CHILDREN ru_maxrss",
        "triples": build["triples"],
        "tokenizer_seconds": round(token_seconds, 3),
        "tokenizer_load_seconds": round(token["load_seconds"], 3),
        "tokenizer_mb_per_s": round(megabytes / token_seconds, 4),
        "tokens": token["tokens"],
        "ratio_build_to_tokenizer": round(median(r["tokenizer"]["seconds"] / r["build"]["seconds"] for r in measured), 4),
        "round_build_seconds": [round(r["build"]["seconds"], 3) for r in measured],
        "round_tokenizer_seconds": [round(r["tokenizer"]["seconds"], 3) for r in measured],
    }
    if incremental:
        changed = paths[len(paths) // 2]
        changed.write_text(changed.read_text("utf-8") + "\n", "utf-8")
        again = _build(corpus, work / f"out-{size}-incremental", jobs, cache)
        changed.write_text(texts[len(paths) // 2], "utf-8")
        result["incremental_seconds"] = round(again["seconds"], 3)
        result["incremental_fraction"] = round(again["seconds"] / measured[-1]["build"]["seconds"], 4)
    if compare_jobs and jobs > 1:
        result["jobs1_seconds"] = round(median(r["jobs1"]["seconds"] for r in measured), 3)
        result["round_jobs1_seconds"] = [round(r["jobs1"]["seconds"], 3) for r in measured]
        result["parallel_speedup"] = round(median(r["jobs1"]["seconds"] / r["build"]["seconds"] for r in measured), 3)
        result["parallel_identical"] = (out / "graph.nt").read_bytes() == (single_out / "graph.nt").read_bytes()
    result.update(_queries(work / f"store-{size}", out))
    return result


def _table(results: list[dict]) -> str:
    head = ("docs", "MB", "build s", "docs/s", "MB/s", "RSS MB", "triples", "tok MB/s", "ratio", "incr %", "max query ms")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in results:
        cells = (
            r["size"],
            f"{r['megabytes']:.1f}",
            f"{r['build_seconds']:.1f}",
            f"{r['docs_per_s']:.2f}",
            f"{r['mb_per_s']:.3f}",
            f"{r['peak_rss_mb']:.0f}",
            r["triples"],
            f"{r['tokenizer_mb_per_s']:.2f}",
            f"{r['ratio_build_to_tokenizer']:.4f}",
            f"{100 * r['incremental_fraction']:.1f}" if "incremental_fraction" in r else "",
            f"{max(r['query_ms'].values()):.1f}",
        )
        lines.append(" | ".join(str(c) for c in cells))
    return "\n".join("| " + line + " |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: sizes, work folder, jobs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where results-<size>.json go")
    parser.add_argument("--work", type=Path, default=HERE / "out" / "work", help="corpora and build outputs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--compare-jobs", action="store_true", help="also build with --jobs 1 (speed-up, identity)")
    parser.add_argument("--no-incremental", action="store_true", help="skip the rebuild after one changed document")
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat the clean, tokenizer and --jobs 1 runs in turn; report medians"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"bytecode compiled for {_compile_package()}", flush=True)
    results = []
    for size in args.sizes:
        result = bench_size(size, args.work, args.jobs, args.compare_jobs, not args.no_incremental, args.rounds)
        (args.out / f"results-{size}.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k != "query_rows"}), flush=True)
    print(_table(results))
    for r in results:
        timings = ", ".join(f"{k} {v} ({r['sparql_ms'][k]})" for k, v in r["query_ms"].items())
        print(f"{r['size']} docs, named queries in ms, from the tables (on SPARQL): {timings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
