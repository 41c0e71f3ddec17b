"""Score a built graph against hand annotations: precision / recall / F1 per kind of fact.

The gold standard is one JSON file per document (format in ``docs/readme/60-evaluation.md``). The system's
facts come from the graph through SPARQL: the contract's named queries (``meetings``, ``attendance``,
``agenda``, ``roles``, ``organisations``) for meeting-level facts, and one query of this module for the people,
organisations and municipalities each document names. What is scored is therefore what a user sees.

Facts are compared after light normalisation that forgives layout, never extraction errors: names are
compared case-insensitively with hyphens as spaces and whitespace collapsed, but Danish letters are kept
(an unrepaired OCR spelling is wrong) and a genitive -s is not stripped (an unresolved genitive is wrong).
An organisation matches when the system's name is the gold name or any gold alias, or the gold name is one
of the system entity's aliases. Each gold fact is matched to at most one system fact (maximum bipartite
matching), so two unmerged system entities for one gold organisation cost a false positive.

Example:
    >>> gold = parse_gold({"document": "a.txt", "people": ["Per Bach-Laursen"]})
    >>> system = SystemDocument(source="a.txt", people=(("Per Bach Laursen",), ("Anna Aaen",)))
    >>> score = score_document(gold, system).result("people").score
    >>> (score.tp, score.fp, score.fn, round(score.f1, 3))
    (1, 1, 0, 0.667)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "KINDS",
    "DocumentEvaluation",
    "Evaluation",
    "Facts",
    "GoldDocument",
    "KindResult",
    "Name",
    "Score",
    "SystemDocument",
    "default_gold_dir",
    "evaluate",
    "evaluation_to_json",
    "format_table",
    "load_gold",
    "meeting_facts",
    "norm_name",
    "norm_title",
    "parse_gold",
    "score_document",
    "score_facts",
    "system_documents",
]

#: The kinds of fact scored, in report order.
KINDS = ("people", "organisations", "municipalities", "roles", "attendance", "agenda_items", "outcomes")

_HYPHENS = re.compile(r"[-\u2010\u2011]")
_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def norm_name(text: str) -> str:
    """A name's comparison key: case-folded, hyphen = space, whitespace collapsed; Danish letters kept.

    Example:
        >>> norm_name("Per  Bach-Laursen") == norm_name("per bach laursen")
        True
        >>> norm_name("Niels Jgrgen Pedersen") == norm_name("Niels Jørgen Pedersen")
        False
    """
    return _SPACE.sub(" ", _HYPHENS.sub(" ", text)).strip().casefold()


def norm_title(text: str) -> str:
    """A title's comparison key: case-folded, whitespace collapsed, every dash variant (- – —) the same.

    Example:
        >>> norm_title("Børnehus Nord – budget") == norm_title("børnehus nord - budget")
        True
    """
    return _SPACE.sub(" ", _DASHES.sub("-", text)).strip().casefold()


def _plain(text: str) -> str:
    return text.strip()


@dataclass(frozen=True)
class Name:
    """One field of a fact: a comparison key plus the keys of the entity's aliases (empty for plain values).

    Two fields match when either side's key is among the other's keys, i.e. the system's name is the gold
    name or a gold alias, or the gold name is a system alias. Alias never matches alias: a shared acronym
    (DAS) must not make two different bodies equal.
    """

    key: str
    aliases: frozenset[str] = frozenset()
    shown: str = ""

    def matches(self, other: Name) -> bool:
        """Whether two fields denote the same value (symmetric)."""
        return self.key == other.key or self.key in other.aliases or other.key in self.aliases

    def __str__(self) -> str:
        return self.shown or self.key


def _name(text: str, aliases: Iterable[str] = ()) -> Name:
    key = norm_name(text)
    return Name(key, frozenset(norm_name(a) for a in aliases if a.strip()) - {key}, text)


def _value(text: str, normalise: Callable[[str], str] = _plain) -> Name:
    return Name(normalise(text), frozenset(), text)


Fact = tuple[Name, ...]


@dataclass(frozen=True)
class Score:
    """Counts of one comparison; precision is 1.0 when nothing was predicted, recall 1.0 when nothing was due."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class KindResult:
    """The score of one kind of fact, with the unmatched facts for inspection."""

    kind: str
    score: Score
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentEvaluation:
    """All kinds scored for one document."""

    document: str
    results: tuple[KindResult, ...]

    def result(self, kind: str) -> KindResult:
        """The result for one kind (see :data:`KINDS`)."""
        return next(r for r in self.results if r.kind == kind)


