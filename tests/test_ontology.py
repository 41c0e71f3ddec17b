"""The ontology (kkr.ttl), its SHACL shapes, IRIs, provenance and serialisations, on the sample corpus."""

from __future__ import annotations

import io
import json
import random
from importlib import resources

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, ORG, PROV, SKOS

from kkrgraph.graph.iri import case_iri, entity_iri, item_iri, meeting_iri
from kkrgraph.graph.namespace import KKR
from kkrgraph.validate import validate_graph

ONTOLOGY = resources.files("kkrgraph") / "ontology"
NS = str(KKR._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=(ONTOLOGY / "kkr.ttl").read_text("utf-8"), format="turtle")


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


# -- kkr.ttl ----------------------------------------------------------------------------------------------
def test_every_namespace_term_is_declared_and_vice_versa(ontology):
    in_code = {NS + name for name in KKR.__annotations__}
    declared = {str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(NS)}
    assert in_code - declared == set(), "terms used by the graph builder but missing from kkr.ttl"
    assert declared - in_code == set(), "terms in kkr.ttl that graph/namespace.py does not know"


def test_every_term_has_danish_and_english_labels_and_a_definition(ontology):
    for name in KKR.__annotations__:
        term = URIRef(NS + name)
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"da", "en"} <= languages, f"{name} lacks a Danish or English label"
        assert ontology.value(term, SKOS.definition) is not None, f"{name} lacks a definition"


def test_ontology_aligns_with_standard_vocabularies(ontology):
    besluit = "http://data.vlaanderen.be/ns/besluit#"
    assert (KKR.Meeting, RDFS.subClassOf, URIRef(besluit + "Zitting")) in ontology
    assert (KKR.Meeting, RDFS.subClassOf, URIRef("http://schema.org/Event")) in ontology
    assert (KKR.AgendaItem, RDFS.subClassOf, URIRef(besluit + "Agendapunt")) in ontology
    assert (KKR.Decision, RDFS.subClassOf, URIRef(besluit + "Besluit")) in ontology
    assert (KKR.Municipality, RDFS.subClassOf, ORG.Organization) in ontology
    assert (KKR.Method, RDFS.subClassOf, PROV.SoftwareAgent) in ontology
    assert (KKR.statedAt, RDFS.domain, ORG.Membership) in ontology
    kinds = {o for s in KKR.__annotations__ for o in ontology.objects(URIRef(NS + s), RDF.type)}
    assert kinds == {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme}


def test_context_parses_and_maps_the_terms():
    context = json.loads((ONTOLOGY / "context.jsonld").read_text("utf-8"))["@context"]
    assert context["kkr"] == NS
    assert context["Meeting"] == "kkr:Meeting"
    assert context["statedAt"]["@id"] == "kkr:statedAt"


# -- SHACL ------------------------------------------------------------------------------------------------
def test_every_class_has_a_shape(ontology):
    from rdflib.namespace import SH

    from kkrgraph.validate import shapes_graph

    targets = set(shapes_graph().objects(None, SH.targetClass))
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert classes | {FOAF.Person, ORG.Organization, ORG.Membership, SKOS.Concept, SKOS.ConceptScheme} <= targets


