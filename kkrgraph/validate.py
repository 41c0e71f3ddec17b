"""SHACL validation of a built graph against ``ontology/shapes.ttl``, reported in plain sentences.

pyshacl's own report is complete but hard to read (blank-node shapes, nested details); this module flattens
it into one :class:`Violation` per broken fact, naming the node, the property and what is wrong.

Example:
    >>> from rdflib import Graph, Literal, RDF, URIRef
    >>> from kkrgraph.graph.namespace import KKR
    >>> g = Graph()
    >>> p = URIRef("https://w3id.org/kkrgraph/id/participation/x-1")
    >>> _ = g.add((p, RDF.type, KKR.Participation))
    >>> report = validate_graph(g)
    >>> report.conforms
    False
    >>> any("exactly one participant" in v.message for v in report.violations)
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

__all__ = ["ValidationReport", "Violation", "shapes_graph", "validate_graph"]


@dataclass(frozen=True)
class Violation:
    """One broken constraint: which node, which property, what is wrong, and the offending value."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        path = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {self.focus}{path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, and every violation, sorted by node."""

    conforms: bool
    violations: tuple[Violation, ...]

    def text(self, limit: int | None = None) -> str:
        """A readable report: one line per violation (the first ``limit`` ones), then a summary line."""
        shown = self.violations if limit is None else self.violations[:limit]
        lines = [str(v) for v in shown]
        if len(shown) < len(self.violations):
            lines.append(f"... and {len(self.violations) - len(shown)} more")
        lines.append("conforms: no violations" if self.conforms else f"{len(self.violations)} violation(s)")
        return "\n".join(lines) + "\n"


@cache
def _shapes_text() -> str:
    return (resources.files("kkrgraph") / "ontology" / "shapes.ttl").read_text("utf-8")


def shapes_graph() -> Graph:
    """The bundled SHACL shapes (a new graph on each call, so callers may change it)."""
    return Graph().parse(data=_shapes_text(), format="turtle")


def _short(graph: Graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # an IRI that cannot be compacted is shown whole
            return f"<{node}>"
    if isinstance(node, Literal):
        return repr(str(node)) if len(str(node)) < 80 else repr(str(node)[:77] + "...")
    return "(blank node)"


def _path(report: Graph, names: Graph, path) -> str:
    """A property path as SPARQL writes it: ``kkr:outcome/skos:inScheme``, ``^kkr:case``."""
    if path is None or isinstance(path, URIRef):
        return _short(names, path)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(report, names, inverse)
    if report.value(path, RDF.first) is not None:
        return "/".join(_path(report, names, step) for step in Collection(report, path))
    return "(path)"


def _leaf_results(report: Graph, result) -> list:
    """A nested sh:node failure's details instead of its generic 'does not conform' result."""
    details = list(report.objects(result, SH.detail))
    if not details:
        return [result]
    leaves = []
    for detail in details:
        leaves.extend(_leaf_results(report, detail))
    return leaves


def validate_graph(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``graph`` against the kkrgraph shapes (or ``shapes``), without inference."""
    from pyshacl import validate

    from kkrgraph.graph.build import bind_prefixes

    conforms, report, _ = validate(graph, shacl_graph=shapes if shapes is not None else shapes_graph(), inference="none")
    names = bind_prefixes(Graph())
    top = set(report.subjects(RDF.type, SH.ValidationResult)) - set(report.objects(None, SH.detail))
    violations = set()
    for result in top:
        for leaf in _leaf_results(report, result):
            focus = report.value(leaf, SH.focusNode)
            path = report.value(leaf, SH.resultPath)
            severity = report.value(leaf, SH.resultSeverity)
            violations.add(
                Violation(
                    focus=_short(names, focus),
                    path=_path(report, names, path),
                    message=str(report.value(leaf, SH.resultMessage) or "constraint not met"),
                    value=_short(names, report.value(leaf, SH.value)),
                    severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                )
            )
    ordered = tuple(sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value)))
    return ValidationReport(bool(conforms), ordered)
