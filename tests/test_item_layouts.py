"""Agenda items, case numbers and outcomes in layouts other than KL's, read by general rules.

Each text is invented; each shows one layout family of Danish minutes: items answered point by point ("Ad 3:"),
contents entries wrapped over lines, item numbers with a leading zero, an item's fields printed as a table whose
cells became lines, and a decision heading that names the body and the date without "den".
"""

from __future__ import annotations

from samples import normalised_and_parsed


def _items(raw: str) -> list[tuple[str, str, str, str]]:
    _text, parsed = normalised_and_parsed(raw)
    return [(i.number, i.title, i.case_number, i.outcome) for i in parsed.items]


POINT_BY_POINT = """\
Referat fra mødet i Samarbejdsrådet onsdag den 3. marts 2021 kl. 10.00
DAGSORDEN:
1. Godkendelse af dagsorden
2. Godkendelse af referat
3. Orientering om trafiksikkerhed på skolevejene
(opfølgning på drøftelsen i rådet den 2. december 2020)
4. Status for samarbejdet om beredskab og forebyggelse m.v. (opfølgning
på drøftelsen i rådet den 2. december 2020)
5. Orientering om budgettet for det kommende år
6. Gensidig orientering
7. Eventuelt
Deltagere:
Direktør Hanne Lund
Afbud:
Borgmester Peter Holm, Fjordby Kommune
Ad 1: Godkendelse af dagsorden
Dagsordenen blev godkendt.
Ad 2: Godkendelse af referat
Referatet godkendt uden bemærkninger.
Ad 3: Orientering om trafiksikkerhed på skolevejene
Direktøren indledte med en gennemgang af ulykkestallene.
"""


def test_items_answered_point_by_point_are_read_with_their_records():
    items = {number: (title, outcome) for number, title, _case, outcome in _items(POINT_BY_POINT)}
    assert items["1"] == ("Godkendelse af dagsorden", "approved")
    assert items["2"] == ("Godkendelse af referat", "approved")
    assert items["3"][0] == "Orientering om trafiksikkerhed på skolevejene"


def test_a_contents_list_runs_on_past_notes_under_its_entries():
    """A bracketed note under an entry, or opened at its end, neither ends the list nor joins the title."""
    titles = {number: title for number, title, _case, _outcome in _items(POINT_BY_POINT)}
    assert sorted(titles, key=int) == [str(n) for n in range(1, 8)]
    assert titles["4"] == "Status for samarbejdet om beredskab og forebyggelse m.v."
    assert titles["7"] == "Eventuelt"


WRAPPED_CONTENTS = """\
Dagsorden for Teknisk Udvalg mandag den 7. juni 2021
Indholdsfortegnelse:
1. Forslag til lokalplan for boliger ved
Stationsvej - godkendelse til offentlig høring
2. Anlægsbevilling til ny cykelsti mellem
Nørreby og Søndermark
3. Eventuelt
"""


def test_a_contents_title_ending_in_a_preposition_goes_on_on_the_next_line():
    titles = [title for _number, title, _case, _outcome in _items(WRAPPED_CONTENTS)]
    assert titles == [
        "Forslag til lokalplan for boliger ved Stationsvej - godkendelse til offentlig høring",
        "Anlægsbevilling til ny cykelsti mellem Nørreby og Søndermark",
        "Eventuelt",
    ]


def test_a_wrapped_contents_titles_span_runs_from_its_start_to_the_end_of_its_last_line():
    text, parsed = normalised_and_parsed(WRAPPED_CONTENTS)
    for item in parsed.items:  # the number before the title is no part of it
        assert " ".join(item.title_span.of(text).split()) == item.title


PADDED_CONTENTS = """\
Mødereferat
Grundejerudvalget torsdag den 10. september 2020
Deltagere: Eva Holm - Grundejerforeningen Skovly
Dagsorden:
01 Velkomst og dagsorden
02 Godkendelse af referat fra sidste møde
03 Orientering fra arbejdsgrupperne
04 Eventuelt
"""


def test_a_list_of_the_items_numbered_with_a_leading_zero_keeps_the_zero():
    assert [n for n, _t, _c, _o in _items(PADDED_CONTENTS)] == ["01", "02", "03", "04"]


NUMBERED_LIST_IN_A_RECORD = """\
Referat af mødet i Teknisk Udvalg mandag den 7. juni 2021
1. Godkendelse af dagsorden
Beslutning:
Godkendt.
2. Vejplan
Beslutning:
Udvalget godkendte planen med disse ændringer:
1. Stianlæg ved
skolen flyttes
2. Cykelparkering ved
hallen udvides
3. Belysning af stien
4. Eventuelt
Beslutning:
Intet.
"""


