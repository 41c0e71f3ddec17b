"""Meeting layouts other than KL's template: item tables of municipal web pages, dates written other ways,
item type markers, journal numbers beside case numbers, and decisions that only record information.

All texts are invented; they imitate the shapes of real minutes, not their wording.
"""

from __future__ import annotations

import pytest
from samples import parse_text

from kkrgraph.structure.parse import classify_outcome


def items(doc):
    return [(i.number, i.title, i.case_number) for i in doc.items]


# a municipal committee's web page as its item table reads: "N<TAB>Title", an eDoc case number, "Beslutninger"
# first, then the case's history at other bodies ("Sagsforløb")
_WEB_TABLE = (
    "Referat 4. marts 2024 kl. 16.00\nMiljøudvalget - Mødelokale 12\n\n"
    "Udvalg:\tMiljøudvalget\nMødedato:\tmandag den 4. marts 2024 kl. 16.00\nMødested:\tMødelokale 12\n\n"
    "Punkt\tTitel\n\n"
    "1\tGodkendelse af dagsorden\nEMN-2024-001234\n\nBeslutninger\nGodkendt.\n\n"
    "2\tNy affaldsordning for sommerhusområder ved kysten, udvidelse af ordningen til flere grundejerforeninger"
    " og revision af takster\nEMN-2023-045678\n\nBeslutninger\nUdvalget godkendte indstillingen.\n\n"
    "Resume\nOrdningen udvides.\n\nSagsforløb\nUdvalg: Magistraten\nDato: 12-02-2024\nPunktnummer: 4\n"
    "Magistraten drøftede sagen.\n\nBilag\nPDF Notat\n\n"
    "3\tEventuelt\n\nBeslutninger\nUdvalget drøftede vejarbejdet på havnen.\n"
)


def test_a_web_pages_item_table_is_read_as_items():
    doc = parse_text(_WEB_TABLE)
    assert items(doc) == [
        ("1", "Godkendelse af dagsorden", "EMN-2024-001234"),
        (
            "2",
            "Ny affaldsordning for sommerhusområder ved kysten, udvidelse af ordningen til flere grundejerforeninger"
            " og revision af takster",
            "EMN-2023-045678",
        ),
        ("3", "Eventuelt", ""),
    ]
    assert [i.outcome for i in doc.items] == ["approved", "approved", "discussed"]
    # the history of other bodies' decisions is no part of this meeting's decision
    assert "Magistraten" not in doc.items[1].decision.text


def test_a_wider_tab_table_is_no_list_of_items():
    doc = parse_text(
        "Referat\nDato: 3. maj 2023\n\n1. Budget\nSagsnr. 23/1234\nBeslutning\nGodkendt.\n\n"
        "1\tVejle\t120\n2\tKolding\t95\n3\tFredericia\t60\n"
    )
    assert [i.number for i in doc.items] == ["1"]


@pytest.mark.parametrize(
    ("front", "date", "evidence"),
    [
        # the label on one line, its value on the next
        ("Mødedato\n14-06-2012 kl. 09:30 - 11:00\n \nMødested\nRådhuset\n", "2012-06-14", "header"),
        # a web page's date widget, in English
        ("Dato: Tuesday, March 12, 2024 - 17:00\nSted: Byrådssalen\n", "2024-03-12", "header"),
        ("Dato: Torsdag, October 9, 2014\n", "2014-10-09", "header"),
        # the date in a heading that names the meeting; the page's "updated" date is another day
        (
            "2017-05-30\n\nRepræsentantskabsmøde 22. maj 2017 kl. 14.00, Havnevej 3\nOpdateret: 1. juni 2017\n",
            "2017-05-22",
            "heading",
        ),
        ("Ældrerådet - referat 07-11-2018\n", "2018-11-07", "heading"),
    ],
)
def test_meeting_date_written_other_ways(front, date, evidence):
    doc = parse_text(front + "\n1. Godkendelse af dagsorden\nSagsnr. 18/4411\nBeslutning\nGodkendt.\n")
    assert (doc.meeting.date, doc.meeting.date_evidence) == (date, evidence)


def test_a_date_in_the_body_is_not_the_meeting_date():
    # no date in the front matter: the date of an item's decision heading or of a page update is not taken
    doc = parse_text(
        "Opdateret: 3. februar 2015\nSkoleudvalget\n\n1. Orientering\nSagsnr. 15/220\n"
        "Beslutning i Skoleudvalget den 02-02-2015\nUdvalget blev orienteret.\n"
    )
    assert doc.meeting.date == ""