@dataclass(frozen=True)
class Evaluation:
    """Per-document results and their micro-average (counts summed over all documents)."""

    documents: tuple[DocumentEvaluation, ...]
    missing: tuple[str, ...] = ()  # gold documents the graph does not contain (scored as all misses)

    def overall(self, kind: str) -> Score:
        """The micro-averaged score of one kind."""
        return sum((d.result(kind).score for d in self.documents), Score())


# -- gold -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Facts:
    """One document's facts of each kind in :data:`KINDS`, as tuples of :class:`Name` fields.

    Shared by the gold and the system side so both always have the same kinds; keyword-only, so each side
    keeps its document name as the first positional field.
    """

    people: tuple[Fact, ...] = ()
    organisations: tuple[Fact, ...] = ()
    municipalities: tuple[Fact, ...] = ()
    roles: tuple[Fact, ...] = ()
    attendance: tuple[Fact, ...] = ()
    agenda_items: tuple[Fact, ...] = ()
    outcomes: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class GoldDocument(Facts):
    """One annotated document: facts as tuples of :class:`Name` fields."""

    document: str
    meeting: Mapping[str, str] = field(default_factory=dict)


def parse_gold(data: Mapping[str, Any]) -> GoldDocument:
    """A gold file's JSON object → :class:`GoldDocument` (missing lists are empty).

    A role's organisation takes the aliases of the document's gold organisation of that name, so that a
    system that names the body by its acronym is not penalised.

    Raises:
        ValueError: the object has no ``document`` or a fact misses a required field.
    """
    if not data.get("document"):
        raise ValueError("gold annotation without a 'document' file name")
    try:
        orgs = [(o["name"], tuple(o.get("aliases", ()))) for o in data.get("organisations", ())]
        alias_of = {norm_name(name): aliases for name, aliases in orgs}
        for name, aliases in orgs:
            for alias in aliases:
                alias_of.setdefault(norm_name(alias), (name, *aliases))

        def organisation(name: str) -> Name:
            return _name(name, alias_of.get(norm_name(name), ())) if name else _value("")

        items = data.get("agenda_items", ())
        return GoldDocument(
            document=Path(data["document"]).name,
            people=tuple((_name(p),) for p in data.get("people", ())),
            organisations=tuple((_name(name, aliases),) for name, aliases in orgs),
            municipalities=tuple((_name(m),) for m in data.get("municipalities", ())),
            roles=tuple(
                (_name(r["person"]), _value(r["role"], str.casefold), organisation(r.get("organisation", "")))
                for r in data.get("roles", ())
            ),
            attendance=tuple(
                (_name(a["person"]), _value(a.get("party", "")), _name(a.get("municipality", "")), _value(a["status"]))
                for a in data.get("attendance", ())
            ),
            agenda_items=tuple(
                (_value(i["item"]), _value(i["title"], norm_title), _value(i.get("case_number", ""))) for i in items
            ),
            outcomes=tuple((_value(i["item"]), _value(i["outcome"])) for i in items if i.get("outcome")),
            meeting=dict(data.get("meeting", {})),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"{data.get('document')}: malformed gold annotation ({type(error).__name__}: {error})") from None


def load_gold(directory: Path | str) -> tuple[GoldDocument, ...]:
    """Every ``*.json`` gold file of a folder, in file-name order.

    Raises:
        FileNotFoundError: the folder does not exist or holds no ``*.json`` file.
        ValueError: a file is not valid JSON or not a gold annotation (the message names the file).
    """
    directory = Path(directory)
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        raise FileNotFoundError(f"no gold annotations (*.json) in {directory}")
    gold = []
    for path in files:
        try:
            gold.append(parse_gold(json.loads(path.read_text("utf-8"))))
        except (json.JSONDecodeError, ValueError) as error:
            raise ValueError(f"{path}: {error}") from None
    return tuple(gold)


