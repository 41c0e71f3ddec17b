"""Optional DaCy backend: a DaCy model's PER/ORG/LOC entities merged with the rule-based mentions.

``dacy`` pulls in PyTorch, so it is an extra (``pip install 'kkrgraph[dacy]'``) imported only here and
only when asked for. The merge keeps every rule-based mention and adds DaCy's spans where they do not
overlap one (rules win on known entities); LOC spans count only when they name a municipality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from kkrgraph.nlp.extensions import GROUPS, register_extensions

__all__ = ["DACY_NER", "DEFAULT_MODEL", "DacyNer", "load_dacy"]

DACY_NER = "dacy/ner"
DEFAULT_MODEL = "small"

register_extensions()


def load_dacy(model: str = DEFAULT_MODEL) -> Language:
    """Load a DaCy model by name through ``dacy.load`` (which uses DACY_CACHE_DIR for downloads).

    Raises:
        ImportError: with installation advice when the ``dacy`` extra is missing.
    """
    try:
        import dacy
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("the DaCy backend needs the optional 'dacy' package: pip install 'kkrgraph[dacy]'") from err
    return dacy.load(model)


class DacyNer:
    """Run a DaCy pipeline on the same text and add its entities where the rules found nothing."""

    def __init__(self, nlp: Language, name: str, model: str = DEFAULT_MODEL) -> None:
        self.name = name
        self.model = model
        self.dacy: Language | None = None
        self.resources = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Load the DaCy model (once per pipeline)."""
        self.resources = resources
        if self.dacy is None:
            self.dacy = load_dacy(self.model)

    def __call__(self, doc: Doc) -> Doc:
        if self.dacy is None:
            self.initialize()
        ents = self.dacy(doc.text).ents
        groups = {g: list(doc.spans[g]) if g in doc.spans else [] for g in GROUPS.values()}
        taken = bytearray(len(doc))
        for spans in groups.values():
            for sp in spans:
                taken[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
        for ent in ents:
            kind = {"PER": "person", "ORG": "organisation", "LOC": "municipality"}.get(ent.label_)
            if kind is None:
                continue
            span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
            if span is None or any(taken[span.start : span.end]):
                continue
            if kind == "municipality" and (self.resources is None or self.resources.municipality(span.text) is None):
                continue
            label = {"person": "PER", "organisation": "ORG", "municipality": "MUNI"}[kind]
            out = Span(doc, span.start, span.end, label=label)
            out._.kkr_name = span.text.strip()
            out._.kkr_method = DACY_NER
            groups[GROUPS[kind]].append(out)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        for g, spans in groups.items():
            doc.spans[g] = sorted(spans, key=lambda s: s.start)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory("kkrgraph/dacy_ner", default_config={"model": DEFAULT_MODEL}, assigns=["doc.spans"])
def make_dacy_ner(nlp: Language, name: str, model: str) -> DacyNer:
    """DaCy entities merged into the rule-based span groups."""
    return DacyNer(nlp, name, model=model)
