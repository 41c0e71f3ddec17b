"""Layouts of minutes met in a third set of held-out documents, on small invented texts (other names, bodies
and wording): attendance told only in prose, grouped participant lists, contents lists and item pages.
"""

import pytest
from samples import parse_text

from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import NotAMeetingDocument, classify_outcome, parse_document
from kkrgraph.structure.template import load_template


def attendance(doc) -> list[tuple[str, str]]:
    return [(p.name, p.status) for p in doc.participants]


ITEM = "3. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"


def test_an_absence_qualified_in_words_and_the_substitute_who_came_instead():
    raw = (
        ITEM + "\nFremmøde:\n\nKaren Dahl havde meldt afbud, og Bo Lindholm deltog i stedet.\n\n"
        "Ulrik Friis havde meldt afbud om morgenen.\n"
    )
    assert attendance(parse_text(raw)) == [
        ("Karen Dahl", "absent"),
        ("Bo Lindholm", "present"),
        ("Ulrik Friis", "absent"),
    ]


def test_a_member_called_in_who_did_not_come_and_one_who_stayed_away_are_absent():
    raw = (
        ITEM + "\nJens Bagge havde meldt afbud. 2. suppleant Mette Riis var indkaldt, men mødte ikke frem.\n\n"
        "Hans Toft udeblev uden afbud.\n"
    )
    assert attendance(parse_text(raw)) == [("Jens Bagge", "absent"), ("Mette Riis", "absent"), ("Hans Toft", "absent")]


def test_members_present_but_for_a_list_after_a_lost_line_break():
    raw = (
        "Referat af mødet i Byrådet 3. maj 2011 kl. 17:00 på Rådhuset\n\n"
        "Kolding Kommune Byrådssekretariatet Alle medlemmer var til stede, bortset fra Ida Holm, Per Bak og "
        "Rikke Lund, der havde meldt afbud. Ole Due forlod mødet under punkt 12.\n"
    )
    doc = parse_text(raw)  # no item can be read, but the heading names the meeting and its day: it is built
    assert attendance(doc) == [("Ida Holm", "absent"), ("Per Bak", "absent"), ("Rikke Lund", "absent")]
    assert doc.items == ()


def test_prose_absences_without_a_meeting_heading_are_no_meeting_document():
    with pytest.raises(NotAMeetingDocument, match="no heading names a meeting"):
        parse_text("Sommerfesten i haven\n\nAlle var mødt, bortset fra Ida Holm og Per Bak, der havde meldt afbud.\n")


def second_reading(raw: str):
    """The pipeline's second reading of a text the first finds no meeting in: lines broken before the markers."""
    clean = normalise(raw, line_markers=load_template().line_markers, force_line_restore=True)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources(), lenient=True)


def items(doc) -> list[tuple[str, str, str]]:
    return [(i.number, i.title, i.decision.outcome if i.decision else "") for i in doc.items]


def test_a_numbered_list_of_members_inside_the_first_items_record():
    raw = (
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nFraværende med afbud:\nIngen.\n\nDeltagerne var:\n"
        "1. Rådmand Lone Sejr (V)\n2. Per Vinding (A)\n3. Borgmester Kaj Brink (C)\n\nDagsordenen blev godkendt.\n"
    )
    doc = parse_text(raw)
    assert attendance(doc) == [("Lone Sejr", "present"), ("Per Vinding", "present"), ("Kaj Brink", "present")]
    assert items(doc) == [("1", "Godkendelse af dagsorden", "approved")]  # the members' numbers are no items


def test_one_name_a_line_with_apologies_and_functions_appended():
    raw = (
        "Skolebestyrelsesmøde\nReferat d. 4. marts 2024.\n\nDeltagende med stemmeret:\nKirsten Holm\n"
        "Ida Fogh Madsen Afbud\nEmil Storm/Elevrådsformand\nRasmus Kjær/Personalerep. Afbud\n"
        "Deltagende uden stemmeret:\nPernille Vad/Referent\n\nPkt. 1. Godkendelse af dagsorden\nArt: Godkendelse\n"
        "Referat: Bestyrelsen savner bilagene.\n\nPkt. 2. Trivsel i indskolingen\nArt: Drøftelse\nReferat:\n"
        "Vi afventer målingen fra kommunen, inden vi tager stilling til en indsats.\n"
    )
    doc = parse_text(raw)
    assert attendance(doc) == [
        ("Kirsten Holm", "present"),
        ("Ida Fogh Madsen", "absent"),
        ("Emil Storm", "present"),
        ("Rasmus Kjær", "absent"),
        ("Pernille Vad", "present"),
    ]
    # item 1 is vouched for by item 2; "Art: Godkendelse" is its kind, not its outcome; item 2 waits: no decision yet
    assert items(doc) == [("1", "Godkendelse af dagsorden", ""), ("2", "Trivsel i indskolingen", "other")]