def default_gold_dir(start: Path | str | None = None) -> Path | None:
    """The sample corpus's gold annotations, ``tests/gold`` of a kkrgraph checkout, or None.

    The gold files stay in the tests, not in the installed package: the package's data must not list the
    sample documents' people (the NLP may not learn them), so ``evaluate`` finds them next to the source
    tree: above ``start`` (default: the working directory), then above this module.
    """
    anchors = [Path(start) if start else Path.cwd(), Path(__file__).resolve().parent]
    for anchor in anchors:
        for folder in (anchor, *anchor.resolve().parents):
            candidate = folder / "tests" / "gold"
            if (folder / "kkrgraph").is_dir() and candidate.is_dir() and any(candidate.glob("*.json")):
                return candidate
    return None


# -- system -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SystemDocument(Facts):
    """The graph's facts about one document, shaped like :class:`GoldDocument`'s."""

    source: str

    def __post_init__(self) -> None:
        # plain strings are accepted for convenience (tests, doctests) and turned into Name fields
        for kind in KINDS:
            facts = getattr(self, kind)
            if any(not isinstance(v, Name) for fact in facts for v in fact):
                object.__setattr__(self, kind, tuple(_coerce(kind, fact) for fact in facts))


def _coerce(kind: str, fact: Sequence[Any]) -> Fact:
    if all(isinstance(v, Name) for v in fact):
        return tuple(fact)
    shapes = {
        "people": (_name,),
        "organisations": (_name,),
        "municipalities": (_name,),
        "roles": (_name, lambda v: _value(v, str.casefold), _name),
        "attendance": (_name, _value, _name, _value),
        "agenda_items": (_value, lambda v: _value(v, norm_title), _value),
        "outcomes": (_value, _value),
    }
    return tuple(v if isinstance(v, Name) else make(v) for make, v in zip(shapes[kind], fact, strict=False))


# Entities each document names: in its items' text (mentions), its participant list, its role statements,
# and the body whose meeting it describes. Every node of a document's facts is prov:wasDerivedFrom it.
_DOCUMENT_ENTITIES = """
SELECT DISTINCT ?source ?kind ?name WHERE {
  ?doc a kkr:Document ; kkr:sourceFile ?source .
  { ?fact prov:wasDerivedFrom ?doc ; kkr:mentionOf ?e }
  UNION { ?fact prov:wasDerivedFrom ?doc ; kkr:participant ?e }
  UNION { ?fact prov:wasDerivedFrom ?doc ; kkr:representing ?e }
  UNION { ?fact prov:wasDerivedFrom ?doc ; org:member ?e }
  UNION { ?fact prov:wasDerivedFrom ?doc ; org:organization ?e }
  UNION { ?doc kkr:describes/kkr:body ?e }
  { ?e a foaf:Person ; foaf:name ?name . BIND("person" AS ?kind) }
  UNION { ?e a kkr:Municipality ; skos:prefLabel ?name . BIND("municipality" AS ?kind) }
  UNION { ?e a org:Organization ; skos:prefLabel ?name .
          FILTER NOT EXISTS { ?e a kkr:Municipality } BIND("organisation" AS ?kind) }
}
"""


# Meeting-level facts keyed by the meeting node, and the documents describing each meeting. The contract's
# named queries give only the meeting's date, which joins two undated documents (or two bodies meeting on the
# same day) into one meeting; these queries return the same facts as ``attendance``, ``agenda`` and ``roles``
# (a test holds them equal on the sample graph) with the meeting node to join on.
_MEETING_SOURCES = """
SELECT DISTINCT ?m ?source WHERE { ?doc a kkr:Document ; kkr:sourceFile ?source ; kkr:describes ?m }
"""
_MEETING_ATTENDANCE = """
SELECT ?m ?person ?party ?municipality ?status WHERE {
  ?p a kkr:Participation ; kkr:participant ?who ; kkr:meeting ?m ; kkr:status ?st .
  ?st skos:notation ?status . ?who foaf:name ?person .
  OPTIONAL { ?p kkr:party ?pt . ?pt skos:notation ?party }
  OPTIONAL { ?p kkr:representing ?mun . ?mun a kkr:Municipality ; skos:prefLabel ?municipality }
}
"""
_MEETING_AGENDA = """
SELECT ?m ?item ?title ?case_number ?outcome WHERE {
  ?i a kkr:AgendaItem ; kkr:meeting ?m ; kkr:number ?item ; dcterms:title ?title ; kkr:position ?position .
  OPTIONAL { ?i kkr:case ?c . ?c kkr:caseNumber ?case_number }
  OPTIONAL { ?i kkr:decision ?d . ?d kkr:outcome ?o . ?o skos:notation ?outcome }
}
"""
_MEETING_ROLES = """
SELECT DISTINCT ?m ?person ?role ?organisation WHERE {
  ?ms a org:Membership ; org:member ?who ; org:role ?r ; kkr:statedAt ?m .
  ?r skos:notation ?role . ?who foaf:name ?person .
  OPTIONAL { ?ms org:organization ?o . ?o skos:prefLabel ?organisation }
}
"""


