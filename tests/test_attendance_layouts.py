"""Attendance in layouts of other bodies' minutes (invented names, the phenomena of public minutes).

A web export that sets the absence heading as one more bullet under the members' list and repeats the
absent members there; an absence noted on the label's own line with the substitute who came; a body's
members written on one line after the body's name. Each person is one entry, and an absence list wins over
the members' list that also names the person.
"""

from samples import parse_text

from kkrgraph.resources import load_resources
from kkrgraph.structure.participants import parse_participant_line


def attendance(doc) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.party, p.municipality, p.status) for p in doc.participants]


ITEMS = (
    "Pkt. 7 Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
    "Pkt. 8 Orientering om budget\n\nBeslutning\nTaget til efterretning.\n"
)


def test_a_bulleted_absence_list_repeating_members_marks_them_absent():
    raw = (
        "Miljøudvalget - Referat - 12. maj 2014\n\nMødedato\n12-05-2014 kl. 9:00\n\nDeltagere\n\n"
        " • Lise Vang, Herning Kommune\n • Bo Kjeldgaard, Ikast-Brande Kommune\n"
        " • Anne-Mette Skov, Holstebro Kommune\n • Hans Ravn, Struer Kommune\n\n"
        " • Afbud\n\n • Bo Kjeldgaard, Ikast-Brande Kommune\n • Anne Mette Skov, Holstebro Kommune\n\n • \n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Lise Vang", "", "Herning Kommune", "present"),
        ("Hans Ravn", "", "Struer Kommune", "present"),
        ("Bo Kjeldgaard", "", "Ikast-Brande Kommune", "absent"),
        ("Anne Mette Skov", "", "Holstebro Kommune", "absent"),  # the same person, written without the hyphen
    ]


def test_an_absence_on_its_label_line_with_the_substitute_who_came():
    raw = (
        "Referat\nDato: 2. juni 2020\n\n"
        "Pkt. 7 Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
        "Fraværende: Søren Lind (C) - Ida Bjerre (C) mødte som stedfortræder.\n\n"
        "Pkt. 8 Orientering om budget\n\nBeslutning\nTaget til efterretning.\n"
    )
    assert attendance(parse_text(raw)) == [("Søren Lind", "C", "", "absent"), ("Ida Bjerre", "C", "", "present")]


def test_a_body_listing_its_members_on_one_line_and_an_absence_with_a_substitute():
    raw = (
        "Repræsentantskabsmøde 3. marts 2017 kl. 14.00\n\nFremmøde og afbud\n\n"
        "Repræsentantskabet: Jens P. Holm, Karen Dahl, Mogens Bruun, Pia Lykke og Torben Ask\n\n"
        "Afbud: Mogens Bruun, suppleant Ulla Krog deltog\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Jens P. Holm", "", "", "present"),
        ("Karen Dahl", "", "", "present"),
        ("Pia Lykke", "", "", "present"),
        ("Torben Ask", "", "", "present"),
        ("Mogens Bruun", "", "", "absent"),
        ("Ulla Krog", "", "", "present"),
    ]


def test_a_label_before_fewer_names_or_other_words_is_no_member_list():
    raw = (
        "Referat\nDato: 2. juni 2020\nSted: Rådhuset, Byrådssalen\n"
        "Ordstyrer: Karen Dahl og Jens Holm\nEmne: Budget, Skole og Kultur\n\n" + ITEMS
    )
    assert parse_text(raw).participants == ()


def test_a_substitute_joined_by_a_dash_under_a_heading():
    line = "Søren Lind (C) - Ida Bjerre (C) mødte som stedfortræder."
    entries = parse_participant_line(line, load_resources(), listed=True)
    assert [(e.name, e.party, e.status) for e in entries] == [("Søren Lind", "C", ""), ("Ida Bjerre", "C", "present")]


