"""The SPARQL endpoint answers every named query like the local graph; push loads a graph into a store."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kkrgraph.api import KnowledgeGraph
from kkrgraph.queries import named_queries, resolve_query
from kkrgraph.serve import PushError, ServeLimits, _free_port, _wait_until_up, oxigraph_binary, push, start_endpoint

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph server is not installed (pip install oxigraph)")


def _select(endpoint: str, query: str) -> list[tuple[str, ...]]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        doc = json.load(response)
    names = doc["head"]["vars"]
    return [tuple(b.get(n, {}).get("value", "") for n in names) for b in doc["results"]["bindings"]]


def _unordered(rows) -> list[tuple[str, ...]]:
    return sorted(tuple("; ".join(sorted(cell.split("; "))) for cell in row) for row in rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    kg = KnowledgeGraph.build(jobs=1)
    path = out / "graph.nt"
    path.write_text(kg.graph.serialize(format="nt"), "utf-8")
    return kg, path


@pytest.fixture(scope="module")
def endpoint(built):
    _, path = built
    running = start_endpoint(graph=path, port=_free_port(), limits=ServeLimits(timeout_s=20))
    yield running.url + "/query"
    running.close()


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_over_http_matches_local(built, endpoint, name):
    kg, _ = built
    assert _unordered(_select(endpoint, resolve_query(name))) == _unordered(kg.sparql(name).rows)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "INSERT DATA { <http://x> <http://y> <http://z> }",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_endpoint_refuses_service_update_and_load(endpoint, query):
    with pytest.raises(urllib.error.HTTPError) as raised:
        _select(endpoint, query)
    assert raised.value.code == 403


def test_endpoint_is_read_only(endpoint):
    base = endpoint.rsplit("/", 1)[0]
    request = urllib.request.Request(base + "/store?default", data=b"", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 405


def test_keywords_inside_strings_are_not_refused(endpoint):
    assert _select(endpoint, 'SELECT ?x WHERE { BIND("DELETE SERVICE" AS ?x) }') == [("DELETE SERVICE",)]


@pytest.fixture
def writable(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(base, process)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_push_then_query_back(built, writable):
    kg, path = built
    assert push(writable + "/store", path) in (200, 201, 204)
    assert _unordered(_select(writable + "/query", resolve_query("people"))) == _unordered(kg.sparql("people").rows)
    # PUT replaces: pushing twice does not duplicate
    push(writable + "/store", path)
    count = _select(writable + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count[0][0]) == len(kg.graph)


def test_push_reports_http_errors(built, writable):
    _, path = built
    with pytest.raises(PushError, match=r"HTTP 4\d\d"):
        push(writable + "/nowhere", path)
    bad = path.with_name("bad.ttl")
    bad.write_text("this is not turtle <", "utf-8")
    with pytest.raises(PushError, match=r"HTTP 400"):
        push(writable + "/store", bad)


def test_push_reports_unreachable_endpoint(built):
    _, path = built
    with pytest.raises(PushError, match="cannot reach"):
        push(f"http://127.0.0.1:{_free_port()}/store", path)
