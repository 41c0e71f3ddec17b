"""Structure parser on the sample corpus and on small inputs."""

from importlib import resources

import pytest

from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import NotAMeetingDocument, classify_outcome, parse_document
from kkrgraph.structure.participants import parse_participant_line
from kkrgraph.structure.template import load_template


def corpus_text(name: str) -> str:
    return (resources.files("kkrgraph") / "data" / "corpus" / name).read_text("utf-8")


def parse_text(raw: str, name: str = "doc.txt"):
    clean = normalise(raw, line_markers=load_template().line_markers)
    return parse_document(clean.text, name, furniture=clean.furniture, resources=load_resources())


@pytest.fixture(scope="module")
def minutes_2023():
    return parse_text(corpus_text("000_126ae2075930ab26.txt"), "000_126ae2075930ab26.txt")


def test_meeting_from_footers(minutes_2023):
    meeting = minutes_2023.meeting
    assert (meeting.body, meeting.date, meeting.doc_type, meeting.date_evidence) == (
        "KKR Nordjylland",
        "2023-11-24",
        "referat",
        "footer",
    )


def test_participants_present_and_absent(minutes_2023):
    present = [p for p in minutes_2023.participants if p.status == "present"]
    absent = [p for p in minutes_2023.participants if p.status == "absent"]
    assert (len(present), len(absent)) == (17, 5)
    anna = next(p for p in absent if p.name == "Anna Aaen")
    assert (anna.party, anna.municipality) == ("Ø", "Aalborg Kommune")


def test_items_numbers_cases_and_outcomes(minutes_2023):
    numbers = [item.number for item in minutes_2023.items]
    assert numbers == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "5", "6.1", "6.2"]
    by_number = {item.number: item for item in minutes_2023.items}
    assert by_number["3.1"].case_number == "SAG-2023-03908"
    assert by_number["6.2"].title == "Temarække i KKR – Fremtidens velfærd/samfundskontrakten"
    assert by_number["6.2"].handlers == ("snm",)
    assert by_number["2.1"].outcome == "noted"
    assert by_number["1.1"].outcome == "approved"
    assert by_number["2.1"].attachments == 2
    assert "2022-11-18" in [r.date for r in by_number["2.1"].references]


def test_ocr_document_numbers_inferred_from_sequence():
    doc = parse_text(corpus_text("002_d8366a9f1015045a.txt"))
    assert [i.number for i in doc.items] == ["1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "6.1"]
    assert doc.meeting.date == "2025-08-29" and doc.meeting.date_evidence == "header"
    assert doc.items[4].title.startswith("EU-kulturhovedstad i 2032")
    assert doc.items[5].handlers == ("lifo", "hast")


def test_agenda_table_of_contents_is_not_parsed_and_nothing_decided():
    doc = parse_text(corpus_text("004_f2e8d9c10356d3fa.txt"))
    assert doc.meeting.doc_type == "dagsorden"
    assert doc.meeting.location == "Scandic Hotel Aalborg Øst, Hadsundvej 200, 9220 Aalborg Øst"
    assert [i.number for i in doc.items] == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "4.1"]
    assert all(item.outcome == "" for item in doc.items)


def test_date_from_the_item_approving_the_agenda():
    doc = parse_text(corpus_text("003_af7a03fe60365536.txt"))
    assert (doc.meeting.date, doc.meeting.date_evidence) == ("2021-09-03", "item")
    assert doc.participants == ()
    appointment = next(i for i in doc.items if i.number == "4.1")
    assert appointment.outcome == "appointed"


@pytest.mark.parametrize(
    ("decision", "title", "outcome"),
    [
        ("KKR Nordjylland tiltrådte indstillingen.", "", "approved"),
        ("KKR Nordjylland tog orienteringen til efterretning.", "", "noted"),
        ("KKR Nordjylland drøftede sagen og godkendte indstillingen.", "", "approved"),
        ("KKR Nordjylland drøftede sagen.", "", "discussed"),
        ("KKR udpegede Jens Hansen som medlem af bestyrelsen.", "", "appointed"),
        ("Sagen blev aflyst.", "", "other"),
        ("", "", ""),
    ],
)
def test_outcome_vocabulary(decision, title, outcome):
    assert classify_outcome(decision, title) == outcome


def test_participant_line_variants():
    res = load_resources()
    (entry,) = parse_participant_line("Karen Holm (A) Billund Kommune", res)
    assert (entry.name, entry.party, entry.municipality) == ("Karen Holm", "A", "Billund Kommune")
    (entry,) = parse_participant_line("Ole Dam, Assens", res)
    assert entry.municipality == "Assens Kommune"
    (entry,) = parse_participant_line("Bo Vinther, KL", res)
    assert (entry.municipality, entry.organisation) == ("", "Kommunernes Landsforening")
    assert parse_participant_line("KL bidrager til at udvikle og fastholde et stærkt lokalt", res) == []


def test_text_that_is_no_meeting_document_is_refused():
    with pytest.raises(NotAMeetingDocument, match="not a meeting document"):
        parse_text("Dette er en helt almindelig tekst om vejret i Aalborg.\nIngen punkter her.\n")
