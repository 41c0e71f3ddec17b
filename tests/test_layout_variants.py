"""Layout does not change the reading: hyphenation at every line end and no line breaks at all parse alike.

PDF extractors and OCR engines wrap, hyphenate or flatten the same minutes in different ways; the
normaliser's line-restoring markers (``template.line_markers``) must bring every variant back to the
same agenda items, case numbers, outcomes and participants.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from samples import ITEMS, meeting_text

from kkrgraph.normalise import normalise
from kkrgraph.pipeline import bundled_corpus
from kkrgraph.structure.parse import parse_document
from kkrgraph.structure.template import load_template

SMALL = meeting_text(
    items=[
        ITEMS[0],
        replace(ITEMS[1], proposal=None, background="Sekretariatet orienterer om status for klimaarbejdet i hele regionen."),
        ITEMS[2],
    ]
)


@functools.cache
def _setup():
    from kkrgraph.normalise.ocr import lexicon_from_resources
    from kkrgraph.resources import load_resources

    resources = load_resources()
    return resources, lexicon_from_resources(resources), load_template()


def _parse(raw: str):
    resources, lexicon, template = _setup()
    clean = normalise(raw, line_markers=template.line_markers, lexicon=lexicon)
    return parse_document(clean.text, "x.txt", furniture=clean.furniture, resources=resources)


def _clean(raw: str) -> str:
    _, lexicon, template = _setup()
    return normalise(raw, line_markers=template.line_markers, lexicon=lexicon).text


def _reading(parsed) -> tuple:
    items = [(i.number, i.title, i.case_number, i.outcome) for i in parsed.items]
    people = sorted((p.name, p.party, p.municipality, p.status) for p in parsed.participants)
    return items, people


def hyphen_wrapped(text: str, width: int = 50) -> str:
    """Re-wrap at about ``width`` columns, every line ending in a hyphen inside a word."""
    lines, line = [], ""
    for word in text.split():
        if len(line) >= width - 10 and word.isalpha() and not word.isupper() and len(word) >= 4:
            half = len(word) // 2
            lines.append(f"{line} {word[:half]}-".lstrip())
            line = word[half:]
        else:
            line = f"{line} {word}".lstrip()
    return "\n".join([*lines, line]) + "\n"


def one_line(text: str) -> str:
    """All whitespace collapsed to single spaces: no line breaks at all."""
    return " ".join(text.split()) + "\n"


def test_hyphen_wrap_really_hyphenates_every_line_end():
    wrapped = hyphen_wrapped(SMALL)
    lines = wrapped.splitlines()
    assert len(lines) > 10
    assert all(line.endswith("-") for line in lines[:-1])
    assert sum(map(len, lines)) / len(lines) < 60


@pytest.fixture(scope="module", params=["small", "000_126ae2075930ab26.txt"])
def document(request) -> str:
    if request.param == "small":
        return SMALL
    return _clean((bundled_corpus() / request.param).read_text("utf-8"))


@pytest.mark.parametrize("variant", [hyphen_wrapped, one_line], ids=["hyphen-every-line", "no-line-breaks"])
def test_layout_variants_parse_the_same(document, variant):
    expected = _reading(_parse(document))
    assert len(expected[0]) >= 3 and len(expected[1]) >= 4  # the original reads fully
    assert all(outcome for *_, outcome in expected[0])
    assert _reading(_parse(variant(document))) == expected


def test_small_document_reads_as_written():
    items, people = _reading(_parse(SMALL))
    assert items == [
        ("1.1", "Godkendelse af dagsorden", "SAG-2024-00101", "approved"),
        ("2.1", "Orientering om klimaarbejdet", "SAG-2024-00102", "noted"),
        ("3.1", "Udpegning til Vækstforum", "SAG-2024-00103", "appointed"),
    ]
    assert ("Anna Aaen", "Ø", "Aalborg Kommune", "absent") in people
