"""GEXF 1.3 for Gephi: typed, coloured, sized and dated nodes and edges, written deterministically.

networkx writes GEXF 1.2draft and no timeline hints; this writer emits GEXF 1.3 (``http://gexf.net/1.3``)
with ``mode="dynamic"`` and ``timeformat="date"``: every dated node and edge carries ``start`` (the date
of the first meeting supporting it, no ``end``: a statement stays true in the record once made), so
Gephi's timeline replays how the network grew meeting by meeting. Nodes and edges are sorted and no
timestamp is written, so re-exporting the same graph gives byte-identical files.

Example:
    >>> import networkx as nx
    >>> net = nx.DiGraph()
    >>> net.add_node("https://example.org/a", label="Anna Aaen", type="person", party="Ø")
    >>> net.add_node("https://example.org/m", label="KKR Nordjylland 24-11-2023", type="meeting", start="2023-11-24")
    >>> net.add_edge("https://example.org/a", "https://example.org/m", type="attended", weight=1, start="2023-11-24")
    >>> text = "".join(generate_gexf(net))
    >>> 'version="1.3"' in text and 'start="2023-11-24"' in text
    True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from kkrgraph.export.files import atomic_writer

if TYPE_CHECKING:
    import networkx as nx

    from kkrgraph.export.network import FullView

__all__ = ["GEXF_NS", "VIZ_NS", "colours", "generate_gexf", "node_colour", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# attributes written as element attributes (or viz), not as <attvalue>s
_RESERVED = {"label", "start", "end"}


@cache
def colours() -> dict:
    """The colour table (``export/colours.json``): ``types``, ``parties`` and a ``fallback``, as hex."""
    return json.loads((resources.files("kkrgraph") / "export" / "colours.json").read_text("utf-8"))


def node_colour(data: dict, by_party: bool = False) -> str:
    """Hex colour of a node: by type, or for people with a known party letter by party if ``by_party``."""
    table = colours()
    if by_party and data.get("type") == "person" and data.get("party") in table["parties"]:
        return table["parties"][data["party"]]
    return table["types"].get(data.get("type", ""), table["fallback"])


def _xml_type(kinds: set[type]) -> str:
    """The GEXF type holding values of all these Python types."""
    if all(issubclass(k, bool) for k in kinds):
        return "boolean"
    if all(issubclass(k, int) and not issubclass(k, bool) for k in kinds):
        return "integer"
    if all(issubclass(k, (int, float)) and not issubclass(k, bool) for k in kinds):
        return "double"
    return "string"


def _format(value, xml_type: str) -> str:
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type == "double":
        return repr(float(value))
    return str(value)


def _declare(items: list[dict]) -> list[tuple[str, str]]:
    """(name, GEXF type) of every attribute any item carries, sorted by name."""
    kinds: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            if value not in ("", None) and key not in _RESERVED and key != "weight":
                kinds.setdefault(key, set()).add(type(value))
    return [(key, _xml_type(found)) for key, found in sorted(kinds.items())]


_PLAIN = re.compile(r'[^&<>"\n\r\t]*')  # what an attribute value may hold to be written between quotes as it is


def _attr(value: str) -> str:
    """``quoteattr`` for the common case (a value needing no escape) without its replace chain; the same text."""
    return f'"{value}"' if _PLAIN.fullmatch(value) else quoteattr(value)


def _attvalues(data: dict, declared: list[tuple[str, str, str]], indent: str, quote) -> str:
    """The ``<attvalues>`` of an item; ``declared`` holds each attribute's name, type and opening text."""
    values = [
        f"{head}{quote(_format(value, xml_type))}/>\n"
        for key, xml_type, head in declared
        if (value := data.get(key)) not in ("", None)
    ]
    return f"{indent}<attvalues>\n{''.join(values)}{indent}</attvalues>\n" if values else ""


def _heads(declared: list[tuple[str, str]], indent: str) -> list[tuple[str, str, str]]:
    """Each declared attribute with the text that opens its ``<attvalue>`` (written once, not per item)."""
    return [(key, xml_type, f"{indent}  <attvalue for={_attr(key)} value=") for key, xml_type in declared]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    text = hex_colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _dates(data: dict, quote) -> str:
    start, end = data.get("start"), data.get("end")
    return (f" start={quote(str(start))}" if start else "") + (f" end={quote(str(end))}" if end else "")


def _parts(network: nx.Graph | FullView) -> tuple[list, list, dict, bool, bool, str]:
    """Sorted nodes, sorted edge items (source, target, key, data), weighted degrees, directed, multigraph and
    view name of a networkx graph or of the build's full view (plain data, written without networkx)."""
    from kkrgraph.export.network import FullView

    if isinstance(network, FullView):
        nodes = sorted(network.nodes.items())
        edge_items = sorted(network.edges, key=lambda item: item[:3])
        degree: dict = {}
        for source, target, _, data in edge_items:  # as networkx counts it: in plus out, a self-loop twice
            weight = data.get("weight", 1)
            degree[source] = degree.get(source, 0) + weight
            degree[target] = degree.get(target, 0) + weight
        return nodes, edge_items, degree, True, True, network.view
    nodes = sorted(network.nodes(data=True), key=lambda item: str(item[0]))
    if network.is_multigraph():
        edge_items = [(str(s), str(t), str(k), d) for s, t, k, d in network.edges(keys=True, data=True)]
    else:
        edge_items = [(str(s), str(t), "", d) for s, t, d in network.edges(data=True)]
    if not network.is_directed():  # undirected pairs in one canonical order
        edge_items = [(min(s, t), max(s, t), k, d) for s, t, k, d in edge_items]
    edge_items.sort(key=lambda item: item[:3])
    degree = dict(network.degree(weight="weight"))
    return nodes, edge_items, degree, network.is_directed(), network.is_multigraph(), network.graph.get("view", "graph")


