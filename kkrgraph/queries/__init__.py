"""Named SPARQL queries (one ``.rq`` file per question) and running any query into plain-string rows."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

__all__ = ["QueryResult", "named_queries", "resolve_query", "run_query"]


@dataclass(frozen=True)
class QueryResult:
    """Columns and rows of a SELECT query; every value a plain string ("" when unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def records(self) -> list[dict[str, str]]:
        """Rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _query_dir():
    return resources.files("kkrgraph") / "queries"


def prefixes() -> str:
    """The PREFIX lines every bundled query (and user query text) may rely on."""
    return (_query_dir() / "_prefixes.rq").read_text("utf-8")


def named_queries() -> dict[str, str]:
    """Bundled queries by name (file stem)."""
    return {
        entry.name[:-3]: entry.read_text("utf-8")
        for entry in sorted(_query_dir().iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq") and not entry.name.startswith("_")
    }


def resolve_query(spec: str) -> str:
    """A bundled query name, a path to a ``.rq`` file, or query text → query text with prefixes.

    Raises:
        ValueError: ``spec`` is none of these.
    """
    named = named_queries()
    if spec in named:
        text = named[spec]
    elif spec.endswith((".rq", ".sparql")) and Path(spec).is_file():
        text = Path(spec).read_text("utf-8")
    elif any(word in spec.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        text = spec
    else:
        raise ValueError(f"unknown query {spec!r}: not a bundled name ({', '.join(named)}), .rq file or SPARQL text")
    declared = {line.split()[1] for line in text.splitlines() if line.strip().upper().startswith("PREFIX")}
    missing = [line for line in prefixes().splitlines() if line.split()[1] not in declared]
    return "\n".join(missing) + "\n" + text


def _plain(value) -> str:
    return "" if value is None else str(value)


def run_query(graph: Graph, text: str) -> QueryResult:
    """Run a SELECT (or ASK) query on an rdflib graph."""
    result = graph.query(text)
    if result.type == "ASK":
        return QueryResult(("ask",), ((str(bool(result.askAnswer)).lower(),),))
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK queries give tables; use `kkrgraph export` for graphs")
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(_plain(row[i]) for i in range(len(columns))) for row in result)
    return QueryResult(columns, rows)
