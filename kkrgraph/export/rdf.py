"""RDF serialisations of a graph held as sorted canonical N-Triples: N-Triples, Turtle and JSON-LD.

All three stream: Turtle goes through Oxigraph's serialiser (Rust, about 25 times faster than rdflib's),
JSON-LD is written node by node from the subject-grouped lines. Since the input is sorted, every output is
byte-identical on rebuild.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kkrgraph.export.files import atomic_writer, write_lines
from kkrgraph.graph.namespace import PREFIXES

if TYPE_CHECKING:
    from kkrgraph.export.pieces import Pieces

__all__ = [
    "canonical_ntriples",
    "generate_ntriples",
    "jsonld_context",
    "parse_line",
    "write_jsonld",
    "write_ntriples",
    "write_turtle",
]

# Turtle abbreviates vocabulary IRIs; instance IRIs (data:person/...) stay whole, since a prefixed name
# cannot hold their "/" without escaping it
_OUTPUT_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "data"}
_XSD_STRING = PREFIXES["xsd"] + "string"
_LINE = re.compile(r'^<([^>]*)> <([^>]*)> (?:<([^>]*)>|"(.*)"(?:@([a-zA-Z0-9-]+)|\^\^<([^>]*)>)?) \.$')
_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"\'\\])')
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if code[0] in "uU" else _ECHAR[code]


def parse_line(line: str) -> tuple[str, str, str, str, str] | None:
    """One canonical N-Triples line → (subject, predicate, object, datatype, language).

    ``object`` is an IRI (``datatype`` and ``language`` empty, and ``is_iri`` told by ``datatype == "@id"``)
    or a literal's unescaped value. Returns None for a line that is not a triple.
    """
    match = _LINE.match(line.rstrip("\n"))
    if match is None:
        return None
    subject, predicate, obj_iri, value, language, datatype = match.groups()
    if obj_iri is not None:
        return subject, predicate, obj_iri, "@id", ""
    if "\\" in value:
        value = _UNESCAPE.sub(_unescape, value)
    return subject, predicate, value, datatype or (_XSD_STRING if not language else ""), language or ""


def canonical_ntriples(data: bytes) -> list[str]:
    """Any N-Triples → sorted, unique canonical lines (Oxigraph's escaping, the same as the builder's)."""
    from pyoxigraph import RdfFormat, parse, serialize

    text = serialize(parse(data, format=RdfFormat.N_TRIPLES), format=RdfFormat.N_TRIPLES).decode("utf-8")
    return sorted({line + "\n" for line in text.split("\n") if line.strip()})  # not splitlines(): U+0085, U+2028


def generate_ntriples(graph: Graph) -> Iterator[str]:
    """An rdflib graph as sorted canonical N-Triples lines (stable across builds; blank nodes are not used)."""
    yield from canonical_ntriples(graph.serialize(format="nt", encoding="utf-8"))


def write_ntriples(lines: Iterable[str], path: Path | str) -> int:
    """Write N-Triples lines atomically; returns the number of lines."""
    count = 0

    def counted():
        nonlocal count
        for line in lines:
            count += 1
            yield line

    write_lines(counted(), path)
    return count


def write_turtle(ntriples: Path, path: Path | str, pieces: Pieces | None = None) -> None:
    """Turtle from a sorted N-Triples file, atomically (subjects grouped, vocabulary prefixed).

    With ``pieces`` (the file's segments), each segment is serialised on its own and the texts are joined
    under one prefix header: Oxigraph ends every subject's statement where the next begins, so the result
    is the same bytes as one pass, and a rebuild serialises again only the segments that changed.
    """
    from pyoxigraph import RdfFormat, parse, serialize

    with atomic_writer(path, "wb") as handle:
        if pieces is None:
            serialize(parse(path=str(ntriples), format=RdfFormat.N_TRIPLES), handle, RdfFormat.TURTLE, prefixes=_OUTPUT_PREFIXES)
            return
        from kkrgraph.export.pieces import segment_pieces

        for index, body in enumerate(filter(None, segment_pieces(ntriples, pieces, "turtle", _turtle_body))):
            handle.write(body if index else _turtle_header() + body)


def _turtle_prefixes(text: bytes) -> int:
    """Where the prefix declarations at the head of a Turtle text end."""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    return end


def _turtle_header() -> bytes:
    """The prefix declarations Oxigraph writes at the head of every non-empty Turtle text."""
    from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

    triple = Triple(NamedNode("urn:s"), NamedNode("urn:p"), NamedNode("urn:o"))
    text = serialize([triple], format=RdfFormat.TURTLE, prefixes=_OUTPUT_PREFIXES)
    return text[: _turtle_prefixes(text)]


def _turtle_body(data: bytes) -> bytes:
    """A segment of sorted N-Triples as Turtle statements, without the prefix declarations."""
    from pyoxigraph import RdfFormat, parse, serialize

    text = serialize(parse(data, format=RdfFormat.N_TRIPLES), format=RdfFormat.TURTLE, prefixes=_OUTPUT_PREFIXES)
    return text[_turtle_prefixes(text) :]


def jsonld_context() -> dict:
    """The published JSON-LD context (``ontology/context.jsonld``, bundled in the package)."""
    return json.loads((resources.files("kkrgraph") / "ontology" / "context.jsonld").read_text("utf-8"))


class _Compactor:
    """Compacts node objects with the published context: its terms for properties and classes where the
    term's type coercion fits the value, else prefixed names; values the context coerces become strings."""

    def __init__(self, context: dict) -> None:
        self.prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
        self.terms: dict[tuple[str, str], str] = {}  # (IRI, coercion) → term; coercion "" when none
        for term, definition in context.items():
            if term in self.prefixes or not isinstance(definition, str | dict) or str(definition).startswith("@"):
                continue
            iri, coercion = (definition, "") if isinstance(definition, str) else (definition["@id"], definition.get("@type", ""))
            self.terms.setdefault((self.expand(iri), coercion if coercion == "@id" else self.expand(coercion)), term)

    def expand(self, curie: str) -> str:
        prefix, _, rest = curie.partition(":")
        return self.prefixes[prefix] + rest if prefix in self.prefixes else curie

    def curie(self, iri: str) -> str:
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and namespace != PREFIXES["data"] and "/" not in iri[len(namespace) :]:
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def node(self, subject: str, triples: Iterable[tuple[str, str, str, str, str]]) -> dict:
        node: dict = {"@id": self.curie(subject)}
        for _, predicate, obj, datatype, language in triples:
            if predicate == PREFIXES["rdf"] + "type" and datatype == "@id":
                node.setdefault("@type", []).append(self.terms.get((obj, ""), self.curie(obj)))
                continue
            coercion = "" if language else datatype
            term = self.terms.get((predicate, coercion)) if coercion else None
            if term is not None:
                key, value = term, self.curie(obj) if datatype == "@id" else obj
            else:
                key = self.terms.get((predicate, ""), self.curie(predicate))
                if datatype == "@id":
                    value = {"@id": self.curie(obj)}
                elif language:
                    value = {"@value": obj, "@language": language}
                else:
                    value = obj if datatype == _XSD_STRING else {"@value": obj, "@type": self.curie(datatype)}
            node.setdefault(key, []).append(value)
        return node


def write_jsonld(ntriples: Path, path: Path | str) -> None:
    """JSON-LD compacted with the published context (one object per subject) from a sorted N-Triples file."""
    context = jsonld_context()["@context"]
    compactor = _Compactor(context)
    with ntriples.open(encoding="utf-8") as lines, atomic_writer(path) as handle:
        handle.write('{"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n"@graph": [\n')
        triples = filter(None, map(parse_line, lines))
        for index, (subject, group) in enumerate(groupby(triples, key=lambda t: t[0])):
            handle.write(",\n" if index else "")
            handle.write(json.dumps(compactor.node(subject, group), ensure_ascii=False, sort_keys=True))
        handle.write("\n]}\n")
