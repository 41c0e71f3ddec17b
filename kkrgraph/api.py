"""The Python API: build or load a graph, then ask it relationship questions in one call.

Every lookup takes a name in any known form: the canonical name, an alias or acronym ("BRN"), a hyphen
or spacing variant ("Per Bach Laursen"), a genitive ("BRN's", "KKR Nordjyllands") or an OCR-damaged
spelling ("Hjgrring Kommune"). Results are frozen dataclasses that carry their source document.

Example:
    >>> kg = KnowledgeGraph.build()
    >>> sorted({r.organisation for r in kg.roles("Per Bach Laursen")})
    ['Business Region North Denmark']

The method examples below use ``kg`` built like this (``tests/test_api.py`` runs them on the sample corpus).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef

from kkrgraph.queries import QueryResult, named_queries, resolve_query
from kkrgraph.read import ReadError

if TYPE_CHECKING:
    from kkrgraph.export.pieces import Pieces
    from kkrgraph.queries.tables import Tables

__all__ = ["Attendance", "DecisionRecord", "KnowledgeGraph", "MentionRecord", "RoleRecord"]


@dataclass(frozen=True)
class RoleRecord:
    """A role held by a person, as one document states it."""

    person: str
    role: str
    organisation: str
    meeting_date: str
    source: str
    quote: str


@dataclass(frozen=True)
class Attendance:
    """A person's presence at or absence from a meeting."""

    person: str
    meeting_date: str
    body: str
    status: str
    source: str


@dataclass(frozen=True)
class DecisionRecord:
    """A decision on an agenda item."""

    meeting_date: str
    item: str
    title: str
    outcome: str
    text: str
    source: str


@dataclass(frozen=True)
class MentionRecord:
    """An entity named in an agenda item: the words as written, the quoted sentence, and whether the person
    presented the item (subject of "orienterede", "indledte", "giver en kort orientering", ...)."""

    meeting_date: str
    item: str
    title: str
    surface: str
    quote: str
    source: str
    presenting: bool = False


