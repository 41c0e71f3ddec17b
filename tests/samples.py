"""Small hand-written meeting documents in KL's template, for tests that need a document of their own.

One builder, so a change to the template is made once: each test states only what its document does
differently (fewer participants, fewer items, an item without a proposal).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ABSENT", "ITEMS", "PARTICIPANTS", "Item", "agenda_of", "meeting_text", "parse_text"]


@dataclass(frozen=True)
class Item:
    """One agenda item: its section heading, title, case number and the texts under it (None: left out)."""

    section: str
    title: str
    case: str
    proposal: str | None
    background: str | None
    decision: str


PARTICIPANTS = (
    "Lasse Frimand Jensen (A) Aalborg Kommune",
    "Mogens Christen Gade (V) Jammerbugt Kommune",
    "Jes Lunde (B) Aalborg Kommune",
)
ABSENT = ("Anna Aaen (Ø) Aalborg Kommune",)
ITEMS = (
    Item(
        "Godkendelse",
        "Godkendelse af dagsorden",
        "SAG-2024-00101",
        "Det indstilles, at KKR Nordjylland godkender dagsordenen.",
        None,
        "KKR Nordjylland godkendte indstillingen.",
    ),
    Item(
        "Klima",
        "Orientering om klimaarbejdet",
        "SAG-2024-00102",
        "Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.",
        "Sekretariatet orienterer om status for klimaarbejdet i regionen.",
        "KKR Nordjylland tog orienteringen til efterretning.",
    ),
    Item(
        "Udpegninger",
        "Udpegning til Vækstforum",
        "SAG-2024-00103",
        "Det indstilles, at KKR Nordjylland udpeger et medlem.",
        None,
        "KKR Nordjylland udpegede Jes Lunde til Vækstforum.",
    ),
)


def meeting_text(
    participants: Sequence[str] = PARTICIPANTS, absent: Sequence[str] = ABSENT, items: Sequence[Item] = ITEMS
) -> str:
    """The minutes (REFERAT) of a KKR Nordjylland meeting on 5 March 2024 in Aalborg, as plain text."""
    lines = ["KKR Nordjylland", "REFERAT", "", "Dato: 5. marts 2024", "Sted: Aalborg Rådhus", "", "Deltagere"]
    lines += [*participants, "", "Afbud", *absent, ""]
    for number, item in enumerate(items, start=1):
        lines += [f"{number}. {item.section}", "", f"{number}.1. {item.title}", f"{item.case} hlth", ""]
        for heading, text in (("Indstilling", item.proposal), ("Sagsfremstilling", item.background)):
            if text is not None:
                lines += [heading, text, ""]
        lines += ["Beslutning", item.decision, ""]
    return "\n".join(lines[:-1]) + "\n"


def agenda_of(minutes: str) -> str:
    """The agenda of the same meeting: same header and items, no decisions."""
    lines, keep = [], True
    for line in minutes.replace("REFERAT", "DAGSORDEN").splitlines():
        if line == "Beslutning":
            keep = False
        elif not line.strip():
            keep = True
        if keep:
            lines.append(line)
    return "\n".join(lines) + "\n"


def meetings_folder(folder: Path, count: int) -> Path:
    """``count`` minutes of the same members on different days, one file each, in the new ``folder``."""
    folder.mkdir()
    minutes = meeting_text()
    for day in range(1, count + 1):
        text = minutes.replace("5. marts 2024", f"{day}. juni 2023").replace("SAG-2024-001", f"SAG-2023-{day:02d}")
        (folder / f"m-{day:02d}.txt").write_text(text, "utf-8")
    return folder


def parse_text(raw: str):
    """A text normalised and parsed as the pipeline does (bundled template and resources), without the NLP stage."""
    from kkrgraph.normalise import normalise
    from kkrgraph.resources import load_resources
    from kkrgraph.structure.parse import parse_document
    from kkrgraph.structure.template import load_template

    clean = normalise(raw, line_markers=load_template().line_markers)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources())


@functools.cache
def pipeline_setup():
    """(resources, OCR lexicon, template) as the pipeline loads them, once per test session."""
    from kkrgraph.normalise.ocr import lexicon_from_resources
    from kkrgraph.resources import load_resources
    from kkrgraph.structure.template import load_template

    resources = load_resources()
    return resources, lexicon_from_resources(resources), load_template()


def normalised_and_parsed(raw: str, *, second_reading: bool = False):
    """(clean text, parsed document) as the pipeline makes them, OCR lexicon included; the clean text is what the
    parse's offsets point into. ``second_reading`` forces the line breaks and reads leniently, as the pipeline's
    second reading of a text the first rejected. Raises NotAMeetingDocument as the parser does."""
    from kkrgraph.normalise import normalise
    from kkrgraph.structure.parse import parse_document

    resources, lexicon, template = pipeline_setup()
    clean = normalise(raw, line_markers=template.line_markers, force_line_restore=second_reading, lexicon=lexicon)
    parsed = parse_document(clean.text, "x.txt", furniture=clean.furniture, resources=resources, lenient=second_reading)
    return clean.text, parsed
