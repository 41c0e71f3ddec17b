"""RDF terms written straight as N-Triples text: the graph is built as lines, never as Python objects.

A corpus of thousands of documents has tens of millions of triples; an in-memory rdflib graph of them
would not fit, and adding them one by one would take most of the build. The builder therefore writes
each triple as one canonical N-Triples line (the escaping of RDF 1.1 canonical N-Triples, byte for byte
what Oxigraph writes), which sorts, deduplicates, streams to disk and loads into any store.

IRIs come only from :mod:`kkrgraph.graph.iri` (normalised slugs), and every literal goes through
:func:`literal`, so text from a document can never break out of the line it is written into.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kkrgraph.graph.namespace import PREFIXES

__all__ = ["boolean", "date", "integer", "iri", "literal", "triple"]

_XSD = PREFIXES["xsd"]
_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x00, 0x20), 0x7F, 0xFFFE, 0xFFFF) if c not in _ESCAPES})
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f\ufffe\uffff]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(node: URIRef | str) -> str:
    """An IRI term.

    Raises:
        ValueError: the IRI contains a character N-Triples forbids (a bug in minting, never user text).
    """
    if _IRI_FORBIDDEN.search(node):
        raise ValueError(f"unsafe IRI {node!r}")
    return f"<{node}>"


def literal(text: str, lang: str = "") -> str:
    """A string literal (optionally language-tagged), escaped; lone surrogates become U+FFFD."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def integer(value: int) -> str:
    """An xsd:integer literal."""
    return f'"{int(value)}"^^<{_XSD}integer>'


def boolean(value: bool) -> str:
    """An xsd:boolean literal."""
    return f'"{"true" if value else "false"}"^^<{_XSD}boolean>'


def date(iso: str) -> str:
    """An xsd:date literal from an ISO date (checked, so only digits and dashes reach the output)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        raise ValueError(f"not an ISO date: {iso!r}")
    return f'"{iso}"^^<{_XSD}date>'


def triple(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line from formatted terms."""
    return f"{subject} {predicate} {obj} .\n"
