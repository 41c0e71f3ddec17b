"""Per-document results + resolved entities → one rdflib :class:`~rdflib.Graph`.

The only module that writes ontology terms. Every extracted fact is a node of its own (a participation, a
membership, a mention, a decision) carrying its provenance: the document it was read from
(``prov:wasDerivedFrom``), the quoted sentence (``kkr:quote``), the character span in the raw file
(``kkr:rawStart``/``kkr:rawEnd``) and the method that found it (``prov:wasGeneratedBy``).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, SKOS

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
from kkrgraph.graph.namespace import BESLUIT, DATA, KKR
from kkrgraph.nlp import Mention
from kkrgraph.nlp.text import squash
from kkrgraph.pipeline import DocumentResult
from kkrgraph.resolve import Entity, Resolution

__all__ = ["bind_prefixes", "build_graph"]

STRUCTURE_METHOD = "kkrgraph/structure-parser.v1"
_OUTCOMES = ("approved", "noted", "discussed", "appointed", "other")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes used in kkrgraph output, so Turtle and queries read well."""
    for prefix, namespace in (
        ("kkr", KKR._NS),
        ("data", DATA),
        ("org", ORG),
        ("foaf", FOAF),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("skos", SKOS),
        ("besluit", BESLUIT),
        ("owl", OWL),
    ):
        graph.bind(prefix, namespace, override=True)
    return graph


