"""A picture of a network view with matplotlib (Agg backend, no display needed): PNG or SVG.

Nodes are coloured by type and sized by weighted degree; only the most central nodes are labelled, so the
picture stays readable; a legend names the types. The layout is seeded, so the same graph gives the same
picture.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kkrgraph.export.files import atomic_writer
from kkrgraph.export.gexf import colours, node_colour

__all__ = ["plot_network"]


def _simple(network: nx.Graph) -> nx.Graph:
    """An undirected simple graph whose edge weight sums parallel edges (layout and centrality need one)."""
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes(data=True))
    for source, target, data in network.edges(data=True):
        weight = float(data.get("weight", 1))
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += weight
        else:
            simple.add_edge(source, target, weight=weight)
    return simple


def _layout(simple: nx.Graph) -> dict:
    """Spring layout per connected component, components packed in rows, largest first.

    One spring layout of a disconnected graph flings the small components to the rim and squeezes the big
    one into the middle; packing components side by side keeps every part legible.
    """
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    position: dict = {}
    x = y = row_height = 0.0
    row_width = 3.0 * max(len(components[0]), 1) ** 0.5 if components else 1.0
    for component in components:
        part = simple.subgraph(component)
        size = max(len(component), 1) ** 0.5
        if len(component) == 1:
            local = {next(iter(component)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(part, seed=7, k=1.5 / size, iterations=200, weight="weight", scale=size)
        if x > 0 and x + 2 * size > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        for node, (px, py) in local.items():
            position[node] = (x + size + px, y - size + py)
        x += 2 * size + 0.6
        row_height = max(row_height, 2 * size)
    return position


def plot_network(network: nx.Graph, out: Path | str, *, labels: int = 25, title: str = "", by_party: bool = False) -> Path:
    """Draw ``network`` to ``out`` (``.png`` or ``.svg``) and return the path.

    Args:
        network: a graph from :func:`kkrgraph.export.network.network_view`.
        out: the image file; its suffix picks the format.
        labels: how many nodes to label, the most central first (degree centrality, weighted degree as
            tie-breaker, then label).
        title: the figure title (default: the view's name).
        by_party: colour people by party instead of by type.

    Raises:
        ValueError: for a suffix other than .png or .svg.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"plot writes .png or .svg, not {out.suffix or 'no suffix'!r}")
    simple = _simple(network)
    nodes = sorted(simple.nodes)
    strength = dict(simple.degree(weight="weight"))
    centrality = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 1.0)
    ranked = sorted(nodes, key=lambda n: (-centrality[n], -strength[n], simple.nodes[n].get("label", n)))
    labelled = {n: simple.nodes[n].get("label", n) for n in ranked[:labels]}
    position = _layout(simple)

    figure, axes = plt.subplots(figsize=(16, 12), dpi=100)
    axes.set_axis_off()
    widths = [0.3 + 0.6 * min(d["weight"], 5) for *_, d in simple.edges(data=True)]
    nx.draw_networkx_edges(simple, position, ax=axes, width=widths, alpha=0.25, edge_color="#555555")
    nx.draw_networkx_nodes(
        simple,
        position,
        nodelist=nodes,
        ax=axes,
        node_color=[node_colour(simple.nodes[n], by_party) for n in nodes],
        node_size=[30 + 25 * strength[n] ** 0.8 for n in nodes],
        linewidths=0.5,
        edgecolors="white",
    )
    texts = nx.draw_networkx_labels(simple, position, labels=labelled, ax=axes, font_size=9)
    for text in texts.values():
        text.set_bbox({"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 0.5})
    present = sorted({simple.nodes[n].get("type", "") for n in nodes})
    table = colours()["types"]
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor=table.get(t, colours()["fallback"]),
            markeredgecolor="white",
            label=t or "other",
        )
        for t in present
    ]
    axes.legend(handles=handles, loc="lower left", frameon=True, title="node type")
    view = network.graph.get("view", "network")
    axes.set_title(title or f"kkrgraph: {view} ({simple.number_of_nodes()} nodes, {simple.number_of_edges()} links)")
    figure.tight_layout()
    with atomic_writer(out, "wb") as handle:
        figure.savefig(handle, format=fmt, metadata={"Software": "kkrgraph"} if fmt == "png" else {"Date": None})
    plt.close(figure)
    return out
