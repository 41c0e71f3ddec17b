"""Shared fixtures: the sample corpus is built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def sample_kg():
    """The knowledge graph of the bundled sample corpus (built in memory once)."""
    from kkrgraph.api import KnowledgeGraph

    return KnowledgeGraph.build()


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory):
    """An output folder written by ``kkrgraph build`` on the bundled corpus (via the CLI entry point)."""
    from kkrgraph.cli import main

    out = tmp_path_factory.mktemp("output")
    assert main(["build", "--out", str(out)]) == 0
    return out
