"""Case IRIs: KL's case numbers name one case everywhere; another system's only within its body.

Invented minutes: a municipality's or a region's journal number ("11/629") is unique only in its own
system, so the same number in two bodies' minutes is two cases, while KL's "SAG-2019-01234" in two
documents is one.
"""

from samples import ITEMS, meeting_text

from kkrgraph.api import KnowledgeGraph
from kkrgraph.graph.iri import case_iri


def _minutes(body: str, date: str, case_line: str, second_case_line: str = "") -> str:
    second = (
        f"\n2. Budgetopfølgning\n{second_case_line}\n\nBeslutning\nUdvalget tog orienteringen til efterretning.\n"
        if second_case_line
        else ""
    )
    return (
        f"REFERAT\n{body.upper()}\nDato: {date}\nSted: Rådhuset\n\n"
        f"1. Godkendelse af lokalplan\n{case_line}\n\nSagsfremstilling\nForvaltningen har udarbejdet et forslag.\n\n"
        f"Beslutning\nUdvalget godkendte indstillingen.\n{second}"
    )


def _cases(tmp_path, texts: dict[str, str]) -> dict[str, set[str]]:
    """Case number → the case IRIs the graph gives it."""
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg = KnowledgeGraph.build([tmp_path], jobs=1)
    found: dict[str, set[str]] = {}
    for case, number in kg.sparql("SELECT ?c ?n WHERE { ?i kkr:case ?c . ?c kkr:caseNumber ?n }").rows:
        found.setdefault(number, set()).add(case)
    return found


def test_the_same_journal_number_in_two_bodies_is_two_cases(tmp_path):
    cases = _cases(
        tmp_path,
        {
            "a.txt": _minutes("Økonomiudvalget", "12-03-2019", "Sagsnr.: 11/629", "Sagsnr.: 11-629"),
            "b.txt": _minutes("Teknik- og Miljøudvalget", "14-03-2019", "Sagsnr.: 11/629"),
        },
    )
    assert len(cases["11/629"]) == 2  # one per body
    assert len(cases["11-629"]) == 1
    assert not cases["11-629"] & cases["11/629"]  # another spelling is another number


def test_the_same_kl_number_in_two_documents_is_one_case(tmp_path):
    cases = _cases(
        tmp_path,
        {
            "a.txt": _minutes("Økonomiudvalget", "12-03-2019", "SAG-2019-01234"),
            "b.txt": _minutes("Teknik- og Miljøudvalget", "14-03-2019", "SAG-2019-01234"),
        },
    )
    assert cases == {"SAG-2019-01234": {str(case_iri("SAG-2019-01234"))}}


def test_case_iris_keep_kl_numbers_and_scope_the_others():
    assert str(case_iri("SAG-2025-02399", "KKR Nordjylland")).endswith("/case/SAG-2025-02399")
    assert str(case_iri("11/629", "Økonomiudvalget")).endswith("/case/oekonomiudvalget/11_629")
    assert case_iri("11/629", "Økonomiudvalget") != case_iri("11/629", "Byrådet")