def meeting_facts(kg, aliases: Mapping[str, Sequence[str]] | None = None) -> dict[str, dict[str, set[Fact]]]:
    """Attendance, agenda items, outcomes and roles of every meeting node of the graph, by kind.

    ``aliases`` (organisation name → its aliases) are attached to a role's organisation, as for the
    organisations a document names.
    """
    aliases = aliases or {}
    facts: dict[str, dict[str, set[Fact]]] = {}

    def add(meeting: str, kind: str, fact: Fact) -> None:
        facts.setdefault(meeting, {k: set() for k in _MEETING_KINDS})[kind].add(fact)

    for row in kg.sparql(_MEETING_ATTENDANCE).records():
        fact = (_name(row["person"]), _value(row["party"]), _name(row["municipality"]), _value(row["status"]))
        add(row["m"], "attendance", fact)
    for row in kg.sparql(_MEETING_AGENDA).records():
        add(row["m"], "agenda_items", (_value(row["item"]), _value(row["title"], norm_title), _value(row["case_number"])))
        if row["outcome"]:
            add(row["m"], "outcomes", (_value(row["item"]), _value(row["outcome"])))
    for row in kg.sparql(_MEETING_ROLES).records():
        org = row["organisation"]
        fact = (_name(row["person"]), _value(row["role"], str.casefold), _name(org, aliases.get(org, ())) if org else _value(""))
        add(row["m"], "roles", fact)
    return facts


_MEETING_KINDS = ("attendance", "agenda_items", "outcomes", "roles")


def system_documents(kg) -> dict[str, SystemDocument]:
    """The facts of every document in a :class:`~kkrgraph.api.KnowledgeGraph`, by source file name.

    Meeting-level facts (attendance, agenda items, outcomes, roles) are joined to documents through the
    meeting node each document describes, never through the date: two documents without a date in their
    text describe two meetings and are scored apart. When several documents describe one meeting (its
    agenda and its minutes) each is scored against the meeting's facts, as the graph merges them.
    """
    aliases: dict[str, list[str]] = {}
    for row in kg.sparql("organisations").records():
        aliases.setdefault(row["name"], []).extend(a for a in row["aliases"].split("; ") if a)

    def empty() -> dict[str, set[Fact]]:
        return {kind: set() for kind in KINDS}

    facts: dict[str, dict[str, set[Fact]]] = {}
    by_meeting = meeting_facts(kg, aliases)
    for row in kg.sparql(_MEETING_SOURCES).records():
        found = facts.setdefault(Path(row["source"]).name, empty())
        for kind, meeting_side in by_meeting.get(row["m"], {}).items():
            found[kind] |= meeting_side
    kinds = {"person": "people", "organisation": "organisations", "municipality": "municipalities"}
    for row in kg.sparql(_DOCUMENT_ENTITIES).records():
        source = Path(row["source"]).name
        aliases_of = aliases.get(row["name"], ()) if row["kind"] == "organisation" else ()
        facts.setdefault(source, empty())[kinds[row["kind"]]].add((_name(row["name"], aliases_of),))
    return {
        source: SystemDocument(source, **{kind: tuple(sorted(found, key=_shown)) for kind, found in by_kind.items()})
        for source, by_kind in facts.items()
    }


# -- scoring ----------------------------------------------------------------------------------------------
def _shown(fact: Fact) -> str:
    return " | ".join(str(v) for v in fact) if len(fact) > 1 else str(fact[0])


def _matches(gold: Fact, system: Fact) -> bool:
    return len(gold) == len(system) and all(g.matches(s) for g, s in zip(gold, system, strict=True))


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    seen: dict[tuple, Fact] = {}
    for fact in facts:
        seen.setdefault(tuple((v.key, v.aliases) for v in fact), fact)
    return list(seen.values())


