"""Participant lists, item numbers and dates in more Danish layouts (invented names and bodies).

A comma before a party letter ("Anna Holm, (A)"); a heading answered by "Ingen." before the next heading;
page furniture glued to a list's last name; an absence noted with the items it covers ("sag 12-18"); a
substitute written after the entry ("Eva Lund (A), Suppleant for Ole Berg (A)"); "Ikke til stede:" in the
first item of minutes with no list.
"""

from samples import parse_text

from kkrgraph.resources import load_resources
from kkrgraph.structure.participants import parse_participant_line


def attendance(doc) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.party, p.municipality, p.status) for p in doc.participants]


ITEMS = (
    "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
    "2. Orientering om budget\n\nBeslutning\n\nTaget til efterretning.\n"
)


def test_a_comma_before_the_party_letter_keeps_the_letter_with_its_name():
    raw = "Referat af møde i Teknisk Udvalg\n\nDeltagere:\n\nKaren Holt, (A)\nSøren Vad, (V)\nIda Krogh, (Ø)\n\n" + ITEMS
    assert attendance(parse_text(raw)) == [
        ("Karen Holt", "A", "", "present"),
        ("Søren Vad", "V", "", "present"),
        ("Ida Krogh", "Ø", "", "present"),
    ]


def test_an_empty_absence_heading_does_not_take_the_next_list_as_its_column():
    raw = (
        "Byrådet\nReferat\n\nFraværende:\nIngen.\nMødedeltagere:\n"
        "Jens Kragh, Lise Birk, Ove Dahl, Bente Holt, Tove Ravn åben\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        (name, "", "", "present") for name in ("Jens Kragh", "Lise Birk", "Ove Dahl", "Bente Holt", "Tove Ravn")
    ]


def test_an_absence_noted_with_its_items_and_a_substitute_after_the_entry():
    raw = (
        "Byrådet\n\n12-03-2021\n\nMedlemmer\n\nFormand Niels Aagaard (A)\nLis Hvid (A)\nBo Ravn (V)\nKim Sand (V)\n"
        "Grete Holm (V), Suppleant for Kim Sand (V)\n\nFraværende\n\nLis Hvid (A), sag 12-18\nKim Sand (V), sag 12-18\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Niels Aagaard", "A", "", "present"),
        ("Bo Ravn", "V", "", "present"),
        ("Grete Holm", "V", "", "present"),
        ("Kim Sand", "V", "", "absent"),
        ("Lis Hvid", "A", "", "absent"),
    ]


def test_a_substitute_line_alone_reads_both_people():
    entries = parse_participant_line("Grete Holm (V), Stedfortræder for Kim Sand (V)", load_resources(), listed=True)
    assert [(e.name, e.party, e.status) for e in entries] == [("Grete Holm", "V", "present"), ("Kim Sand", "V", "absent")]


def test_a_note_of_items_after_a_name_that_is_no_entry_is_still_no_list():
    assert parse_participant_line("sag 12-18", load_resources(), listed=True) == []


def test_not_present_in_the_first_items_decision_of_minutes_without_a_list():
    raw = (
        "Referat\n\n  • 41. Godkendelse af dagsorden\n\n    Beslutning\n\n"
        "    Ikke til stede: Hanne Vestergaard Lind (F)\n\n    Godkendt.\n\n"
        "  • 42. Budget 2022\n\n    Beslutning\n\n    Ikke til stede: Poul Krag (A)\n\n    Godkendt.\n"
    )
    assert attendance(parse_text(raw)) == [("Hanne Vestergaard Lind", "F", "", "absent")]


def test_names_each_followed_by_a_known_place_with_no_separator():
    line = "Ida Bruun Kolding Kommune Per Lykke Jensen Vejle Kommune Sofie Dam Region Syddanmark Ole Ravn FKS Sekretariat"
    entries = parse_participant_line(line, load_resources(), listed=True)
    assert [(e.name, e.municipality, e.organisation) for e in entries] == [
        ("Ida Bruun", "Kolding Kommune", ""),
        ("Per Lykke Jensen", "Vejle Kommune", ""),
        ("Sofie Dam", "", "Region Syddanmark"),
        ("Ole Ravn", "", "FKS Sekretariat"),  # a body's acronym starts the affiliation
    ]
    assert [line[e.start : e.end] for e in entries][:1] == ["Ida Bruun Kolding Kommune"]


def test_a_run_of_words_that_are_no_names_before_a_place_is_no_list():
    assert parse_participant_line("Mødet holdes i Kolding Kommune", load_resources(), listed=True) == []


def test_staff_told_apart_only_by_their_titles():
    entries = parse_participant_line(
        "Direktør Ole lindahl Kontorchef Eva Munk Økonomichef Bo Stær", load_resources(), listed=True
    )
    assert [e.name for e in entries] == ["Ole Lindahl", "Eva Munk", "Bo Stær"]


def test_a_participant_list_after_a_contents_list_of_the_items():
    raw = (
        "Referat\nStyregruppen\n\nIndholdsfortegnelse\n1. Godkendelse af dagsorden\n2. Orientering\n3. Eventuelt\n\n"
        "Deltagere\nIda Bruun Kolding Kommune Per Lykke Jensen Vejle Kommune\nAfbud:\nSofie Dam Region Syddanmark\n"
        "Gæster:\nKaren Holt, Ole Ravn\n"
    )
    assert attendance(parse_text(raw)) == [
        ("Ida Bruun", "", "Kolding Kommune", "present"),
        ("Per Lykke Jensen", "", "Vejle Kommune", "present"),
        ("Sofie Dam", "", "", "absent"),
        ("Karen Holt", "", "", "present"),
        ("Ole Ravn", "", "", "present"),
    ]


def test_a_date_line_with_its_time_and_place_is_the_meetings_date():
    raw = "Referat af møde i Teknisk Udvalg\n\nDen 03.02.2021 kl. 15:00 i Rådhuset, Torvet 2, 9000 Byby\n\n" + ITEMS
    assert parse_text(raw).meeting.date == "2021-02-03"
