"""Minting of IRIs: deterministic and readable, from normalised slugs only, never from raw text.

Same entity, same IRI, in every build and across documents: persons and organisations by canonical
slug, meetings by body and date, items by meeting and number, cases by case number (KL's own, unique
everywhere) or by body and case number (another system's, unique only within the body that numbers it).
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kkrgraph.graph.namespace import DATA
from kkrgraph.nlp.text import slugify

__all__ = [
    "case_iri",
    "concept_iri",
    "decision_iri",
    "document_iri",
    "entity_iri",
    "fact_iri",
    "item_iri",
    "meeting_iri",
    "method_iri",
]

_CASE = re.compile(r"SAG-\d{4}-\d{3,7}")  # KL's own, as data/template.json's case_number reads it
_CASE_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*")  # "11/629", "330-2018-3619": kept, "/" spelt "_"


def _slug(text: str) -> str:
    return slugify(text) or "unnamed"


def entity_iri(kind: str, key: str) -> URIRef:
    """A person, organisation or municipality (``key`` is the resolver's slug)."""
    return DATA[f"{_slug(kind)}/{_slug(key)}"]


def meeting_iri(body: str, date: str, fallback: str, *, own: bool = False) -> URIRef:
    """A meeting: body and ISO date; an undated meeting, or with ``own`` every meeting (a body whose name
    does not say which body it is), is its document's: the document hash is added."""
    dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is not None
    when = date if dated and not own else f"{date if dated else 'undated'}-{_slug(fallback)[:16]}"
    return DATA[f"meeting/{_slug(body)}/{when}"]


def item_iri(meeting: URIRef, number: str) -> URIRef:
    """An agenda item of a meeting."""
    return URIRef(f"{meeting}/item/{_slug(number.replace('.', '-'))}")


def decision_iri(item: URIRef) -> URIRef:
    """The decision on an agenda item."""
    return URIRef(f"{item}/decision")


def case_iri(case_number: str, scope: str = "") -> URIRef:
    """A case file by its number: KL's ("SAG-2025-02399") alone, another system's within ``scope``.

    KL numbers its cases once for all bodies, but a municipality's or a region's number ("11/629",
    "330-2018-3619") is unique only in its own system: two bodies' "11/629" are two cases, so such a number
    is minted under the body (or, unknown, the document) that holds it. Its separators are kept ("11/629"
    and "11-629" are two numbers); a number that is not plain digits and separators is slugged.
    """
    if _CASE.fullmatch(case_number):  # fullmatch: "$" would let a trailing newline through
        return DATA[f"case/{case_number}"]
    key = case_number.replace("/", "_") if _CASE_TEXT.fullmatch(case_number) else _slug(case_number)
    return DATA[f"case/{_slug(scope)}/{key}"]


def document_iri(source: str, sha256: str) -> URIRef:
    """An input document: file name slug plus a content hash prefix (two files may share a name)."""
    return DATA[f"document/{_slug(source)}-{sha256[:8]}"]


def fact_iri(kind: str, sha256: str, start: int, *parts: str) -> URIRef:
    """A qualified statement read at one place of one document (participation, role, mention)."""
    suffix = "/".join(_slug(p) for p in parts if p)
    return DATA[f"{kind}/{sha256[:8]}-{start}" + (f"/{suffix}" if suffix else "")]


def concept_iri(scheme: str, label: str) -> URIRef:
    """A SKOS concept of a controlled vocabulary (outcome, role, document type, status, party)."""
    return DATA[f"concept/{_slug(scheme)}/{_slug(label)}"]


def method_iri(method: str) -> URIRef:
    """An extraction method, versioned ("kkrgraph/role_statements.v1")."""
    return DATA[f"method/{_slug(method)}"]
