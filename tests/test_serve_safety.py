"""The public endpoint's protections, each tested against a running server on loopback.

The oxigraph server underneath does call out for ``SERVICE``, so a stand-in remote endpoint on loopback
records every call that gets through: the guard tests assert that none does, however the query is sent.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kkrgraph.cli import build_parser
from kkrgraph.serve import ServeLimits, _free_port, is_loopback, oxigraph_binary, refusal, start_endpoint

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph server is not installed (pip install oxigraph)")

LIMITS = ServeLimits(timeout_s=2, max_result_bytes=100_000)
# ~10,000 triples squared, counted: 13 s of work without a limit, and no result row before it ends
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


@pytest.fixture(scope="module")
def remote():
    """A stand-in remote SPARQL endpoint: the list of the requests that reached it."""
    calls: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            calls.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", calls
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def endpoint(sample_output):
    running = start_endpoint(graph=sample_output / "graph.ttl", port=_free_port(), limits=LIMITS)
    yield running
    running.close()


def _send(url: str, data: bytes | None = None, content_type: str | None = None, method: str | None = None):
    """(status, body text) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _get(endpoint, query: str):
    return _send(endpoint.url + "/query?" + urllib.parse.urlencode({"query": query}))


def _three_ways(endpoint, query: str):
    """The answers to ``query`` sent by GET, by POST as a form and by POST as application/sparql-query."""
    return [
        _get(endpoint, query),
        _send(endpoint.url + "/query", urllib.parse.urlencode({"query": query}).encode(), "application/x-www-form-urlencoded"),
        _send(endpoint.url + "/query", query.encode(), "application/sparql-query"),
    ]


def _service(remote_url: str, keyword: str = "SERVICE") -> str:
    return f"SELECT * WHERE {{ {keyword} <{remote_url}> {{ ?s ?p ?o }} }}"


# -- time and size limits -----------------------------------------------------------------------------
def test_query_past_the_time_limit_is_stopped_with_504(endpoint):
    status, body = _get(endpoint, EXPLOSIVE)
    assert status == 504, body[:300]
    assert "longer than 2 s" in body