def generate_gexf(network: nx.Graph | FullView, *, by_party: bool = False, description: str = "") -> Iterator[str]:
    """Yield a networkx graph (or the build's :class:`~kkrgraph.export.network.FullView`) as GEXF 1.3 text, line
    by line.

    Args:
        network: a graph from :func:`kkrgraph.export.network.network_view` (or any graph whose nodes have
            ``label`` and ``type``; edges may have ``type``, ``weight``, ``role``, ``start``, ``end``).
        by_party: colour people by their party letter instead of by type.
        description: free text for ``<meta><description>``; default names the view.

    Yields:
        The GEXF document in pieces of whole lines (a node or an edge each).
    """
    nodes, edge_items, degree, directed, multigraph, view = _parts(network)
    node_attrs = _declare([d for _, d in nodes])
    edge_attrs = _declare([d for *_, d in edge_items])
    dynamic = any(d.get("start") for _, d in nodes) or any(d.get("start") for *_, d in edge_items)

    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
    )
    yield "  <meta>\n    <creator>kkrgraph</creator>\n"
    yield f"    <description>{_text(description or f'kkrgraph network, view: {view}')}</description>\n  </meta>\n"
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    edge_type = "directed" if directed else "undirected"
    yield f'  <graph defaultedgetype="{edge_type}"{mode}>\n'
    for cls, declared in (("node", node_attrs), ("edge", edge_attrs)):
        if declared:
            yield f'    <attributes class="{cls}" mode="static">\n'
            for key, xml_type in declared:
                yield f"      <attribute id={_attr(key)} title={_attr(key)} type={_attr(xml_type)}/>\n"
            yield "    </attributes>\n"
    yield "    <nodes>\n"
    quoted: dict[str, str] = {}  # a node's IRI is quoted once however many edges it ends

    def quote(value: str) -> str:
        found = quoted.get(value)
        if found is None:
            found = quoted[value] = _attr(value)
        return found

    node_heads, edge_heads = _heads(node_attrs, "        "), _heads(edge_attrs, "        ")
    colour = {}  # (type, party) → the viz:color element
    for node, data in nodes:
        label = data.get("label") or str(node)
        shade = (data.get("type"), data.get("party") if by_party else None)
        if shade not in colour:
            r, g, b = _rgb(node_colour(data, by_party))
            colour[shade] = f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>\n'
        yield (
            f"      <node id={quote(str(node))} label={_attr(str(label))}{_dates(data, quote)}>\n"
            f"{_attvalues(data, node_heads, '        ', quote)}{colour[shade]}"
            f'        <viz:size value="{_size(degree.get(node, 0))}"/>\n      </node>\n'
        )
    yield "    </nodes>\n    <edges>\n"
    for number, (source, target, _key, data) in enumerate(edge_items):
        kind = data.get("type")
        typed = f" label={quote(str(kind))}" if kind else ""  # the edge's type as its label and, in a multigraph, kind
        if kind and multigraph:
            typed += f" kind={quote(str(kind))}"
        weight = _format(data.get("weight", 1), "double")
        yield (
            f'      <edge id="e{number}" source={quote(source)} target={quote(target)}'
            f'{typed} weight="{weight}"{_dates(data, quote)}>\n{_attvalues(data, edge_heads, "        ", quote)}      </edge>\n'
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(value)


def _size(weighted_degree: float) -> str:
    """Node size: grows with the square root of the weighted degree, so hubs stand out without swamping."""
    return f"{4.0 + 4.0 * math.sqrt(max(weighted_degree, 0.0)):.2f}"


def write_gexf(network: nx.Graph | FullView, path_or_file: Path | str | IO[bytes], **options) -> None:
    """Write GEXF 1.3 to a path (atomically) or to an open binary file.

    Args:
        network: the graph to write (see :func:`generate_gexf`).
        path_or_file: a file name or a binary file object.
        **options: passed to :func:`generate_gexf` (``by_party``, ``description``).
    """
    if isinstance(path_or_file, (str, Path)):
        with atomic_writer(path_or_file, "wb") as handle:
            _write_batched(generate_gexf(network, **options), handle)
    else:
        _write_batched(generate_gexf(network, **options), path_or_file)


def _write_batched(pieces: Iterator[str], handle: IO[bytes], batch: int = 4096) -> None:
    """Write text pieces encoded, a few thousand at a time (one write call each)."""
    while chunk := "".join(islice(pieces, batch)):
        handle.write(chunk.encode("utf-8"))
