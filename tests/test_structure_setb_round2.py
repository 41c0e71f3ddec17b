"""Contents lists and attendance in more Danish layouts, round 2 (invented names, bodies and wording).

A contents list run together on one line, split at the numbers that go on its sequence; numbers a transcript
lost, filled in only where the sequence makes the split certain; the first item's heading repeated after the
list, running on into its record; items numbered by the year's count ("03/21").
"""

from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import parse_document
from kkrgraph.structure.template import load_template


def parse(raw: str):
    clean = normalise(raw, line_markers=load_template().line_markers)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources())


def items(doc) -> list[tuple[str, str, str]]:
    return [(i.number, i.title, i.decision.outcome if i.decision else "") for i in doc.items]


def test_a_contents_line_with_lost_numbers_is_split_by_its_capitals_and_the_first_item_records_its_decision():
    raw = (
        "Referat\nStyregruppen\n\nIndhold\n1. Godkendelse af referat\n2. Nyt fra sekretariatet\n"
        "3. Havneplan Drøftelse af mødet den 4. marts Regnskab 6. Trafik kl. 9 til 10 7. Budget 2019 8. Eventuelt\n\n"
        "Deltagere\nAnna Holm Vejle Kommune Bo Ravn Horsens Kommune\n\n"
        "5 1. Godkendelse af referat Formanden indstiller, at referatet godkendes Referatet godkendes 5\n"
    )
    doc = parse(raw)
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
    assert items(parse(raw)) == [
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
    assert items(parse(raw)) == [
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
    assert items(parse(raw)) == [
        ("11/21", "Godkendelse af referat", ""),
        ("12/21", "Årsregnskab 2020", ""),
        ("13/21", "Takster 2022", ""),
        ("14/21", "Eventuelt", ""),
    ]