def test_result_over_the_size_limit_is_refused_with_413(endpoint):
    status, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413, body[:300]
    assert "larger than 100000 bytes" in body
    assert _get(endpoint, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10")[0] == 200  # small answers still pass


# -- binding -------------------------------------------------------------------------------------------
def test_default_bind_is_loopback(endpoint):
    assert endpoint.server.server_address[0] == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


@pytest.mark.parametrize(
    ("host", "expected"), [("127.0.0.1", True), ("localhost", True), ("0.0.0.0", False), ("192.0.2.1", False)]
)
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_non_loopback_bind_warns(sample_output):
    graph = str(sample_output / "graph.ttl")
    command = [sys.executable, "-m", "kkrgraph.cli", "serve", "--graph", graph, "--host", "0.0.0.0", "--port", str(_free_port())]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "SPARQL endpoint" in process.stdout.readline()  # up and serving
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert "warning: listening on 0.0.0.0" in errors


# -- the guard: no call out, no update, however the request is made -----------------------------------
@pytest.mark.parametrize(
    "keyword",
    ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\U00000053ervice"],
)
def test_service_is_refused_every_way_it_can_be_sent(endpoint, remote, keyword):
    remote_url, calls = remote
    before = len(calls)
    for status, body in _three_ways(endpoint, _service(remote_url, keyword)):
        assert status == 403, body[:300]
        assert "SERVICE is not allowed" in body
    assert len(calls) == before


@pytest.mark.parametrize(
    "template",
    [
        '# """\nSELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}\n# """',  # a quote inside a comment
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE {{ ?s ex:a\\' ?o . SERVICE <{url}> {{ ?s ?p ?o }} }} # '",
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE {{ ?s ex:a\\# ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        'SELECT * WHERE {{ FILTER("<"!="x")SERVICE?u{{?s ?p ?o}}FILTER(">"!="x") VALUES ?u {{ <{url}> }} }}',
        "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} FILTER(1<2)SERVICE?u{{?s?p?o}}FILTER(3>2) }}",  # "IRI" <2)...(3>
    ],
)
def test_tricks_that_hide_service_from_a_naive_lexer_are_refused(endpoint, remote, template):
    remote_url, calls = remote
    before = len(calls)
    for status, body in _three_ways(endpoint, template.format(url=remote_url)):
        assert status == 403, body[:300]
    assert len(calls) == before


def test_keyword_split_by_a_comment_is_no_keyword(endpoint, remote):
    remote_url, calls = remote
    before = len(calls)
    for status, _ in _three_ways(endpoint, _service(remote_url, "SERV#x\nICE")):
        assert status == 400  # not SERVICE to the server either: a syntax error
    assert len(calls) == before


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://x> <http://y> <http://z> }",
        "insert data { <http://x> <http://y> <http://z> }",
        "LOAD <http://example.org/data.ttl>",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
    ],
)
def test_updates_are_refused_every_way_they_can_be_sent(endpoint, query):
    for status, body in _three_ways(endpoint, query):
        assert status == 403, body[:300]


def test_update_form_field_is_refused(endpoint):
    url = endpoint.url + "/query"
    form = "application/x-www-form-urlencoded"
    update = "INSERT DATA { <http://x> <http://y> <http://z> }"
    for data in ({"update": update}, {"query": "ASK {}", "update": update}, {"query": "ASK {}", "using-graph-uri": "http://x"}):
        status, body = _send(url, urllib.parse.urlencode(data).encode(), form)
        assert (status, "is not accepted here" in body) == (400, True), body[:300]
    in_url = url + "?" + urllib.parse.urlencode({"update": update})
    status, body = _send(in_url, urllib.parse.urlencode({"query": "ASK {}"}).encode(), form)
    assert (status, "'update'" in body) == (400, True), body[:300]


@pytest.mark.parametrize("how", ["url twice", "url and form", "url and sparql-query", "form twice"])
def test_a_second_query_cannot_ride_along(endpoint, remote, how):
    remote_url, calls = remote
    before = len(calls)
    bad, good = _service(remote_url), "ASK {}"
    url = endpoint.url + "/query"
    form = "application/x-www-form-urlencoded"
    both = urllib.parse.urlencode([("query", good), ("query", bad)])
    bad_in_url = f"{url}?{urllib.parse.urlencode({'query': bad})}"
    status, body = {
        "url twice": lambda: _send(f"{url}?{both}"),
        "url and form": lambda: _send(bad_in_url, urllib.parse.urlencode({"query": good}).encode(), form),
        "url and sparql-query": lambda: _send(bad_in_url, good.encode(), "application/sparql-query"),
        "form twice": lambda: _send(url, both.encode(), form),
    }[how]()
    assert status == 400, body[:300]
    assert "query given 2 times" in body
    assert len(calls) == before


@pytest.mark.parametrize("path", ["/update", "/store", "/store?default", "/query/../update", "/"])
def test_only_query_is_served(endpoint, path):
    update = b"INSERT DATA { <http://x> <http://y> <http://z> }"
    assert _send(endpoint.url + path, update, "application/sparql-update")[0] == 404
    assert _send(endpoint.url + path, update, "text/turtle", method="PUT")[0] == 405
    assert _get(endpoint, "ASK { <http://x> <http://y> <http://z> }") == (200, '{"head":{},"boolean":false}')


def test_plain_queries_pass_every_way(endpoint):
    for status, body in _three_ways(endpoint, 'SELECT ?x WHERE { BIND("SERVICE <http://x> {}" AS ?x) } # INSERT'):
        assert status == 200, body[:300]
        assert "SERVICE <http://x> {}" in body


def test_refusal_limits_query_length():
    assert refusal("ASK {}" + " " * 200, ServeLimits(max_query_chars=100)) == "query longer than 100 characters"
