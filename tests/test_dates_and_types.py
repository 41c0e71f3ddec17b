"""The meeting's date in the common Danish forms of a document's head, and whether the document is minutes
(referat) or an agenda (dagsorden).

All texts are invented; they imitate the shapes of Danish meeting documents, not any document's wording.
"""

from __future__ import annotations

import pytest
from samples import parse_text

from kkrgraph.structure.dates import parse_date
from kkrgraph.structure.template import load_template

_ITEMS = "\n1. Godkendelse af dagsorden\nSagsnr. 19/1001\nBeslutning\nGodkendt.\n"
_AGENDA_ITEM = "\n1. Ny cykelsti langs åen\nSagsnr. 19/1002\nIndstilling\nDet indstilles, at stien anlægges.\n"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("09.01.2020", "2020-01-09"),
        ("Den 09.01.2020", "2020-01-09"),
        ("9/1 2020", "2020-01-09"),
        ("9/1-2020", "2020-01-09"),
        ("15-maj-2002", "2002-05-15"),
        ("15. maj 2002", "2002-05-15"),
        ("15. Maj 2002", "2002-05-15"),
        ("mandag den 4. marts 2019 kl. 16.00", "2019-03-04"),
        ("Mødedato: 04-03-2019", "2019-03-04"),
        ("Tirsdag d. 4. marts 2019", "2019-03-04"),
        ("4. mar. 2019", "2019-03-04"),
        ("4. mar 2019", "2019-03-04"),
        ("7. sept. 2018", "2018-09-07"),
        ("2019-03-04", "2019-03-04"),
    ],
)
def test_date_forms(text, iso):
    t = load_template()
    assert parse_date(t.dates.search(text), t.months) == iso


def test_no_date_in_a_case_number_or_a_word():
    t = load_template()
    assert t.dates.search("SAG-2019-03-4") is None
    assert t.dates.search("Punkt 4. markedsføring") is None


@pytest.mark.parametrize(
    ("front", "date", "evidence"),
    [
        ("Referat\nDato: 09.01.2020\n", "2020-01-09", "header"),
        ("Referat\nMødedato: 04-03-2019\n", "2019-03-04", "header"),
        ("Referat\nDato: 9/1-2020 kl. 17\n", "2020-01-09", "header"),
        ("Referat\nTid: 15-maj-2002 kl. 19.30\n", "2002-05-15", "header"),
        ("Referat\nDato: 4. mar. 2019\n", "2019-03-04", "header"),
        ("Referat\nDato: 2019-03-04\n", "2019-03-04", "header"),
        # a line that is only the date, with or without its weekday, "den"/"d." and time
        ("Grundejerforeningen Solbakken\nReferat\nDen 09.01.2020\n", "2020-01-09", "front"),
        ("Referat\nTirsdag d. 4. marts 2019\n", "2019-03-04", "front"),
        ("Referat\nmandag den 4. marts 2019 kl. 16.00\n", "2019-03-04", "front"),
        ("Referat\n9/1 2020\n", "2020-01-09", "front"),
        ("Referat\n2019-03-04 kl. 18:30\n", "2019-03-04", "front"),
        # a heading that names the meeting
        ("Referat fra mødet i Skolebestyrelsen 15. Maj 2002\n", "2002-05-15", "heading"),
        ("Bestyrelsesmøde 15-maj-2002\n", "2002-05-15", "heading"),
    ],
)
def test_meeting_date_at_the_head(front, date, evidence):
    doc = parse_text(front + _ITEMS)
    assert (doc.meeting.date, doc.meeting.date_evidence) == (date, evidence)


def test_a_dated_line_with_the_time_comes_before_a_heading_date():
    doc = parse_text("Dagsorden for Ældrerådet 3. marts 2019\nTorsdag den 7. marts 2019 kl. 10.00\n" + _ITEMS)
    assert doc.meeting.date == "2019-03-07"


def test_a_bare_date_above_a_dated_heading_is_not_the_meetings():
    # a web page's print date stands alone above the heading that names the meeting
    doc = parse_text("2019-04-02\n\nGeneralforsamling - referat 28. marts 2019\n" + _ITEMS)
    assert doc.meeting.date == "2019-03-28"


def test_a_date_in_the_items_is_not_the_meeting_date():
    doc = parse_text(
        "Skolebestyrelsen\n\n1. Orientering\nSagsnr. 19/1003\n12.02.2019\nBeslutning\nBestyrelsen blev orienteret.\n"
    )
    assert doc.meeting.date == ""


@pytest.mark.parametrize(
    ("front", "doc_type"),
    [
        ("Ældrerådet - Referat\nDato: 4. marts 2019\n", "referat"),
        ("Ældrerådet - Referat - 4. marts 2019\n", "referat"),
        ("Ældrerådet - referat 04-03-2019\n", "referat"),
        ("Referat fra mødet i Ældrerådet\nDato: 4. marts 2019\n", "referat"),
        ("REFERAT\nDato: 4. marts 2019\n", "referat"),
        ("Beslutningsprotokol\nDato: 4. marts 2019\n", "referat"),
        ("Åbent referat\nDato: 4. marts 2019\n", "referat"),
        ("Referat 4. marts 2019 kl. 16.00\n", "referat"),
        ("Dagsorden til mødet i Ældrerådet\nDato: 4. marts 2019\n", "dagsorden"),
        ("Ældrerådet, dagsorden\nDato: 4. marts 2019\n", "dagsorden"),
    ],
)
@pytest.mark.parametrize("decision", ["", "Beslutning\n"])
def test_document_type_from_a_heading(front, doc_type, decision):
    # the item records no decision, or leaves its decision heading empty: only the heading tells the type
    assert parse_text(front + _AGENDA_ITEM + decision).meeting.doc_type == doc_type


def test_a_heading_word_outweighs_the_decisions():
    assert parse_text("Dagsorden til mødet i Ældrerådet\nDato: 4. marts 2019\n" + _ITEMS).meeting.doc_type == "dagsorden"


def test_an_items_title_is_no_type_heading():
    # "Godkendelse af referat" is an item, and the decision below it makes the document minutes
    doc = parse_text("Ældrerådet\nDato: 4. marts 2019\n\n1. Godkendelse af referat\nSagsnr. 19/1004\nBeslutning\nGodkendt.\n")
    assert doc.meeting.doc_type == "referat"


def test_without_a_type_word_recorded_decisions_make_minutes():
    assert parse_text("Ældrerådet\nDato: 4. marts 2019\n" + _ITEMS).meeting.doc_type == "referat"


@pytest.mark.parametrize(
    "decision",
    [
        "Beslutning\n",  # left empty for the minutes
        "Forslag til beslutning\nDet indstilles, at stien anlægges.\n",  # the proposal an agenda carries
    ],
)
def test_without_a_type_word_an_agenda_with_empty_or_proposed_decisions_is_an_agenda(decision):
    doc = parse_text("Ældrerådet\nDato: 4. marts 2019\n\n1. Ny cykelsti langs åen\nSagsnr. 19/1002\n" + decision)
    assert doc.meeting.doc_type == "dagsorden"
