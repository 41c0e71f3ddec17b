"""Layouts of other bodies' minutes than the bundled KKR Nordjylland ones (invented names, same phenomena).

Each test is a small paraphrase of a layout seen in public minutes of other regions, networks and councils:
participant tables flattened into one line, substitutes, titles before names, members listed one field per
line, decision headings that name the body and date, a date standing at the head of the document.
"""

from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import classify_outcome, parse_document
from kkrgraph.structure.participants import parse_participant_line
from kkrgraph.structure.template import load_template


def parse(raw: str):
    clean = normalise(raw, line_markers=load_template().line_markers)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources())


def attendance(doc) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.status, p.municipality, p.organisation) for p in doc.participants]


FILLER = " ".join(["Netværket drøftede den videre proces for samarbejdet mellem kommunerne i regionen."] * 6)


def test_flattened_two_column_table_with_substitute_and_affiliations():
    # a transcript that lost its line breaks: "Deltagere: Afbud:" then the present column, a note, the absent one
    raw = (
        "Referat fra møde i direktørkredsen Tid og sted: Torsdag 5. marts 2015, Rådhuset. "
        "Deltagere: Afbud: Karsten Bøgh (fra kl. 10), Mette Lunde, Palle Strøm for Ulrik Hald, "
        "Gitte Rask, KKR, Sanne Vold, Region Midtjylland, Bente Dyrberg, DK-Net (ref.) Ole Kragh, Tove Hvid "
        f"1. Godkendelse af dagsorden Dagsordenen blev godkendt. {FILLER} "
        f"2. Orientering Netværket tog orienteringen til efterretning. {FILLER}"
    )
    doc = parse(raw)
    assert attendance(doc) == [
        ("Karsten Bøgh", "present", "", ""),
        ("Mette Lunde", "present", "", ""),
        ("Palle Strøm", "present", "", ""),
        ("Ulrik Hald", "absent", "", ""),
        ("Gitte Rask", "present", "", "KKR"),
        ("Sanne Vold", "present", "", "Region Midtjylland"),
        ("Bente Dyrberg", "present", "", "DK-Net"),
        ("Ole Kragh", "absent", "", ""),
        ("Tove Hvid", "absent", "", ""),
    ]
    assert doc.meeting.date == "2015-03-05"


def test_substitute_after_municipality_attends_for_the_member():
    entries = parse_participant_line(
        "Kaj Ravn, Egedal Kommune supp. Lise Krog deltog Hans Ulv, Furesø Kommune, supp. Pia Wind deltog",
        load_resources(),
        listed=True,
    )
    assert [(e.name, e.municipality, e.status) for e in entries] == [
        ("Kaj Ravn", "Egedal Kommune", "absent"),
        ("Lise Krog", "Egedal Kommune", "present"),
        ("Hans Ulv", "Furesø Kommune", "absent"),
        ("Pia Wind", "Furesø Kommune", "present"),
    ]


def test_bulleted_members_and_absent_with_apologies():
    doc = parse(
        "Referat - Byrådet den 3. maj 2016\n\nMedlemmer\n\n  • Anja Holt (V)\n  • Bo Kjær (UP)\n  • Ib Fogh (A)\n\n"
        "Fraværende med afbud\n\n  • Eva Bruun (Ø)\n\n1. Godkendelse af dagsorden\n\n"
        "Beslutning i Byrådet den 03-05-2016\n\nGodkendt.\n"
    )
    assert [(p.name, p.party, p.status) for p in doc.participants] == [
        ("Anja Holt", "V", "present"),
        ("Bo Kjær", "UP", "present"),
        ("Ib Fogh", "A", "present"),
        ("Eva Bruun", "Ø", "absent"),
    ]
    assert [(i.number, i.title, i.outcome) for i in doc.items] == [("1", "Godkendelse af dagsorden", "approved")]


def test_titles_before_names_and_attendance_under_the_first_item():
    doc = parse(
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nTilstede var:\nOverborgmester Ivar Holm\n"
        "Borgmester Lotte Brink\nObservatør Finn Lund\n"
        "Borgmester Lotte Brink forlod mødet kl. 17.40 under behandling af pkt. 5.\n\n"
        "Afbud fra:\nBorgmester Rita Moe pga. ferie.\nKoncerndirektør fra Region Hovedstaden Sven Kolding\n\n"
        "Dagsordenen blev godkendt.\n"
    )
    assert attendance(doc) == [
        ("Ivar Holm", "present", "", ""),
        ("Lotte Brink", "present", "", ""),
        ("Finn Lund", "present", "", ""),
        ("Rita Moe", "absent", "", ""),
        ("Sven Kolding", "absent", "", "Region Hovedstaden"),
    ]


