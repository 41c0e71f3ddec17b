"""kkrgraph: Danish municipal meeting documents to a knowledge graph.

The public API is :class:`KnowledgeGraph` and the records its lookups return.
"""

from kkrgraph.api import Attendance, DecisionRecord, KnowledgeGraph, RoleRecord

__all__ = ["Attendance", "DecisionRecord", "KnowledgeGraph", "RoleRecord", "__version__"]

__version__ = "0.1.0"
