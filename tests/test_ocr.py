"""Tests for kkrgraph.normalise.ocr: lexicon-driven repair of OCR damage to æ/ø/å."""

from __future__ import annotations

import itertools
import re
import time
from importlib import resources

import pytest

from kkrgraph.normalise.edits import MappedText, apply_edits
from kkrgraph.normalise.ocr import (
    WordLexicon,
    damage_report,
    lexicon_from_resources,
    looks_ocr_damaged,
    ocr_repairs,
)
from kkrgraph.resources import load_resources

CORPUS = resources.files("kkrgraph") / "data" / "corpus"


def _corpus(prefix: str) -> str:
    (path,) = [p for p in CORPUS.iterdir() if p.name.startswith(prefix) and p.name.endswith(".txt")]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lexicon():
    return lexicon_from_resources(load_resources())


@pytest.fixture(scope="module")
def small():
    words = [
        "møde",
        "mødet",
        "på",
        "i",
        "januar",
        "den",
        "så",
        "har",
        "været",
        "lægges",
        "opnår",
        "gade",
        "gåde",
        "opgave",
        "løsningen",
        "sundhed",
        "råd",
        "ambassadør",
        "fælles",
        "øvrige",
        "made",
        "madet",
        "mgd",
        "andre",
        "ændre",
        "øst",
        "og",
    ]
    names = ["Søren", "Jørgen", "Hjørring", "Brønderslev", "Læsø", "Gade", "Per", "Aalborg", "Mariagerfjord", "Okkels"]
    return WordLexicon.from_iterables(words, names)


def repaired(text: str, lex, **kw) -> str:
    return apply_edits(MappedText.identity(text), ocr_repairs(text, lex, **kw)).text


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Seren Hjgrring", "Søren Hjørring"),
        ("Jargen Branderslev", "Jørgen Brønderslev"),
        ("i Leesg", "i Læsø"),
        ("mgde pa den", "møde på den"),
        ("s& har veeret", "så har været"),
        ("lzegges paA", "lægges på"),
        ("opnar", "opnår"),
        ("Anna (@) Aalborg", "Anna (Ø) Aalborg"),
        ("Mariagerfiord", "Mariagerfjord"),
    ],
)
def test_small_repairs(small, damaged, clean):
    assert repaired(damaged, small, force=True) == clean


def test_known_words_and_names_are_left_alone(small):
    text = "Per Gade og Aalborg og gade"
    assert ocr_repairs(text, small, force=True) == []


def test_pipe_read_for_capital_i(small):
    assert repaired("| januar", small, force=True) == "I januar"
    assert repaired("den. | januar", small, force=True) == "den. I januar"
    # not in a table row, not before a capitalised cell
    assert repaired("| januar | den |", small, force=True) == "| januar | den |"
    assert repaired("KKR | Aalborg", small, force=True) == "KKR | Aalborg"


def test_compound_repair(lexicon):
    assert repaired("opgavelgsningen", lexicon, force=True) == "opgaveløsningen"
    assert repaired("sundhedsradsambassadgr", lexicon, force=True) == "sundhedsrådsambassadør"


def test_compound_of_known_words_is_not_repaired(lexicon):
    # a compound that already splits into known words needs no repair, whatever the lexicon lacks
    assert ocr_repairs("kulturhovedstad", lexicon, force=True) == []


def test_capitalised_mid_sentence_token_repairs_to_names_only(small):
    # "Made" mid-sentence is no name, so it stays; vowel-less "Jst" cannot be a name, so it may be a word
    assert repaired("Aalborg Jst", small, force=True) == "Aalborg Øst"


def test_ambiguous_known_word_needs_evidence(small):
    # "madet" is a Danish word; it becomes "mødet" only where "mødet" was seen with unmistakable damage
    assert repaired("madet", small, force=True) == "madet"
    lex = WordLexicon.from_iterables(["mødet", "madet", "og"])
    text = "mgdet og mg@det og mgdet og madet"
    assert repaired(text, lex, force=True) == "mødet og mødet og mødet og mødet"
    # twice as often repaired as seen is not enough
    assert repaired("mgdet og mgdet og madet", lex, force=True) == "mødet og mødet og madet"
    # "made" is "måde" (cheapest) or "møde" (what the document shows): evidence decides
    lex = WordLexicon.from_iterables(["møde", "måde", "made", "og"])
    assert repaired("mgde og mgde og mgde og made", lex, force=True).endswith("og møde")
    # seen once as "ændre", but "andre" occurs more often than that: it stays
    text = "aendre og andre og andre"
    assert repaired(text, small, force=True) == "ændre og andre og andre"


def test_word_fragments_of_unjoined_hyphenation_are_skipped(lexicon):
    assert ocr_repairs("godken-\nder", lexicon, force=True) == []


