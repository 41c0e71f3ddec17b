"""The one place where kkrgraph's ``Doc`` / ``Span`` extensions are registered.

All values are plain data (strings, tuples, dicts) so they survive a ``DocBin(store_user_data=True)``
cache. Span groups hold the mentions: ``doc.spans["kkr_person"]``, ``["kkr_organisation"]`` and
``["kkr_municipality"]``; each span carries its cleaned name and the rule that found it, and a person span
whether it presents the agenda item (``Span._.kkr_presenting``). ``Token._.kkr_person`` marks the tokens of
person spans so that token patterns can refer to a person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["GROUPS", "doc_text", "register_extensions"]

#: span group per mention kind
GROUPS = {"person": "kkr_person", "organisation": "kkr_organisation", "municipality": "kkr_municipality"}

_DOC = {
    "kkr_lexicon": (),  # participant names of the document (set by analyse_document)
    "kkr_title": "",  # title of the agenda item the text belongs to
    "kkr_known_acronyms": (),  # (acronym, long form) learned elsewhere in the document / corpus
    "kkr_acronyms": None,  # (acronym, long form) defined in this text
    "kkr_roles": None,  # role statements as dicts of character offsets
}
_SPAN = {"kkr_name": "", "kkr_method": "", "kkr_key": "", "kkr_presenting": False}
_TOKEN = {"kkr_person": False}


def register_extensions() -> None:
    """Register the extensions once; safe to call again (spaCy's registry is process-wide)."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in _TOKEN.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


def doc_text(doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from every token on each access, which cost
    about a fifth of the rule components' time when each of them read it."""
    text = doc.user_data.get("kkrgraph.text")
    if text is None:
        text = doc.user_data["kkrgraph.text"] = doc.text
    return text
