"""The pipeline's second reading of a text the strict reading rejects.

A text extracted with one line per page keeps enough line breaks for the normaliser to leave it alone, and
the strict parse then finds neither items nor a participant list. :func:`kkrgraph.pipeline.process_raw`
normalises it again with its lines broken before the template's markers and parses it leniently; the spans
of what that reading finds must still point at the right characters of the raw file.
"""

from pathlib import Path

import pytest

from kkrgraph.pipeline import Settings, _Engine, process_raw
from kkrgraph.read import RawDocument, ReadError

# two page-long lines (fewer than 400 characters per line: no line restoration on the first reading), a run-together
# participant list under its heading, and double spaces that the restored line breaks replace (clean offsets move)
PAGES = (
    "Referat  Bestyrelsesmøde i Fjordby Affaldsselskab Dato: 14. juni 2023 Sted: Rådhuset, mødelokale 2 "
    "Deltagere:  Karen Holm Jensen Peter Dahl Søren Bak Nielsen Mette Friis (afbud) Øvrige: Direktør Lone Krogh "
    "Dagsorden Bestyrelsen drøftede regnskabet for 2022 og tog orienteringen til efterretning. "
    "Direktøren orienterede om status for genbrugspladserne og den kommende udbudsrunde.\n"
    "Næste møde holdes den 20. september 2023 på Rådhuset. Referent: Lone Krogh\n"
)


@pytest.fixture(scope="module")
def engine():
    return _Engine(Settings())


def _raw(text: str) -> RawDocument:
    return RawDocument(Path("pages.txt"), text, "utf-8")


def test_a_run_together_list_on_page_long_lines_is_read_the_second_time(engine):
    result = process_raw(_raw(PAGES), engine)
    parsed = result.parsed
    assert [(p.name, p.status) for p in parsed.participants] == [
        ("Karen Holm Jensen", "present"),
        ("Peter Dahl", "present"),
        ("Søren Bak Nielsen", "present"),
        ("Mette Friis", "absent"),
        ("Lone Krogh", "present"),  # staff under "Øvrige:"; the list ends at the capitalised "Dagsorden"
    ]
    assert (parsed.meeting.date, parsed.meeting.doc_type) == ("2023-06-14", "referat")
    assert "\nDeltagere:\nKaren Holm Jensen " in parsed.text  # the lines were broken before the markers
    for person in parsed.participants:
        start, end = result.raw_span(person.span.start, person.span.end)
        assert PAGES[start:end] == person.name
    peter = parsed.participants[1].span
    assert result.raw_span(peter.start, peter.end) != (peter.start, peter.end)  # the offset map did the work


def test_a_text_both_readings_reject_is_a_read_error(engine):
    text = "Bente Lykke Madsen Torben Kjær Ulrik Søgaard Holm. " * 12 + "\n"
    with pytest.raises(ReadError, match="not a meeting document"):
        process_raw(_raw(text), engine)