def test_a_numbered_list_wrapped_inside_a_record_is_no_list_of_items():
    """Only a list of the items is read over its wrapped lines; a list in an item's decision stays its text."""
    assert [(n, t) for n, t, _c, _o in _items(NUMBERED_LIST_IN_A_RECORD)] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Vejplan"),
        ("4", "Eventuelt"),
    ]


PADDED_NUMBERS = """\
Mødereferat
Grundejerudvalget torsdag den 10. september 2020
Deltagere: Eva Holm - Grundejerforeningen Skovly
Punkter
01 Velkomst og dagsorden
Referat:
Godkendt
02 Godkendelse af referat fra sidste møde
Referat:
Godkendt uden bemærkninger
03 Orientering fra arbejdsgrupperne
Referat:
Taget til efterretning
"""


def test_item_numbers_with_a_leading_zero_head_items_and_keep_the_zero():
    assert [(n, t, o) for n, t, _c, o in _items(PADDED_NUMBERS)] == [
        ("01", "Velkomst og dagsorden", "approved"),
        ("02", "Godkendelse af referat fra sidste møde", "approved"),
        ("03", "Orientering fra arbejdsgrupperne", "noted"),
    ]


def test_a_count_in_prose_is_no_item_number():
    """Outside a list under a contents heading, only a leading zero makes a number without a dot an item's."""
    count = "12 Deltagere var mødt op, og alle punkter blev behandlet"
    text = PADDED_NUMBERS.replace("Godkendt uden bemærkninger\n", f"Godkendt uden bemærkninger\n{count}\n")
    assert [n for n, _t, _c, _o in _items(text)] == ["01", "02", "03"]


FIELD_TABLE = """\
2.      Indkaldelse af stedfortræder

Sagsnr.
450-2021-1234
Initialer
ABC
Åbent

Sagsfremstilling
Et medlem har forfald til mødet, og stedfortræderen indkaldes.

Indstilling
Det indstilles, at indkaldelsen godkendes.

Beslutning i Byrådet 24. november 2021:
Godkendt.
"""


def test_a_case_label_and_its_number_on_separate_lines_give_the_case_number():
    assert _items(FIELD_TABLE)[0][2] == "450-2021-1234"


def test_a_decision_heading_may_give_the_date_without_den():
    assert _items(FIELD_TABLE)[0][3] == "approved"


def test_a_label_over_a_line_of_other_text_gives_no_case_number():
    text = FIELD_TABLE.replace("450-2021-1234", "Se bilag 3")
    assert _items(text)[0][2] == ""


DOTLESS_CONTENTS = """\
Byrådet
Mandag den 13-09-2021 kl. 17:00
Indholdsfortegnelse:

Åbne
141 Forslag til lokalplan for boliger og butikker ved
Havnevej i Fjordby - endelig vedtagelse
142 Anlægsbevilling til ny daginstitution
143 Indkaldelse af stedfortræder

Lukkede
144 Køb af ejendom
Medlemmer:
Eva Holm
Ole Berg

141. Forslag til lokalplan for boliger og butikker ved Havnevej i Fjordby - endelig vedtagelse af planforslaget efter høringen
004512 - 2021/08811

Sagsfremstilling
Planforslaget har været i offentlig høring i otte uger.
"""


def test_a_contents_list_under_its_heading_may_number_without_dots():
    items = {number: (title, case) for number, title, case, _outcome in _items(DOTLESS_CONTENTS)}
    assert items["142"] == ("Anlægsbevilling til ny daginstitution", "")
    assert items["143"] == ("Indkaldelse af stedfortræder", "")


def test_a_document_and_case_number_under_a_long_heading_give_its_case_number():
    items = {number: (title, case) for number, title, case, _outcome in _items(DOTLESS_CONTENTS)}
    assert items["141"][1] == "2021/08811"
    assert items["141"][0].endswith("af planforslaget efter høringen")


PAGE_NUMBERS = """\
1 Referat
Bestyrelsen torsdag den 2. december 2021
2 Deltagere
Formand Eva Holm, Fjordby
3 Sager til beslutning
1. Godkendelse af dagsorden
Beslutning:
Godkendt.
"""


def test_numbers_without_dots_outside_a_contents_list_are_no_items():
    assert [(n, t) for n, t, _c, _o in _items(PAGE_NUMBERS)] == [("1", "Godkendelse af dagsorden")]
