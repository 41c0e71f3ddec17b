"""DaCy backend, offline: a tiny spaCy pipeline saved where DaCy's loader looks (DACY_CACHE_DIR)."""

from __future__ import annotations

import pytest

dacy = pytest.importorskip("dacy", reason="optional extra 'dacy' is not installed (pip install 'kkrgraph[dacy]')")


def test_dacy_spans_merge_with_rules(tmp_path, monkeypatch):
    import spacy

    from kkrgraph.nlp import NlpConfig, analyse_document, build_pipeline
    from kkrgraph.resources import load_resources
    from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan

    model = "da_dacy_small_trf-0.2.0"
    fake = spacy.blank("da")
    ruler = fake.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Xylo Qwerty"}, {"label": "ORG", "pattern": "Blåbærfabrikken"}])
    fake.to_disk(tmp_path / model)
    monkeypatch.setenv("DACY_CACHE_DIR", str(tmp_path))
    nlp = build_pipeline(load_resources(), NlpConfig(ner=f"dacy:{model}"))
    text = "Xylo Qwerty fra Blåbærfabrikken og Aalborg Kommune orienterede."
    span = TextSpan(0, len(text))
    item = AgendaItem("1", "", span, TextSpan(0, 0), sections=(Section("x", text, span),))
    a = analyse_document(ParsedDocument("t", text, Meeting("KKR", "", "referat"), items=(item,)), nlp)
    found = {(m.kind, m.name, m.method) for m in a.mentions}
    assert ("person", "Xylo Qwerty", "dacy/ner") in found
    assert ("organisation", "Blåbærfabrikken", "dacy/ner") in found
    assert ("municipality", "Aalborg Kommune", "kkrgraph/gazetteer.v1") in found
