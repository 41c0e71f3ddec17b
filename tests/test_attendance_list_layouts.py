"""Participant lists whose entries are told apart by little more than the names (invented names and places).

A table of members in two columns flattened into lines of two names; "Name, Place" entries where nothing but
the next name follows the place; a title opening each entry, a compound title sharing its last part ("Plan- og
udviklingschef") and an absence mark after the place; "Name - Affiliation" entries under a heading on the first
entry's line; "• Name: Deltog" / "• Name: Afbud (Stedfortræder X)" bullets; a title the role vocabulary lacks;
an absence for some items only ("ved sag nr. 6") in a list that lost its separators.
"""

from samples import parse_text

from kkrgraph.resources import load_resources
from kkrgraph.structure.participants import parse_participant_line, run_together_entries

ITEMS = (
    "Pkt. 7 Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
    "Pkt. 8 Orientering om budget\n\nBeslutning\nTaget til efterretning.\n"
)


def attendance(doc) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.party, p.municipality, p.status) for p in doc.participants]


def entries(line: str) -> list[tuple[str, str, str, str]]:
    found = parse_participant_line(line, load_resources(), listed=True)
    return [(e.name, e.municipality, e.organisation, e.status) for e in found]


def test_members_in_two_columns_give_two_names_a_line():
    raw = (
        "Referat\nDato: 2. juni 2020\n\nMedlemmer:\n\nKarsten Ravn Holm Ida Marie Skov\nPoul Vinther Else Bach Lund\n"
        "Tove Ahlgren\n\nFraværende:\nElse Bach Lund\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Karsten Ravn Holm", "", "", "present"),
        ("Ida Marie Skov", "", "", "present"),
        ("Poul Vinther", "", "", "present"),
        ("Tove Ahlgren", "", "", "present"),
        ("Else Bach Lund", "", "", "absent"),
    ]


def test_a_long_name_is_not_split_at_a_second_given_name_or_a_surname_that_is_also_a_first_name():
    assert entries("Anne Grethe Steen Hansen") == [("Anne Grethe Steen Hansen", "", "", "")]
    assert entries("Jens Holm Hagen Madsen") == [("Jens Holm Hagen Madsen", "", "", "")]


def test_name_place_entries_with_nothing_between_the_place_and_the_next_name():
    raw = "Deltagerfortegnelse\nLone Vinther, Hedensted Jens Peter Bak, Skive Ida Holm, Thisted\n\n" + ITEMS
    assert attendance(parse_text(raw)) == [
        ("Lone Vinther", "", "Hedensted Kommune", "present"),
        ("Jens Peter Bak", "", "Skive Kommune", "present"),
        ("Ida Holm", "", "Thisted Kommune", "present"),
    ]


def test_titled_entries_with_places_an_absence_mark_and_staff_without_a_place():
    line = (
        "Formand Ole Kragh, Varde Næstformand Eva Bro, Region Midtjylland Bestyrelsesmedlem Kaj Lund, Billund afbud "
        "Bestyrelsesmedlem Rita Dam, Vejen Direktør Søs Holm Kontorchef Bent Ry Plan- og udviklingschef Mia Kjær "
        "Side 1 af 9"
    )
    assert entries(line) == [
        ("Ole Kragh", "Varde Kommune", "", ""),
        ("Eva Bro", "", "Region Midtjylland", ""),
        ("Kaj Lund", "Billund Kommune", "", "absent"),
        ("Rita Dam", "Vejen Kommune", "", ""),
        ("Søs Holm", "", "", ""),
        ("Bent Ry", "", "", ""),
        ("Mia Kjær", "", "", ""),
    ]


