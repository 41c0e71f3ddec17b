"""resolve stage: mentions from many documents → one canonical entity per real person or body.

Rules, in order of confidence:

* municipalities: the gazetteer (official, short and genitive names), then OCR-tolerant fuzzy matching
  against the 98 official names; canonical name "X Kommune";
* organisations: the registry (canonical name and aliases), acronym ↔ long form pairs defined in any
  document ("Business Region North Denmark (BRN)"), then equal normalised names (case, hyphen/space,
  genitive) and OCR-close names (rapidfuzz); canonical name = registry name, else the longest
  properly capitalised form;
* persons: equal normalised names (hyphen = space, genitive stripped), OCR-close names with the same
  number of parts, and short references ("Mogens Gade") only when the same document has exactly one
  longer name with that first and last part. Canonical name = the best-spelled form (most parts that
  are known first names / surnames, so "Jørgen" beats the OCR "Jgrgen"), then the fullest, then the
  most frequent spelling; a tie between "Per Bach Laursen" and "Per Bach-Laursen" goes to the hyphenated
  form, because participant lists drop hyphens more often than texts add them.

What one document alone decides (each mention's name node, the registry and gazetteer lookups, short forms
within the document) is :mod:`kkrgraph.nlp.names`, run per document in the workers and cached; this module
merges the documents' summaries. The result does not depend on the order of the documents: everything is
sorted before it is merged.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from kkrgraph.nlp import DocumentAnalysis, Mention
from kkrgraph.nlp.names import KINDS, DocumentNames, Namer, mention_key, name_key, ocr_key
from kkrgraph.nlp.text import slugify

__all__ = ["DocumentNames", "Entity", "Namer", "Resolution", "name_key", "ocr_key", "resolve", "resolve_names"]


@dataclass(frozen=True)
class Entity:
    """One real person, organisation or municipality.

    Attributes:
        key: Stable ASCII slug for IRIs ("per-bach-laursen", "aalborg-kommune").
        kind: ``person``, ``organisation`` or ``municipality``.
        name: Canonical name.
        aliases: Every other surface name seen, sorted.
        org_type: Registry type for organisations, when known.
        party: Party letter for persons, when known.
        municipality: Municipality for persons, when known.
    """

    key: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    org_type: str = ""
    party: str = ""
    municipality: str = ""


@dataclass(frozen=True)
class _MentionIndex:
    """The entity of every mention, per document, as sorted packed (start, end, kind) keys and entity
    numbers in arrays: a large corpus has millions of mentions, and tuples in a dict would take ~10× the memory."""

    keys: dict[str, array] = field(default_factory=dict)
    entities: dict[str, array] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Sequence[DocumentNames], number_of_node: dict[str, int]) -> _MentionIndex:
        """From each document's packed mentions and the entity number of every node.

        Documents that share a file name share an entry (the later one's mention wins where both have one)."""
        index = cls()
        for document in documents:
            keys = array("q")
            keys.frombytes(document.mention_keys)
            local = np.array([number_of_node[node] for node in document.nodes], dtype="l")
            entities = array("l")
            entities.frombytes(local[np.frombuffer(document.mention_nodes, dtype="l")].tobytes())
            if document.source in index.keys:
                merged = dict(zip(index.keys[document.source], index.entities[document.source], strict=True))
                merged.update(zip(keys, entities, strict=True))
                keys, entities = array("q", sorted(merged)), array("l", (merged[key] for key in sorted(merged)))
            index.keys[document.source], index.entities[document.source] = keys, entities
        return index

    def get(self, source: str, kind: str, start: int, end: int) -> int | None:
        keys, wanted = self.keys.get(source), mention_key(kind, start, end) if kind in KINDS else -1
        if keys is None or wanted < 0:
            return None
        at = bisect_left(keys, wanted)
        return self.entities[source][at] if at < len(keys) and keys[at] == wanted else None


@dataclass(frozen=True)
class Resolution:
    """Entities plus the indexes to look them up by mention or by any spelling."""

    entities: tuple[Entity, ...]
    _by_mention: _MentionIndex = field(default_factory=_MentionIndex, repr=False, compare=False)
    _by_name: dict = field(default_factory=dict, repr=False, compare=False)
    _by_ocr: dict = field(default_factory=dict, repr=False, compare=False)
    _found: dict = field(default_factory=dict, repr=False, compare=False)  # find's answers: linking asks again and again

    @cached_property
    def entities_digest(self) -> str:
        """A hash of every entity (key, name, aliases, ...): equal digests mean equal entities, equally numbered."""
        return hashlib.sha256("\n".join(map(repr, self.entities)).encode()).hexdigest()

    def resolved(self, source: str) -> bytes:
        """The mentions of document ``source`` and the entity numbers they resolved to, as bytes (to compare
        a document's resolution between builds)."""
        keys = self._by_mention.keys.get(source)
        return b"" if keys is None else keys.tobytes() + b"|" + self._by_mention.entities[source].tobytes()

    def entity_for(self, source: str, mention: Mention) -> Entity | None:
        """The entity a mention of document ``source`` was resolved to."""
        return self.entity_for_span(source, mention.kind, mention.start, mention.end, mention.name)

    def entity_for_span(self, source: str, kind: str, start: int, end: int, name: str) -> Entity | None:
        """The entity of the mention of ``kind`` at ``start``-``end`` in ``source`` (else found by ``name``)."""
        hit = self._by_mention.get(source, kind, start, end)
        return self.entities[hit] if hit is not None else self.find(name, kind=kind)

    def find(self, name: str, kind: str = "") -> Entity | None:
        """Look an entity up by any alias or spelling variant (hyphen/space, case, genitive, OCR).

        Example:
            >>> r = resolve([], None)
            >>> r.find("nobody") is None
            True
        """
        if (name, kind) not in self._found:
            self._found[(name, kind)] = self._find(name, kind)
        return self._found[(name, kind)]

    def _find(self, name: str, kind: str) -> Entity | None:
        for index, key in ((self._by_name, name_key(name)), (self._by_ocr, ocr_key(name))):
            for ent in index.get(key, ()):
                if not kind or ent.kind == kind:
                    return ent
        keys = list(self._by_ocr)
        if not keys:
            return None
        best = process.extractOne(ocr_key(name), keys, scorer=fuzz.ratio, score_cutoff=90)
        if best is not None:
            for ent in self._by_ocr[best[0]]:
                if not kind or ent.kind == kind:
                    return ent
        return None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


_ROWS = 1024  # rows of the similarity matrix computed at once (a block of n names needs n² cells in all)


def _close_pairs(keys: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of OCR keys within 90% similarity (rapidfuzz's ratio) whose first has 8 or more
    characters: shorter names differ too little to tell an OCR slip from another name.

    The similarity matrix is computed by rapidfuzz on every core, a slice of rows at a time: a corpus of
    thousands of documents has blocks of thousands of names, too many pairs for a Python loop.
    """
    for top in range(0, len(keys), _ROWS):
        rows = keys[top : top + _ROWS]
        scores = process.cdist(rows, keys, scorer=fuzz.ratio, score_cutoff=90, dtype=np.uint8, workers=-1)
        for x, j in zip(*np.nonzero(scores), strict=True):
            i = top + int(x)
            if i < j and len(keys[i]) >= 8:
                yield i, int(j)


def _person_score(name: str, resources, count: int) -> tuple:
    parts = name.replace("-", " ").split()
    known = 0
    if resources is not None:
        known = sum(1 for p in parts if p in resources.first_names or p in resources.surnames)
    danish = sum(1 for c in name if c in "æøåÆØÅ")
    return (known, len(parts), count, "-" in name, danish, name)


def resolve(analyses: Sequence[DocumentAnalysis], resources) -> Resolution:
    """Resolve the mentions of all ``analyses`` to entities (deterministic, order-independent).

    Args:
        analyses: One :class:`~kkrgraph.nlp.DocumentAnalysis` per document.
        resources: The :class:`~kkrgraph.resources.Resources` used to build the pipeline.
    """
    namer = Namer(resources)
    return resolve_names([namer(analysis) for analysis in analyses], resources)


def resolve_names(documents: Sequence[DocumentNames], resources) -> Resolution:
    """Resolve documents' names (:class:`~kkrgraph.nlp.names.DocumentNames`, made per document by a
    :class:`~kkrgraph.nlp.names.Namer`) to entities: the corpus-wide half of :func:`resolve`."""
    documents = sorted(documents, key=lambda d: d.source)
    official_names = {m.name for m in resources.municipalities} if resources is not None else set()
    uf = _UnionFind()
    surfaces: dict[str, Counter] = defaultdict(Counter)
    org_types: dict[str, str] = {}
    persons_info: dict[str, Counter] = defaultdict(Counter)
    # 1. every document's nodes and the spellings seen of each
    for d in documents:
        for node, form, count in d.surfaces:
            surfaces[d.nodes[node]][form] += count
        for node, org_type in d.org_types:
            org_types[d.nodes[node]] = org_type
        for node, party, place, count in d.persons_info:
            persons_info[d.nodes[node]][(party, place)] += count
    # 2. acronyms and their long forms, from every document
    for d in documents:
        for a, b in d.same:
            uf.union(d.nodes[a], d.nodes[b])
    # 3. OCR-close names of the same kind and shape
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node in sorted(surfaces):
        by_kind[node[:4]].append(node)
    for prefix in ("per:", "org:"):
        nodes = by_kind.get(prefix, [])
        keys = [ocr_key(node[4:]) for node in nodes]
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            blocks[(k[:1], len(k.split()))].append(i)
        for members in blocks.values():
            for i, j in _close_pairs([keys[i] for i in members]):
                uf.union(nodes[members[i]], nodes[members[j]])
    # 4. short person references, with evidence from the same document
    for d in documents:
        targets = [(d.nodes[short], {uf.find(d.nodes[full]) for full in fulls}) for short, fulls in d.short_persons]
        for short, roots in targets:
            if len(roots) == 1:
                uf.union(short, next(iter(roots)))
    # 5. entities
    groups: dict[str, list[str]] = defaultdict(list)
    for node in sorted(surfaces):
        groups[uf.find(node)].append(node)
    entities: list[Entity] = []
    entity_of_node: dict[str, Entity] = {}
    used_keys: set[str] = set()
    for root in sorted(groups):
        nodes = groups[root]
        names: Counter = Counter()
        for node in nodes:
            names.update(surfaces[node])
        kind = {"per:": "person", "org:": "organisation", "reg:": "organisation", "mun:": "municipality"}[root[:4]]
        reg = sorted(n[4:] for n in nodes if n.startswith("reg:"))
        org_type = next((org_types[n] for n in sorted(nodes) if n in org_types), "")
        party = municipality = ""
        if kind == "municipality":
            canon = [n for n in names if n.endswith("Kommune") and n[4:] and (resources is None or resources.municipality(n))]
            name = sorted(canon, key=lambda n: (-names[n], n))[0] if canon else max(names, key=lambda n: (names[n], n))
            name = next((n for n in sorted(names) if n in official_names), name)
        elif kind == "organisation":
            if reg:
                name = reg[0]
            else:
                name = max(
                    names, key=lambda n: (n[:1].isupper(), len(n.split()) > 1 or n.isupper() is False, len(n), names[n], n)
                )
        else:
            name = max(names, key=lambda n: _person_score(n, resources, names[n]))
            info: Counter = Counter()
            for node in nodes:
                info.update(persons_info.get(node, {}))
            if info:
                party, municipality = sorted(info.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        aliases = tuple(sorted({n for n in names if n != name and n}))
        key = slugify(name) or "entity"
        if key in used_keys:
            key = f"{key}-{kind}"
            n = 2
            while key in used_keys:
                key = f"{slugify(name)}-{kind}-{n}"
                n += 1
        used_keys.add(key)
        ent = Entity(key, kind, name, aliases, org_type, party, municipality)
        entities.append(ent)
        for node in nodes:
            entity_of_node[node] = ent
    by_name: dict[str, list[Entity]] = defaultdict(list)
    by_ocr: dict[str, list[Entity]] = defaultdict(list)
    for ent in entities:
        for n in (ent.name, *ent.aliases):
            for index, key in ((by_name, name_key(n)), (by_ocr, ocr_key(n))):
                if ent not in index[key]:
                    index[key].append(ent)
        if ent.kind == "organisation" and resources is not None:
            entry = resources.organisation(ent.name)
            for n in entry.aliases if entry is not None else ():
                if ent not in by_name[name_key(n)]:
                    by_name[name_key(n)].append(ent)
    entities.sort(key=lambda e: (e.kind, e.key))
    number = {id(ent): i for i, ent in enumerate(entities)}
    by_mention = _MentionIndex.build(documents, {node: number[id(ent)] for node, ent in entity_of_node.items()})
    return Resolution(tuple(entities), by_mention, dict(by_name), dict(by_ocr))
