"""Per-document results + resolved entities → the knowledge graph, as N-Triples lines.

The only module that writes ontology terms. Every extracted fact is a node of its own (a participation, a
membership, a mention, a decision) carrying its provenance: the document it was read from
(``prov:wasDerivedFrom``), the quoted sentence (``kkr:quote``), the character span in the raw file
(``kkr:rawStart``/``kkr:rawEnd``) and the method that found it (``prov:wasGeneratedBy``).

Building runs in two steps, so that almost all of it happens per document (in worker processes, and
cached for incremental builds) and only a thin corpus-wide step remains:

1. :func:`document_graph` turns one document's result into :class:`Fact` groups of lines. Where a line
   needs an entity, which only cross-document resolution can name, it holds a placeholder for one of the
   fact's :class:`Ref` s.
2. A :class:`Linker` resolves the placeholders, drops the facts whose entity is unknown, lets minutes win
   over agendas of the same meeting (a fact can *claim* an agenda item or a meeting's attendance list:
   the first document to claim it, minutes first, writes it: :func:`claim_winners`), and describes each
   entity used once. :mod:`kkrgraph.graph.assemble` runs it over the corpus in parallel.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS

from kkrgraph.graph.iri import (
    case_iri,
    concept_iri,
    decision_iri,
    document_iri,
    entity_iri,
    fact_iri,
    item_iri,
    meeting_iri,
    method_iri,
)
from kkrgraph.graph.namespace import BESLUIT, KKR, PREFIXES
from kkrgraph.graph.terms import boolean, date, integer, iri, literal
from kkrgraph.nlp.text import squash
from kkrgraph.resources import Resources, load_resources

if TYPE_CHECKING:
    from kkrgraph.nlp import Mention
    from kkrgraph.pipeline import DocumentResult
    from kkrgraph.resolve import Entity, Resolution

__all__ = ["DocumentGraph", "Fact", "Linker", "Ref", "bind_prefixes", "claim_winners", "document_graph"]

STRUCTURE_METHOD = "kkrgraph/structure-parser.v1"
_OUTCOMES = ("approved", "noted", "discussed", "appointed", "other")
_SCHEMES = (
    (KKR.OutcomeScheme, "Beslutningsudfald"),
    (KKR.RoleScheme, "Roller"),
    (KKR.DocTypeScheme, "Dokumenttyper"),
    (KKR.StatusScheme, "Fremmødestatus"),
    (KKR.PartyScheme, "Partibogstaver"),
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# predicates and classes, formatted once
A = iri(RDF.type)
LABEL, PREF, ALT = iri(RDFS.label), iri(SKOS.prefLabel), iri(SKOS.altLabel)
NOTATION, IN_SCHEME = iri(SKOS.notation), iri(SKOS.inScheme)
DERIVED, GENERATED = iri(PROV.wasDerivedFrom), iri(PROV.wasGeneratedBy)
TITLE, DATE = iri(DCTERMS.title), iri(DCTERMS.date)
_K = {name: iri(KKR[name]) for name in KKR.__annotations__}


def bind_prefixes(graph):
    """Bind the prefixes used in kkrgraph output on an rdflib graph, so Turtle and queries read well."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@dataclass(frozen=True)
class Ref:
    """An entity a fact needs: a mention of the document, or a name the structure gives.

    ``start``/``end`` locate a mention (its resolved entity is used); -1 means look ``name`` up among the
    corpus's entities. With ``mint``, an unknown name still gets an entity of ``kind`` (a meeting's body,
    the municipality a participant represents), so the fact is never dropped.
    """

    kind: str
    name: str
    start: int = -1
    end: int = -1
    mint: bool = False


@dataclass(frozen=True)
class Fact:
    """Lines that stand or fall together; ``\\x00i\\x00`` in a line stands for the IRI of ``refs[i]``."""

    lines: tuple[str, ...]
    refs: tuple[Ref, ...] = ()
    claim: str = ""


@dataclass(frozen=True)
class DocumentGraph:
    """One document's part of the graph, before entities are resolved (what workers and the cache hold)."""

    source: str
    sha256: str
    facts: tuple[Fact, ...]


def graph_refs(graph: DocumentGraph) -> tuple[Ref, ...]:
    """Every entity the document's facts need, once each: with its content and its claims, all that linking the
    document depends on (see :func:`kkrgraph.graph.assemble`, which reuses linked chunks on that basis)."""
    return tuple(dict.fromkeys(ref for fact in graph.facts for ref in fact.refs))


def _slot(index: int) -> str:
    return f"\x00{index}\x00"


