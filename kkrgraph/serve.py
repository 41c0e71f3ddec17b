"""Serve the graph as a read-only SPARQL 1.1 endpoint, and push it to any Graph Store Protocol endpoint.

``serve`` runs the ``oxigraph`` server (PyPI package ``oxigraph``) in read-only mode with a query timeout
on a loopback port of its own, and puts a small proxy in front of it on the public address (127.0.0.1
unless another host is asked for, with a warning). The proxy is where the endpoint's safety rules are
enforced, whatever the server underneath supports (the oxigraph server does call out for ``SERVICE``):
only ``/query`` is served, with one query and no other parameters than the dataset ones (no ``update=``);
queries using ``SERVICE``, ``LOAD`` or any update keyword are refused, also when hidden behind
``\\u`` escapes; the proxy forwards the query it checked, never the raw request; every request has a
total time limit, and a response larger than ``max_result_bytes`` is refused with an error instead of
being sent.

``push`` uploads a graph file with HTTP PUT (replace) or POST (add) to a SPARQL 1.1 Graph Store Protocol
endpoint (Oxigraph ``/store``, Fuseki ``/ds/data``, GraphDB ``/repositories/R/rdf-graphs/service``,
Virtuoso ``/sparql-graph-crud``), into the default graph or a named one.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["PushError", "ServeLimits", "is_loopback", "oxigraph_binary", "push", "refusal", "serve", "start_endpoint"]

_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
# One SPARQL lexeme that can hide a keyword, leftmost first: an escaped character of a prefixed name
# (``ex:a\'`` or ``ex:a\#`` starts no string or comment, so it is kept), a comment, a string, an IRI.
_LEXEME = re.compile(
    "|".join(
        (
            r"(\\.)",
            r"(#[^\n\r]*)",
            r'("""(?:\\.|[^\\])*?"""|\'\'\'(?:\\.|[^\\])*?\'\'\'|"(?:\\.|[^"\\\n\r])*"|\'(?:\\.|[^\'\\\n\r])*\')',
            r"(<[^<>\"{}|^`\\\x00-\x20]*>)",
        )
    ),
    re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_DATASET_PARAMETERS = frozenset({"default-graph-uri", "named-graph-uri"})
_FORMATS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads", ".rdf": "application/rdf+xml"}


class PushError(Exception):
    """The endpoint refused the upload or could not be reached; the message says which and why."""


@dataclass(frozen=True)
class ServeLimits:
    """What one request to the public endpoint may cost."""

    timeout_s: float = 30.0
    max_result_bytes: int = 50_000_000
    max_query_chars: int = 100_000


def oxigraph_binary() -> str | None:
    """Path of the ``oxigraph`` server program (``pip install 'kkrgraph[serve]'``), or None."""
    import sys

    local = Path(sys.executable).with_name("oxigraph")
    return str(local) if local.is_file() else shutil.which("oxigraph")


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _strip(query: str) -> str:
    """Query text without comments, string literals and IRIs, so keywords inside them do not count.

    One left-to-right pass, as the SPARQL lexer reads: a ``#`` inside a string is no comment, and a quote
    inside a comment starts no string (separate passes let ``# \"\"\"`` hide a whole SERVICE clause).
    """

    def blank(found: re.Match) -> str:
        escaped, comment, string, _ = found.groups()
        return escaped or (" " if comment else '""' if string else "<>")

    return _LEXEME.sub(blank, query)


def _unescape(query: str) -> str:
    """``\\u0053ERVICE`` → ``SERVICE``: SPARQL 1.1 (19.2) decodes codepoint escapes before parsing."""
    return _CODEPOINT.sub(lambda found: chr(int(found.group(1) or found.group(2), 16)), query)


def refusal(query: str, limits: ServeLimits) -> str | None:
    """Why the proxy refuses ``query``, or None when it may run.

    The query is checked as written and with its codepoint escapes decoded, so a keyword is found whether
    the server underneath decodes them or not.
    """
    if len(query) > limits.max_query_chars:
        return f"query longer than {limits.max_query_chars} characters"
    for text in (query, _unescape(query)):
        found = _FORBIDDEN.search(_strip(text))
        if found:
            return f"{found.group(1).upper()} is not allowed on this read-only endpoint"
    return None


def _parameters(url_query: str, form: str) -> tuple[str, list[tuple[str, str]]]:
    """The one query and the dataset parameters of a request, from its URL and its form body.

    Raises:
        ValueError: with the reason, for any other parameter (``update=``, ``using-graph-uri=``, ...) or
            when there is not exactly one query: the proxy must check the query the server would run.
    """
    pairs = urllib.parse.parse_qsl(url_query, keep_blank_values=True) + urllib.parse.parse_qsl(form, keep_blank_values=True)
    queries = [value for name, value in pairs if name == "query"]
    other = sorted({name for name, _ in pairs} - {"query"} - _DATASET_PARAMETERS)
    if other:
        raise ValueError(f"parameter {other[0]!r} is not accepted here (read-only: query, default-graph-uri, named-graph-uri)")
    if len(queries) != 1:
        raise ValueError("no query given" if not queries else f"query given {len(queries)} times (URL and body count together)")
    return queries[0], [(name, value) for name, value in pairs if name != "query"]


def _handler(backend_port: int, limits: ServeLimits):
    class Proxy(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: one line per query is noise on a terminal
            pass

        def _fail(self, code: int, message: str) -> None:
            body = (message + "\n").encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _url_query(self) -> str | None:
            """The query string of a request to ``/query``; None (answered with 404) for any other path."""
            parts = urllib.parse.urlsplit(self.path)
            if parts.path == "/query":
                return parts.query
            self._fail(404, "only /query is served (SPARQL 1.1 protocol, read-only)")
            return None

        def _forward(self, url_query: str, form: str) -> None:
            try:
                query, dataset = _parameters(url_query, form)
            except ValueError as error:
                self._fail(400, str(error))
                return
            reason = refusal(query, limits)
            if reason:
                self._fail(403, reason)
                return
            try:
                status, content_type, body = _ask(backend_port, query, dataset, self.headers.get("Accept"), limits)
            except TimeoutError:
                self._fail(504, f"query took longer than {limits.timeout_s:g} s (the time limit); it was stopped")
                return
            except OverflowError:
                self._fail(413, f"result larger than {limits.max_result_bytes} bytes (the size limit); add a LIMIT")
                return
            except (OSError, http.client.HTTPException) as error:
                self._fail(502, f"backend unavailable: {error!r}")
                return
            if status >= 400:
                self._fail(status, body[:2000].decode("utf-8", "replace"))
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            url_query = self._url_query()
            if url_query is not None:
                self._forward(url_query, "")

        def do_POST(self) -> None:
            url_query = self._url_query()
            if url_query is None:
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if not 0 <= length <= limits.max_query_chars * 4:
                self._fail(413 if length > 0 else 400, "request body too large" if length > 0 else "bad Content-Length")
                return
            data = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/sparql-query":
                self._forward(url_query, "query=" + urllib.parse.quote(data, safe=""))
            elif kind == "application/x-www-form-urlencoded":
                self._forward(url_query, data)
            else:
                self._fail(415, "send application/sparql-query or a form with query=")

        def _refuse(self) -> None:
            self._fail(405, "read-only endpoint")

        do_PUT = do_DELETE = do_PATCH = _refuse

    return Proxy


def _ask(port: int, query: str, dataset: list[tuple[str, str]], accept: str | None, limits: ServeLimits):
    """Run a checked query on the loopback backend: (status, content type, body).

    The time limit is for the whole answer, not for each read, so a result that trickles in is stopped too.

    Raises:
        TimeoutError: the answer took longer than ``limits.timeout_s``.
        OverflowError: the answer is larger than ``limits.max_result_bytes``.
    """
    deadline = time.monotonic() + limits.timeout_s
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=limits.timeout_s)
    try:
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept or "*/*"}
        connection.request("POST", "/query?" + urllib.parse.urlencode(dataset), query.encode("utf-8"), headers)
        sock = connection.sock
        response = connection.getresponse()
        body = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
            chunk = response.read1(65536)
            if not chunk:
                break
            body += chunk
            if len(body) > limits.max_result_bytes:
                raise OverflowError
        return response.status, response.headers.get("Content-Type", "application/octet-stream"), bytes(body)
    finally:
        connection.close()


def _store_for(graph: Path | None, store: Path | None, scratch: Path) -> Path:
    """A store folder to serve: the given one, or a fresh one bulk-loaded from the graph file."""
    if store is not None:
        if not Path(store).is_dir():
            raise FileNotFoundError(f"no store at {store}; run `kkrgraph build --store {store}` first")
        return Path(store)
    from pyoxigraph import RdfFormat, Store

    graph = Path(graph or "output/graph.ttl")
    if not graph.is_file():
        raise FileNotFoundError(f"no graph at {graph}; run `kkrgraph build` first")
    fmt = RdfFormat.N_TRIPLES if graph.suffix == ".nt" else RdfFormat.TURTLE
    location = scratch / "store"
    loaded = Store(str(location))
    loaded.bulk_load(path=str(graph), format=fmt)
    loaded.flush()
    del loaded
    return location


@dataclass
class Endpoint:
    """A running endpoint: the public proxy and the oxigraph server behind it. Stop with :meth:`close`."""

    url: str
    server: ThreadingHTTPServer
    process: subprocess.Popen
    scratch: Path

    def close(self) -> None:
        """Stop the proxy and the oxigraph server, and delete any store loaded for serving."""
        self.server.shutdown()
        self.server.server_close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.scratch, ignore_errors=True)


def start_endpoint(
    graph: Path | str | None = None,
    store: Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: ServeLimits = ServeLimits(),
) -> Endpoint:
    """Start serving in the background; the SPARQL endpoint is ``<url>/query``.

    Raises:
        FileNotFoundError: no graph or store to serve, or the ``oxigraph`` program is not installed.
    """
    import threading

    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("the oxigraph server is not installed: pip install 'kkrgraph[serve]'")
    scratch = Path(tempfile.mkdtemp(prefix="kkrgraph-serve-"))
    process = None
    try:
        location = _store_for(Path(graph) if graph else None, Path(store) if store else None, scratch)
        inner = _free_port()
        # the backend's own timeout only stops the work after the proxy has answered 504: oxigraph answers
        # a cancelled query with status 200 and an error in the body, which must never reach a client
        process = subprocess.Popen(
            [
                binary,
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{inner}",
                "--timeout-s",
                str(math.ceil(limits.timeout_s) + 1),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _wait_until_up(f"http://127.0.0.1:{inner}", process)
        server = ThreadingHTTPServer((host, port), _handler(inner, limits))
    except BaseException:  # also SIGTERM (SystemExit) or Ctrl-C while starting: no orphaned server
        if process is not None:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bound_host, bound_port = server.server_address[:2]
    return Endpoint(f"http://{bound_host}:{bound_port}", server, process, scratch)


def _wait_until_up(backend: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph server stopped: {process.stderr.read().decode('utf-8', 'replace')[-1000:]}")
        try:
            urllib.request.urlopen(backend + "/query?query=ASK%7B%7D", timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph server did not start within 30 s")


def is_loopback(host: str) -> bool:
    """Whether ``host`` reaches this machine only (``127.0.0.1``, ``::1``, ``localhost``)."""
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


def serve(graph=None, store=None, host: str = "127.0.0.1", port: int = 7878, limits: ServeLimits = ServeLimits()) -> None:
    """Serve until interrupted (Ctrl-C); warns when ``host`` lets other machines in."""
    import signal
    import sys

    if not is_loopback(host):
        print(f"warning: listening on {host}: anyone who can reach this machine can query the graph", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the oxigraph server on `kill` too
    endpoint = start_endpoint(graph, store, host, port, limits)
    try:  # from here on, however serving ends, the oxigraph server is stopped
        print(f"SPARQL endpoint (read-only): {endpoint.url}/query  (Ctrl-C stops)", flush=True)
        while endpoint.process.poll() is None:
            time.sleep(0.5)
    finally:
        endpoint.close()


def push(url: str, graph: Path | str = "output/graph.ttl", graph_iri: str | None = None, replace: bool = True) -> int:
    """Upload a graph file to a Graph Store Protocol endpoint; returns the HTTP status.

    ``url`` is the endpoint (e.g. ``http://localhost:7878/store``); ``?default`` or ``?graph=<iri>`` is
    added unless the URL already has a query. ``replace`` uses PUT (the graph is replaced), otherwise POST
    (triples are added).

    Raises:
        FileNotFoundError: no graph file.
        PushError: the endpoint answered with an error or could not be reached.
    """
    path = Path(graph)
    if not path.is_file():
        raise FileNotFoundError(f"no graph at {path}; run `kkrgraph build` first")
    content_type = _FORMATS.get(path.suffix)
    if content_type is None:
        raise ValueError(f"cannot push {path.suffix} files; use a .ttl or .nt graph")
    target = url
    if not urllib.parse.urlsplit(url).query:
        target += f"?graph={urllib.parse.quote(graph_iri, safe='')}" if graph_iri else "?default"
    request = urllib.request.Request(target, data=path.read_bytes(), method="PUT" if replace else "POST")
    request.add_header("Content-Type", f"{content_type}; charset=utf-8" if content_type == "text/turtle" else content_type)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace").strip()
        raise PushError(f"{target}: HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as error:
        raise PushError(f"cannot reach {target}: {error.reason}") from None
