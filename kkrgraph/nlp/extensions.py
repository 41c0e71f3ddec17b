"""The one place where kkrgraph's ``Doc`` / ``Span`` extensions are registered.

All values are plain data (strings, tuples, dicts) so they survive a ``DocBin(store_user_data=True)``
cache. Span groups hold the mentions: ``doc.spans["kkr_person"]``, ``["kkr_organisation"]`` and
``["kkr_municipality"]``; each span carries its cleaned name and the rule that found it, and a person span
whether it presents the agenda item (``Span._.kkr_presenting``). ``Token._.kkr_person`` marks the tokens of
person spans so that token patterns can refer to a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span, Token

from kkrgraph.nlp.text import sentence_spans

__all__ = ["GROUPS", "TokenColumns", "doc_sentences", "doc_text", "make_doc", "register_extensions", "token_columns"]

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


def make_doc(nlp, text: str) -> Doc:
    """Tokenise ``text`` and remember it as the doc's text (spaCy keeps the text exactly, so nothing needs
    rebuilding it from the tokens later)."""
    doc = nlp.make_doc(text)
    doc.user_data["kkrgraph.text"] = text
    return doc


def doc_text(doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from every token on each access, which cost
    about a fifth of the rule components' time when each of them read it."""
    text = doc.user_data.get("kkrgraph.text")
    if text is None:
        text = doc.user_data["kkrgraph.text"] = doc.text
    return text


def doc_sentences(doc, abbreviations: Iterable[str]) -> list[tuple[int, int]]:
    """:func:`~kkrgraph.nlp.text.sentence_spans` of the doc's text, split once per doc: three components and
    the analysis each need the sentences of the same text."""
    key = ("kkrgraph.sentences", tuple(abbreviations))
    sents = doc.user_data.get(key)
    if sents is None:
        sents = doc.user_data[key] = sentence_spans(doc_text(doc), key[1])
    return sents


class TokenColumns(NamedTuple):
    """Per-token columns of a doc as plain Python lists, index ``i`` for ``doc[i]`` (a tuple, so it stays
    plain data in ``doc.user_data``).

    Attributes:
        starts: character offset of each token (``Token.idx``).
        ends: character offset after each token.
        words: each token's text (``Token.text``).
        spaces: whether a space follows the token (``Token.whitespace_``).
    """

    starts: list[int]
    ends: list[int]
    words: list[str]
    spaces: list[bool]


def token_columns(doc) -> TokenColumns:
    """The doc's :class:`TokenColumns`, read once per doc from its token arrays: every ``doc[i]`` creates a
    Python ``Token``, which made walking the tokens the rule components' largest cost."""
    cols = doc.user_data.get("kkrgraph.tokens")
    if cols is None:
        text = doc_text(doc)
        arr = doc.to_array([IDX, LENGTH, SPACY])
        starts = arr[:, 0].tolist()
        ends = (arr[:, 0] + arr[:, 1]).tolist()
        words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
        cols = doc.user_data["kkrgraph.tokens"] = TokenColumns(starts, ends, words, arr[:, 2].astype(bool).tolist())
    return cols
