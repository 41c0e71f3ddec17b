"""Contents lists and attendance in more Danish layouts, round 2 (invented names, bodies and wording).

A contents list run together on one line, split at the numbers that go on its sequence; numbers a transcript
lost, filled in only where the sequence makes the split certain; the first item's heading repeated after the
list, running on into its record; items numbered by the year's count ("03/21").
"""

from samples import parse_text


def items(doc) -> list[tuple[str, str, str]]:
    return [(i.number, i.title, i.decision.outcome if i.decision else "") for i in doc.items]


def test_a_contents_line_with_lost_numbers_is_split_by_its_capitals_and_the_first_item_records_its_decision():
    raw = (
        "Referat\nStyregruppen\n\nIndhold\n1. Godkendelse af referat\n2. Nyt fra sekretariatet\n"
        "3. Havneplan Drøftelse af mødet den 4. marts Regnskab 6. Trafik kl. 9 til 10 7. Budget 2019 8. Eventuelt\n\n"
        "Deltagere\nAnna Holm Vejle Kommune Bo Ravn Horsens Kommune\n\n"
        "5 1. Godkendelse af referat Formanden indstiller, at referatet godkendes Referatet godkendes 5\n"
    )
    doc = parse_text(raw)
    assert [(p.name, p.municipality) for p in doc.participants] == [
        ("Anna Holm", "Vejle Kommune"),
        ("Bo Ravn", "Horsens Kommune"),
    ]
    assert items(doc) == [
        ("1", "Godkendelse af referat", "approved"),
        ("2", "Nyt fra sekretariatet", ""),
        ("3", "Havneplan", ""),
        ("4", "Drøftelse af mødet den 4. marts", ""),
        ("5", "Regnskab", ""),
        ("6", "Trafik kl. 9 til 10", ""),
        ("7", "Budget 2019", ""),
        ("8", "Eventuelt", ""),
    ]


def test_lost_numbers_that_the_capitals_do_not_count_are_left_out():
    raw = (
        "Referat\nStyregruppen\n\nIndhold\n1. Godkendelse af referat\n2. Nyt fra Region Syd\n"
        "3. Havneplan for Vejle Drøftelse Regnskab 6. Trafik 7. Budget\n\n"
        "Deltagere\nAnna Holm Vejle Kommune Bo Ravn Horsens Kommune\n"
    )
    assert items(parse_text(raw)) == [
        ("1", "Godkendelse af referat", ""),
        ("2", "Nyt fra Region Syd", ""),
        ("6", "Trafik", ""),
        ("7", "Budget", ""),
    ]


def test_a_contents_list_ending_in_its_closing_item_after_lost_numbers_and_the_first_items_record():
    raw = (
        "Referat fra bestyrelsesmøde i Vestbus\n\nMødet blev holdt med denne dagsorden:\n"
        "1. Valg af ordstyrer\n2. Årsrapport 2020\n3. Ny rutestruktur for Vestbus\n"
        "4. Takster for Vestbus Plan for udbud Eventuelt 1. Valg af ordstyrer Formanden foreslog Eva Lund. "
        "Beslutning: Eva Lund blev valgt.\n"
    )
    assert items(parse_text(raw)) == [
        ("1", "Valg af ordstyrer", "appointed"),
        ("2", "Årsrapport 2020", ""),
        ("3", "Ny rutestruktur for Vestbus", ""),
    ]


def test_items_numbered_by_the_years_count_in_a_contents_line_with_lost_digits():
    raw = (
        "Bestyrelsesmøde i Nordbus\n\nDagsorden\nTid: Mandag, den 3. marts 2021\n"
        "Dagsorden: 11/21 Godkendelse af referat /21 Årsregnskab /21 Takster 2022 /21 Eventuelt\n\n"
        "11/21 Godkendelse af referat J. nr\nIndstilling at referatet godkendes.\n\n"
        "12/21 Årsregnskab 2020 J. nr\nSagsresumé Regnskabet viser et overskud.\n"
    )
    assert items(parse_text(raw)) == [
        ("11/21", "Godkendelse af referat", ""),
        ("12/21", "Årsregnskab 2020", ""),
        ("13/21", "Takster 2022", ""),
        ("14/21", "Eventuelt", ""),
    ]


def attendance(doc) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.municipality, p.organisation, p.status) for p in doc.participants]


def test_entries_told_apart_by_their_parentheses_after_a_heading_among_merged_header_fields():
    raw = (
        "Referat fra bestyrelsesmøde i Vestbus\n\n"
        "Sted Tidspunkt Mødedeltagere 4. marts 2019, kl Rådhuset, Torvet 1, 7100 Vejle Formand Inge Lund "
        "(Vejle Kommune), næstformand for Bestyrelsen Karl Bro (Billund Kommune), medlem Sofie Dam (Region Syddanmark) "
        "Bestyrelsesmedlem Lone Vig deltog under punkt 3 og 4. Fra administrationen deltog: direktør Poul Krogh og "
        "Rita Mose- Hansen (referent). Under punkt 2 deltog kontorchef Erik Ravn.\n"
        "Afbud\nMorten Sø og dennes suppleant Hanne Kjær (Vejen Kommune), Tina Aas (Kolding Kommune) Dagsorden\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Budget\n\nBeslutning\n\nGodkendt.\n"
    )
    assert attendance(parse_text(raw)) == [
        ("Inge Lund", "Vejle Kommune", "", "present"),
        ("Karl Bro", "Billund Kommune", "", "present"),
        ("Sofie Dam", "", "Region Syddanmark", "present"),
        ("Lone Vig", "", "", "present"),
        ("Poul Krogh", "", "", "present"),
        ("Rita Mose-Hansen", "", "", "present"),
        ("Erik Ravn", "", "", "present"),
        ("Morten Sø", "Vejen Kommune", "", "absent"),
        ("Hanne Kjær", "Vejen Kommune", "", "absent"),
        ("Tina Aas", "Kolding Kommune", "", "absent"),
    ]


def test_a_heading_word_in_running_text_with_fewer_than_three_entries_makes_no_list():
    raw = (
        "Referat\n\nMødet havde mange deltagere. Deltagere fra Vejle: Inge Lund (Vejle Kommune) og Karl Bro "
        "(Billund Kommune) talte om planen.\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Budget\n\nBeslutning\n\nGodkendt.\n"
    )
    assert attendance(parse_text(raw)) == []


def test_a_heading_line_dated_with_its_weekday_and_kl_without_a_time_gives_the_meetings_date():
    raw = (
        "Referat\nStyregruppen. Tirsdag 14. marts 2023 kl Lokale 2 Havnegade Kolding\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n2. Budget\n\nBeslutning\n\nGodkendt.\n"
    )
    assert parse_text(raw).meeting.date == "2023-03-14"


def test_titled_invitees_before_an_instruction_and_the_contents_list_on_their_line():
    raw = (
        "Bestyrelsesmøde i Nordbus\n\nDagsorden\nTid: Mandag, den 3. marts 2021\nInviteret er:\n"
        "Bestyrelsesmedlem Jonas Krag Bestyrelsesmedlem Mette Ry Holm Afbud sker til Ida Lind eller på tlf.: "
        "Dagsorden: 11/21 Godkendelse af referat /21 Årsregnskab /21 Eventuelt\n"
    )
    doc = parse_text(raw)
    assert [(p.name, p.status) for p in doc.participants] == [("Jonas Krag", "present"), ("Mette Ry Holm", "present")]
    assert [i.number for i in doc.items] == ["11/21", "12/21", "13/21"]