def _concept(lines: list[str], scheme_name: str, scheme, label: str) -> str:
    node, described = _concept_lines(scheme_name, scheme, label)
    lines += described
    return node


@cache
def _concept_lines(scheme_name: str, scheme, label: str) -> tuple[str, tuple[str, ...]]:
    """A concept's node and its lines, made once per concept (IRI slugs are costly, concepts recur)."""
    node = iri(concept_iri(scheme_name, label))
    return node, (
        f"{node} {A} {iri(SKOS.Concept)} .\n",
        f"{node} {PREF} {literal(label, 'da')} .\n",
        f"{node} {NOTATION} {literal(label)} .\n",
        f"{node} {IN_SCHEME} {iri(scheme)} .\n",
    )


def _method(lines: list[str], name: str) -> str:
    node, described = _method_lines(name)
    lines += described
    return node


@cache
def _method_lines(name: str) -> tuple[str, tuple[str, ...]]:
    """A method's node and its lines, made once per method (every provenance names one)."""
    node = iri(method_iri(name))
    return node, (
        f"{node} {A} {_K['Method']} .\n",
        f"{node} {A} {iri(PROV.SoftwareAgent)} .\n",
        f"{node} {LABEL} {literal(name)} .\n",
    )


class _DocumentWriter:
    """Writes the facts of one document; every method appends :class:`Fact` s to ``facts``."""

    def __init__(self, result: DocumentResult, resources: Resources) -> None:
        self.result = result
        self.resources = resources
        self.text = result.parsed.text
        self.doc = iri(document_iri(result.source, result.sha256))
        self.facts: list[Fact] = []

    def add(self, lines: list[str], refs: tuple[Ref, ...] = (), claim: str = "") -> None:
        self.facts.append(Fact(tuple(lines), refs, claim))

    def provenance(self, lines: list[str], node: str, start: int, end: int, quote: str, method: str) -> None:
        raw_start, raw_end = self.result.raw_span(start, end)
        lines += (
            f"{node} {DERIVED} {self.doc} .\n",
            f"{node} {_K['quote']} {literal(squash(quote)[:1000])} .\n",
            f"{node} {_K['rawStart']} {integer(raw_start)} .\n",
            f"{node} {_K['rawEnd']} {integer(raw_end)} .\n",
            f"{node} {GENERATED} {_method(lines, method)} .\n",
        )

    def _registered_body(self) -> bool:
        """Whether the meeting's body is in the organisation registry, so its name means one body everywhere."""
        body = self.result.parsed.meeting.body
        return bool(body) and self.resources.organisation(body) is not None

    def document(self) -> None:
        result, meeting = self.result, self.result.parsed.meeting
        doc, lines = self.doc, []
        label = f"{meeting.body or 'Møde'} {_danish_date(meeting.date)}".strip()
        # a registered body and a date name one meeting everywhere (its agenda and its minutes join); any other
        # body ("Byrådet": every town has one) or none is its document's own, so two towns' meetings of one day
        # stay apart
        if self._registered_body():
            m_iri = meeting_iri(meeting.body, meeting.date, result.sha256)
        else:
            m_iri = meeting_iri(meeting.body or "unknown-body", meeting.date, result.sha256, own=True)
        m = iri(m_iri)
        lines += (
            f"{doc} {A} {_K['Document']} .\n",
            f"{doc} {A} {iri(FOAF.Document)} .\n",
            f"{doc} {A} {iri(PROV.Entity)} .\n",
            f"{doc} {_K['sourceFile']} {literal(result.source)} .\n",
            f"{doc} {_K['sha256']} {literal(result.sha256)} .\n",
            f"{doc} {_K['docType']} {_concept(lines, 'doctype', KKR.DocTypeScheme, meeting.doc_type)} .\n",
            f"{doc} {_K['describes']} {m} .\n",
            f"{m} {A} {_K['Meeting']} .\n",
            f"{m} {A} {iri(BESLUIT.Zitting)} .\n",
            f"{m} {LABEL} {literal(label)} .\n",
        )
        if _ISO_DATE.fullmatch(meeting.date):
            lines.append(f"{m} {DATE} {date(meeting.date)} .\n")
        if meeting.location:
            lines.append(f"{m} {_K['location']} {literal(meeting.location)} .\n")
        self.add(lines)
        if meeting.body:
            self.add([f"{m} {_K['body']} {_slot(0)} .\n"], (Ref("organisation", meeting.body, mint=True),))
        self.participants(m)
        for position, item in enumerate(result.parsed.items, start=1):
            self.item(m_iri, item, position)
        self.document_mentions(m)
        self.roles(m)

    def participants(self, meeting: str) -> None:
        mentions = {(x.start, x.kind): x for x in self.result.analysis.mentions}
        for participant in self.result.parsed.participants:
            mention = mentions.get((participant.span.start, "person"))
            who = Ref("person", mention.name, mention.start, mention.end) if mention is not None else Ref("", participant.name)
            node = iri(fact_iri("participation", self.result.sha256, participant.span.start))
            lines: list[str] = []
            status = _concept(lines, "status", KKR.StatusScheme, participant.status)
            lines += (
                f"{node} {A} {_K['Participation']} .\n",
                f"{node} {_K['participant']} {_slot(0)} .\n",
                f"{node} {_K['meeting']} {meeting} .\n",
                f"{node} {_K['status']} {status} .\n",
            )
            refs = (who,)
            if participant.party:
                lines.append(f"{node} {_K['party']} {_concept(lines, 'party', KKR.PartyScheme, participant.party)} .\n")
            if participant.municipality:
                lines.append(f"{node} {_K['representing']} {_slot(1)} .\n")
                refs += (Ref("municipality", participant.municipality, mint=True),)
            elif participant.organisation:
                lines.append(f"{node} {_K['representing']} {_slot(1)} .\n")
                refs += (Ref("organisation", participant.organisation, mint=True),)
            span = participant.span
            self.provenance(lines, node, span.start, span.end, span.of(self.text), STRUCTURE_METHOD)
            self.add(lines, refs, claim=f"participants {meeting}")

    def item(self, meeting_node, item, position: int) -> None:
        node_iri = item_iri(meeting_node, item.number)
        node, claim = iri(node_iri), str(node_iri)
        lines = [
            f"{node} {A} {_K['AgendaItem']} .\n",
            f"{node} {A} {iri(BESLUIT.Agendapunt)} .\n",
            f"{node} {_K['meeting']} {iri(meeting_node)} .\n",
            f"{node} {_K['number']} {literal(item.number)} .\n",
            f"{node} {_K['position']} {integer(position)} .\n",
            f"{node} {TITLE} {literal(item.title)} .\n",
            f"{node} {LABEL} {literal(f'{item.number} {item.title}')} .\n",
            f"{node} {_K['attachments']} {integer(item.attachments)} .\n",
        ]
        lines += (f"{node} {_K['handler']} {literal(handler)} .\n" for handler in item.handlers)
        if item.case_number:
            # another system's number is the body's own (two municipalities' "11/629" are two cases); only a
            # registered body is one body everywhere: every town has its "Byrådet", so theirs scope to the document
            body = self.result.parsed.meeting.body
            scope = body if self._registered_body() else f"document-{self.result.sha256[:16]}"
            case = iri(case_iri(item.case_number, scope))
            lines += (
                f"{case} {A} {_K['Case']} .\n",
                f"{case} {_K['caseNumber']} {literal(item.case_number)} .\n",
                f"{case} {LABEL} {literal(item.case_number)} .\n",
                f"{node} {_K['case']} {case} .\n",
            )
        title_quote = item.title_span.of(self.text) or item.title
        self.provenance(lines, node, item.span.start, item.span.end, title_quote, STRUCTURE_METHOD)
        if item.decision is not None:
            decision = iri(decision_iri(node_iri))
            lines += (
                f"{decision} {A} {_K['Decision']} .\n",
                f"{decision} {A} {iri(BESLUIT.Besluit)} .\n",
                f"{node} {_K['decision']} {decision} .\n",
                f"{decision} {_K['item']} {node} .\n",
                f"{decision} {_K['decisionText']} {literal(squash(item.decision.text)[:4000])} .\n",
                f"{decision} {LABEL} {literal(f'Beslutning {item.number} {item.title}'[:200])} .\n",
            )
            if item.decision.outcome:
                outcome = _concept(lines, "outcome", KKR.OutcomeScheme, item.decision.outcome)
                lines.append(f"{decision} {_K['outcome']} {outcome} .\n")
            span = item.decision.span
            self.provenance(lines, decision, span.start, span.end, item.decision.text, STRUCTURE_METHOD)
        body = self.result.parsed.meeting.body
        for reference in item.references:
            if not _ISO_DATE.fullmatch(reference.date):
                continue
            ref = iri(fact_iri("reference", self.result.sha256, reference.span.start))
            lines += (
                f"{ref} {A} {_K['MeetingReference']} .\n",
                f"{ref} {_K['item']} {node} .\n",
                f"{ref} {_K['referenceDate']} {date(reference.date)} .\n",
            )
            if self._registered_body():  # another body's earlier meetings are minted per document: no IRI to name
                lines.append(f"{ref} {_K['refersTo']} {iri(meeting_iri(body, reference.date, ''))} .\n")
            self.provenance(lines, ref, reference.span.start, reference.span.end, reference.text, STRUCTURE_METHOD)
        self.add(lines, claim=claim)
        for mention in self.result.analysis.mentions:
            if mention.item == item.number:
                self.mention(mention, item=node, claim=claim)

    def mention(self, mention: Mention, *, item: str = "", meeting: str = "", claim: str = "") -> None:
        """A mention as a fact: on its agenda ``item`` (with the ``kkr:mentions`` shortcut and the presenting
        flag), or, outside every item, on the ``meeting`` (see :meth:`document_mentions`)."""
        node = iri(fact_iri("mention", self.result.sha256, mention.start))
        lines = [
            f"{node} {A} {_K['Mention']} .\n",
            f"{node} {_K['mentionOf']} {_slot(0)} .\n",
            f"{node} {_K['surface']} {literal(mention.text)} .\n",
        ]
        if item:
            lines += (f"{node} {_K['item']} {item} .\n", f"{item} {_K['mentions']} {_slot(0)} .\n")
            if mention.presenting:
                lines.append(f"{node} {_K['presenting']} {boolean(True)} .\n")
        else:
            lines.append(f"{node} {_K['mentionedAt']} {meeting} .\n")
        self.provenance(lines, node, mention.start, mention.end, mention.sentence, mention.method)
        self.add(lines, (_mention_ref(mention),), claim)

    def document_mentions(self, meeting: str) -> None:
        """Mentions outside every agenda item (heading, front matter, apologies, items the structure missed).

        They are facts of the document like any other, so they reach the graph with their provenance; but they
        hang on the meeting (``kkr:mentionedAt``), never on an item, and carry neither ``kkr:item`` nor the
        ``kkr:mentions`` shortcut nor ``kkr:presenting``: co-mention, decisions about an organisation and
        presented items count agenda items, and a name in the heading is not on any of them. A name on a line of
        the participant list is not written twice: its participation stands for it (``kkr:participant``,
        ``kkr:representing``, with the line as quote). No claim: the minutes and the agenda of one
        meeting each keep their own, being separate nodes from separate texts.
        """
        items = {item.number for item in self.result.parsed.items}
        listed = sorted((x.span.start, x.span.end) for x in self.result.parsed.participants)
        starts = [start for start, _ in listed]
        for mention in self.result.analysis.mentions:
            line = bisect_right(starts, mention.start) - 1  # the participant line starting last at or before it
            if mention.item in items or (line >= 0 and mention.start < listed[line][1]):
                continue
            self.mention(mention, meeting=meeting)

    def roles(self, meeting: str) -> None:
        for fact in self.result.analysis.roles:
            where = str(fact.organisation.start) if fact.organisation is not None else ""
            # one sentence can state several memberships at one offset ("A og B er medlemmer af ..."):
            # the member's and the organisation's mention offsets keep their IRIs apart
            parts = (fact.role, str(fact.person.start), where)
            node = iri(fact_iri("membership", self.result.sha256, fact.start, *parts))
            lines = [f"{node} {A} {iri(ORG.Membership)} .\n", f"{node} {iri(ORG.member)} {_slot(0)} .\n"]
            refs = (_mention_ref(fact.person),)
            if fact.organisation is not None:
                lines.append(f"{node} {iri(ORG.organization)} {_slot(1)} .\n")
                refs += (_mention_ref(fact.organisation),)
            lines.append(f"{node} {iri(ORG.role)} {_concept(lines, 'role', KKR.RoleScheme, fact.role)} .\n")
            lines.append(f"{node} {_K['statedAt']} {meeting} .\n")
            if fact.appointment:
                lines.append(f"{node} {_K['appointment']} {boolean(True)} .\n")
            self.provenance(lines, node, fact.start, fact.end, fact.sentence, fact.method)
            self.add(lines, refs)


