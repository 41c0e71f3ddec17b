"""nlp stage: people, organisations, municipalities, roles and acronyms in parsed meeting documents.

Example:
    >>> from kkrgraph.resources import load_resources
    >>> nlp = build_pipeline(load_resources())          # once
    >>> # analysis = analyse_document(parsed_document, nlp)   # per document
"""

from kkrgraph.nlp.analyse import analyse_document, build_pipeline
from kkrgraph.nlp.model import DocumentAnalysis, Mention, NlpConfig, RoleFact

__all__ = ["DocumentAnalysis", "Mention", "NlpConfig", "RoleFact", "analyse_document", "build_pipeline"]