class _Builder:
    def __init__(self, resolution: Resolution) -> None:
        self.g = bind_prefixes(Graph())
        self.resolution = resolution
        self.entities_written: set[URIRef] = set()

    # -- vocabularies ----------------------------------------------------------------------------
    def concept(self, scheme: URIRef, scheme_name: str, label: str) -> URIRef:
        node = concept_iri(scheme_name, label)
        if (node, RDF.type, SKOS.Concept) not in self.g:
            self.g.add((node, RDF.type, SKOS.Concept))
            self.g.add((node, SKOS.prefLabel, Literal(label, lang="da")))
            self.g.add((node, SKOS.notation, Literal(label)))
            self.g.add((node, SKOS.inScheme, scheme))
        return node

    def method(self, name: str) -> URIRef:
        node = method_iri(name)
        self.g.add((node, RDF.type, KKR.Method))
        self.g.add((node, RDF.type, PROV.SoftwareAgent))
        self.g.add((node, RDFS.label, Literal(name)))
        return node

    def provenance(
        self, node: URIRef, result: DocumentResult, doc: URIRef, start: int, end: int, quote: str, method: str
    ) -> None:
        raw_start, raw_end = result.raw_span(start, end)
        self.g.add((node, PROV.wasDerivedFrom, doc))
        self.g.add((node, KKR.quote, Literal(squash(quote)[:1000])))
        self.g.add((node, KKR.rawStart, Literal(raw_start, datatype=XSD.integer)))
        self.g.add((node, KKR.rawEnd, Literal(raw_end, datatype=XSD.integer)))
        self.g.add((node, PROV.wasGeneratedBy, self.method(method)))

    # -- entities -------------------------------------------------------------------------------
    def entity(self, entity: Entity) -> URIRef:
        node = entity_iri(entity.kind, entity.key)
        if node in self.entities_written:
            return node
        self.entities_written.add(node)
        g = self.g
        if entity.kind == "person":
            g.add((node, RDF.type, FOAF.Person))
            g.add((node, FOAF.name, Literal(entity.name)))
            if entity.party:
                g.add((node, KKR.party, self.concept(KKR.PartyScheme, "party", entity.party)))
            if entity.municipality:
                g.add((node, KKR.municipality, self.municipality(entity.municipality)))
        else:
            g.add((node, RDF.type, ORG.Organization))
            if entity.kind == "municipality":
                g.add((node, RDF.type, KKR.Municipality))
            elif entity.org_type == "region":
                g.add((node, RDF.type, KKR.Region))
            if entity.org_type:
                g.add((node, KKR.orgType, Literal(entity.org_type)))
        g.add((node, SKOS.prefLabel, Literal(entity.name)))
        g.add((node, RDFS.label, Literal(entity.name)))
        for alias in entity.aliases:
            if alias != entity.name:
                g.add((node, SKOS.altLabel, Literal(alias)))
        return node

    def municipality(self, name: str) -> URIRef:
        entity = self.resolution.find(name)
        if entity is not None and entity.kind == "municipality":
            return self.entity(entity)
        return self.entity(Entity(key=name, kind="municipality", name=name, aliases=()))

    def organisation(self, name: str) -> URIRef:
        entity = self.resolution.find(name)
        if entity is not None:
            return self.entity(entity)
        return self.entity(Entity(key=name, kind="organisation", name=name, aliases=()))

    def mention_entity(self, source: str, mention: Mention) -> URIRef | None:
        entity = self.resolution.entity_for(source, mention)
        return self.entity(entity) if entity is not None else None

    # -- documents --------------------------------------------------------------------------------
    def document(self, result: DocumentResult, items_written: set[URIRef]) -> None:
        g = self.g
        parsed, meeting = result.parsed, result.parsed.meeting
        doc = document_iri(result.source, result.sha256)
        g.add((doc, RDF.type, KKR.Document))
        g.add((doc, RDF.type, FOAF.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, KKR.sourceFile, Literal(result.source)))
        g.add((doc, KKR.sha256, Literal(result.sha256)))
        g.add((doc, KKR.docType, self.concept(KKR.DocTypeScheme, "doctype", meeting.doc_type)))
        body = self.organisation(meeting.body) if meeting.body else None
        m = meeting_iri(meeting.body or "unknown-body", meeting.date, result.sha256)
        g.add((doc, KKR.describes, m))
        g.add((m, RDF.type, KKR.Meeting))
        g.add((m, RDF.type, BESLUIT.Zitting))
        if meeting.date:
            g.add((m, DCTERMS.date, Literal(meeting.date, datatype=XSD.date)))
        if body is not None:
            g.add((m, KKR.body, body))
        if meeting.location:
            g.add((m, KKR.location, Literal(meeting.location)))
        label = f"{meeting.body or 'Møde'} {_danish_date(meeting.date)}".strip()
        g.add((m, RDFS.label, Literal(label)))
        self.participants(result, doc, m)
        for position, item in enumerate(parsed.items, start=1):
            node = item_iri(m, item.number)
            if node in items_written:  # minutes are written first: their items and decisions win
                continue
            items_written.add(node)
            self.item(result, doc, m, node, item, position)
        self.roles(result, doc, m)

    def participants(self, result: DocumentResult, doc: URIRef, meeting: URIRef) -> None:
        g = self.g
        mentions = {(x.start, x.kind): x for x in result.analysis.mentions}
        for participant in result.parsed.participants:
            mention = mentions.get((participant.span.start, "person"))
            person = self.mention_entity(result.source, mention) if mention else None
            if person is None:
                entity = self.resolution.find(participant.name)
                person = self.entity(entity) if entity else None
            if person is None:
                continue
            node = fact_iri("participation", result.sha256, participant.span.start)
            g.add((node, RDF.type, KKR.Participation))
            g.add((node, KKR.participant, person))
            g.add((node, KKR.meeting, meeting))
            g.add((node, KKR.status, self.concept(KKR.StatusScheme, "status", participant.status)))
            if participant.party:
                g.add((node, KKR.party, self.concept(KKR.PartyScheme, "party", participant.party)))
            if participant.municipality:
                g.add((node, KKR.representing, self.municipality(participant.municipality)))
            elif participant.organisation:
                g.add((node, KKR.representing, self.organisation(participant.organisation)))
            line = participant.span.of(result.parsed.text)
            self.provenance(node, result, doc, participant.span.start, participant.span.end, line, STRUCTURE_METHOD)

    def item(self, result: DocumentResult, doc: URIRef, meeting: URIRef, node: URIRef, item, position: int) -> None:
        g = self.g
        text = result.parsed.text
        g.add((node, RDF.type, KKR.AgendaItem))
        g.add((node, RDF.type, BESLUIT.Agendapunt))
        g.add((node, KKR.meeting, meeting))
        g.add((node, KKR.number, Literal(item.number)))
        g.add((node, KKR.position, Literal(position, datatype=XSD.integer)))
        g.add((node, DCTERMS.title, Literal(item.title)))
        g.add((node, RDFS.label, Literal(f"{item.number} {item.title}")))
        g.add((node, KKR.attachments, Literal(item.attachments, datatype=XSD.integer)))
        for handler in item.handlers:
            g.add((node, KKR.handler, Literal(handler)))
        if item.case_number:
            case = case_iri(item.case_number)
            g.add((case, RDF.type, KKR.Case))
            g.add((case, KKR.caseNumber, Literal(item.case_number)))
            g.add((case, RDFS.label, Literal(item.case_number)))
            g.add((node, KKR.case, case))
        title_quote = item.title_span.of(text) or item.title
        self.provenance(node, result, doc, item.span.start, item.span.end, title_quote, STRUCTURE_METHOD)
        if item.decision is not None:
            decision = decision_iri(node)
            g.add((decision, RDF.type, KKR.Decision))
            g.add((decision, RDF.type, BESLUIT.Besluit))
            g.add((node, KKR.decision, decision))
            g.add((decision, KKR.item, node))
            g.add((decision, KKR.decisionText, Literal(squash(item.decision.text)[:4000])))
            g.add((decision, RDFS.label, Literal(f"Beslutning {item.number} {item.title}"[:200])))
            if item.decision.outcome:
                g.add((decision, KKR.outcome, self.concept(KKR.OutcomeScheme, "outcome", item.decision.outcome)))
            span = item.decision.span
            self.provenance(decision, result, doc, span.start, span.end, item.decision.text, STRUCTURE_METHOD)
        for reference in item.references:
            if not reference.date:
                continue
            ref = fact_iri("reference", result.sha256, reference.span.start)
            g.add((ref, RDF.type, KKR.MeetingReference))
            g.add((ref, KKR.item, node))
            g.add((ref, KKR.referenceDate, Literal(reference.date, datatype=XSD.date)))
            body = result.parsed.meeting.body
            if body:
                g.add((ref, KKR.refersTo, meeting_iri(body, reference.date, "")))
            self.provenance(ref, result, doc, reference.span.start, reference.span.end, reference.text, STRUCTURE_METHOD)
        self.mentions(result, doc, node, item.number)

    def mentions(self, result: DocumentResult, doc: URIRef, item: URIRef, number: str) -> None:
        g = self.g
        for mention in result.analysis.mentions:
            if mention.item != number:
                continue
            entity = self.mention_entity(result.source, mention)
            if entity is None:
                continue
            node = fact_iri("mention", result.sha256, mention.start)
            g.add((node, RDF.type, KKR.Mention))
            g.add((node, KKR.mentionOf, entity))
            g.add((node, KKR.item, item))
            g.add((node, KKR.surface, Literal(mention.text)))
            g.add((item, KKR.mentions, entity))
            if mention.presenting:
                g.add((node, KKR.presenting, Literal(True)))
            self.provenance(node, result, doc, mention.start, mention.end, mention.sentence, mention.method)

    def roles(self, result: DocumentResult, doc: URIRef, meeting: URIRef) -> None:
        g = self.g
        for fact in result.analysis.roles:
            person = self.mention_entity(result.source, fact.person)
            if person is None:
                continue
            organisation = self.mention_entity(result.source, fact.organisation) if fact.organisation is not None else None
            # one sentence can state several memberships at one offset ("A og B er medlemmer af ..."):
            # the member and organisation keep their IRIs apart
            holder = str(person).rsplit("/", 1)[-1]
            where = str(organisation).rsplit("/", 1)[-1] if organisation is not None else ""
            node = fact_iri("membership", result.sha256, fact.start, fact.role, holder, where)
            g.add((node, RDF.type, ORG.Membership))
            g.add((node, ORG.member, person))
            if organisation is not None:
                g.add((node, ORG.organization, organisation))
            g.add((node, ORG.role, self.concept(KKR.RoleScheme, "role", fact.role)))
            g.add((node, KKR.statedAt, meeting))
            if fact.appointment:
                g.add((node, KKR.appointment, Literal(True)))
            self.provenance(node, result, doc, fact.start, fact.end, fact.sentence, fact.method)


def _danish_date(iso: str) -> str:
    if len(iso) != 10:
        return ""
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


def build_graph(results: Sequence[DocumentResult], resolution: Resolution) -> Graph:
    """Build the knowledge graph of a corpus.

    Minutes are written before agendas, so that when both documents of one meeting are given the meeting
    appears once and the minutes' items and decisions win.
    """
    builder = _Builder(resolution)
    for scheme, label in (
        (KKR.OutcomeScheme, "Beslutningsudfald"),
        (KKR.RoleScheme, "Roller"),
        (KKR.DocTypeScheme, "Dokumenttyper"),
        (KKR.StatusScheme, "Fremmødestatus"),
        (KKR.PartyScheme, "Partibogstaver"),
    ):
        builder.g.add((scheme, RDF.type, SKOS.ConceptScheme))
        builder.g.add((scheme, SKOS.prefLabel, Literal(label, lang="da")))
    for outcome in _OUTCOMES:
        builder.concept(KKR.OutcomeScheme, "outcome", outcome)
    ordered = sorted(results, key=lambda r: (r.parsed.meeting.doc_type != "referat", r.source, r.sha256))
    items_written: set[URIRef] = set()
    for result in ordered:
        builder.document(result, items_written)
    return builder.g