class KnowledgeGraph:
    """A built kkrgraph knowledge graph with lookups by name.

    The graph is held as sorted canonical N-Triples (a file, the form every output is written from) and
    queried through Oxigraph: an on-disk store when built or loaded with ``store``, else an in-memory
    one loaded on the first query. :attr:`graph` gives it as an rdflib :class:`~rdflib.Graph` on demand.
    A graph loaded from a build's output answers the bundled named queries from the build's tables
    (:attr:`tables`) while they provably belong to it, without loading the graph at all.
    """

    def __init__(
        self,
        graph: Graph | None = None,
        skipped: Sequence[ReadError] = (),
        store=None,
        *,
        ntriples: Path | None = None,
        documents: int = 0,
        triples: int = 0,
        warnings: Sequence[tuple[str, str]] = (),
        workdir=None,
        tables: Tables | None = None,
        source: Path | None = None,
        pieces: Pieces | None = None,
    ) -> None:
        self._graph = graph
        self.skipped = tuple(skipped)
        self.store = store  # a pyoxigraph Store answering queries
        self.documents = documents  # documents the graph was built from (0 when loaded)
        self.triples = triples  # triples written by the build (0 when loaded)
        self.warnings = tuple(warnings)  # (file name, message) for files read with a caveat
        self._ntriples = ntriples
        self._workdir = workdir  # a TemporaryDirectory holding the N-Triples file, removed with this object
        self.tables = tables  # the build's named-query tables next to the graph file, if any
        self._source = source  # a graph file read into an in-memory store when a query first needs one
        self.pieces = pieces  # the build's graph segments, from which outputs are written (and kept, with a cache)

    @property
    def graph(self) -> Graph:
        """The rdflib graph (read from the N-Triples or the store on first use)."""
        if self._graph is None:
            from kkrgraph.graph.build import bind_prefixes

            graph = bind_prefixes(Graph())
            graph.parse(self.ntriples_file(), format="nt")
            self._graph = graph
        return self._graph

    def ntriples_file(self) -> Path:
        """The graph as a file of sorted, unique canonical N-Triples (written on first use if needed)."""
        if self._ntriples is None:
            import tempfile

            from kkrgraph.export.rdf import generate_ntriples, write_ntriples
            from kkrgraph.store import generate_store_ntriples

            self._workdir = tempfile.TemporaryDirectory(prefix="kkrgraph-")
            lines = generate_ntriples(self._graph) if self._graph is not None else generate_store_ntriples(self._store())
            self._ntriples = Path(self._workdir.name) / "graph.nt"
            write_ntriples(lines, self._ntriples)
        return self._ntriples

    def ntriples(self) -> Iterator[str]:
        """The graph's sorted N-Triples lines, streamed from :meth:`ntriples_file`."""
        with self.ntriples_file().open(encoding="utf-8", newline="\n") as lines:
            yield from lines

    # -- construction ----------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        paths: Iterable[Path | str] | None = None,
        *,
        registries: Sequence[str] = (),
        ner: str = "rules",
        on_error: Callable[[ReadError], None] | None = None,
        progress=None,
        jobs: int | None = None,
        cache_dir: Path | str | None = None,
        store: Path | str | None = None,
    ) -> KnowledgeGraph:
        """Build from documents (files or folders); no paths builds the bundled sample corpus.

        Unreadable files are skipped and collected in :attr:`skipped` (and passed to ``on_error``).
        ``jobs`` worker processes share the documents (default: the machine's cores); ``cache_dir`` keeps
        per-document results so a rebuild only processes changed files; ``store`` also loads the graph into
        an on-disk Oxigraph store in that folder, which then answers :meth:`sparql`.

        Memory stays flat in the corpus size: each document's part of the graph waits in the cache (a
        temporary one without ``cache_dir``) and is read back once, and the lines are sorted in runs
        spilled to disk.
        """
        import tempfile

        from kkrgraph.export.pieces import Pieces
        from kkrgraph.graph.assemble import assemble_graph
        from kkrgraph.nlp import NlpConfig
        from kkrgraph.pipeline import Settings, run_corpus
        from kkrgraph.resolve import resolve_names
        from kkrgraph.resources import load_resources

        skipped: list[ReadError] = []

        def collect(error: ReadError) -> None:
            skipped.append(error)
            if on_error is not None:
                on_error(error)

        settings = Settings(registries=tuple(registries), nlp=NlpConfig(ner=ner))
        workdir = tempfile.TemporaryDirectory(prefix="kkrgraph-")
        work = Path(workdir.name)
        corpus = run_corpus(list(paths or []), settings, cache_dir or work / "results", collect, progress, jobs=jobs)
        resolution = resolve_names(corpus.names(), load_resources(settings.registries))
        corpus = corpus.without_names()  # free the names before the graph parts are read back
        ntriples = work / "graph.nt"
        keep = Path(cache_dir) / "linked" if cache_dir is not None else None  # linked chunks, for the next build
        segments = assemble_graph(corpus, resolution, ntriples, work, jobs=jobs, keep=keep)
        del resolution
        if cache_dir is None:  # the temporary per-document results are spent: free the disk now, not at exit
            import shutil

            shutil.rmtree(work / "results", ignore_errors=True)
        warnings = [(d.source, w) for d in corpus.documents for w in d.warnings]
        oxi = None
        if store is not None:
            from kkrgraph.store import open_store, write_store

            write_store(ntriples, store)
            oxi = open_store(store)
        return cls(
            None,
            skipped,
            oxi,
            ntriples=ntriples,
            documents=len(corpus.documents),
            triples=segments.triples,
            warnings=warnings,
            workdir=workdir,
            pieces=Pieces(segments, Path(cache_dir) / "exported" if cache_dir is not None else None),
        )

    @classmethod
    def load(
        cls, path: Path | str = "output/graph.ttl", *, store: Path | str | None = None, tables: bool = True
    ) -> KnowledgeGraph:
        """Load a graph written by ``kkrgraph build`` (Turtle, N-Triples or JSON-LD by extension).

        With ``store``, open the on-disk Oxigraph store written by ``kkrgraph build --store`` instead
        (read-only, nothing is read into memory until :attr:`graph` is used). The ``graph.nt`` a build
        writes (sorted N-Triples) is used as it is: exports stream from it, and it is read into an
        in-memory store only when a query needs one.

        With ``tables`` (the default), the bundled named queries are answered from the tables the build
        wrote next to ``path`` (``graph.sqlite``) as long as they belong to that very file (or ``store``);
        then nothing is read until a query needs SPARQL. ``tables=False`` always runs SPARQL.

        Raises:
            FileNotFoundError: no file at ``path``.
            ValueError: the file is not RDF in the format its extension names.
        """
        from kkrgraph.queries.tables import Tables

        path = Path(path)
        if store is not None:
            from kkrgraph.store import open_store

            return cls(None, store=open_store(store), tables=Tables(path, Path(store)) if tables else None)
        from kkrgraph.store import memory_store

        if not path.is_file():
            raise FileNotFoundError(f"no graph at {path}; run `kkrgraph build` first")
        found = Tables(path) if tables else None
        if found is not None and found.usable():  # the build's own file: no need to read it now
            if path.suffix == ".nt":  # a build's graph.nt is sorted
                return cls(None, ntriples=path, tables=found)
            return cls(None, tables=found, source=path)
        if path.suffix == ".nt" and _sorted_ntriples(path):
            return cls(None, ntriples=path, tables=found)
        return cls(None, store=memory_store(path), tables=found)

    # -- queries ----------------------------------------------------------------------------------
    def _store(self):
        if self.store is None:
            from kkrgraph.store import memory_store

            self.store = memory_store(self._source if self._source is not None else self.ntriples_file())
        return self.store

    def sparql(self, query: str) -> QueryResult:
        """Run a bundled named query, a ``.rq`` file or SPARQL text; the kkrgraph prefixes are predeclared.

        A named query is read from the build's table when one provably answers it (see :meth:`load`).
        """
        from kkrgraph.store import run_store_query

        text = resolve_query(query)
        if self.tables is not None and query in named_queries():
            found = self.tables.lookup(query, text)
            if found is not None:
                return found
        return run_store_query(self._store(), text)

    def find(self, name: str) -> list[URIRef]:
        """Entities (people, organisations, municipalities) known by ``name`` or any alias or spelling of it.

        Example:
            >>> kg.find("Hjgrring Kommune") == kg.find("Hjørring Kommune") == kg.find("Hjørring Kommunes")
            True
            >>> [str(x).rsplit("/", 1)[1] for x in kg.find("BRN's")]
            ['business-region-north-denmark']
        """
        wanted = _key(name)
        exact, close = [], []
        labels = (
            "http://xmlns.com/foaf/0.1/name",
            "http://www.w3.org/2004/02/skos/core#prefLabel",
            "http://www.w3.org/2004/02/skos/core#altLabel",
        )
        candidates: dict[URIRef, set[str]] = {}
        values = " ".join(f"<{p}>" for p in labels)
        found = self.sparql(f"SELECT ?s ?l WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?l FILTER(isIRI(?s) && isLiteral(?l)) }}")
        for subject, label in found.rows:
            candidates.setdefault(URIRef(subject), set()).add(label)
        for subject, names in sorted(candidates.items()):
            keys = {_key(n) for n in names}
            if wanted in keys:
                exact.append(subject)
            elif any(_close(wanted, k) for k in keys):
                close.append(subject)
        return exact or close

    def _one(self, name: str) -> URIRef:
        found = self.find(name)
        if not found:
            raise LookupError(f"nothing known by the name {name!r}")
        return found[0]

    def roles(self, person: str) -> list[RoleRecord]:
        """Roles a person has held: role, organisation, meeting date, source document and quote.

        Example:
            >>> [(r.role, r.meeting_date) for r in kg.roles("Per Bach Laursen")]
            [('formand', '2023-11-24'), ('formand', '2024-09-20'), ('formand', '2025-08-29')]
            >>> kg.roles("Per Bach-Laursen") == kg.roles("per bach laursen")
            True
        """
        who = self._one(person)
        rows = self.sparql(
            f"""SELECT ?person ?role ?organisation ?meeting_date ?source ?quote WHERE {{
              ?ms org:member <{who}> ; org:role/skos:notation ?role ; kkr:statedAt ?m ;
                  prov:wasDerivedFrom/kkr:sourceFile ?source ; kkr:quote ?quote .
              <{who}> foaf:name ?person .
              OPTIONAL {{ ?ms org:organization/skos:prefLabel ?organisation }}
              OPTIONAL {{ ?m dcterms:date ?meeting_date }}
            }} ORDER BY ?meeting_date ?role ?organisation"""
        )
        return [RoleRecord(*row) for row in rows.rows]

    def people_in(self, organisation: str) -> list[RoleRecord]:
        """People stated to hold a role in an organisation (or municipality).

        Example:
            >>> sorted({(r.person, r.role) for r in kg.people_in("BRN")})
            [('Per Bach-Laursen', 'formand')]
        """
        body = self._one(organisation)
        rows = self.sparql(
            f"""SELECT ?person ?role ?organisation ?meeting_date ?source ?quote WHERE {{
              ?ms org:organization <{body}> ; org:member/foaf:name ?person ; org:role/skos:notation ?role ;
                  kkr:statedAt ?m ; prov:wasDerivedFrom/kkr:sourceFile ?source ; kkr:quote ?quote .
              <{body}> skos:prefLabel ?organisation .
              OPTIONAL {{ ?m dcterms:date ?meeting_date }}
            }} ORDER BY ?person ?meeting_date"""
        )
        return [RoleRecord(*row) for row in rows.rows]

    def meetings(self, person: str) -> list[Attendance]:
        """Meetings a person attended or sent apologies for.

        Example:
            >>> [(a.meeting_date, a.status) for a in kg.meetings("Ulla Vestergaard")]
            [('2023-11-24', 'absent'), ('2025-08-29', 'absent')]
        """
        who = self._one(person)
        rows = self.sparql(
            f"""SELECT ?person ?meeting_date ?body ?status ?source WHERE {{
              ?p kkr:participant <{who}> ; kkr:meeting ?m ; kkr:status/skos:notation ?status ;
                 prov:wasDerivedFrom/kkr:sourceFile ?source .
              <{who}> foaf:name ?person .
              OPTIONAL {{ ?m dcterms:date ?meeting_date }}
              OPTIONAL {{ ?m kkr:body/skos:prefLabel ?body }}
            }} ORDER BY ?meeting_date"""
        )
        return [Attendance(*row) for row in rows.rows]

    def decisions(self, about: str) -> list[DecisionRecord]:
        """Decisions on agenda items that mention an entity (any alias), or whose title contains ``about``.

        Example:
            >>> [(d.meeting_date, d.item, d.outcome) for d in kg.decisions(about="KlimaNord")]
            [('2023-11-24', '3.1', 'approved'), ('2025-08-29', '2.1', 'noted')]
        """
        found = self.find(about)
        mention = " ".join(f"<{x}>" for x in found)
        mention_clause = f"{{ VALUES ?e {{ {mention} }} ?i kkr:mentions ?e }} UNION" if found else ""
        needle = Literal(about.lower()).n3()
        rows = self.sparql(
            f"""SELECT DISTINCT ?meeting_date ?item ?title ?outcome ?text ?source WHERE {{
              {mention_clause} {{ ?i dcterms:title ?t FILTER(CONTAINS(LCASE(?t), {needle})) }}
              ?i kkr:decision ?d ; kkr:number ?item ; dcterms:title ?title ; kkr:meeting ?m .
              ?d kkr:decisionText ?text ; prov:wasDerivedFrom/kkr:sourceFile ?source .
              OPTIONAL {{ ?d kkr:outcome/skos:notation ?outcome }}
              OPTIONAL {{ ?m dcterms:date ?meeting_date }}
            }} ORDER BY ?meeting_date ?item"""
        )
        return [DecisionRecord(*row) for row in rows.rows]

    def mentions(self, name: str) -> list[MentionRecord]:
        """Agenda items that name a person or organisation, with the sentence; for a person, whether they presented.

        Presenting is the NLP stage's judgement on each mention (``kkr:presenting``), the same fact the
        bundled ``presented_items`` query reads.

        Example:
            >>> [(m.meeting_date, m.item) for m in kg.mentions("Henrik Aarup-Kristensen") if m.presenting][:1]
            [('2025-08-29', '3.5')]
        """
        who = self._one(name)
        rows = self.sparql(
            f"""SELECT DISTINCT ?meeting_date ?item ?title ?surface ?quote ?source ?presenting WHERE {{
              ?x kkr:mentionOf <{who}> ; kkr:item ?i ; kkr:surface ?surface ; kkr:quote ?quote ;
                 prov:wasDerivedFrom/kkr:sourceFile ?source .
              ?i kkr:number ?item ; dcterms:title ?title ; kkr:meeting ?m ; kkr:position ?position .
              OPTIONAL {{ ?m dcterms:date ?meeting_date }}
              OPTIONAL {{ ?x kkr:presenting ?presenting }}
            }} ORDER BY ?meeting_date ?position ?quote ?surface"""
        )
        presenting: dict[tuple[str, ...], bool] = {}  # one record per sentence, even if it names them twice
        for row in rows.rows:
            presenting[row[:6]] = presenting.get(row[:6], False) or row[6] == "true"
        return [MentionRecord(*key, presenting=flag) for key, flag in presenting.items()]

    def to_networkx(self, view: str = "full"):
        """The graph as a networkx graph; ``view`` selects a projection (see :mod:`kkrgraph.export.network`).

        Example:
            >>> network = kg.to_networkx("person-organisation")
            >>> network.has_edge("https://w3id.org/kkrgraph/id/person/per-bach-laursen",
            ...                  "https://w3id.org/kkrgraph/id/organisation/business-region-north-denmark")
            True
        """
        from kkrgraph.export.network import network_view

        return network_view(self.ntriples_file(), view)


def _sorted_ntriples(path: Path) -> bool:
    """Whether ``path`` has the shape of a built graph's N-Triples: triple lines, sorted, without repeats.

    One streaming pass over bytes; anything else (hand-written or another tool's N-Triples) goes through
    Oxigraph's parser, which reports syntax errors and canonicalises.
    """
    previous = b""
    with path.open("rb") as lines:
        for line in lines:
            if line <= previous or not (line.startswith(b"<") and line.endswith(b" .\n")):
                return False
            previous = line
    return bool(previous)


def _key(name: str) -> str:
    """Comparison key: case, accents, hyphens and an apostrophe genitive ("BRN's") ignored."""
    from kkrgraph.nlp.text import fold

    text = fold(name).replace("-", " ").replace("’", "'").removesuffix("'s")
    return " ".join(text.split())


def _close(wanted: str, key: str) -> bool:
    """A plain genitive ("KKR Nordjyllands") or a near spelling (OCR damage) of a known name."""
    from rapidfuzz import fuzz

    if wanted.removesuffix("s") == key or wanted == key.removesuffix("s"):
        return True
    return len(wanted) >= 6 and fuzz.ratio(wanted, key) >= 90
