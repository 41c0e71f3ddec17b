"""Property-based tests: the reader, normaliser and parser never crash, whatever text or bytes they get.

A scraper or OCR engine can hand kkrgraph anything; the only acceptable failures are the documented
ones (``ReadError`` from the reader, ``NotAMeetingDocument`` from the parser), which the CLI turns
into one line naming the file.
"""

from __future__ import annotations

import functools
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kkrgraph.normalise import normalise
from kkrgraph.read import ReadError, read_document
from kkrgraph.structure.parse import NotAMeetingDocument, parse_document
from kkrgraph.structure.template import load_template

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Words of the template and the documents, so generated text reaches the parser's deeper branches.
VOCABULARY = [
    "Deltagere", "Afbud", "Beslutning", "Indstilling", "Sagsfremstilling", "Dato:", "Sted:", "REFERAT",
    "DAGSORDEN", "KKR Nordjylland", "SAG-2024-00101", "hlth", "1.", "2.1.", "3.12", "(A)", "(Ø)", "Aalborg Kommune",
    "godkendte", "tog", "til efterretning", "udpegede", "drøftede", "mødet den 5. marts 2024", "gi-", "ver",
    "KKR Nordjylland | 24-11-2023", "SIDE | 7", "./.", "Hjgrring", "mgde", "(@)", "Bach-Laursen", "–", "\n", "\n\n",
    " ", "  ", "\t", "\f", "-\n", "\u00ad", "\r\n", "æ", "ø", "å", "Æ", "Ø", "Å",
]  # fmt: skip

documentish = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=400), documentish)


@functools.cache
def _markers():
    return load_template().line_markers


@functools.cache
def _lexicon():
    from kkrgraph.normalise.ocr import lexicon_from_resources
    from kkrgraph.resources import load_resources

    return lexicon_from_resources(load_resources())


@SETTINGS
@given(any_text)
def test_normalise_never_crashes_and_its_offset_map_is_monotone_and_in_bounds(raw):
    clean = normalise(raw, line_markers=_markers(), lexicon=_lexicon())
    origin = clean.origin
    assert len(origin) == len(clean.text) + 1
    assert all(0 <= offset <= len(raw) for offset in origin)
    assert all(a <= b for a, b in itertools.pairwise(origin))
    assert origin[len(clean.text)] == len(raw)
    for start in range(0, len(clean.text), max(1, len(clean.text) // 7)):
        raw_start, raw_end = clean.raw_span(start, len(clean.text))
        assert 0 <= raw_start <= raw_end <= len(raw)


@SETTINGS
@given(any_text)
def test_parser_never_crashes_on_arbitrary_text(raw):
    clean = normalise(raw, line_markers=_markers())
    try:
        parsed = parse_document(clean.text, "x.txt", furniture=clean.furniture)
    except NotAMeetingDocument:
        return
    for element in (*parsed.items, *parsed.participants):
        assert 0 <= element.span.start <= element.span.end <= len(clean.text)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".pdf"]))
def test_reader_raises_only_read_error_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        raw = read_document(path)
    except ReadError as error:
        assert str(error).startswith(str(path))
        assert "\n" not in str(error)
        return
    assert raw.text.strip()


@SETTINGS
@given(st.binary(max_size=1500))
def test_reader_survives_damaged_pdfs(tmp_path, noise):
    """A real PDF with bytes overwritten or cut off: a text or a ReadError, never another exception."""
    path = tmp_path / "damaged.pdf"
    base = _pdf()
    cut = len(noise) % len(base)
    path.write_bytes(base[:cut] + noise + base[cut + len(noise) :])
    try:
        read_document(path)
    except ReadError as error:
        assert "\n" not in str(error)


@functools.cache
def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in ("KKR Nordjylland", "Deltagere", "Lasse Frimand Jensen (A) Aalborg Kommune", "Afbud"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
