"""The meeting's body and date from heading shapes met in municipal and regional minutes, on invented texts:
the document type before the body ("Referat - Byrådet den ..."), a body followed by its term of office or a
date with a two-digit day, and a heading line that runs on into the meeting's place and address."""

from samples import parse_text

ITEMS = (
    "Til stede:\nKaren Dahl (A)\nBo Lindholm (V)\n\n"
    "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
    "2. Budget 2025\n\nBeslutning\n\nGodkendt.\n"
)


def test_the_body_after_the_document_type_and_a_dash():
    doc = parse_text("Referat - Byrådet den 14. marts 2023\n\nMødefakta\n\n" + ITEMS)
    assert (doc.meeting.body, doc.meeting.date) == ("Byrådet", "2023-03-14")


def test_a_body_followed_by_its_term_of_office():
    doc = parse_text("Dagsorden - Socialudvalget 2022-2025\n\nTirsdag den 7. februar 2023 kl. 15.00\n\n" + ITEMS)
    assert (doc.meeting.body, doc.meeting.date) == ("Socialudvalget", "2023-02-07")


def test_a_bare_document_type_after_a_dash_names_no_body():
    doc = parse_text("Referat - Bilag 4\n\nTirsdag den 7. februar 2023 kl. 15.00\n\n" + ITEMS)
    assert doc.meeting.body == ""


def test_a_heading_run_on_into_the_place_keeps_its_date():
    place = "i Mødesal 2, Rådhuset, Torvegade 12, 9990 Fjordby, indgang fra gården, elevator til 2. sal"
    heading = f"Referat af mødet i Teknisk Udvalg 23. september 2021 kl. 16:00 {place}"
    assert len(heading) > 120
    doc = parse_text(heading + "\n\n" + ITEMS)
    assert (doc.meeting.body, doc.meeting.date) == ("Teknisk Udvalg", "2021-09-23")


def test_a_long_line_of_running_text_gives_no_date():
    prose = "Kommunen har den 23. september 2021 sendt et brev om budgettet til alle borgere i området, " * 2
    doc = parse_text("Referat\n\n" + prose + "\n\n" + ITEMS)
    assert doc.meeting.date != "2021-09-23"
