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

The result does not depend on the order of the documents: everything is sorted before it is merged.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from itertools import groupby
from operator import attrgetter

from rapidfuzz import fuzz, process

from kkrgraph.nlp import DocumentAnalysis, Mention
from kkrgraph.nlp.text import slugify

__all__ = ["Entity", "Resolution", "name_key", "ocr_key", "resolve"]

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


_KINDS = ("person", "organisation", "municipality")


def _mention_key(kind: str, start: int, end: int) -> int:
    return (start << 34) | (end << 2) | _KINDS.index(kind)


@dataclass(frozen=True)
class _MentionIndex:
    """The entity of every mention, per document, as sorted packed (start, end, kind) keys and entity
    numbers in arrays: a large corpus has millions of mentions, and tuples in a dict would take ~10× the memory."""

    keys: dict[str, array] = field(default_factory=dict)
    entities: dict[str, array] = field(default_factory=dict)

    @classmethod
    def build(cls, entity_of: Iterable[tuple[tuple[str, str, int, int], int]]) -> _MentionIndex:
        """From ((source, kind, start, end), entity number) pairs, each document's pairs in one run."""
        index = cls()
        for source, group in groupby(entity_of, key=lambda pair: pair[0][0]):
            pairs = sorted((_mention_key(kind, start, end), number) for (_, kind, start, end), number in group)
            index.keys[source] = array("q", (key for key, _ in pairs))
            index.entities[source] = array("l", (number for _, number in pairs))
        return index

    def get(self, source: str, kind: str, start: int, end: int) -> int | None:
        keys, wanted = self.keys.get(source), _mention_key(kind, start, end) if kind in _KINDS else -1
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


class _Memoised:
    """Registry lookups remembered per name: a corpus names the same bodies and municipalities thousands
    of times, and resolution looks each mention up more than once."""

    def __init__(self, resources) -> None:
        self._resources = resources
        self.organisation = cache(resources.organisation)
        self.municipality = cache(resources.municipality)

    def __getattr__(self, name: str):
        return getattr(self._resources, name)


def _strip_genitive(name: str) -> str:
    return _GENITIVE.sub("", name.strip())


def _org_node(name: str, resources) -> str:
    entry = resources.organisation(name) if resources is not None else None
    if entry is not None:
        return "reg:" + entry.name
    return "org:" + name_key(name)


def _short_references(
    analyses: Sequence[DocumentAnalysis], resources, org_node: Callable[[str], str], strip: Callable[[str], str]
) -> dict[tuple[str, int, int], str]:
    """Organisation mentions that are short forms of a longer name in the same document.

    "Socialtilsynet" / "Sundhedsalliancen" / "Klimaalliance" refer to the one body of the document whose
    name contains the word ("Socialtilsyn Nord", "Nordjysk Sundhedsalliance", "Den Nationale
    Klimaalliance"), in the definite or the bare form; "Klima Nord" is "KlimaNord" written apart. Only
    with exactly one candidate body, and per document, so two documents' Socialtilsyn are never merged.
    Returns (source, start, end) → the longer name.
    """
    out: dict[tuple[str, int, int], str] = {}
    for a in analyses:
        orgs = [(m, strip(m.name) or m.name) for m in a.mentions if m.kind == "organisation"]
        longs: dict[str, str] = {}
        for _m, name in orgs:
            if " " in name:
                longs.setdefault(org_node(name), name)
        joined = {name.replace(" ", "").casefold(): name for _m, name in orgs if " " not in name and not name.isupper()}
        for m, name in orgs:
            if " " in name:
                target = joined.get(name.replace(" ", "").casefold())
            elif name.isupper() or (resources is not None and resources.organisation(name) is not None):
                continue
            else:
                endings = ("n", "t", "en", "et")  # definite singular: alliance-n, tilsyn-et
                stems = {name.casefold()} | {name[: -len(end)].casefold() for end in endings if name.endswith(end)}
                nodes = {node for node, long in longs.items() if stems & {w.casefold() for w in long.split(" ")}}
                target = longs[nodes.pop()] if len(nodes) == 1 else None
            if target:
                out[(a.source, m.start, m.end)] = target
    return out