def score_facts(kind: str, gold: Iterable[Fact], system: Iterable[Fact]) -> KindResult:
    """Score one kind: a maximum one-to-one matching of gold to system facts (duplicates count once).

    Example:
        >>> g = [(_name("KL"),), (_name("Den Administrative Styregruppe", ["DAS"]),)]
        >>> s = [(_name("Kommunernes Landsforening", ["KL"]),), (_name("DAS"),)]
        >>> score_facts("organisations", g, s).score
        Score(tp=2, fp=0, fn=0)
    """
    gold, system = _unique(gold), _unique(system)
    candidates = [[j for j, s in enumerate(system) if _matches(g, s)] for g in gold]
    owner: dict[int, int] = {}  # system index → gold index

    def augment(i: int, seen: set[int]) -> bool:  # Kuhn's algorithm; the sets are small
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    matched_gold = set(owner.values())
    false_negatives = sorted(_shown(g) for i, g in enumerate(gold) if i not in matched_gold)
    false_positives = sorted(_shown(s) for j, s in enumerate(system) if j not in owner)
    score = Score(len(owner), len(false_positives), len(false_negatives))
    return KindResult(kind, score, tuple(false_positives), tuple(false_negatives))


def score_document(gold: GoldDocument, system: SystemDocument | None) -> DocumentEvaluation:
    """Score every kind of fact of one document (a missing system document scores as all misses)."""
    system = system or SystemDocument(gold.document)
    return DocumentEvaluation(gold.document, tuple(score_facts(k, getattr(gold, k), getattr(system, k)) for k in KINDS))


def evaluate(kg, gold: Sequence[GoldDocument]) -> Evaluation:
    """Score a :class:`~kkrgraph.api.KnowledgeGraph` against gold annotations, per document and overall.

    Documents of the graph without gold are ignored; gold documents missing from the graph are listed in
    :attr:`Evaluation.missing` and count as all misses.

    Example:
        >>> from kkrgraph.api import KnowledgeGraph
        >>> result = evaluate(KnowledgeGraph.build(), load_gold(default_gold_dir()))  # doctest: +SKIP
        >>> result.overall("agenda_items").f1  # doctest: +SKIP
        1.0
    """
    systems = system_documents(kg)
    documents = tuple(score_document(g, systems.get(g.document)) for g in gold)
    missing = tuple(g.document for g in gold if g.document not in systems)
    return Evaluation(documents, missing)


# -- reports ----------------------------------------------------------------------------------------------
def _score_json(score: Score) -> dict[str, Any]:
    return {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
    }


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """A JSON-ready report: overall scores per kind, then each document's scores with its FP/FN lists."""
    return {
        "overall": {kind: _score_json(evaluation.overall(kind)) for kind in KINDS},
        "documents": [
            {
                "document": doc.document,
                "scores": {
                    r.kind: {
                        **_score_json(r.score),
                        "false_positives": list(r.false_positives),
                        "false_negatives": list(r.false_negatives),
                    }
                    for r in doc.results
                },
            }
            for doc in evaluation.documents
        ],
        "missing_documents": list(evaluation.missing),
    }


def format_table(evaluation: Evaluation, details: bool = False) -> str:
    """A plain-text report: F1 per document and kind, then micro-averaged P / R / F1 with counts.

    With ``details`` the false positives and false negatives of each document follow.
    """
    docs = evaluation.documents
    heads = [Path(d.document).stem[:8] for d in docs]
    lines = ["F1 per document; P/R/F1 micro-averaged over all documents", ""]
    header = f"{'kind':<15}" + "".join(f"{h:>10}" for h in heads) + f"{'P':>8}{'R':>7}{'F1':>7}   tp/fp/fn"
    lines += [header, "-" * len(header)]
    for kind in KINDS:
        total = evaluation.overall(kind)
        cells = "".join(f"{d.result(kind).score.f1:>10.3f}" for d in docs)
        lines.append(
            f"{kind:<15}{cells}{total.precision:>8.3f}{total.recall:>7.3f}{total.f1:>7.3f}   {total.tp}/{total.fp}/{total.fn}"
        )
    if evaluation.missing:
        lines += ["", "not in the graph (scored as all misses): " + ", ".join(evaluation.missing)]
    if details:
        for doc in docs:
            for r in doc.results:
                if r.false_positives or r.false_negatives:
                    lines += ["", f"{doc.document} · {r.kind}"]
                    lines += [f"  FP  {fact}" for fact in r.false_positives]
                    lines += [f"  FN  {fact}" for fact in r.false_negatives]
    return "\n".join(lines) + "\n"
