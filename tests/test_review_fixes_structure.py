"""Meeting metadata and outcomes on invented texts: postponements, body names in headings, the document's
type beside an item's title, and case numbers of bodies every municipality has."""

import pytest

from kkrgraph.api import KnowledgeGraph
from kkrgraph.resources import load_resources
from kkrgraph.structure.parse import classify_outcome, parse_document

_ITEMS = (
    "\n\n1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
    "2. Budgetopfølgning\n\nBeslutning\nUdvalget tog orienteringen til efterretning.\n"
)


@pytest.mark.parametrize(
    "decision",
    [
        "Udvalget godkendte at udsætte fristen til 1. juni.",
        "Godkendt. Byggeriet udsættes til 2021.",
        "Indstillingen blev godkendt, idet ansøgningsfristen udsættes en måned.",
    ],
)
def test_postponing_something_else_is_what_was_approved(decision):
    assert classify_outcome(decision) == "approved"


@pytest.mark.parametrize(
    "decision",
    [
        "Sagen udsættes.",
        "Punktet blev udsat til næste møde.",
        "Udvalget godkendte dagsordenen, men besluttede at udsætte sagen.",
        "Udvalget besluttede at udsætte sagens behandling.",
        "Udvalget drøftede sagen og besluttede at udsætte den.",
        "Udsat til næste møde.",
        "Udvalget drøftede forslaget. Udsat.",
    ],
)
def test_postponing_the_item_decided_nothing(decision):
    assert classify_outcome(decision) == "other"


def test_exposure_is_no_postponement():
    assert classify_outcome("Borgerne er udsat for støj. Udvalget godkendte planen.") == "approved"


def _meeting(head: str, items: str = _ITEMS):
    return parse_document(head + items, "invented.txt", resources=load_resources()).meeting


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("Referat fra mødet i Økonomiudvalget, Tirsdag 4. marts 2019", "Økonomiudvalget"),
        ("Referat fra mødet i Byrådet Mandag den 4. marts 2019", "Byrådet"),
        ("Referat fra mødet i Byrådet, Rådhuset", "Byrådet"),
        ("Referat fra mødet i Teknisk Udvalg Marts 2019", "Teknisk Udvalg"),
        ("Teknisk Udvalg - Referat - 4. marts 2019", "Teknisk Udvalg"),
        ("Referat fra mødet i Udvalget for Teknik og Miljø den 4. marts 2019", "Udvalget for Teknik og Miljø"),
    ],
)
def test_a_heading_names_the_body_up_to_a_comma_weekday_or_month(head, body):
    assert _meeting(head).body == body


@pytest.mark.parametrize("head", ["Bilag - Referat fra sidste møde", "Side - Referat", "Punkt - Dagsorden"])
def test_a_heading_word_that_is_no_body_names_none(head):
    assert _meeting(head).body == ""


def test_an_item_title_in_a_contents_list_does_not_type_the_document():
    contents = "Dagsordenens punkter\nPunkt 1 Godkendelse af dagsorden\nPunkt 2 Orientering fra KKR, referat fra mødet 1. marts\n"
    items = (
        "\n\n1. Godkendelse af dagsorden\n\nForslag til beslutning\nAt dagsordenen godkendes.\n\n"
        "2. Orientering fra KKR, referat fra mødet 1. marts\n\nSagsfremstilling\nKKR har holdt møde.\n"
    )
    assert _meeting("Økonomiudvalget\n" + contents, items).doc_type == "dagsorden"
    assert _meeting("Økonomiudvalget - Referat\n" + contents, items).doc_type == "referat"


def _minutes(town: str, body: str, date: str) -> str:
    return (
        f"REFERAT\n{body.upper()}\n{town} Kommune\nDato: {date}\nSted: Rådhuset\n\n"
        "1. Godkendelse af lokalplan\nSagsnr.: 11/629\n\nSagsfremstilling\nForvaltningen har udarbejdet et forslag.\n\n"
        "Beslutning\nUdvalget godkendte indstillingen.\n"
    )


def _case_iris(tmp_path, texts: dict[str, str]) -> set[str]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg = KnowledgeGraph.build([tmp_path], jobs=1)
    return {case for (case,) in kg.sparql('SELECT ?c WHERE { ?i kkr:case ?c . ?c kkr:caseNumber "11/629" }').rows}


def test_two_towns_byraad_keep_their_own_case(tmp_path):
    """Every town has its "Byrådet": the name is no one body, so its journal number stays the document's."""
    cases = _case_iris(
        tmp_path, {"a.txt": _minutes("Aarhus", "Byrådet", "12-03-2019"), "b.txt": _minutes("Odense", "Byrådet", "14-03-2019")}
    )
    assert len(cases) == 2


def test_a_registered_body_keeps_one_case_across_its_documents(tmp_path):
    cases = _case_iris(
        tmp_path,
        {
            "a.txt": _minutes("Aalborg", "KKR Nordjylland", "12-03-2019"),
            "b.txt": _minutes("Aalborg", "KKR Nordjylland", "14-05-2019"),
        },
    )
    assert len(cases) == 1
