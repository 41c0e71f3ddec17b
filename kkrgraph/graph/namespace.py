"""The kkrgraph vocabulary as closed rdflib namespaces: a typo in a term fails at import, not in a query.

Kept in step with ``ontology/kkr.ttl`` by ``tests/test_ontology.py``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["BESLUIT", "DATA", "KKR", "PREFIXES", "PROVENANCE_METHODS"]

DATA = Namespace("https://w3id.org/kkrgraph/id/")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")


class KKR(DefinedNamespace):
    """kkrgraph ontology terms (https://w3id.org/kkrgraph/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kkrgraph/ontology#")

    # classes
    Meeting: URIRef  # a meeting of a body (besluit:Zitting)
    AgendaItem: URIRef  # a numbered item on a meeting's agenda (besluit:Agendapunt)
    Decision: URIRef  # what was decided on an item (besluit:Besluit)
    Case: URIRef  # a case file with a case number, possibly treated at several meetings
    Document: URIRef  # an input document (minutes or agenda)
    Participation: URIRef  # a person's presence at or absence from a meeting
    Mention: URIRef  # an entity named in an agenda item's text
    MeetingReference: URIRef  # an item's reference to another (dated) meeting
    Municipality: URIRef  # a Danish municipality (kommune)
    Region: URIRef  # a Danish region
    Method: URIRef  # an extraction method (parser, rule set, model), versioned

    # properties
    meeting: URIRef
    body: URIRef
    location: URIRef
    docType: URIRef
    describes: URIRef
    sourceFile: URIRef
    sha256: URIRef
    number: URIRef
    position: URIRef
    case: URIRef
    caseNumber: URIRef
    handler: URIRef
    attachments: URIRef
    decision: URIRef
    outcome: URIRef
    decisionText: URIRef
    participant: URIRef
    status: URIRef
    party: URIRef
    representing: URIRef
    mentions: URIRef
    mentionOf: URIRef
    mentionedAt: URIRef  # a mention outside every agenda item: the meeting whose document names it
    item: URIRef
    surface: URIRef
    presenting: URIRef  # the mentioned person presents the item
    refersTo: URIRef
    referenceDate: URIRef
    statedAt: URIRef
    appointment: URIRef
    orgType: URIRef
    quote: URIRef
    rawStart: URIRef
    rawEnd: URIRef
    municipality: URIRef
    region: URIRef

    # concept schemes
    OutcomeScheme: URIRef
    RoleScheme: URIRef
    DocTypeScheme: URIRef
    StatusScheme: URIRef
    PartyScheme: URIRef


PROVENANCE_METHODS = {
    "structure": "kkrgraph/structure-parser.v1",
}


# the prefixes of kkrgraph output (Turtle, queries): prefix → namespace IRI
PREFIXES = {
    "kkr": str(KKR._NS),
    "data": str(DATA),
    "org": str(ORG),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "besluit": str(BESLUIT),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