def test_a_statement_about_a_listed_member_changes_the_one_entry():
    raw = (
        "Referat\nDato: 2. juni 2020\n\nDeltagere:\nPer Bach-Laursen (A)\nRikke Sand (V)\n\n"
        "Per Bach Laursen deltog ikke i mødet.\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [("Per Bach-Laursen", "A", "", "absent"), ("Rikke Sand", "V", "", "present")]


def test_absences_told_in_prose_under_the_first_item():
    """A council's minutes with no participant list: the absent members are named in a sentence."""
    for sentence in (
        "Der er afbud fra Jonas Holt, Maja Ladefoged Brink og Erik Vad.",
        "Jonas Holt, Maja Ladefoged Brink og Erik Vad var fraværende.",
    ):
        raw = (
            "Byrådet - Referat\n\nDato: 4. marts 2021\nTidspunkt: Kl. 19:00\n\n"
            f"1. Fraværende\n\nSagsfremstilling\n\n{sentence}\n\nBeslutning\n\nTaget til efterretning.\n\n"
            "2. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"
        )
        assert attendance(parse_text(raw)) == [
            ("Jonas Holt", "", "", "absent"),
            ("Maja Ladefoged Brink", "", "", "absent"),
            ("Erik Vad", "", "", "absent"),
        ], sentence


def test_a_substitute_who_met_is_present_and_the_member_absent():
    raw = "Referat\nDato: 2. juni 2020\n\nLone Dahl mødte som stedfortræder for Ib Kure.\n\n" + ITEMS
    assert attendance(parse_text(raw)) == [("Lone Dahl", "", "", "present"), ("Ib Kure", "", "", "absent")]


def test_an_absence_on_its_label_line_inside_the_members_list_is_that_line_only():
    """The label's status is its line's: the members' list goes on after it, and a role before a name in
    that list ("Referent: ...") is read as in any members' list, the person present."""
    raw = (
        "Referat\nDato: 2. juni 2020\n\nDeltagere:\nAnna Holm (A)\nOle Berg (V)\nAfbud: Eva Lund (C)\n"
        "Referent: Bo Dam\nMette Kjær (A)\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Anna Holm", "A", "", "present"),
        ("Ole Berg", "V", "", "present"),
        ("Eva Lund", "C", "", "absent"),
        ("Bo Dam", "", "", "present"),
        ("Mette Kjær", "A", "", "present"),
    ]


def test_a_labelled_list_goes_on_only_past_a_trailing_comma():
    raw = (
        "Referat\nDato: 2. juni 2020\n\nDeltagere:\nAnna Holm (A)\nAfbud: Eva Lund (C),\nOle Berg (V)\nMette Kjær (A)\n\n" + ITEMS
    )
    assert attendance(parse_text(raw)) == [
        ("Anna Holm", "A", "", "present"),
        ("Eva Lund", "C", "", "absent"),
        ("Ole Berg", "V", "", "absent"),
        ("Mette Kjær", "A", "", "present"),
    ]


def test_names_with_parties_after_another_label_and_after_an_absence_line():
    """'Deltog' is no heading: its entries with parties are read as any such line, and with the line after
    them they are a list of three outside any heading, everyone present."""
    raw = "Referat\nDato: 2. juni 2020\n\nAfbud: Eva Lund (C)\nDeltog: Anna Holm (A), Ole Berg (V)\nBo Dam (A)\n\n" + ITEMS
    assert attendance(parse_text(raw)) == [
        ("Eva Lund", "C", "", "absent"),
        ("Anna Holm", "A", "", "present"),
        ("Ole Berg", "V", "", "present"),
        ("Bo Dam", "A", "", "present"),
    ]


def test_a_person_listed_twice_is_one_participant_also_with_a_statement():
    listed = [("Anne-Mette Holm", "A", "", "present"), ("Rikke Sand", "V", "", "present")]
    for statement, stated in (
        ("", []),
        ("Lone Dahl mødte som stedfortræder for Ib Kure.\n\n", [("Lone Dahl", "", "", "present"), ("Ib Kure", "", "", "absent")]),
    ):
        raw = (
            "Referat\nDato: 2. juni 2020\n\nDeltagere:\nAnne-Mette Holm (A)\nRikke Sand (V)\nAnne Mette Holm (A)\n\n"
            + statement
            + ITEMS
        )
        assert attendance(parse_text(raw)) == listed + stated, statement
