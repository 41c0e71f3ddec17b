"""DaCy backend, offline: a tiny spaCy pipeline saved where DaCy's loader looks (DACY_CACHE_DIR).

``dacy.download.download_model`` returns ``<cache>/<model>/<package>/<model>`` without downloading when
that directory exists (``package`` is the model name before the version: "da_dacy_small_trf"), and
``dacy.load`` then calls ``spacy.load`` on it; so the real loading path runs on a fake model.
"""

from __future__ import annotations

import pytest

dacy = pytest.importorskip("dacy", reason="optional extra 'dacy' is not installed (pip install 'kkrgraph[dacy]')")

# a model without a coreference component (those need spacy-experimental); "small" resolves to it
MODEL = "da_dacy_small_trf-1.0.0"


@pytest.fixture
def fake_dacy_cache(tmp_path, monkeypatch):
    """Save a small entity-ruler pipeline as MODEL in a fresh DaCy cache; any download attempt fails."""
    import dacy.download
    import spacy

    fake = spacy.blank("da")
    ruler = fake.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "Xylo Qwerty"},
            {"label": "ORG", "pattern": "Blåbærfabrikken"},
            {"label": "ORG", "pattern": "Aalborg Kommune"},
        ]
    )
    where = tmp_path / MODEL / MODEL.split("-")[0] / MODEL
    where.parent.mkdir(parents=True)
    fake.to_disk(where)
    monkeypatch.setenv("DACY_CACHE_DIR", str(tmp_path))
    # the module read DACY_CACHE_DIR when it was imported (at collection): point it at the fresh cache too
    monkeypatch.setattr(dacy.download, "DEFAULT_CACHE_DIR", tmp_path)

    def no_download(url, output_path):
        raise AssertionError(f"DaCy tried to download {url}")

    monkeypatch.setattr(dacy.download, "download_url", no_download)
    return tmp_path


def test_dacy_load_finds_the_cached_model(fake_dacy_cache):
    nlp = dacy.load(MODEL)
    assert "entity_ruler" in nlp.pipe_names
    assert dacy.download.download_model(MODEL).startswith(str(fake_dacy_cache))


@pytest.mark.parametrize("spec", [f"dacy:{MODEL}", "dacy:small"])
def test_dacy_spans_merge_with_rules(fake_dacy_cache, spec):
    from kkrgraph.nlp import NlpConfig, analyse_document, build_pipeline
    from kkrgraph.resources import load_resources
    from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan

    nlp = build_pipeline(load_resources(), NlpConfig(ner=spec))
    text = "Xylo Qwerty fra Blåbærfabrikken og Aalborg Kommune orienterede."
    span = TextSpan(0, len(text))
    item = AgendaItem("1", "", span, TextSpan(0, 0), sections=(Section("x", text, span),))
    a = analyse_document(ParsedDocument("t", text, Meeting("KKR", "", "referat"), items=(item,)), nlp)
    found = {(m.kind, m.name, m.method) for m in a.mentions}
    assert ("person", "Xylo Qwerty", "dacy/ner") in found
    assert ("organisation", "Blåbærfabrikken", "dacy/ner") in found
    # rules win where they disagree: DaCy's ORG "Aalborg Kommune" stays the gazetteer's municipality
    assert ("municipality", "Aalborg Kommune", "kkrgraph/gazetteer.v1") in found
    assert not any(m.name == "Aalborg Kommune" and m.kind == "organisation" for m in a.mentions)