def _municipality(name: str, resources, official: dict[str, str]):
    if resources is None:
        return None
    hit = resources.municipality(name)
    if hit is not None:
        return hit.name
    if not re.search(r"kommune", name, re.IGNORECASE) or not official:
        return None
    best = process.extractOne(ocr_key(name), list(official), scorer=fuzz.ratio, score_cutoff=85)
    return official[best[0]] if best else None


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
    analyses = sorted(analyses, key=lambda a: a.source)
    resources = _Memoised(resources) if resources is not None else None
    # a corpus repeats its names millions of times: each function of a name is computed once per name
    strip, key_of = cache(_strip_genitive), cache(name_key)
    org_node = cache(partial(_org_node, resources=resources))
    # mentions by (source, start, end, kind, name): sorted a document at a time, which is the same order
    mentions = (
        (source, m)
        for source, group in groupby(analyses, key=lambda a: a.source)
        for m in sorted((m for a in group for m in a.mentions), key=attrgetter("start", "end", "kind", "name"))
    )
    official = {ocr_key(m.name): m.name for m in (resources.municipalities if resources is not None else ())}
    municipality = cache(partial(_municipality, resources=resources, official=official))
    uf = _UnionFind()
    node_of: dict[tuple[str, str, int, int], str] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    org_types: dict[str, str] = {}
    persons_info: dict[str, Counter] = defaultdict(Counter)
    short = _short_references(analyses, resources, org_node, strip)
    # 1. nodes per mention
    for source, m in mentions:
        name = strip(m.name) or m.name
        if m.kind == "municipality":
            canon = municipality(name)
            node = "mun:" + (canon or key_of(name))
            surfaces[node][canon or name] += 0
        elif m.kind == "organisation":
            node = org_node(short.get((source, m.start, m.end), name))
            if node.startswith("reg:"):
                entry = resources.organisation(short.get((source, m.start, m.end), name))
                org_types[node] = entry.type
        else:
            node = "per:" + key_of(name)
            if m.party or m.municipality:
                persons_info[node][(m.party, m.municipality)] += 1
        node_of[(source, m.kind, m.start, m.end)] = node
        surfaces[node][name] += 1
        uf.find(node)
    # 2. acronyms, from every document
    for a in analyses:
        for acr, long in a.acronyms:
            na, nl = org_node(acr), org_node(long)
            surfaces[na][acr] += 0
            surfaces[nl][long] += 0
            uf.union(na, nl)
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
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    a, b = keys[i], keys[j]
                    if len(a) >= 8 and (a == b or fuzz.ratio(a, b) >= 90):
                        uf.union(nodes[i], nodes[j])
    # 4. short person references, with evidence from the same document
    for a in analyses:
        full: dict[tuple[str, str], set[str]] = defaultdict(set)
        shorts = []
        for m in a.mentions:
            if m.kind != "person":
                continue
            parts = key_of(m.name).split()
            node = node_of.get((a.source, m.kind, m.start, m.end))
            if len(parts) > 2:
                full[(parts[0], parts[-1])].add(uf.find(node))
            elif len(parts) == 2:
                shorts.append((tuple(parts), node))
        for parts, node in shorts:
            targets = full.get(parts, set())
            if len(targets) == 1:
                uf.union(node, next(iter(targets)))
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
            official_names = {v for v in official.values()}
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
    # node_of holds each document's mentions together (mentions were sorted by document): one pass, no copy
    by_mention = _MentionIndex.build((k, number[id(entity_of_node[node])]) for k, node in node_of.items())
    return Resolution(tuple(entities), by_mention, dict(by_name), dict(by_ocr))