def test_recurring_cases_count_each_bodys_case_apart_on_both_routes(tmp_path):
    """Two registered bodies each treat their own "11/629" at two meetings; KKR treats KL's SAG-2024-00101 at two
    meetings (a body every town has, "Økonomiudvalget", keeps its number to the document: see
    test_review_fixes_structure.py).

    ``recurring_cases`` gives two "11/629" rows (two meetings each, not one row of four; told apart by the
    case IRI) and one SAG row (one case node, two meetings), from SPARQL and from the build's table alike.
    """
    from kkrgraph.cli import main

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name, body, date in (
        ("a1.txt", "Region Nordjylland", "12-03-2019"),
        ("a2.txt", "Region Nordjylland", "09-04-2019"),
        ("b1.txt", "Region Midtjylland", "14-03-2019"),
        ("b2.txt", "Region Midtjylland", "11-04-2019"),
    ):
        (corpus / name).write_text(_minutes(body, date, "Sagsnr.: 11/629"), encoding="utf-8")
    kkr = meeting_text(items=ITEMS[:1])  # KL's template: one item, case SAG-2024-00101
    (corpus / "k1.txt").write_text(kkr, encoding="utf-8")
    (corpus / "k2.txt").write_text(kkr.replace("5. marts 2024", "9. april 2024"), encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(out), "--jobs", "1", "--no-cache", "--formats", "nt,sqlite"]) == 0
    graph = out / "graph.nt"
    from_table = KnowledgeGraph.load(graph).sparql("recurring_cases")
    from_sparql = KnowledgeGraph.load(graph, tables=False).sparql("recurring_cases")
    assert from_table.columns[-1] == "case"
    assert from_table == from_sparql
    north, mid = (str(case_iri("11/629", body)) for body in ("Region Nordjylland", "Region Midtjylland"))
    cases = [row for row in from_sparql.records() if row["kind"] == "case number"]
    assert [(r["key"], r["meetings"], r["first_meeting"], r["last_meeting"], r["case"]) for r in cases] == [
        ("11/629", "2", "2019-03-14", "2019-04-11", mid),
        ("11/629", "2", "2019-03-12", "2019-04-09", north),
        ("SAG-2024-00101", "2", "2024-03-05", "2024-04-09", str(case_iri("SAG-2024-00101"))),
    ]


def test_meetings_of_unknown_bodies_on_one_day_stay_apart(tmp_path):
    """Without a body, a date alone does not make two documents one meeting (two towns' councils may meet that day)."""
    for name in ("a.txt", "b.txt"):
        text = f"REFERAT\nDato: 12-03-2019\nSted: Rådhuset\n\n1. Godkendelse af lokalplan {name[0]}\n\nBeslutning\nGodkendt.\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg = KnowledgeGraph.build([tmp_path], jobs=1)
    rows = kg.sparql("SELECT ?m ?body WHERE { ?m a kkr:Meeting . OPTIONAL { ?m kkr:body ?body } }").rows
    assert len({m for m, _ in rows}) == 2, rows
    assert not any(body for _, body in rows)  # the test is about body-less meetings


def test_two_towns_councils_meeting_on_one_day_are_two_meetings(tmp_path):
    """'Byrådet' names a body only within its town: two towns' council minutes of one day keep their own meeting
    and items, while a registered body's agenda and minutes of one day are one meeting."""
    for name, place in (("a.txt", "Nordby Rådhus"), ("b.txt", "Sydby Rådhus")):  # two towns: two texts
        text = _minutes("Byrådet", "12-03-2019", "Sagsnr.: 11/629").replace("Rådhuset", place)
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg = KnowledgeGraph.build([tmp_path], jobs=1)
    meetings = kg.sparql("SELECT DISTINCT ?m WHERE { ?m a kkr:Meeting }").rows
    items = kg.sparql("SELECT DISTINCT ?i WHERE { ?i a kkr:AgendaItem }").rows
    assert len(meetings) == 2 and len(items) == 2


def test_a_body_in_the_users_registry_names_one_meeting_everywhere(tmp_path):
    """With the body in a user registry, its agenda and minutes of one day are one meeting; without, two."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, place in (("dagsorden.txt", "Mødelokale 1"), ("referat.txt", "Mødelokale 2")):
        text = _minutes("Fritidsudvalget", "12-03-2019", "Sagsnr.: 11/629").replace("Rådhuset", place)
        (corpus / name).write_text(text, encoding="utf-8")
    registry = tmp_path / "registry.jsonl"
    registry.write_text('{"name": "Fritidsudvalget", "aliases": [], "type": "committee"}\n', encoding="utf-8")

    def meetings(**options) -> int:
        kg = KnowledgeGraph.build([corpus], jobs=1, **options)
        return len(kg.sparql("SELECT DISTINCT ?m WHERE { ?m a kkr:Meeting }").rows)

    assert meetings() == 2
    assert meetings(registries=[registry]) == 1
