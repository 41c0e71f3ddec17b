"""Items of contents lists that lost their numbers, vouched for by the items' headings further on.

Each text is invented. A contents list extracted with one line per page runs its titles together without numbers,
grouped under headings ("Sager til beslutning:"); where its first title recurs after it as a numbered heading
("1. Takster for 2022"), the list is the meeting's items, numbered from there by their places. A web agenda's
contents numbered without dots may list the closed items apart, after a group's heading, with a number that
fills a gap in the open ones.
"""

from __future__ import annotations

from samples import normalised_and_parsed

from kkrgraph.structure.template import load_template


def _items(raw: str) -> list[tuple[str, str]]:
    _text, parsed = normalised_and_parsed(raw)
    return [(i.number, i.title) for i in parsed.items]


def _pages(contents: str, heading: str) -> str:
    return f"""\
Fjordby Trafik Bestyrelse. Referat. Onsdag den 3. marts 2021

Deltagere:
Formand Ole Berg, Fjordby
Næstformand Eva Lund, Havby
Bestyrelsesmedlem Jens Holm, Søby

2 {contents} Side 2 af 12

3 Sager til beslutning: {heading} Resumé: Taksterne reguleres hvert år efter prisudviklingen, og bestyrelsen \
fastsætter dem for det kommende år på dette møde.
"""


GROUPED = (
    "DAGSORDEN: Sager til beslutning: Takster for 2022 Nye stoppesteder på Havbyvej Udbud af kørsel med "
    "lavgulvsbusser (LGB2) Sager til drøftelse: Sager til orientering: Status for rejsekort på stationerne "
    "Meddelelser Eventuelt"
)


def test_an_unnumbered_contents_list_whose_first_title_recurs_numbered_is_read_by_place():
    assert _items(_pages(GROUPED, "1. Takster for 2022")) == [
        ("1", "Takster for 2022"),
        ("2", "Nye stoppesteder på Havbyvej"),  # a capital after a preposition begins a name in the title
        ("3", "Udbud af kørsel med lavgulvsbusser (LGB2)"),
        ("4", "Status for rejsekort på stationerne"),
        ("5", "Meddelelser"),  # one-word titles run together are told apart by their capitals
        ("6", "Eventuelt"),
    ]


def test_the_recurring_heading_gives_the_lists_first_number():
    assert [n for n, _t in _items(_pages(GROUPED, "41. Takster for 2022"))] == ["41", "42", "43", "44", "45", "46"]


def test_an_unnumbered_list_whose_titles_never_recur_is_no_list_of_items():
    assert _items(_pages(GROUPED, "Takster for 2022")) == []


CLOSED_APART = """\
Byrådet
Mandag den 25-09-2017 kl. 17:00

Indholdsfortegnelse:

Åbne
101 Godkendelse af regnskab for havnen
102 Forslag til lokalplan for boliger ved
Stationsvej i Søby
104 Budgetopfølgning

Lukkede
103 Køb af ejendom
Medlemmer:

Ole Berg Eva Lund
Jens Holm Karen Dahl
"""


def test_a_closed_item_listed_apart_fills_the_gap_in_the_numbers_of_the_open_ones():
    assert sorted(_items(CLOSED_APART)) == [
        ("101", "Godkendelse af regnskab for havnen"),
        ("102", "Forslag til lokalplan for boliger ved Stationsvej i Søby"),
        ("103", "Køb af ejendom"),
        ("104", "Budgetopfølgning"),
    ]


def test_an_unnumbered_list_is_vouched_for_by_a_second_recurring_title_or_its_closing_item():
    # neither the second title recurs ("2. Nye stoppesteder ...") nor is the last the closing item: the first may
    # recur by chance
    without_closing = GROUPED.replace(" Eventuelt", "")
    assert _items(_pages(without_closing, "1. Takster for 2022")) == []
    both = _pages(without_closing, "1. Takster for 2022") + "\n2. Nye stoppesteder på Havbyvej\n"
    assert [n for n, _t in _items(both)] == ["1", "2", "3", "4", "5"]


CONTENTS_IN_A_RECORD = """\
Referat
Vejudvalget, mødet den 3. marts 2021

1. Godkendelse af dagsorden
Beslutning:
Godkendt.

2. Vejplan for 2022
Sagsfremstilling:
Sagens indhold: Cykelstier Belysning Parkering Skilte
Beslutning:
Godkendt.

3. Cykelstier
Beslutning:
Godkendt.
"""


def test_contents_words_in_an_items_record_make_no_list_of_items():
    assert _items(CONTENTS_IN_A_RECORD) == [("1", "Godkendelse af dagsorden"), ("2", "Vejplan for 2022"), ("3", "Cykelstier")]


def test_a_page_number_starts_a_word():
    page_number = load_template().page_number
    assert page_number.search("Takster for 2022 Side 2 af 12").group() == "Side 2 af 12"
    assert page_number.search("Vejledning til FORSIDE 2") is None
