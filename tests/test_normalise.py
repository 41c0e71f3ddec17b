"""Normalisation keeps a map back to the raw text while it repairs the layout."""

from __future__ import annotations

from kkrgraph.normalise import normalise
from kkrgraph.normalise.dehyphenate import dehyphenation_edits
from kkrgraph.normalise.edits import Edit, MappedText, apply_edits
from kkrgraph.structure.template import load_template


def clean(text: str) -> str:
    return apply_edits(MappedText.identity(text), dehyphenation_edits(text)).text


def test_line_end_hyphenation_joined_and_real_hyphens_kept():
    assert clean("gi-\nver") == "giver"
    assert clean("be-\n\nmærkninger") == "bemærkninger"
    assert clean("KKR-\nmøde") == "KKR-møde"
    assert clean("Per Bach-\nLaursen") == "Per Bach-Laursen"
    assert clean("SOSU-\nuddannelserne") == "SOSU-uddannelserne"
    assert clean("2025-\n26") == "2025-26"
    assert clean("efter-\nog videreuddannelse") == "efter- og videreuddannelse"
    assert clean("Bach-Laursen og KKR-møde") == "Bach-Laursen og KKR-møde"


def test_page_furniture_removed_and_kept_as_evidence():
    raw = "første linje\nKKR Nordjylland  | 24-11-2023\n\n SIDE  |  7\nanden linje\n"
    result = normalise(raw)
    assert "SIDE" not in result.text and "|" not in result.text
    assert result.furniture == ("KKR Nordjylland  | 24-11-2023", "SIDE  |  7")


def test_offsets_point_back_into_the_raw_text():
    raw = "Formand for BRN, Lasse Fri-\nmand Jensen, giver en\nKKR Nordjylland | 24-11-2023\nkort orientering."
    result = normalise(raw)
    start = result.text.index("Lasse Frimand Jensen")
    raw_start, raw_end = result.raw_span(start, start + len("Lasse Frimand Jensen"))
    assert raw[raw_start:raw_end] == "Lasse Fri-\nmand Jensen"
    start = result.text.index("kort")
    assert raw[slice(*result.raw_span(start, start + 4))] == "kort"


def test_double_spaced_extraction_is_collapsed():
    lines = [f"linje {i} " for i in range(12)]
    raw = "\n\n".join(lines[:6]) + "\n\n \n\n" + "\n\n".join(lines[6:])
    text = normalise(raw).text
    assert "linje 0 \nlinje 1" in text
    assert "linje 5 \n\nlinje 6" in text


def test_lost_line_breaks_are_restored_before_template_markers():
    raw = (
        "2.1. Siden sidst SAG-2023-04928 hlth Indstilling Det indstilles, at KKR Nordjylland tager "
        "orienteringen til efterretning. Beslutning KKR Nordjylland tog orienteringen til efterretning. "
    ) * 3
    text = normalise(raw, line_markers=load_template().line_markers).text
    lines = [line.strip() for line in text.splitlines()]
    assert "Beslutning" in lines and "Indstilling" in lines
    assert any(line.startswith("SAG-2023-04928") for line in lines)


def test_forced_line_restoration_breaks_page_long_lines_and_maps_back():
    # one line per page: enough breaks for the normaliser to leave the text alone unless forced
    raw = "Referat  Dato: 5. marts 2024 Deltagere:  Anne Holm Ole Dam Afbud: Kaj Ravn\nSide to\n"
    markers = load_template().line_markers
    assert normalise(raw, line_markers=markers).text == raw
    clean = normalise(raw, line_markers=markers, force_line_restore=True)
    assert clean.text.splitlines()[:4] == ["Referat", "Dato: 5. marts 2024", "Deltagere:", "Anne Holm Ole Dam"]
    start = clean.text.index("Ole Dam")
    assert start != raw.index("Ole Dam")  # the double spaces became one line break each
    assert clean.raw_span(start, start + len("Ole Dam")) == (raw.index("Ole Dam"), raw.index("Ole Dam") + len("Ole Dam"))


def test_apply_edits_maps_replacements_to_what_they_replaced():
    mapped = apply_edits(MappedText.identity("Hjgrring Kommune"), [Edit(2, 3, "ø", "ocr")])
    assert mapped.text == "Hjørring Kommune"
    assert mapped.raw_span(0, 8) == (0, 8)


def test_dehyphenation_tries_only_words_before_a_line_end_hyphen():
    """The hyphen-first search finds exactly what scanning every word with the break pattern finds."""
    from kkrgraph.normalise.dehyphenate import _BREAK, _breaks

    texts = [
        "gi-\nver gi-\n\nver, SOSU-\nuddannelserne",
        "a-\nb-\nc -\nd x- \n \t y_1-\n2",
        "ord" * 400 + "-\nsted",
        "Bach-\n\n\nLaursen, efter-\nog -\n",
    ]
    for text in texts:
        assert [m.span() for m in _breaks(text)] == [m.span() for m in _BREAK.finditer(text)]
    text = "Næst-\nformand og sekre-\ntær i KL-\nudvalget"
    assert apply_edits(MappedText.identity(text), dehyphenation_edits(text)).text == ("Næstformand og sekretær i KL-udvalget")
    # matches do not overlap: "b" ends the first break, so the second is left as it is
    assert apply_edits(MappedText.identity("a-\nb-\nc"), dehyphenation_edits("a-\nb-\nc")).text == "ab-\nc"


def test_double_spacing_counts_blank_lines_of_spaces_and_tabs():
    lines = [f"Linje {i} med tekst" for i in range(12)]
    spaced = "\n \t\n".join(lines)
    assert normalise(spaced).text == "\n".join(lines)
    almost = "\n".join(lines[:8]) + "\n\n" + "\n\n".join(lines[8:])  # 4 gaps for 12 lines: not double-spaced
    assert normalise(almost).text == almost


def test_page_furniture_only_on_lines_of_its_own():
    from kkrgraph.normalise.layout import page_furniture

    text = "KKR Nordjylland | 24-11-2023\nTekst om KKR Nordjylland | 24-11-2023 her.\n  Side 3 af 25\nSIDE | 7"
    edits, lines = page_furniture(text)
    assert lines == ["KKR Nordjylland | 24-11-2023", "Side 3 af 25", "SIDE | 7"]
    assert [(e.start, e.end) for e in edits] == [(0, 29), (72, 87), (87, 95)]