def test_grouped_lists_and_the_first_item_glued_to_the_last_absentee():
    raw = (
        "Referat af bestyrelsesmøde\nHavnens Skole, lokale 4\nonsdag den 5. maj 2010 kl. 19.00\n\n"
        "Deltagere:\nForældre: Jonna Lykke, Svend Aage Holt, Nette Borg, Tove Riis.\n"
        "Lærere: Ulla Friis, Bent Skov.\n\nFraværende:\nForældre: Afbud fra Vagn Bach.\n"
        "Elever: Sofie Damgaard, Mikkel Bro (ingen indkaldelse?). 1. Godkendelse af referat:\n  Referatet godkendt.\n\n"
        " 2. Nyt fra skolen, Ulla Friis:\n  Ulla Friis orienterede om skolens budget.\n\n"
        " 3. Legepladsen:\n  Forslagene blev drøftet.\n\n 4. Eventuelt:\n  Intet.\n"
    )
    doc = parse_text(raw)
    assert attendance(doc) == [
        ("Jonna Lykke", "present"),
        ("Svend Aage Holt", "present"),
        ("Nette Borg", "present"),  # not a known first name, vouched for by the list around it
        ("Tove Riis", "present"),
        ("Ulla Friis", "present"),
        ("Bent Skov", "present"),
        ("Vagn Bach", "absent"),
        ("Sofie Damgaard", "absent"),
        ("Mikkel Bro", "absent"),
    ]
    assert items(doc) == [
        ("1", "Godkendelse af referat", "approved"),
        ("2", "Nyt fra skolen, Ulla Friis", "noted"),
        ("3", "Legepladsen", "discussed"),
        ("4", "Eventuelt", "noted"),
    ]


def test_numbered_lines_with_text_under_them_make_no_items_without_a_run_from_one():
    raw = "Referat\nDato: 2. juni 2020\n\nDeltagere: Eva Lund (A), Bo Dam (V)\n\n4. Budget:\n  Tekst.\n\n5. Skoler:\n  Tekst.\n"
    assert parse_text(raw).items == ()


def test_a_contents_list_of_numbers_with_access_markers_and_page_numbers():
    raw = (
        "Referat - Teknik- og Miljøudvalget\n\n12-05-2022 09:00\n\nMedlemmer af udvalget:\n\nHanne Bøgh\n\n(A)\n\n"
        "Kurt Lassen\n\n(V)\n\nSvend Ibsen\n\n(C)\n\nIndholdsfortegnelse\n\n"
        "1 (Åben) Godkendelse af dagsorden 3\n\n2 (Åben) Trafikplan for Nordbyen 2022-2026 4\n\n"
        "3 (Lukket) Salg af grund på Havnevej 12 9\n\n4 (Åben) Kvartalsrapport 1. kvartal 2022 11\n"
    )
    assert items(parse_text(raw)) == [
        ("1", "Godkendelse af dagsorden", ""),
        ("2", "Trafikplan for Nordbyen 2022-2026", ""),
        ("3", "Salg af grund på Havnevej 12", ""),
        ("4", "Kvartalsrapport 1. kvartal 2022", ""),
    ]


def test_titles_that_end_in_numbers_going_back_keep_them():
    raw = (
        "Dagsorden - Byrådet 3. maj 2022\n\nDeltagere: Eva Lund (A), Bo Dam (V)\n\n1. Lokalplan 45\n"
        "2. Lokalplan 12\n3. Tillæg 7\n"
    )
    assert [i.title for i in parse_text(raw).items] == ["Lokalplan 45", "Lokalplan 12", "Tillæg 7"]


def test_titled_members_run_together_under_merged_headings_and_a_contents_list_with_group_headings():
    raw = (
        "Referat af bestyrelsesmøde den 3. april 2019 i Fjordby Varme A/S\n\n"
        "1 Referat af bestyrelsesmøde den 3. april 2019 i Fjordby Varme A/S Dato: 3. april 2019 Sted: Værket, "
        "Havnegade 2 I mødet deltog: Afbud fra: Formand Lars Kjeldsen Næstformand Inge Holt Bestyrelsesmedlem "
        "Poul Erik Dam Adm. direktør Hanne Buch Økonomisekretær Lone Birk Dagsorden Rundvisning på værket "
        "1. Godkendelse af dagsorden 2. Formanden orienterer Sager til beslutning: 3. Takster for 2020 "
        "Tavshedspligt fraveget 4. Budget for 2020 Sager til orientering: Drift 5. Status for ledningsnettet\n\n"
        "2 Økonomi og drift 6. Kvartalsregnskab 7. Eventuelt\n"
    )
    doc = second_reading(raw)
    assert attendance(doc) == [
        ("Lars Kjeldsen", "present"),
        ("Inge Holt", "present"),
        ("Poul Erik Dam", "present"),
        ("Hanne Buch", "present"),  # a two-word title ("Adm. direktør")
        ("Lone Birk", "present"),  # a compound of a title ("-sekretær")
    ]
    assert [(i.number, i.title) for i in doc.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Formanden orienterer"),
        ("3", "Takster for 2020"),
        ("4", "Budget for 2020"),
        ("5", "Status for ledningsnettet"),
        ("6", "Kvartalsregnskab"),  # the list goes on after the page's number and heading
        ("7", "Eventuelt"),
    ]


@pytest.mark.parametrize(
    ("decision", "title", "outcome"),
    [
        # what the chair reported is the meeting's information, not its decision, past an abbreviation's full stop
        ("Borgmesteren orienterede om, at han jf. vedtægten havde godkendt aftalen med skolen.", "Meddelelser", "noted"),
        ("Direktøren oplyste, at tilbuddet var vedtaget af styrelsen.", "Status", "other"),
        # an approval still to come is none; what the board did is the outcome
        ("Budgettet blev gennemgået og drøftet. Regnskabet kan først godkendes til foråret.", "Budget", "discussed"),
        ("Udvalget godkendte indstillingen. Planen skal godkendes i byrådet.", "Lokalplan", "approved"),
    ],
)
def test_reported_and_future_approvals_are_no_outcome(decision, title, outcome):
    assert classify_outcome(decision, title) == outcome