def test_name_dash_affiliation_entries_under_a_heading_on_the_first_entrys_line():
    raw = (
        "Mødereferat\n\nDato: 3. marts 2015\n\nDeltagere: Henrik Lyngby-Holm - Grundejerforeningen Strandparken\n\n"
        "Maja Krog - Grundejerforeningen Strandparken\n\n-\n\nOlaf Birk - formand for Miljøudvalget\n\n"
        "Rie Sand - Afdelingschef Natur og Vand\n\nFraværende: Carl Mose\n\nSommerlandsforeningen Syd\n\n"
        "Referent: Rie Sand\n\n" + ITEMS
    )
    doc = parse_text(raw)
    assert attendance(doc) == [
        ("Henrik Lyngby-Holm", "", "", "present"),
        ("Maja Krog", "", "", "present"),
        ("Olaf Birk", "", "", "present"),
        ("Rie Sand", "", "", "present"),
        ("Carl Mose", "", "", "absent"),  # the association on the next line is no person
    ]
    assert [p.organisation for p in doc.participants[:4]] == [
        "Grundejerforeningen Strandparken",
        "Grundejerforeningen Strandparken",
        "Miljøudvalget",  # the body after the title
        "Natur og Vand",
    ]


def test_a_dash_before_a_second_name_or_an_absence_mark_is_no_affiliation():
    assert entries("Eva Lund - Bo Dam") == [("Eva Lund", "", "", ""), ("Bo Dam", "", "", "")]
    assert entries("Eva Lund - afbud") == [("Eva Lund", "", "", "absent")]


def test_members_listed_with_their_attendance_after_a_colon_and_a_substitute_who_came():
    raw = (
        "Møde i regionsrådet den 4. maj 2021\n\nMedlemmer\n\n • Karin Holt: Deltog\n"
        " • Jens de Vries Lund: Afbud (Stedfortræder Ruth Aagaard, fraværende ved sag 2-3. )\n • Mads Ebbe: Deltog\n"
        " • Signe Vad: Fraværende\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Karin Holt", "", "", "present"),
        ("Jens de Vries Lund", "", "", "absent"),
        ("Ruth Aagaard", "", "", "present"),
        ("Mads Ebbe", "", "", "present"),
        ("Signe Vad", "", "", "absent"),
    ]


def test_a_title_the_role_vocabulary_lacks_before_a_first_name_keeps_the_list_going():
    raw = (
        "Referat\nDato: 2. juni 2020\n\nDeltagere:\n\nBorgmester Eva Krogh, Herlev Kommune\n"
        "Chefjurist Bent Holm-Sørensen, Herlev Kommune\nPolitidirektør Anne Vester\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Eva Krogh", "", "Herlev Kommune", "present"),
        ("Bent Holm-Sørensen", "", "Herlev Kommune", "present"),
        ("Anne Vester", "", "", "present"),
    ]


def test_an_absence_for_some_items_in_a_run_together_list_leaves_the_member_present():
    found = run_together_entries("Lars Ravn ved sag nr. 4 Mette Brink under punkt 2-3 Ole Dam Vejby 2", load_resources())
    assert [(e.name, e.status) for e in found] == [("Lars Ravn", "present"), ("Mette Brink", "present"), ("Ole Dam Vejby", "")]


def test_words_after_a_place_that_start_no_person_stay_with_the_place():
    # the place's unit, or a title with no name after it, is no next entry
    assert entries("Eva Lund, Odense Sundhedsforvaltning") == [("Eva Lund", "", "Odense Sundhedsforvaltning", "")]
    assert entries("Ole Berg, Vejle Formand") == [("Ole Berg", "Vejle Kommune", "", "")]
    # a title and a name after the place are the next entry
    assert entries("Ole Berg, Vejle Formand Eva Lund, Faxe") == [
        ("Ole Berg", "Vejle Kommune", "", ""),
        ("Eva Lund", "Faxe Kommune", "", ""),
    ]


def test_a_first_name_that_is_also_a_surname_ends_no_titled_entry():
    assert entries("Direktør Ole Berg Hagen Kontorchef Eva Lund") == [("Ole Berg Hagen", "", "", ""), ("Eva Lund", "", "", "")]