def test_one_field_per_line_members_and_a_member_noted_absent():
    raw = "\n\n".join(
        ["Referat", "08-03-2021 16:00", "Medlemmer af udvalget:", "Ane Brix", "Formand", "(A)", "Per Lind",
         "2. næstformand", "(V)", "Jens Hald", "Løsgænger", "Ulla Sand", "(F)", "Fraværende:", "Ulla Sand", "(F)",
         "Indholdsfortegnelse", "1 (Åben) Godkendelse af dagsorden 4"]
    )  # fmt: skip
    doc = parse(raw)
    assert [(p.name, p.party, p.status) for p in doc.participants] == [
        ("Ane Brix", "A", "present"),
        ("Per Lind", "V", "present"),
        ("Jens Hald", "", "present"),
        ("Ulla Sand", "F", "absent"),
    ]
    assert doc.meeting.date == "2021-03-08"
    assert doc.meeting.body == ""  # a lone party letter "(A)" is not the body's name


def test_names_in_running_text_after_a_list_are_not_participants():
    doc = parse(
        "Deltagere\nAnne Bæk, Vejle Kommune\nOle Kaas\n\nMødet blev holdt i Vejle med oplæg fra gæster.\n"
        "Søren Tang\nMarie Holt\n\n1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"
    )
    assert [p.name for p in doc.participants] == ["Anne Bæk", "Ole Kaas"]


def test_bare_names_need_a_heading_and_a_first_name():
    resources = load_resources()
    assert parse_participant_line("Mette Lunde, Gitte Rask", resources) == []  # no heading: no list
    assert parse_participant_line("Siden Sidst", resources, listed=True) == []  # words, not a name


def test_letter_spaced_template_heading_names_the_body():
    doc = parse(
        "REFERAT 2016 K K R S Y D D A N M A R K\n\nDeltagere\nAnne Bæk, Vejle Kommune\nOle Kaas, Kolding Kommune\n"
        "Ib Holm, Billund Kommune\n"
    )
    assert doc.meeting.body == "KKR Syddanmark"


def test_a_body_that_was_informed_has_noted():
    assert classify_outcome("Borgmesteren orienterede om en kommende sag.") == "noted"
    assert classify_outcome("Udvalget godkendte forslaget, og direktøren orienterede om tidsplanen.") == "approved"


def test_attendance_told_in_prose_under_the_first_item():
    # no participant list at all: the decision of the first item says who was away and who stood in
    doc = parse(
        "Det fælles fjordråd - Dagsordener og referater\nMødedato: 3. maj 2023\n"
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt\n"
        "Anne Bæk, Ole kragh og Tove Hvid deltog ikke på mødet.\nKaren Lund og Finn Dahl deltog som suppleanter.\n"
        "2. Godkendelse af referat\nBeslutning\nGodkendt.\nIb Holm deltog ikke i mødet under punkt 2.\n"
    )
    assert sorted(attendance(doc)) == [
        ("Anne Bæk", "absent", "", ""),
        ("Finn Dahl", "present", "", ""),
        ("Karen Lund", "present", "", ""),
        ("Ole Kragh", "absent", "", ""),  # a surname written in lower case, capitalised
        ("Tove Hvid", "absent", "", ""),
    ]


def test_apologies_with_a_stand_in_add_the_stand_in():
    doc = parse(
        "Referat - Byrådet den 3. maj 2016\n\nMedlemmer\n\n  • Anja Holt (V)\n  • Bo Kjær (UP)\n\n"
        "Fraværende med afbud\n\n  • Eva Bruun (Ø)\n\n1. Godkendelse af dagsorden\n\n"
        "Beslutning i Byrådet den 03-05-2016\n\nAfbud fra Eva Bruun stedfortræder Lars Holm\n\n"
        "Afbud fra Bo Kjær\n\nGodkendt.\n"
    )
    assert [(p.name, p.party, p.status) for p in doc.participants] == [
        ("Anja Holt", "V", "present"),
        ("Bo Kjær", "UP", "absent"),  # listed as a member, then noted absent
        ("Eva Bruun", "Ø", "absent"),
        ("Lars Holm", "", "present"),
    ]
