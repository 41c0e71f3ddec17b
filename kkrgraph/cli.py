"""The ``kkrgraph`` command: parse arguments, call the API, print. No logic lives here.

Exit status: 0 success, 1 some input files were skipped (or a check failed), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]

EXPORT_FORMATS = ("gexf", "graphml", "jsonld", "nt", "ttl")


class UsageError(Exception):
    """A mistake in the command line or its arguments (exit status 2)."""


def _print_error(message: str) -> None:
    print(f"kkrgraph: {message}", file=sys.stderr)


def _progress(files, total):
    if total < 10 or not sys.stderr.isatty():
        return files
    from tqdm import tqdm

    return tqdm(files, total=total, unit="doc", desc="reading", file=sys.stderr)


def _load(graph: str, store: str | None = None, tables: bool = True):
    from kkrgraph.api import KnowledgeGraph

    try:
        return KnowledgeGraph.load(graph, store=store, tables=tables)
    except (FileNotFoundError, ValueError) as error:  # no graph there, or not an RDF file
        raise UsageError(str(error)) from None


# -- commands -----------------------------------------------------------------------------------------
def cmd_build(args) -> int:
    """Read documents and write the graph.

    Example:
        kkrgraph build minutes/ --out output/
    """
    from kkrgraph.api import KnowledgeGraph
    from kkrgraph.export import write_outputs

    def report(error) -> None:
        print(f"skipped {error}", file=sys.stderr)

    try:
        kg = KnowledgeGraph.build(
            args.paths,
            registries=args.registry or (),
            ner=args.ner,
            on_error=report,
            progress=_progress,
            jobs=args.jobs,
            cache_dir=None if args.no_cache else (args.cache or Path(args.out) / ".cache"),
            store=args.store,
        )
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    except ValueError as error:  # a malformed user registry or configuration
        raise UsageError(str(error)) from None
    for source, warning in kg.warnings:
        print(f"warning: {source}: {warning}", file=sys.stderr)
    try:
        formats = tuple(filter(None, args.formats.split(",")))
        written = write_outputs(kg.ntriples_file(), Path(args.out), formats, jobs=args.jobs, store=args.store, pieces=kg.pieces)
    except ValueError as error:
        raise UsageError(str(error)) from None
    except OSError as error:  # --out names a file, a read-only folder, a full disk, ...
        raise UsageError(f"cannot write to {args.out}: {error.strerror or error}") from None
    print(f"{kg.documents} documents, {kg.triples} triples → {', '.join(str(p) for p in written)}")
    if kg.skipped:
        print(f"{len(kg.skipped)} file(s) skipped (see messages above)", file=sys.stderr)
        return 1
    return 0


def _format(result, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue()
    widths = [min(60, max([len(c)] + [len(row[i]) for row in result.rows])) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in result.rows:
        cells = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + f"\n({len(result.rows)} rows)\n"


def cmd_query(args) -> int:
    """Run a named query, a .rq file or SPARQL text.

    A named query is read from the table the build wrote (graph.sqlite) while it belongs to the graph (or
    store) queried; otherwise, or with --sparql, it runs on the graph. Same rows either way.

    Example:
        kkrgraph query attendance --format csv
    """
    kg = _load(args.graph, getattr(args, "store", None), tables=not getattr(args, "sparql", False))
    try:
        result = kg.sparql(args.query)
    except ValueError as error:
        raise UsageError(str(error)) from None
    except Exception as error:  # pyparsing / rdflib report a malformed query in many ways
        reason = " ".join(str(error).split())[:300]
        raise UsageError(f"query failed: {type(error).__name__}: {reason}") from None
    sys.stdout.write(_format(result, args.format))
    return 0


def cmd_export(args) -> int:
    """Write another serialisation of a built graph.

    Example:
        kkrgraph export gexf --view person-organisation --out people.gexf
    """
    from kkrgraph.export import export_graph

    kg = _load(args.graph)
    out = Path(args.out) if args.out else Path(args.graph).with_suffix(_suffix(args.format, args.view))
    try:
        export_graph(kg.ntriples_file(), args.format, out, view=args.view)
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(f"wrote {out}")
    return 0


def _suffix(fmt: str, view: str) -> str:
    ext = {"jsonld": ".jsonld", "nt": ".nt", "ttl": ".ttl", "gexf": ".gexf", "graphml": ".graphml"}[fmt]
    return ext if view == "full" else f".{view}{ext}"


def cmd_plot(args) -> int:
    """Draw a network view as a picture (PNG or SVG): colours by type, labels for the most central nodes.

    Example:
        kkrgraph plot --view co-attendance --out co-attendance.png
    """
    from kkrgraph.export.plot import plot_network

    kg = _load(args.graph)
    try:
        out = plot_network(kg.to_networkx(args.view), args.out, labels=args.labels, by_party=args.by_party)
    except ValueError as error:
        raise UsageError(str(error)) from None
    print(f"wrote {out}")
    return 0


def cmd_html(args) -> int:
    """Write a self-contained explorer page (index.html: search, click a node, see roles and sources).

    Example:
        kkrgraph html --out explorer/
    """
    from kkrgraph.export.html import write_explorer

    kg = _load(args.graph)
    print(f"wrote {write_explorer(kg.graph, Path(args.out))}")
    return 0


def cmd_who(args) -> int:
    """Everything known about one person or organisation, each line with its source.

    Example:
        kkrgraph who "Per Bach-Laursen"
    """
    from kkrgraph.report import who_report

    kg = _load(args.graph)
    try:
        sys.stdout.write(who_report(kg, args.name))
    except LookupError as error:
        _print_error(str(error))
        return 1
    return 0


def cmd_validate(args) -> int:
    """Check a built graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations.

    Example:
        kkrgraph validate --graph output/graph.ttl
    """
    from kkrgraph.validate import validate_graph

    kg = _load(args.graph)
    report = validate_graph(kg.graph)
    sys.stdout.write(report.text())
    return 0 if report.conforms else 1


def cmd_evaluate(args) -> int:
    """Score a built graph against gold annotations: precision / recall / F1 per kind of fact.

    Default gold: tests/gold of a kkrgraph checkout (the bundled sample corpus's annotations).

    Example:
        kkrgraph build && kkrgraph evaluate --details
    """
    from kkrgraph.evaluate import default_gold_dir, evaluate, evaluation_to_json, format_table, load_gold

    gold_dir = args.gold or default_gold_dir()
    if gold_dir is None:
        raise UsageError("no gold annotations found (tests/gold of a kkrgraph checkout); pass --gold DIR")
    try:
        gold = load_gold(gold_dir)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(str(error)) from None
    result = evaluate(_load(args.graph), gold)
    for name in result.missing:
        _print_error(f"{name}: annotated but not in the graph (scored as all misses)")
    if args.format == "json":
        sys.stdout.write(json.dumps(evaluation_to_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(result, details=args.details))
    return 0


def cmd_serve(args) -> int:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (the oxigraph server behind a guarding proxy).

    Example:
        kkrgraph serve --port 7878   # then: curl 'http://127.0.0.1:7878/query?query=...'
    """
    from kkrgraph.serve import ServeLimits, serve

    try:
        serve(args.graph, args.store, args.host, args.port, ServeLimits(timeout_s=args.timeout))
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    return 0


def cmd_push(args) -> int:
    """Upload the graph to a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph, Fuseki, GraphDB, Virtuoso).

    Example:
        kkrgraph push http://localhost:3030/kkr/data --graph output/graph.ttl
    """
    from kkrgraph.serve import PushError, push

    try:
        status = push(args.url, args.graph, graph_iri=args.graph_iri, replace=not args.add)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(str(error)) from None
    except PushError as error:
        _print_error(str(error))
        return 1
    print(f"pushed {args.graph} to {args.url} (HTTP {status})")
    return 0


def _command(sub, func, help: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the subcommand that runs ``cmd_<name>``: named after the function, described by its docstring."""
    command = sub.add_parser(
        func.__name__.removeprefix("cmd_"),
        parents=list(parents),
        help=help,
        description=func.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(func=func)
    return command


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(prog="kkrgraph", description="Danish municipal meeting documents → a knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)

    build = _command(sub, cmd_build, "read documents and write the graph")
    build.add_argument("paths", nargs="*", help="files or folders (.txt, .pdf); none: the bundled sample corpus")
    build.add_argument("--out", default="output", help="output folder (default: output/)")
    build.add_argument("--registry", action="append", help="extra organisation registry (JSONL or CSV); repeatable")
    build.add_argument("--ner", default="rules", help="rules (default), dacy or dacy:MODEL")
    build.add_argument("--jobs", type=int, default=None, help="worker processes (default: the machine's cores)")
    build.add_argument("--cache", help="per-document result cache (default: .cache in the output folder)")
    build.add_argument("--no-cache", action="store_true", help="process every document afresh; do not write the cache")
    build.add_argument("--store", help="also load the graph into an on-disk Oxigraph store in this folder")
    build.add_argument(
        "--formats",
        default="ttl,nt,gexf,sqlite",
        help="comma-separated outputs, graph.<format>: ttl, nt, gexf, sqlite (the named queries' tables), jsonld, "
        "graphml (default: ttl,nt,gexf,sqlite)",
    )

    graph_option = argparse.ArgumentParser(add_help=False)
    graph_option.add_argument("--graph", default="output/graph.ttl", help="built graph (default: output/graph.ttl)")

    query = _command(sub, cmd_query, "run a named query, .rq file or SPARQL", graph_option)
    query.add_argument("query", help="query name (meetings, attendance, agenda, roles, ...), FILE.rq or SPARQL text")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--store", help="query an Oxigraph store written by `build --store` instead of --graph")
    query.add_argument(
        "--sparql", action="store_true", help="run named queries on the graph, not from the build's tables (graph.sqlite)"
    )

    export = _command(sub, cmd_export, "other serialisations of the graph", graph_option)
    export.add_argument("format", choices=EXPORT_FORMATS)
    export.add_argument("--out", help="output file (default: next to the graph)")
    export.add_argument(
        "--view", default="full", help="network view for gexf/graphml: full, person-organisation, co-attendance, co-mention"
    )

    plot = _command(sub, cmd_plot, "draw a network view (PNG or SVG)", graph_option)
    plot.add_argument("--out", default="output/graph.png", help="image file, .png or .svg (default: output/graph.png)")
    plot.add_argument("--view", default="full", help="full, person-organisation, co-attendance, co-mention")
    plot.add_argument("--labels", type=int, default=25, help="how many of the most central nodes to label (default 25)")
    plot.add_argument("--by-party", action="store_true", help="colour people by party")

    html = _command(sub, cmd_html, "write a self-contained explorer page", graph_option)
    html.add_argument("--out", default="output/explorer", help="folder for index.html (default: output/explorer/)")

    who = _command(sub, cmd_who, "everything known about a person or organisation", graph_option)
    who.add_argument("name")

    serve = _command(sub, cmd_serve, "serve the graph as a read-only SPARQL endpoint")
    serve.add_argument("--graph", help="graph file to serve (default: output/graph.ttl)")
    serve.add_argument("--store", help="serve an Oxigraph store written by `build --store` instead")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=7878)
    serve.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default 30)")

    push = _command(sub, cmd_push, "upload the graph to a SPARQL Graph Store Protocol endpoint", graph_option)
    push.add_argument("url", help="Graph Store endpoint, e.g. http://localhost:7878/store")
    push.add_argument("--graph-iri", help="named graph to write (default: the default graph)")
    push.add_argument("--add", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")

    _command(sub, cmd_validate, "check the graph against the SHACL shapes", graph_option)

    evaluation = _command(sub, cmd_evaluate, "score the graph against gold annotations (P/R/F1)", graph_option)
    evaluation.add_argument("--gold", help="folder of gold *.json files (default: tests/gold of a kkrgraph checkout)")
    evaluation.add_argument("--format", choices=("table", "json"), default="table")
    evaluation.add_argument("--details", action="store_true", help="table: list false positives and negatives")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kkrgraph`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as error:
        _print_error(str(error))
        return 2
    except KeyboardInterrupt:
        _print_error("interrupted; previous output files are unchanged")
        return 130


if __name__ == "__main__":
    sys.exit(main())
