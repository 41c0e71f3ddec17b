"""nlp stage: people, organisations, municipalities, roles and acronyms in parsed meeting documents.

Example:
    >>> from kkrgraph.resources import load_resources
    >>> nlp = build_pipeline(load_resources())          # once
    >>> # analysis = analyse_document(parsed_document, nlp)   # per document

The typed results (:mod:`kkrgraph.nlp.model`) load at once; the pipeline functions load spaCy on first use,
so processes that only read, parse, resolve or link documents (and the start of a build, while the pipeline
is being made) never pay for importing it.
"""

from kkrgraph.nlp.model import DocumentAnalysis, Mention, NlpConfig, RoleFact

__all__ = ["DocumentAnalysis", "Mention", "NlpConfig", "RoleFact", "analyse_document", "build_pipeline"]

_PIPELINE_FUNCTIONS = ("analyse_document", "build_pipeline")


def __getattr__(name: str):
    if name in _PIPELINE_FUNCTIONS:
        from kkrgraph.nlp import analyse

        return getattr(analyse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