def _mention_ref(mention: Mention) -> Ref:
    return Ref(mention.kind, mention.name, mention.start, mention.end)


def _danish_date(iso: str) -> str:
    if len(iso) != 10:
        return ""
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


def document_graph(result: DocumentResult, resources: Resources | None = None) -> DocumentGraph:
    """One document's facts (pure: depends on the result and the registry only, so it can run in a worker and
    be cached). ``resources`` (default: the bundled ones) says which bodies are registered, i.e. one body
    everywhere; a build passes its own, with the user's registries."""
    writer = _DocumentWriter(result, resources if resources is not None else load_resources())
    writer.document()
    return DocumentGraph(result.source, result.sha256, tuple(writer.facts))


class Linker:
    """The corpus-wide half: entities for refs, claims, and one description per entity used.

    ``winners`` names, for each claim, the document that writes it (:func:`claim_winners`), so documents
    can be linked in any order and in separate processes with the same result.
    """

    def __init__(self, resolution: Resolution, winners: Mapping[str, str]) -> None:
        self.resolution = resolution
        self.winners = winners
        self.used: dict[str, Entity] = {}
        self._nodes: dict[tuple[str, str], str] = {}

    def entity(self, source: str, ref: Ref) -> Entity | None:
        if ref.start >= 0:
            found = self.resolution.entity_for_span(source, ref.kind, ref.start, ref.end, ref.name)
        else:
            found = self.resolution.find(ref.name, kind=ref.kind)
            if found is not None and ref.mint and ref.kind == "municipality" != found.kind:
                found = None
        if found is None and ref.mint:
            # imported here: the per-document half of this module must not depend on resolution (cache fingerprint)
            from kkrgraph.resolve import Entity

            found = Entity(key=ref.name, kind=ref.kind, name=ref.name, aliases=())
        return found

    def node(self, entity: Entity) -> str:
        node = self._nodes.get((entity.kind, entity.key))
        if node is None:  # slugging is costly and an entity is used thousands of times
            node = self._nodes[(entity.kind, entity.key)] = iri(entity_iri(entity.kind, entity.key))
        self.used.setdefault(node, entity)
        return node

    def document(self, graph: DocumentGraph) -> Iterator[str]:
        """The document's lines with entity IRIs in place; facts lacking an entity or a claim are left out."""
        for fact in graph.facts:
            if fact.claim and self.winners.get(fact.claim, graph.sha256) != graph.sha256:
                continue  # another document (minutes, before agendas) writes this item or attendance list
            nodes = []
            for ref in fact.refs:
                entity = self.entity(graph.source, ref)
                if entity is None:
                    break
                nodes.append(self.node(entity))
            else:
                for line in fact.lines:
                    if "\x00" in line:
                        for index, node in enumerate(nodes):
                            line = line.replace(_slot(index), node)
                    yield line

    def describe(self, node: str, entity: Entity) -> list[str]:
        lines: list[str] = []
        if entity.kind == "person":
            lines += (f"{node} {A} {iri(FOAF.Person)} .\n", f"{node} {iri(FOAF.name)} {literal(entity.name)} .\n")
            if entity.party:
                lines.append(f"{node} {_K['party']} {_concept(lines, 'party', KKR.PartyScheme, entity.party)} .\n")
            if entity.municipality:
                ref = Ref("municipality", entity.municipality, mint=True)
                lines.append(f"{node} {_K['municipality']} {self.node(self.entity('', ref))} .\n")
        else:
            lines.append(f"{node} {A} {iri(ORG.Organization)} .\n")
            if entity.kind == "municipality":
                lines.append(f"{node} {A} {_K['Municipality']} .\n")
            elif entity.org_type == "region":
                lines.append(f"{node} {A} {_K['Region']} .\n")
            if entity.org_type:
                lines.append(f"{node} {_K['orgType']} {literal(entity.org_type)} .\n")
        lines += (f"{node} {PREF} {literal(entity.name)} .\n", f"{node} {LABEL} {literal(entity.name)} .\n")
        lines += (f"{node} {ALT} {literal(alias)} .\n" for alias in entity.aliases if alias != entity.name)
        return lines

    def entities(self) -> Iterator[str]:
        """Descriptions of the entities used so far, and the vocabulary every graph has."""
        yield from _vocabulary()
        done: set[str] = set()
        while len(done) < len(self.used):  # describing a person can use its municipality for the first time
            for node in sorted(set(self.used) - done):
                done.add(node)
                yield from self.describe(node, self.used[node])


def claim_winners(documents: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """For each claim, the first document to make it: ``documents`` are (sha256, claims) in build order."""
    winners: dict[str, str] = {}
    for sha256, claims in documents:
        for claim in claims:
            winners.setdefault(claim, sha256)
    return winners


def _vocabulary() -> list[str]:
    lines: list[str] = []
    for scheme, label in _SCHEMES:
        lines += (f"{iri(scheme)} {A} {iri(SKOS.ConceptScheme)} .\n", f"{iri(scheme)} {PREF} {literal(label, 'da')} .\n")
    for outcome in _OUTCOMES:
        _concept(lines, "outcome", KKR.OutcomeScheme, outcome)
    return lines
