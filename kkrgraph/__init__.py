"""kkrgraph: Danish municipal meeting documents to a knowledge graph."""

__version__ = "0.1.0"
