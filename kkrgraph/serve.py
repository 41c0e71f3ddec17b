"""Serve the graph as a read-only SPARQL 1.1 endpoint, and push it to any Graph Store Protocol endpoint.

``serve`` runs the ``oxigraph`` server (PyPI package ``oxigraph``) in read-only mode with a query timeout
on a loopback port of its own, and puts a small proxy in front of it on the public address. The proxy
is where the endpoint's safety rules are enforced, whatever the server underneath supports: only
``/query`` is forwarded (no update or graph-store writes), queries using ``SERVICE``, ``LOAD`` or any
update keyword are refused, every request has a time limit, and a response larger than
``max_result_bytes`` is cut off with an error instead of being sent.

``push`` uploads a graph file with HTTP PUT (replace) or POST (add) to a SPARQL 1.1 Graph Store Protocol
endpoint (Oxigraph ``/store``, Fuseki ``/ds/data``, GraphDB ``/repositories/R/rdf-graphs/service``,
Virtuoso ``/sparql-graph-crud``), into the default graph or a named one.
"""

from __future__ import annotations

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

__all__ = ["PushError", "ServeLimits", "oxigraph_binary", "push", "serve", "start_endpoint"]

_FORBIDDEN = re.compile(
    r"\b(SERVICE|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)
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
    """Query text without comments, string literals and IRIs, so keywords inside them do not count."""
    query = re.sub(r"<[^<>\s]*>", "<>", query)
    query = re.sub(r"\"\"\".*?\"\"\"|'''.*?'''|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", '""', query, flags=re.DOTALL)
    return re.sub(r"#[^\n]*", "", query)


def refusal(query: str, limits: ServeLimits) -> str | None:
    """Why the proxy refuses ``query``, or None when it may run."""
    if len(query) > limits.max_query_chars:
        return f"query longer than {limits.max_query_chars} characters"
    found = _FORBIDDEN.search(_strip(query))
    if found:
        return f"{found.group(1).upper()} is not allowed on this read-only endpoint"
    return None


def _handler(backend: str, limits: ServeLimits):
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

        def _forward(self, query: str | None, data: bytes | None, content_type: str | None) -> None:
            if query is None:
                self._fail(400, "no query given")
                return
            reason = refusal(query, limits)
            if reason:
                self._fail(403, reason)
                return
            url = backend + self.path
            request = urllib.request.Request(url, data=data, method=self.command)
            for header in ("Accept",):
                if self.headers.get(header):
                    request.add_header(header, self.headers[header])
            if content_type:
                request.add_header("Content-Type", content_type)
            try:
                with urllib.request.urlopen(request, timeout=limits.timeout_s) as response:
                    body = response.read(limits.max_result_bytes + 1)
                    if len(body) > limits.max_result_bytes:
                        self._fail(413, f"result larger than {limits.max_result_bytes} bytes; add a LIMIT")
                        return
                    self.send_response(response.status)
                    self.send_header("Content-Type", response.headers.get("Content-Type", "application/octet-stream"))
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            except urllib.error.HTTPError as error:
                self._fail(error.code, error.read(2000).decode("utf-8", "replace"))
            except TimeoutError:
                self._fail(504, f"query took longer than {limits.timeout_s} s")
            except urllib.error.URLError as error:
                self._fail(502, f"backend unavailable: {error.reason}")

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            if parts.path != "/query":
                self._fail(404, "only /query is served (SPARQL 1.1 protocol, read-only)")
                return
            query = urllib.parse.parse_qs(parts.query).get("query", [None])[0]
            self._forward(query, None, None)

        def do_POST(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            if parts.path != "/query":
                self._fail(404, "only /query is served (SPARQL 1.1 protocol, read-only)")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > limits.max_query_chars * 4:
                self._fail(413, "request body too large")
                return
            data = self.rfile.read(length)
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if kind == "application/sparql-query":
                query = data.decode("utf-8", "replace")
            elif kind == "application/x-www-form-urlencoded":
                query = urllib.parse.parse_qs(data.decode("utf-8", "replace")).get("query", [None])[0]
            else:
                self._fail(415, "send application/sparql-query or a form with query=")
                return
            self._forward(query, data, kind)

        def _refuse(self) -> None:
            self._fail(405, "read-only endpoint")

        do_PUT = do_DELETE = do_PATCH = _refuse

    return Proxy


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
    try:
        location = _store_for(Path(graph) if graph else None, Path(store) if store else None, scratch)
        inner = _free_port()
        process = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{inner}",
             "--timeout-s", str(max(1, int(limits.timeout_s)))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        backend = f"http://127.0.0.1:{inner}"
        _wait_until_up(backend, process)
        server = ThreadingHTTPServer((host, port), _handler(backend, limits))
    except BaseException:
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


def serve(graph=None, store=None, host: str = "127.0.0.1", port: int = 7878, limits: ServeLimits = ServeLimits()) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import signal
    import sys

    endpoint = start_endpoint(graph, store, host, port, limits)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the oxigraph server on `kill` too
    print(f"SPARQL endpoint (read-only): {endpoint.url}/query  (Ctrl-C stops)", flush=True)
    try:
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
