"""Draw the kkrgraph ontology (kkrgraph/ontology/kkr.ttl) as a class diagram: docs/ontology.png.

Classes are boxes naming their standard superclasses (⊑) and their literal properties; object properties are
arrows from domain to range (``rdfs:domain``/``rdfs:range`` and the ``schema:domainIncludes``/``rangeIncludes``
hints). The two PROV-O links every extracted fact carries are drawn too. Needs only matplotlib and networkx.

Usage:
    python scripts/draw_ontology.py [--out docs/ontology.png]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx
from rdflib import OWL, RDF, RDFS, Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = "http://schema.org/"

# Fixed places for the classes kkr.ttl has today (a class added later falls back to a computed place).
POSITIONS = {
    "skos:Concept": (0.0, 10.0),
    "kkr:Participation": (5.0, 10.0),
    "foaf:Person": (10.0, 10.0),
    "org:Membership": (15.0, 10.0),
    "kkr:Document": (0.0, 6.5),
    "kkr:Meeting": (5.0, 6.5),
    "org:Organization": (15.0, 6.5),
    "prov:Entity": (-4.0, 3.0),
    "kkr:Case": (0.0, 3.0),
    "kkr:AgendaItem": (5.0, 3.0),
    "kkr:Mention": (10.0, 3.0),
    "kkr:Municipality": (15.0, 3.0),
    "kkr:Region": (19.0, 4.8),
    "kkr:Method": (-4.0, -0.5),
    "kkr:Decision": (5.0, -0.5),
    "kkr:MeetingReference": (10.0, -0.5),
}


def _short(graph: Graph, node) -> str:
    return graph.namespace_manager.normalizeUri(node)


def ontology_diagram(ttl: Path) -> tuple[nx.DiGraph, dict[str, list[str]], list[tuple[str, str]]]:
    """Classes (with superclass and literal-property notes), object-property edges, subclass edges."""
    graph = Graph().parse(ttl)
    graph.bind("schema", SCHEMA, override=True, replace=True)
    kkr_ns = str(graph.namespace_manager.expand_curie("kkr:Meeting")).rsplit("#", 1)[0] + "#"
    diagram = nx.DiGraph()
    notes: dict[str, list[str]] = defaultdict(list)
    subclass_edges = []
    for cls in sorted(graph.subjects(RDF.type, OWL.Class)):
        name = _short(graph, cls)
        diagram.add_node(name)
        supers = [_short(graph, s) for s in sorted(graph.objects(cls, RDFS.subClassOf))]
        for sup in supers:
            if sup in ("org:Organization",):
                subclass_edges.append((name, sup))
        shown = [s for s in supers if s not in ("org:Organization", "prov:Entity")]
        if shown:
            notes[name].append("⊑ " + ", ".join(shown))
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        domains = list(graph.objects(prop, RDFS.domain)) + list(graph.objects(prop, URIRef(SCHEMA + "domainIncludes")))
        ranges = list(graph.objects(prop, RDFS.range)) + list(graph.objects(prop, URIRef(SCHEMA + "rangeIncludes")))
        for d in domains:
            for r in ranges:
                labels[(_short(graph, d), _short(graph, r))].append(str(prop).replace(kkr_ns, ""))
    for prop in sorted(graph.subjects(RDF.type, OWL.DatatypeProperty)):
        for d in graph.objects(prop, RDFS.domain):
            notes[_short(graph, d)].append(str(prop).replace(kkr_ns, ""))
    labels[("org:Membership", "foaf:Person")].append("org:member")
    labels[("org:Membership", "org:Organization")].append("org:organization")
    labels[("org:Membership", "skos:Concept")].append("org:role")
    labels[("prov:Entity", "kkr:Document")].append("prov:wasDerivedFrom")
    labels[("prov:Entity", "kkr:Method")].append("prov:wasGeneratedBy")
    notes["prov:Entity"].insert(0, "every extracted fact")
    for (source, target), names in labels.items():
        diagram.add_edge(source, target, label=", ".join(sorted(set(names))))
    for node in list(diagram.nodes):
        notes.setdefault(node, [])
    return diagram, notes, subclass_edges


def _wrap(words: list[str], width: int = 34) -> str:
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) + 2 > width:
            lines.append(line + ",")
            line = word
        else:
            line = f"{line}, {word}" if line else word
    return "\n".join([*lines, line] if line else lines)


def draw(ttl: Path, out: Path) -> None:
    """Write the diagram of ``ttl`` to ``out`` (PNG or SVG by extension)."""
    diagram, notes, subclass_edges = ontology_diagram(ttl)
    for _child, parent in subclass_edges:
        diagram.add_node(parent)
    missing = [n for n in diagram.nodes if n not in POSITIONS]
    pos = dict(POSITIONS)
    if missing:
        pos.update(nx.spring_layout(diagram, pos=POSITIONS, fixed=list(POSITIONS), seed=1))
    pos = {n: pos[n] for n in diagram.nodes}
    fig, ax = plt.subplots(figsize=(17, 11), dpi=100)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.95, bottom=0.01)
    ax.set_axis_off()
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 2.2, max(xs) + 2.2)
    ax.set_ylim(min(ys) - 1.2, max(ys) + 2.4)
    boxes = {}
    for node, (x, y) in pos.items():
        external = not node.startswith("kkr:")
        extra = notes.get(node, [])
        heading = [e for e in extra if e.startswith("⊑") or e == "every extracted fact"]
        literals = [e for e in extra if e not in heading]
        text = node + ("\n" + "\n".join(heading) if heading else "") + ("\n" + _wrap(literals) if literals else "")
        boxes[node] = ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=10,
            family="DejaVu Sans",
            zorder=1,
            bbox={"boxstyle": "round,pad=0.5", "fc": "#eeeeee" if external else "#dbe9f6", "ec": "#444444"},
        )
    fig.canvas.draw()  # the boxes need their sizes before arrows can be clipped to them
    edges = [(u, v, d["label"], "solid") for u, v, d in diagram.edges(data=True)]
    edges += [(child, parent, "", "dashed") for child, parent in subclass_edges]
    for source, target, label, style in edges:
        long_row = abs(pos[source][1] - pos[target][1]) < 0.1 and abs(pos[source][0] - pos[target][0]) > 6
        rad = 0.25 if long_row or diagram.has_edge(target, source) else 0.08
        ax.annotate(
            "",
            xy=pos[target],
            xytext=pos[source],
            zorder=2,
            arrowprops={
                "arrowstyle": "-|>",
                "mutation_scale": 16,
                "lw": 1.2,
                "linestyle": style,
                "color": "#999999" if style == "dashed" else "#555555",
                "connectionstyle": f"arc3,rad={rad}",
                "patchA": boxes[source].get_bbox_patch(),
                "patchB": boxes[target].get_bbox_patch(),
            },
        )
        if label:
            (x1, y1), (x2, y2) = pos[source], pos[target]
            cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)  # arc3's control point
            t = 0.4  # a little towards the source: crossing edges keep their labels apart
            mx = (1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t**2 * x2
            my = (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t**2 * y2
            ax.text(
                mx,
                my,
                label,
                fontsize=9,
                color="#1f4e79",
                ha="center",
                va="center",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            )
    ax.set_title(
        "kkrgraph ontology (generated from kkrgraph/ontology/kkr.ttl): arrows = object properties, "
        "dashed = rdfs:subClassOf, grey = reused standard classes",
        fontsize=12,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100, metadata={"Software": None} if out.suffix == ".png" else None)
    plt.close(fig)


def main() -> None:
    """Command line entry: draw kkr.ttl to --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ttl", type=Path, default=ROOT / "kkrgraph" / "ontology" / "kkr.ttl")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "ontology.png")
    args = parser.parse_args()
    draw(args.ttl, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
