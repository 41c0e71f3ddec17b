"""What one document tells resolution about names: the nlp stage's last step, the per-document half of resolving.

Everything resolution decides from a single document (which name node each mention is, which organisation
short forms point at a longer name of the same document, which acronyms the document defines, which two-part
person names have exactly one longer candidate in it) is computed here, once per document, in the worker
that analysed it, and cached with the document's result. A rebuild then sums small per-document summaries
instead of reading and re-deciding millions of mentions; :func:`kkrgraph.resolve.resolve_names` merges them.

A *node* is a normalised name with its kind: ``per:per bach laursen``, ``org:forsyningsalliancen nord``,
``reg:<registry name>``, ``mun:<official municipality name>``. Nodes that name the same thing are joined
across documents by :mod:`kkrgraph.resolve`.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from kkrgraph.nlp import DocumentAnalysis

__all__ = ["KINDS", "DocumentNames", "Namer", "mention_key", "name_key", "ocr_key"]

KINDS = ("person", "organisation", "municipality")
_SPACE = re.compile(r"\s+")
_GENITIVE = re.compile(r"(?:[’']s|[’'])$")
_OCR = [
    ("æ", "e"),
    ("ae", "e"),
    ("ee", "e"),
    ("ze", "e"),
    ("ø", "o"),
    ("@", "o"),
    ("g", "o"),
    ("0", "o"),
    ("å", "a"),
    ("aa", "a"),
    ("&", "a"),
    ("|", "i"),
    ("1", "i"),
]


def name_key(name: str) -> str:
    """Case-, accent-, hyphen- and genitive-insensitive key ("Per Bach-Laursen" = "per bach laursen").

    Example:
        >>> name_key("KKR Nordjylland’s") == name_key("kkr nordjylland")
        True
    """
    name = _GENITIVE.sub("", name.strip())
    return _SPACE.sub(" ", re.sub(r"[\-–]", " ", name.lower())).strip()


def ocr_key(name: str) -> str:
    """Key that folds the letter confusions of Danish OCR (ø/g/@, æ/ee/ae, å/a/&, I/|).

    Example:
        >>> ocr_key("Niels Jgrgen Pedersen") == ocr_key("Niels Jørgen Pedersen")
        True
    """
    key = name_key(name)
    for a, b in _OCR:
        key = key.replace(a, b)
    return key


def mention_key(kind: str, start: int, end: int) -> int:
    """A mention's (start, end, kind) packed into one number; sorting the numbers sorts the triples."""
    return (start << 34) | (end << 2) | KINDS.index(kind)


@dataclass(frozen=True)
class DocumentNames:
    """One document's names, reduced to what resolution merges across documents.

    Node fields hold indexes into ``nodes``. Mentions are kept as two packed arrays (their keys, see
    :func:`mention_key`, ascending, and the node of each) rather than as objects: a large corpus has millions.

    Attributes:
        source: The document's file name.
        nodes: The document's distinct name nodes.
        surfaces: (node, surface form, count) of every spelling seen; count 0 marks a form known without being
            counted (a municipality's official name, an acronym's definition).
        mention_keys: Packed mention keys, ascending (``array('q')`` bytes).
        mention_nodes: The node of each mention (``array('l')`` bytes).
        org_types: (node, registry type) of registered organisations.
        persons_info: (node, party, municipality, count) of person mentions that state them.
        same: (node, node) pairs the document states are one body (an acronym and its long form).
        short_persons: (two-part name node, the document's longer name nodes with the same first and last part).
    """

    source: str
    nodes: tuple[str, ...] = ()
    surfaces: tuple[tuple[int, str, int], ...] = ()
    mention_keys: bytes = b""
    mention_nodes: bytes = b""
    org_types: tuple[tuple[int, str], ...] = ()
    persons_info: tuple[tuple[int, str, str, int], ...] = ()
    same: tuple[tuple[int, int], ...] = ()
    short_persons: tuple[tuple[int, tuple[int, ...]], ...] = ()


def _strip_genitive(name: str) -> str:
    return _GENITIVE.sub("", name.strip())


def _nothing(_name: str) -> None:
    """The registry lookup of a namer without resources: nothing is registered."""