_MARKED = (
    "Bestyrelsesmøde 11. marts 2021 kl. 13.00\n\n"
    "Pkt. 1. Godkendelse af referat (B)\n\nJ.nr.: 00.01.00.A00-0002/2020\nSagsnr.: 4410\n\n"
    "Beslutning:\nGodkendt.\n\n"
    "Pkt. 2. Status på genbrugspladser (O)\n\nJ.nr.: 07.00.00.G01-0003/2021\nSagsnr.: 4471\n\n"
    "Beslutning:\nTaget til efterretning.\n\n"
    "Pkt. 3 Ny takststruktur for erhverv\n\nSagsnr.: 21/4499\n\nBeslutning:\nGodkendt.\n"
)


def test_type_markers_and_journal_numbers():
    doc = parse_text(_MARKED)
    assert items(doc) == [
        ("1", "Godkendelse af referat", "4410"),
        ("2", "Status på genbrugspladser", "4471"),
        ("3", "Ny takststruktur for erhverv", "21/4499"),
    ]
    assert [doc.text[i.title_span.start : i.title_span.end] for i in doc.items][:2] == [
        "Godkendelse af referat",
        "Status på genbrugspladser",
    ]


def test_a_party_letter_in_one_title_is_no_type_marker():
    doc = parse_text(
        "Referat\nDato: 2. april 2022\n\n1. Godkendelse af dagsorden\nSagsnr. 22/100\nBeslutning\nGodkendt.\n\n"
        "2. Medlemsforslag fra Dansk Folkeparti (O)\nSagsnr. 22/101\nBeslutning\nForslaget blev ikke vedtaget.\n\n"
        "3. Eventuelt\nSagsnr. 22/102\nBeslutning\nIntet.\n"
    )
    assert doc.items[1].title == "Medlemsforslag fra Dansk Folkeparti (O)"


def test_a_journal_number_alone_is_the_case_number():
    doc = parse_text(
        "Referat\nDato: 2. april 2022\n\n1. Godkendelse af dagsorden\nJ.nr. 00.01.00\n\nBeslutning\nGodkendt.\n"
        "2. Budget\nJ.nr. 00.30.10\n\nBeslutning\nGodkendt.\n"
    )
    assert [i.case_number for i in doc.items] == ["00.01.00", "00.30.10"]


@pytest.mark.parametrize(
    ("decision", "title", "outcome"),
    [
        ("Der blev givet en kort orientering om byggeriet.", "Besøg på genbrugsstationen", "noted"),
        ("Bestyrelsen fik en mundtlig orientering.", "Status", "noted"),
        ("Udvalget blev orienteret om tidsplanen.", "Forvaltningen orienterer", "noted"),
        ("Orienteringen blev taget til efterretning.", "Status på budget", "noted"),
        # nothing raised: the previous meeting's record and what is up for approval pass, the rest is noted
        ("Ingen bemærkninger.", "Protokol fra sidste bestyrelsesmøde", "approved"),
        ("Ingen.", "Godkendelse af dagsorden", "approved"),
        ("Ingen.\n\nKaren Lund var fraværende.", "Eventuelt", "noted"),
        ("Intet.", "Meddelelser fra direktionen", "noted"),
        # an item that only informs: its record is what was told
        ("- Indvielse af den nye skole\n- Møde med idrætsforeningerne", "Meddelelser fra formanden", "noted"),
        ("Anne Bæk og Ole Kaas.", "Fraværende", "noted"),
        ("Anne Bæk og Ole Kaas deltager.", "Deltagelse i konference", "other"),
        # postponed or cancelled: nothing decided, whatever else was done
        ("Udvalget drøftede sagen og besluttede at udsætte behandlingen.", "Ny lokalplan", "other"),
        ("Sagen blev udsat til næste møde.", "Budget", "other"),
        ("Udvalget udsatte sagen.", "Budget", "other"),
        ("Udvalget godkendte indsatsen for børn, der har været udsat for vold.", "Handleplan", "approved"),
    ],
)
def test_outcomes_of_records_that_inform_or_postpone(decision, title, outcome):
    assert classify_outcome(decision, title) == outcome
