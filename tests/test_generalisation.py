"""Layouts of other bodies' minutes than the bundled KKR Nordjylland ones (invented names, same phenomena).

Each test is a small paraphrase of a layout seen in public minutes of other regions, networks and councils:
participant tables flattened into one line, substitutes, titles before names, members listed one field per
line, decision headings that name the body and date, a date standing at the head of the document; and the
agenda items of municipal and regional web pages and transcripts: bulleted or labelled numbers ("Pkt. 42"),
numbers running through the year, titles over "Sag nr.", other systems' case numbers, committees' record
lines, run-in items, items named only in a list, web-export leftovers in titles.
"""

import pytest
from samples import parse_text

from kkrgraph.normalise import normalise
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import NotAMeetingDocument, classify_outcome, parse_document
from kkrgraph.structure.participants import parse_participant_line
from kkrgraph.structure.template import load_template


def second_reading(raw: str):
    """How the pipeline reads a text the strict reading rejects (see :func:`kkrgraph.pipeline.process_raw`)."""
    clean = normalise(raw, line_markers=load_template().line_markers, force_line_restore=True)
    return parse_document(clean.text, "doc.txt", furniture=clean.furniture, resources=load_resources(), lenient=True)


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
    doc = parse_text(raw)
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
    doc = parse_text(
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
    doc = parse_text(
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
    doc = parse_text(raw)
    assert [(p.name, p.party, p.status) for p in doc.participants] == [
        ("Ane Brix", "A", "present"),
        ("Per Lind", "V", "present"),
        ("Jens Hald", "", "present"),
        ("Ulla Sand", "F", "absent"),
    ]
    assert doc.meeting.date == "2021-03-08"
    assert doc.meeting.body == ""  # a lone party letter "(A)" is not the body's name


def test_names_in_running_text_after_a_list_are_not_participants():
    doc = parse_text(
        "Deltagere\nAnne Bæk, Vejle Kommune\nOle Kaas\n\nMødet blev holdt i Vejle med oplæg fra gæster.\n"
        "Søren Tang\nMarie Holt\n\n1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n"
    )
    assert [p.name for p in doc.participants] == ["Anne Bæk", "Ole Kaas"]


def test_bare_names_need_a_heading_and_a_first_name():
    resources = load_resources()
    assert parse_participant_line("Mette Lunde, Gitte Rask", resources) == []  # no heading: no list
    assert parse_participant_line("Siden Sidst", resources, listed=True) == []  # words, not a name


def test_letter_spaced_template_heading_names_the_body():
    doc = parse_text(
        "REFERAT 2016 K K R S Y D D A N M A R K\n\nDeltagere\nAnne Bæk, Vejle Kommune\nOle Kaas, Kolding Kommune\n"
        "Ib Holm, Billund Kommune\n"
    )
    assert doc.meeting.body == "KKR Syddanmark"


def test_a_body_that_was_informed_has_noted():
    assert classify_outcome("Borgmesteren orienterede om en kommende sag.") == "noted"
    assert classify_outcome("Udvalget godkendte forslaget, og direktøren orienterede om tidsplanen.") == "approved"


def test_attendance_told_in_prose_under_the_first_item():
    # no participant list at all: the decision of the first item says who was away and who stood in
    doc = parse_text(
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
    doc = parse_text(
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


def items(doc) -> list[tuple[str, str, str, str]]:
    return [(i.number, i.title, i.case_number, i.decision.outcome if i.decision else "") for i in doc.items]


def test_web_export_bullets_three_digit_numbers_and_leftovers():
    # a municipality's web page: bulleted three-digit numbers, an expander's text glued to the title
    raw = (
        "Byrådet - Referat\nDato: 12. marts 2021\n\n"
        "Indholdsfortegnelse1. Godkendelse af dagsorden\nResume\nDagsordenen forelægges.\nBeslutning\nGodkendt.\n\n"
        "  • 214. Vejnavne i Nørreby (  )\n    Resume\n    Et nyt kvarter skal have vejnavne.\n"
        "    Beslutning\n    Taget til efterretning.\n\n"
        "  • 215. Salg af grund ved HavnenKlik her for at folde ud og læse mere om Salg af grund ved Havnen\n"
        "    Indstilling\n    Forvaltningen indstiller, at grunden sælges.\n    Beslutning\n    Godkendt.\n"
    )
    assert items(parse_text(raw)) == [
        ("1", "Godkendelse af dagsorden", "", "approved"),
        ("214", "Vejnavne i Nørreby", "", "noted"),
        ("215", "Salg af grund ved Havnen", "", "approved"),
    ]


def test_labelled_numbers_case_numbers_and_the_committees_own_record_line():
    # "Pkt. 17 Title" / "Nr.18 - Title", case numbers of another system, and record lines of several committees:
    # only the line with the item's own number is this meeting's decision
    raw = (
        "Referat\nDato: 9. marts 2021\n\n"
        " • Pkt. 17 Ny skolestruktur\n  Pkt. 17\n  Ny skolestruktur\n  Sagsnr. 481516 Børneudvalget Åbent punkt\n"
        "  Resume\n  Forslag til ny struktur.\n  Økonomiudvalget, 02-03-2021, pkt. 40:\n  Godkendt.\n"
        "  Børneudvalget, 09-03-2021, pkt. 17\n  Drøftet.\n\n"
        "Nr.18 - Eventuelt\nSag 12-2021-77\nSagsfremstilling\nIntet at bemærke.\n"
        "Økonomiudvalget, 02-03-2021, pkt. 41:\nGodkendt.\n"
    )
    assert items(parse_text(raw)) == [
        ("17", "Ny skolestruktur", "481516", "discussed"),
        ("18", "Eventuelt", "12-2021-77", ""),
    ]


def test_title_over_a_sag_nr_line_and_a_case_number_above_the_heading():
    raw = (
        "Kommunalbestyrelsen\n12-05-2020\n\nMedlemmer\nKaj Ravn (A)\nMette Lunde (V)\nPalle Strøm (C)\n\n"
        "Spørgetid\nSag nr. 88\nSagens kerne\nBeslutning\nTaget til efterretning.\n\n"
        "Lokalplan 12 Boliger ved Åen - endelig vedtagelse\nSag nr. 89\nIndstilling\n"
        "at lokalplanen vedtages.\nBeslutning\nGodkendt.\n\n"
        "Sagnr.: 1-20-33-4\n\n90. Tema: Fremtidens busser\nSagsfremstilling\nEt oplæg om busdriften.\n"
    )
    assert items(parse_text(raw)) == [
        ("88", "Spørgetid", "", "noted"),
        ("89", "Lokalplan 12 Boliger ved Åen - endelig vedtagelse", "", "approved"),
        ("90", "Tema: Fremtidens busser", "1-20-33-4", ""),
    ]


def test_a_numbered_recommendation_is_no_item():
    # entries of a numbered recommendation under "Indstilling" are no items: "2. at ..." starts in lower case,
    # "1. Budgetopfølgningen ..." goes back in the numbering inside item 2's sections
    raw = (
        "Økonomiudvalget - Referat\n\n"
        "1. Godkendelse af dagsorden\nIndstilling\nBorgmesteren indstiller,\n1. at dagsordenen godkendes\n"
        "2. at tillægsdagsordenen optages\nBeslutning\nGodkendt.\n\n"
        "2. Budgetopfølgning\nIndstilling\nForvaltningen indstiller,\n1. Budgetopfølgningen tages til efterretning\n"
        "Beslutning\nTaget til efterretning.\n"
    )
    assert items(parse_text(raw)) == [
        ("1", "Godkendelse af dagsorden", "", "approved"),
        ("2", "Budgetopfølgning", "", "noted"),
    ]


def test_run_in_items_of_a_flattened_transcript():
    # numbered items that lost their layout: the title ends where the record starts
    raw = (
        "Referat fra møde i direktørkredsen Tid og sted: Fredag 6. marts 2015, Rådhuset. "
        "Deltagere: Karsten Bøgh, Mette Lunde, Palle Strøm "
        f"1. Godkendelse af dagsorden Dagsordenen blev godkendt uden bemærkninger. {FILLER} "
        f"2. Godkendelse af referat fra mødet den 6. februar 2015 Bilag 1. Referat fra mødet. Referatet blev godkendt. {FILLER} "
        f"3. Fælles trafikstrategi v. Mette Lunde Oplæg om status for strategien og de næste skridt. {FILLER}"
    )
    assert items(parse_text(raw)) == [
        ("1", "Godkendelse af dagsorden", "", "approved"),
        ("2", "Godkendelse af referat fra mødet den 6. februar 2015", "", "approved"),
        ("3", "Fælles trafikstrategi", "", "discussed"),
    ]


def test_items_named_only_in_the_list_of_items():
    # the page lists every item; only the first is written out. A numbered list of members is no list of items.
    raw = (
        "Udvalget for Kultur\nReferat\n\nDeltagere:\n1. Hans Ulv (A)\n2. Mette Lunde (V)\n3. Kaj Ravn (C)\n\n"
        "PUNKTER\n\n12. Godkendelse af dagsorden\n13. Kulturpris 2021\n14. Orienteringer\n\n"
        "12. Godkendelse af dagsorden\nIndstilling\nat dagsordenen godkendes\nBeslutning\nGodkendt\n"
    )
    assert items(parse_text(raw)) == [
        ("13", "Kulturpris 2021", "", ""),
        ("14", "Orienteringer", "", ""),
        ("12", "Godkendelse af dagsorden", "", "approved"),
    ]


def test_flattened_list_of_items_numbered_through_the_year():
    # a transcript that lost its line breaks: the list of items, numbered on from the year's earlier meetings,
    # with dotted leaders to page numbers (roman or arabic)
    raw = (
        "Kommunalbestyrelsen Referat Dato: Tirsdag den 4. juni 2002 Mødested: Rådhuset "
        "Indholdsfortegnelse Til behandling - for åbne døre...i 57. Vandplan for Søby Å...i "
        "58. Salg af den gamle brandstation...ii 59. Budgetopfølgning pr. 1. maj...iv "
        "60. Tilskud til spejderhytte...7 Side i " + FILLER
    )
    assert items(parse_text(raw)) == [
        ("57", "Vandplan for Søby Å", "", ""),
        ("58", "Salg af den gamle brandstation", "", ""),
        ("59", "Budgetopfølgning pr. 1. maj", "", ""),
        ("60", "Tilskud til spejderhytte", "", ""),
    ]


def test_long_heading_over_a_case_number_and_a_record_headed_referat():
    # an agenda page: a long title stands as a heading because a case number follows it at once; a later item
    # whose record is headed "Referat"; section headings of another template (Sagstema, Redegørelse)
    raw = (
        "Teknikudvalget\nDAGSORDEN\nfor ordinært møde onsdag den 4. marts 2009\n"
        "5. Medlemsforslag fra Ole Bak (V) og Rita Holm (C) om belysning af stierne langs havnen og ved stationen\n"
        "TU 41/2009 J.nr. 41/2009\nBaggrund for forslaget:\nStierne er mørke om vinteren.\n\n"
        "6. Orientering fra formanden\nReferat\nFormanden orienterede om mødet med vejdirektoratet.\n\n"
        "7. Mødeplan 2010\nSagstema\nMøderne i 2010 skal fastlægges.\nRedegørelse\nDer foreslås ti møder.\n"
        "8. Publikationer:\nSagstema\nNye udgivelser.\n"
    )
    assert items(parse_text(raw)) == [
        (
            "5",
            "Medlemsforslag fra Ole Bak (V) og Rita Holm (C) om belysning af stierne langs havnen og ved stationen",
            "41/2009",
            "",
        ),
        ("6", "Orientering fra formanden", "", "noted"),
        ("7", "Mødeplan 2010", "", ""),
        ("8", "Publikationer", "", ""),
    ]


def test_a_table_of_contents_over_sub_items_adds_no_items():
    # KL's layout: the top-level lines of the table of contents head sub-items read from the body; they are no items
    raw = (
        "KKR Midt\nDAGSORDEN\n\n1. Godkendelse ............ 3\n2. Siden sidst ............ 4\n"
        "3. Regionalpolitiske sager ............ 5\n\n"
        "1. Godkendelse\n1.1. Godkendelse af dagsorden\nSAG-2024-00001\nBeslutning\nGodkendt.\n\n"
        "2. Siden sidst\n2.1. Siden sidst\nSAG-2024-00001\nBeslutning\nTaget til efterretning.\n\n"
        "3. Regionalpolitiske sager\n3.1. Trafikplan\nSAG-2024-00002\nBeslutning\nDrøftet.\n"
    )
    assert items(parse_text(raw)) == [
        ("1.1", "Godkendelse af dagsorden", "SAG-2024-00001", "approved"),
        ("2.1", "Siden sidst", "SAG-2024-00001", "noted"),
        ("3.1", "Trafikplan", "SAG-2024-00002", "discussed"),
    ]


def test_numbered_paragraphs_of_a_text_that_is_no_meeting_make_no_items():
    raw = (
        "Årsrapport for vandværket\n\n"
        f"1. Indledning Vandværket har i året leveret rent vand til alle forbrugere i byen. {FILLER}\n"
        f"2. Økonomi Bestyrelsen vedtog et nyt budget med uændrede takster for forbrugerne. {FILLER}\n"
        "Oversigt\n3. Boringer\n4. Ledninger\n5. Målere\n"
    )
    with pytest.raises(NotAMeetingDocument):
        parse_text(raw)


def test_fold_buttons_before_section_headings_and_a_passive_noted():
    raw = (
        "Sundhedsudvalget - Referat - 1. februar 2012\n\nMødedato\n01-02-2012 kl. 14:00\n\n"
        "  1. Ventetider\n  2. Mødeplan\n  3. Eventuelt\n\n"
        "  Sagsnr. 12/345\n  1. Ventetider\n  fold dette punkt ind Resume\n  Status for ventetiderne.\n"
        "  fold dette punkt ind Beslutning i Sundhedsudvalget den 01-02-2012\n  Orienteredes.\n"
    )
    assert sorted(items(parse_text(raw))) == [
        ("1", "Ventetider", "12/345", "noted"),
        ("2", "Mødeplan", "", ""),
        ("3", "Eventuelt", "", ""),
    ]


def test_flattened_list_of_items_with_a_number_lost():
    # a transcript lost the digits of one item ("4."): the numbering goes on after the gap
    raw = (
        "Referat af møde i bestyrelsen Mandag d. 2. marts 2015 Dagsorden: 1. Godkendelse af dagsorden "
        "2. Meddelelser 3. Regnskab 2014 Budget 5. Nye vedtægter 6. Eventuelt\n\n" + FILLER + " " + FILLER
    )
    numbers = [i.number for i in parse_text(raw).items]
    assert numbers == ["1", "2", "3", "5", "6"]


def test_run_in_titles_end_before_a_list_entry_and_a_committee_record_line():
    raw = (
        "Møde i Byrådet mandag den 2. oktober 2006 REFERAT " + FILLER + "\n\n"
        "1. Meddelelser a) Borgmesteren orienterer om et ekstraordinært møde i november om skolernes budgetter. "
        f"{FILLER} "
        "2. Halvårsregnskab for Teknisk Forvaltning Økonomiudvalget den 12. september 2006, pkt. 7 Anbefales. "
        f"{FILLER}"
    )
    assert [(i.number, i.title) for i in parse_text(raw).items] == [
        ("1", "Meddelelser"),
        ("2", "Halvårsregnskab for Teknisk Forvaltning"),
    ]


def test_participants_run_together_on_a_page_long_line():
    # pages extracted as one line each, too few characters per line for the normaliser to restore the breaks:
    # the list's names follow each other with no separator, role titles and notes between them
    raw = (
        "1 Dato: 3. marts 2022 Bestyrelsesmøde i Fjordtrafik Dagsorden Tid: Torsdag den 10. marts 2022 kl. 10:00 "
        "Sted: Rådhuset Medlemmer: Bente Lykke Madsen Torben Kjær Ulrik Søgaard Holm Jens Ole Vang "
        "Øvrige: Direktør Hanne Berg Afdelingschef Mogens Lind (ref.) Vibeke Dahl (afbud) Afbud sker til sekretariatet\n\n"
        "2 Godkendelse af dagsordenen Sagsfremstilling at dagsordenen godkendes.\n"
    )
    with pytest.raises(NotAMeetingDocument):  # the strict reading finds neither items nor a list
        parse_text(raw)
    doc = second_reading(raw)
    assert attendance(doc)[:4] == [
        ("Bente Lykke Madsen", "present", "", ""),
        ("Torben Kjær", "present", "", ""),
        ("Ulrik Søgaard Holm", "present", "", ""),
        ("Jens Ole Vang", "present", "", ""),
    ]
    assert doc.meeting.doc_type == "dagsorden"
    assert doc.meeting.date == "2022-03-03"  # the first date field ("Dato"), as for line-broken documents
    for person in doc.participants:
        assert doc.text[person.span.start : person.span.end].startswith(person.name)


def test_participants_with_roles_and_places_between_them_on_one_line():
    raw = (
        "Referat 5. maj 2021 Bestyrelse Erhvervshus Vest\n"
        "Deltagere:\n"
        "Karin Bech, Formand, Borgmester Ringkøbing-Skjern Kommune Ole Lund, Næstformand, Borgmester Holstebro "
        "Kommune Lise Krog, kommunalbestyrelsesmedlem Struer Kommune Anders Høj, medarb. repr., Konsulent\n"
        "Afbud:\n"
        "Poul Vinther, observatør Erhvervsstyrelsen\n"
    )
    with pytest.raises(NotAMeetingDocument):  # the strict reading finds neither items nor a list
        parse_text(raw)
    doc = second_reading(raw)
    assert attendance(doc) == [
        ("Karin Bech", "present", "Ringkøbing-Skjern Kommune", ""),
        ("Ole Lund", "present", "Holstebro Kommune", ""),
        ("Lise Krog", "present", "Struer Kommune", ""),
        ("Anders Høj", "present", "", ""),
        ("Poul Vinther", "absent", "", ""),
    ]


def test_an_absence_under_a_date_label_of_a_two_day_meeting():
    raw = (
        "1 Beslutninger fra mødet Ordinært møde Teknikudvalget\n\n"
        "2 Mødet Tirsdag , Rådhuset Fraværende: Den 4. maj 2010: Hans Berg (V). Den 6. maj 2010: Ingen. "
        f"Meddelelser: Formanden orienterede om sagen. {FILLER}\n"
    )
    with pytest.raises(NotAMeetingDocument):  # the strict reading finds neither items nor a list
        parse_text(raw)
    doc = second_reading(raw)
    assert attendance(doc) == [("Hans Berg", "absent", "", "")]
    assert doc.participants[0].party == "V"


def test_a_run_together_text_without_a_participant_heading_is_still_refused():
    raw = f"1 Årsberetning for foreningen Bente Lykke Madsen Torben Kjær Ulrik Søgaard Holm. {FILLER}\n\n2 {FILLER}\n"
    for reading in (parse_text, second_reading):
        with pytest.raises(NotAMeetingDocument):
            reading(raw)


def test_one_kl_case_number_among_another_systems_keeps_the_layout():
    # a municipality's minutes whose items carry its own journal numbers, one of them KL's case number instead:
    # that one item is read in the same layout as the others, none is lost or taken for a section heading
    raw = (
        "REFERAT\nØKONOMIUDVALGET\nDato: 12-03-2019\nSted: Rådhuset\n\n"
        "1. Godkendelse af lokalplan\nSagsnr.: 11/629\n\nSagsfremstilling\nForvaltningen har udarbejdet et forslag.\n\n"
        "Beslutning\nUdvalget godkendte indstillingen.\n\n"
        "2. Budgetopfølgning\nSAG-2024-00101\n\nSagsfremstilling\nKL har sendt en opgørelse.\n\n"
        "Beslutning\nUdvalget tog orienteringen til efterretning.\n\n"
        "3. Salg af grund\nSagsnr.: 12/838\n\nSagsfremstilling\nEn køber har meldt sig.\n\n"
        "Beslutning\nUdvalget godkendte salget.\n"
    )
    doc = parse_text(raw)
    assert [(item.number, item.title, item.case_number) for item in doc.items] == [
        ("1", "Godkendelse af lokalplan", "11/629"),
        ("2", "Budgetopfølgning", "SAG-2024-00101"),
        ("3", "Salg af grund", "12/838"),
    ]
    assert [[s.heading for s in item.sections] for item in doc.items] == [["Sagsfremstilling", "Beslutning"]] * 3
    assert doc.meeting.body == "Økonomiudvalget"