class Namer:
    """Turns a document's mentions into :class:`DocumentNames`; built once per process.

    A corpus repeats its names millions of times, so every function of a name (registry lookups, keys, the
    fuzzy municipality match) is remembered per name for the life of the namer.
    """

    def __init__(self, resources) -> None:
        self.strip: Callable[[str], str] = cache(_strip_genitive)
        self.key_of: Callable[[str], str] = cache(name_key)
        self.registered: Callable[[str], object | None] = cache(resources.organisation) if resources is not None else _nothing
        self._municipality_entry = cache(resources.municipality) if resources is not None else _nothing
        self._official = {ocr_key(m.name): m.name for m in (resources.municipalities if resources is not None else ())}
        self.org_node: Callable[[str], str] = cache(self._org_node)
        self.municipality: Callable[[str], str | None] = cache(self._municipality)

    def _org_node(self, name: str) -> str:
        entry = self.registered(name)
        return "reg:" + entry.name if entry is not None else "org:" + name_key(name)

    def _municipality(self, name: str) -> str | None:
        """The official name of the municipality ``name`` names: the gazetteer, else an OCR-close official name."""
        hit = self._municipality_entry(name)
        if hit is not None:
            return hit.name
        if not re.search(r"kommune", name, re.IGNORECASE) or not self._official:
            return None
        best = process.extractOne(ocr_key(name), list(self._official), scorer=fuzz.ratio, score_cutoff=85)
        return self._official[best[0]] if best else None

    def __call__(self, analysis: DocumentAnalysis) -> DocumentNames:
        """The document's names: each mention's node, in the order of the mentions' spans."""
        nodes: dict[str, int] = {}
        surfaces: Counter = Counter()
        org_types: dict[int, str] = {}
        persons_info: Counter = Counter()
        node_of: dict[int, int] = {}  # mention key → node; of two mentions on one span the later in order wins
        short = self._short_references(analysis)

        def number(node: str) -> int:
            return nodes.setdefault(node, len(nodes))

        for m in sorted(analysis.mentions, key=lambda m: (m.start, m.end, m.kind, m.name)):
            name = self.strip(m.name) or m.name
            if m.kind == "municipality":
                canon = self.municipality(name)
                node = number("mun:" + (canon or self.key_of(name)))
                surfaces[(node, canon or name)] += 0
            elif m.kind == "organisation":
                target = short.get((m.start, m.end), name)
                node = number(self.org_node(target))
                entry = self.registered(target)
                if entry is not None:
                    org_types[node] = entry.type
            else:
                node = number("per:" + self.key_of(name))
                if m.party or m.municipality:
                    persons_info[(node, m.party, m.municipality)] += 1
            node_of[mention_key(m.kind, m.start, m.end)] = node
            surfaces[(node, name)] += 1
        same = []
        for acronym, long in analysis.acronyms:
            short_node, long_node = number(self.org_node(acronym)), number(self.org_node(long))
            surfaces[(short_node, acronym)] += 0
            surfaces[(long_node, long)] += 0
            same.append((short_node, long_node))
        keys = sorted(node_of)
        return DocumentNames(
            source=analysis.source,
            nodes=tuple(nodes),
            surfaces=tuple((node, form, count) for (node, form), count in surfaces.items()),
            mention_keys=array("q", keys).tobytes(),
            mention_nodes=array("l", (node_of[key] for key in keys)).tobytes(),
            org_types=tuple(org_types.items()),
            persons_info=tuple((node, party, place, count) for (node, party, place), count in persons_info.items()),
            same=tuple(same),
            short_persons=self._short_persons(analysis, node_of),
        )

    def _short_persons(self, analysis: DocumentAnalysis, node_of: dict[int, int]) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """Two-part person names and the document's longer names with that first and last part: "Mogens Gade"
        is "Mogens Christen Gade" when the same document has exactly one such longer name (decided across
        documents, after OCR variants are joined, by :func:`kkrgraph.resolve.resolve_names`)."""
        full: dict[tuple[str, str], set[int]] = defaultdict(set)
        shorts: list[tuple[tuple[str, str], int]] = []
        for m in analysis.mentions:
            if m.kind != "person":
                continue
            parts = self.key_of(m.name).split()
            node = node_of[mention_key(m.kind, m.start, m.end)]
            if len(parts) > 2:
                full[(parts[0], parts[-1])].add(node)
            elif len(parts) == 2:
                shorts.append(((parts[0], parts[1]), node))
        return tuple((node, tuple(sorted(full[parts]))) for parts, node in shorts if parts in full)

    def _short_references(self, analysis: DocumentAnalysis) -> dict[tuple[int, int], str]:
        """Organisation mentions that are short forms of a longer name in the same document.

        "Socialtilsynet" / "Sundhedsalliancen" / "Klimaalliance" refer to the one body of the document whose
        name contains the word ("Socialtilsyn Nord", "Nordjysk Sundhedsalliance", "Den Nationale
        Klimaalliance"), in the definite or the bare form; "Klima Nord" is "KlimaNord" written apart. Only
        with exactly one candidate body, and per document, so two documents' Socialtilsyn are never merged.
        Returns (start, end) → the longer name.
        """
        out: dict[tuple[int, int], str] = {}
        orgs = [(m, self.strip(m.name) or m.name) for m in analysis.mentions if m.kind == "organisation"]
        longs: dict[str, str] = {}
        for _m, name in orgs:
            if " " in name:
                longs.setdefault(self.org_node(name), name)
        joined = {name.replace(" ", "").casefold(): name for _m, name in orgs if " " not in name and not name.isupper()}
        for m, name in orgs:
            if " " in name:
                target = joined.get(name.replace(" ", "").casefold())
            elif name.isupper() or self.registered(name) is not None:
                continue
            else:
                endings = ("n", "t", "en", "et")  # definite singular: alliance-n, tilsyn-et
                stems = {name.casefold()} | {name[: -len(end)].casefold() for end in endings if name.endswith(end)}
                found = {node for node, long in longs.items() if stems & {w.casefold() for w in long.split(" ")}}
                target = longs[found.pop()] if len(found) == 1 else None
            if target:
                out[(m.start, m.end)] = target
        return out