def test_the_diagram_is_drawn_from_the_ontology(ontology, tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "draw_ontology.py"
    spec = importlib.util.spec_from_file_location("draw_ontology", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    diagram, notes, _ = module.ontology_diagram(script.parent.parent / "kkrgraph" / "ontology" / "kkr.ttl")
    classes = {"kkr:" + str(c).rsplit("#", 1)[1] for c in ontology.subjects(RDF.type, OWL.Class)}
    assert classes <= set(diagram.nodes)
    drawn = {p for _, _, label in diagram.edges(data="label") for p in label.split(", ")}
    assert {str(p).rsplit("#", 1)[1] for p in ontology.subjects(RDF.type, OWL.ObjectProperty)} <= drawn
    assert "⊑ besluit:Zitting, schema:Event" in notes["kkr:Meeting"]
    module.draw(script.parent.parent / "kkrgraph" / "ontology" / "kkr.ttl", tmp_path / "o.png")
    assert (tmp_path / "o.png").read_bytes()[:4] == b"\x89PNG"


def test_sample_graph_conforms_to_the_shapes(sample_kg):
    report = validate_graph(sample_kg.graph)
    assert report.conforms, report.text(limit=20)
    assert report.violations == ()


def test_a_participation_without_participant_fails_readably(sample_kg):
    graph = _copy(sample_kg.graph)
    broken = sorted(graph.subjects(RDF.type, KKR.Participation))[0]
    graph.remove((broken, KKR.participant, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert len(report.violations) == 1
    violation = report.violations[0]
    assert violation.focus == f"<{broken}>"
    assert violation.path == "kkr:participant"
    assert "participation needs exactly one participant" in violation.message
    assert "kkr:participant" in report.text()


def test_broken_provenance_and_vocabulary_fail(sample_kg):
    graph = _copy(sample_kg.graph)
    membership = sorted(graph.subjects(RDF.type, ORG.Membership))[0]
    graph.remove((membership, KKR.quote, None))
    decision = sorted(graph.subjects(RDF.type, KKR.Decision))[0]
    status = next(graph.subjects(SKOS.inScheme, KKR.StatusScheme))
    graph.set((decision, KKR.outcome, status))
    messages = {(v.path, v.message) for v in validate_graph(graph).violations}
    assert ("kkr:quote", "an extracted fact must quote exactly one non-empty sentence it was read from (kkr:quote)") in messages
    assert any(path == "kkr:outcome/skos:inScheme" for path, _ in messages)


def test_cli_validate(sample_output, tmp_path, capsys):
    from kkrgraph.cli import main

    assert main(["validate", "--graph", str(sample_output / "graph.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out
    graph = Graph().parse(sample_output / "graph.ttl")
    graph.remove((None, FOAF.name, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    assert main(["validate", "--graph", str(broken)]) == 1
    assert "a person needs exactly one canonical name (foaf:name)" in capsys.readouterr().out


# -- provenance and time ----------------------------------------------------------------------------------
def test_every_extracted_fact_traces_to_a_document_span(sample_kg):
    rows = sample_kg.sparql(
        """SELECT ?fact ?file ?start ?end ?quote WHERE {
             ?fact prov:wasDerivedFrom/kkr:sourceFile ?file ; kkr:rawStart ?start ; kkr:rawEnd ?end ;
                   kkr:quote ?quote ; prov:wasGeneratedBy/rdfs:label ?method }"""
    ).rows
    kinds = (KKR.Participation, KKR.Mention, ORG.Membership, KKR.Decision, KKR.AgendaItem, KKR.MeetingReference)
    facts = {s for kind in kinds for s in sample_kg.graph.subjects(RDF.type, kind)}
    assert {URIRef(r[0]) for r in rows} == facts
    assert all(int(r[2]) <= int(r[3]) and r[4] for r in rows)


def test_quotes_contain_the_names_they_support(sample_kg):
    graph = sample_kg.graph
    mentions = random.Random(5).sample(sorted(graph.subjects(RDF.type, KKR.Mention)), 60)
    for mention in mentions:
        surface = " ".join(str(graph.value(mention, KKR.surface)).split())
        assert surface in str(graph.value(mention, KKR.quote)), mention
    for membership in graph.subjects(RDF.type, ORG.Membership):
        surname = str(graph.value(graph.value(membership, ORG.member), FOAF.name)).split()[-1]
        assert surname in str(graph.value(membership, KKR.quote)), membership
    for participation in graph.subjects(RDF.type, KKR.Participation):
        surname = str(graph.value(graph.value(participation, KKR.participant), FOAF.name)).replace("-", " ").split()[-1]
        assert surname in str(graph.value(participation, KKR.quote)), participation


def test_the_raw_span_points_into_the_source_file(sample_kg):
    corpus = resources.files("kkrgraph") / "data" / "corpus"
    rows = sample_kg.sparql(
        """SELECT ?file ?start ?end ?surface WHERE {
             ?m a kkr:Mention ; kkr:surface ?surface ; kkr:rawStart ?start ; kkr:rawEnd ?end ;
                prov:wasDerivedFrom/kkr:sourceFile ?file } ORDER BY ?file ?start"""
    ).rows
    hits = 0
    for file, start, end, surface in rows:
        raw = (corpus / file).read_text("utf-8")[int(start) : int(end)]
        hits += " ".join(raw.split()).replace("- ", "-") == surface
    assert hits >= 0.9 * len(rows)


def test_evidence_interval_of_a_role(sample_kg):
    rows = sample_kg.sparql("role_intervals").records()
    assert rows
    for row in rows:
        assert row["first_evidence"] <= row["last_evidence"]
        assert int(row["statements"]) >= 1


# -- IRIs -------------------------------------------------------------------------------------------------
def test_iris_are_readable_and_deterministic():
    meeting = meeting_iri("KKR Nordjylland", "2025-08-29", "abc")
    assert str(meeting) == "https://w3id.org/kkrgraph/id/meeting/kkr-nordjylland/2025-08-29"
    assert str(item_iri(meeting, "2.3")).endswith("/2025-08-29/item/2-3")
    assert str(case_iri("SAG-2025-02399")) == "https://w3id.org/kkrgraph/id/case/SAG-2025-02399"
    assert entity_iri("person", "Per Bach-Laursen") == entity_iri("person", "per bach-laursen")
    assert str(entity_iri("person", "Niels Jørgen Pedersen")).endswith("/person/niels-joergen-pedersen")


def test_the_same_person_in_two_documents_is_one_iri(sample_kg):
    graph = sample_kg.graph
    people = list(graph.subjects(FOAF.name, Literal("Per Bach-Laursen")))
    assert people == [URIRef("https://w3id.org/kkrgraph/id/person/per-bach-laursen")]
    mentions = list(graph.subjects(KKR.mentionOf, people[0]))
    assert len({graph.value(m, PROV.wasDerivedFrom) for m in mentions}) >= 2
    assert {"Per Bach-Laursen", "Per Bach Laursen"} <= {str(graph.value(m, KKR.surface)) for m in mentions}
    names = [str(n) for n in graph.objects(None, FOAF.name)]
    assert len(names) == len(set(names))


def test_rebuild_gives_identical_sorted_ntriples(sample_kg):
    from kkrgraph.api import KnowledgeGraph
    from kkrgraph.export.rdf import generate_ntriples

    again = KnowledgeGraph.build()
    first = "".join(generate_ntriples(sample_kg.graph))
    assert first == "".join(generate_ntriples(again.graph))
    assert "_:" not in first


# -- serialisations ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_serialisations_parse_back_isomorphic(sample_kg, tmp_path, fmt):
    from kkrgraph.export import export_graph

    out = tmp_path / f"graph.{fmt}"
    export_graph(sample_kg.ntriples_file(), fmt, out)
    parse_as = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    back = Graph().parse(out, format=parse_as)
    assert len(back) == len(sample_kg.graph)
    assert isomorphic(back, sample_kg.graph)


def test_jsonld_reads_with_the_published_context(sample_kg, tmp_path):
    from kkrgraph.export.rdf import write_jsonld

    out = tmp_path / "graph.jsonld"
    write_jsonld(sample_kg.ntriples_file(), out)
    text = out.read_text("utf-8")
    data = json.load(io.StringIO(text))
    assert "@context" in data
    assert '"statedAt"' in text and '"Meeting"' in text
    assert "https://w3id.org/kkrgraph/ontology#" not in text.replace(json.dumps(NS), "")


def test_a_small_graph_with_a_municipality():
    """Shapes work on a hand-written graph too: a regional municipality passes, a bare place name fails."""
    municipality = URIRef("https://w3id.org/kkrgraph/id/municipality/bornholms-regionskommune")
    graph = Graph()
    graph.add((municipality, RDF.type, KKR.Municipality))
    graph.add((municipality, RDF.type, ORG.Organization))
    graph.add((municipality, SKOS.prefLabel, Literal("Bornholms Regionskommune")))
    assert validate_graph(graph).conforms
    graph.set((municipality, SKOS.prefLabel, Literal("Bornholm")))
    report = validate_graph(graph)
    assert [(v.path, v.value) for v in report.violations] == [("skos:prefLabel", "'Bornholm'")]
    graph.remove((municipality, RDF.type, ORG.Organization))
    assert "a municipality must also be typed org:Organization" in validate_graph(graph).text()