def test_gate_is_off_for_short_text(small):
    assert not looks_ocr_damaged("mgde pa den", small)
    assert ocr_repairs("mgde pa den", small) == []
    # the party letter is always safe to repair
    assert repaired("Anna (@) Aalborg", small) == "Anna (Ø) Aalborg"


@pytest.mark.parametrize("prefix", ["000_", "003_", "004_"])
def test_clean_documents_are_untouched(lexicon, prefix):
    text = _corpus(prefix)
    report = damage_report(text, lexicon)
    assert report.danish_letter_share > 0.02
    assert not report.damaged
    assert ocr_repairs(text, lexicon) == []


@pytest.mark.parametrize("added", [0, 60, 120, 200, 400])
def test_gate_shortcut_agrees_with_damage_report(lexicon, added):
    """ocr_repairs skips damage_report when æ/ø/å are frequent; it still repairs exactly when the report
    calls the text damaged (002 with more and more "sø" added crosses the gate)."""
    text = _corpus("002_") + " sø" * added
    repairs = [e for e in ocr_repairs(text, lexicon) if e.replacement != "(Ø)"]
    assert bool(repairs) == damage_report(text, lexicon).damaged


def test_gate_shortcut_cases_cross_the_gate(lexicon):
    assert damage_report(_corpus("002_"), lexicon).damaged
    assert not damage_report(_corpus("002_") + " sø" * 400, lexicon).damaged


@pytest.fixture(scope="module")
def doc002(lexicon):
    text = _corpus("002_")
    edits = ocr_repairs(text, lexicon)
    return text, edits, apply_edits(MappedText.identity(text), edits)


def test_002_is_gated_on(lexicon, doc002):
    text, edits, _ = doc002
    assert looks_ocr_damaged(text, lexicon)
    assert len(edits) > 400
    assert all(e.reason == "ocr" for e in edits)
    assert all(a.end <= b.start for a, b in itertools.pairwise(edits))


def test_002_repairs(doc002):
    _, _, mapped = doc002
    clean = mapped.text
    for expected in [
        "Hjørring Kommune",
        "Søren Smalbro",
        "Brønderslev Kommune",
        "Læsø Kommune",
        "Niels Jørgen Pedersen",
        "Henning Jørgensen",
        "Morsø Kommune",
        "Anna Aaen (Ø) Aalborg",
        "til møde i KKR",
        "opnår, med et helhedsperspektiv på opgaveløsningen",
        "I januar 2025",
        "lægges på mødet",
        "har været",
        "Scandic Aalborg Øst",
        "Mariagerfjord Kommune",
        "også",
        "Øvrige inputs",
        "stærkt lokalt",
        "fælles interesser",
        "lærepladser",
        "målgrupper",
        "Møde mi. KL",
        "Regionalpolitiske sager",
    ]:
        assert expected in clean, expected
    for damaged in ["Hjgrring", " mgde ", " pa ", "(@)", "| januar", "veeret"]:
        assert damaged not in clean, damaged


def test_002_known_words_survive(doc002):
    _, _, mapped = doc002
    clean = mapped.text
    for kept in [
        "Mogens Christen Gade",
        "Per Bach",
        "Aalborg Kommune",
        "Leif Skaarup",
        "Anna Aaen",
        "Lasse Frimand Jensen",
        "KKR Nordjylland",
        "Per Okkels",
    ]:
        assert kept in clean, kept
    assert clean.count(" med ") > 30  # not "mød"
    assert clean.count(" der ") > 30  # not "dør"
    assert "har afsat midler" in clean  # a known word, seen no more often repaired ("afsaet") than as is


def test_002_offsets_point_at_damaged_words(doc002):
    text, _, mapped = doc002
    for damaged, fixed in [("Hjgrring", "Hjørring"), ("Leesg", "Læsø"), ("opgavelgsningen", "opgaveløsningen")]:
        raw = {text[slice(*mapped.raw_span(m.start(), m.end()))] for m in re.finditer(fixed, mapped.text)}
        assert damaged in raw
    i = mapped.text.index("(Ø)")
    assert text[slice(*mapped.raw_span(i, i + 3))] == "(@)"


def test_002_length_changes_only_where_damage_was_multi_letter(doc002):
    text, edits, mapped = doc002
    assert len(mapped.text) == len(text) + sum(len(e.replacement) - (e.end - e.start) for e in edits)
    assert not re.search(r"[@&|]", "".join(e.replacement for e in edits))


def test_speed(lexicon):
    text = _corpus("002_")
    ocr_repairs(text[:2000], lexicon)  # warm-up
    t0 = time.perf_counter()
    ocr_repairs(text, lexicon)
    damaged_time = time.perf_counter() - t0
    clean = _corpus("004_")
    t0 = time.perf_counter()
    ocr_repairs(clean, lexicon)
    clean_time = time.perf_counter() - t0
    assert clean_time < 0.1
    assert damaged_time < 1.0
