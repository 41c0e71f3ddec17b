"""The evaluation: scoring on tiny hand-made gold/system sets, then the sample corpus against tests/gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kkrgraph.cli import main
from kkrgraph.evaluate import (
    KINDS,
    Score,
    SystemDocument,
    default_gold_dir,
    evaluate,
    load_gold,
    norm_name,
    norm_title,
    parse_gold,
    score_document,
)

GOLD_DIR = Path(__file__).parent / "gold"


def scored(gold: dict, kind: str, **system):
    """Score one kind of a hand-made gold dict against system facts given as plain strings."""
    result = score_document(parse_gold({"document": "x.txt", **gold}), SystemDocument("x.txt", **system))
    return result.result(kind)


# -- normalisation ----------------------------------------------------------------------------------------
def test_names_compare_case_and_hyphen_insensitively():
    assert norm_name("Per Bach-Laursen") == norm_name("per  bach laursen") == norm_name(" PER BACH‐LAURSEN ")


def test_names_keep_danish_letters_and_genitives():
    assert norm_name("Niels Jgrgen Pedersen") != norm_name("Niels Jørgen Pedersen")  # unrepaired OCR is wrong
    assert norm_name("KKR Nordjyllands") != norm_name("KKR Nordjylland")  # an unresolved genitive is wrong


def test_titles_unify_dash_variants():
    assert norm_title("Børnehus Nord – budget") == norm_title("Børnehus Nord — budget") == norm_title("børnehus nord - budget")
    assert norm_title("Siden Sidst") == norm_title("Siden  sidst")


# -- scores -----------------------------------------------------------------------------------------------
def test_score_arithmetic_and_empty_conventions():
    assert (Score(3, 0, 0).precision, Score(3, 0, 0).recall, Score(3, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert Score(0, 0, 0).f1 == 1.0  # nothing due, nothing claimed
    assert Score(0, 0, 2).f1 == 0.0  # nothing found
    assert Score(0, 2, 0).f1 == 0.0  # only wrong claims
    assert Score(1, 2, 3) + Score(1, 0, 1) == Score(2, 2, 4)


def test_perfect_people_score_one():
    result = scored({"people": ["Anna Aaen", "Jes Lunde"]}, "people", people=[("Jes Lunde",), ("Anna Aaen",)])
    assert result.score == Score(2, 0, 0)
    assert result.score.f1 == 1.0
    assert result.false_positives == result.false_negatives == ()


def test_one_miss_gives_exact_precision_recall_f1():
    gold = {"people": ["Anna Aaen", "Jes Lunde", "Lars Rem"]}
    result = scored(gold, "people", people=[("Anna Aaen",), ("Jes Lunde",)])
    assert result.score == Score(2, 0, 1)
    assert result.score.precision == 1.0
    assert result.score.recall == pytest.approx(2 / 3)
    assert result.score.f1 == pytest.approx(0.8)
    assert result.false_negatives == ("Lars Rem",)


def test_one_miss_and_one_false_alarm():
    gold = {"people": ["Anna Aaen", "Jes Lunde", "Lars Rem", "Jesper Greth"]}
    system = [("Anna Aaen",), ("Jes Lunde",), ("Lars Rem",), ("Lars Rems",)]
    result = scored(gold, "people", people=system)
    assert result.score == Score(3, 1, 1)
    assert (result.score.precision, result.score.recall, result.score.f1) == (0.75, 0.75, 0.75)
    assert result.false_positives == ("Lars Rems",)
    assert result.false_negatives == ("Jesper Greth",)


def test_hyphen_and_space_spellings_of_a_person_match():
    gold = {"people": ["Per Bach-Laursen", "Mai-Britt Beith"]}
    result = scored(gold, "people", people=[("Per Bach Laursen",), ("Mai Britt Beith",)])
    assert result.score == Score(2, 0, 0)


def test_duplicate_system_facts_count_once():
    result = scored({"people": ["Jes Lunde"]}, "people", people=[("Jes Lunde",), ("jes  lunde",)])
    assert result.score == Score(1, 0, 0)


# -- organisations and aliases ----------------------------------------------------------------------------
ORGS = {
    "organisations": [
        {"name": "Business Region North Denmark", "aliases": ["BRN"]},
        {"name": "KL", "aliases": []},
        {"name": "Den Administrative Styregruppe", "aliases": ["DAS"]},
    ]
}


def test_system_name_matches_a_gold_alias_and_gold_name_matches_a_system_alias():
    system = [
        ("BRN", ()),  # system name = gold alias
        ("Kommunernes Landsforening", ("KL",)),  # gold name = system alias
        ("Den administrative styregruppe", ()),  # gold name, other case
    ]
    result = scored(ORGS, "organisations", organisations=[(n,) for n, _ in system[:1] + system[2:]])
    assert result.score == Score(2, 0, 1)
    assert result.false_negatives == ("KL",)
    full = SystemDocument("x.txt", organisations=[(_org(n, a),) for n, a in system])
    assert score_document(parse_gold({"document": "x.txt", **ORGS}), full).result("organisations").score == Score(3, 0, 0)


def _org(name: str, aliases: tuple[str, ...]):
    from kkrgraph.evaluate import Name, norm_name

    return Name(norm_name(name), frozenset(norm_name(a) for a in aliases), name)


def test_alias_never_matches_alias():
    gold = {"organisations": [{"name": "Den Administrative Styregruppe på Socialområdet", "aliases": ["DAS"]}]}
    system = SystemDocument("x.txt", organisations=[(_org("Dansk Arkitektur Samvirke", ("DAS",)),)])
    result = score_document(parse_gold({"document": "x.txt", **gold}), system).result("organisations")
    assert result.score == Score(0, 1, 1)


def test_two_unmerged_system_entities_for_one_body_cost_a_false_positive():
    result = scored(ORGS, "organisations", organisations=[("BRN",), ("Business Region North Denmark",)])
    assert result.score.tp == 1
    assert result.score.fp == 1


def test_matching_is_maximal_not_greedy():
    # "AL" could take the first gold body (as its alias) and leave the second unmatched; the best matching
    # pairs Alpha with Alpha and AL with AL.
    gold = {"organisations": [{"name": "Alpha", "aliases": ["AL"]}, {"name": "AL", "aliases": []}]}
    result = scored(gold, "organisations", organisations=[("AL",), ("Alpha",)])
    assert result.score == Score(2, 0, 0)


# -- roles, attendance, agenda, outcomes ------------------------------------------------------------------
def test_roles_need_person_role_and_organisation_with_aliases():
    gold = {
        **ORGS,
        "roles": [
            {"person": "Per Bach-Laursen", "role": "formand", "organisation": "Business Region North Denmark"},
            {"person": "Henrik Aarup-Kristensen", "role": "formand", "organisation": "Den Administrative Styregruppe"},
            {"person": "Magnus Heunicke", "role": "miljøminister", "organisation": ""},
        ],
    }
    system = [
        ("Per Bach Laursen", "Formand", "BRN"),  # alias, case of the role, hyphen as space
        ("Henrik Aarup-Kristensen", "direktør", "DAS"),  # wrong role
        ("Magnus Heunicke", "miljøminister", ""),  # no organisation, as in the gold
    ]
    result = scored(gold, "roles", roles=system)
    assert result.score == Score(2, 1, 1)
    assert result.false_positives == ("Henrik Aarup-Kristensen | direktør | DAS",)
    assert result.false_negatives == ("Henrik Aarup-Kristensen | formand | Den Administrative Styregruppe",)


def test_role_without_its_organisation_is_wrong():
    gold = {"roles": [{"person": "Morten Mandøe", "role": "cheføkonom", "organisation": "KL"}]}
    assert scored(gold, "roles", roles=[("Morten Mandøe", "cheføkonom", "")]).score == Score(0, 1, 1)


def test_attendance_needs_every_field():
    gold = {
        "attendance": [
            {"person": "Anna Aaen", "party": "Ø", "municipality": "Aalborg Kommune", "status": "absent"},
            {"person": "Jes Lunde", "party": "B", "municipality": "Aalborg Kommune", "status": "present"},
        ]
    }
    system = [("Anna Aaen", "Ø", "Aalborg Kommune", "present"), ("Jes Lunde", "B", "Aalborg Kommune", "present")]
    assert scored(gold, "attendance", attendance=system).score == Score(1, 1, 1)


def test_agenda_items_compare_titles_normalised_and_outcomes_only_where_decided():
    gold = {
        "agenda_items": [
            {"item": "3.4", "title": "Børnehus Nord – budget 2024", "case_number": "SAG-2023-04928", "outcome": "discussed"},
            {"item": "4", "title": "Eventuelt", "case_number": "", "outcome": ""},
        ]
    }
    items = [("3.4", "børnehus Nord - budget  2024", "SAG-2023-04928"), ("4", "Eventuelt", "")]
    assert scored(gold, "agenda_items", agenda_items=items).score == Score(2, 0, 0)
    assert scored(gold, "outcomes", outcomes=[("3.4", "discussed")]).score == Score(1, 0, 0)
    assert scored(gold, "outcomes", outcomes=[("3.4", "noted"), ("4", "other")]).score == Score(0, 2, 1)


# -- gold files -------------------------------------------------------------------------------------------
def test_malformed_gold_is_reported_with_its_file_name(tmp_path):
    with pytest.raises(ValueError, match="without a 'document'"):
        parse_gold({"people": []})
    (tmp_path / "bad.json").write_text('{"document": "a.txt", "people": [', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text('{"document": "a.txt", "roles": [{"person": "X"}]}', "utf-8")
    with pytest.raises(ValueError, match="malformed gold annotation"):
        load_gold(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "nowhere")


def test_bundled_gold_files_parse_and_are_found_from_a_checkout():
    gold = load_gold(GOLD_DIR)
    assert [g.document for g in gold] == [
        "000_126ae2075930ab26.txt",
        "002_d8366a9f1015045a.txt",
        "003_af7a03fe60365536.txt",
        "004_f2e8d9c10356d3fa.txt",
    ]
    assert all(g.people and g.organisations and g.agenda_items for g in gold)
    assert default_gold_dir(Path(__file__).parent) == GOLD_DIR.resolve()


# -- the sample corpus ------------------------------------------------------------------------------------
# FOR THE OTHERS: these are regression floors, not targets. Each kind that meets the threshold
# (people, municipalities >= 0.9, organisations >= 0.8, roles >= 0.75) is pinned at that threshold, and the
# parser's kinds (attendance, agenda items, outcomes) at the score measured on 2026-11-23 minus a small
# margin. When you improve a kind, raise its floor here; if your change lowers a score below a floor, look at
# `kkrgraph evaluate --details` before touching the number. Scores then (micro F1): people 0.993,
# organisations 0.800, municipalities 0.984, roles 0.943, attendance 1.000, agenda items 0.978, outcomes 0.971.
# Organisations sit exactly on the 0.8, so a single extra false positive fails; not pinned for now.
FLOORS = {
    "people": 0.9,
    "municipalities": 0.9,
    "roles": 0.75,
    "attendance": 0.98,
    "agenda_items": 0.95,
    "outcomes": 0.94,
}


@pytest.fixture(scope="module")
def sample_evaluation(sample_kg):
    return evaluate(sample_kg, load_gold(GOLD_DIR))


def test_every_annotated_document_is_in_the_sample_graph(sample_evaluation):
    assert sample_evaluation.missing == ()
    assert len(sample_evaluation.documents) == 4


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_sample_corpus_scores_stay_above_their_floors(sample_evaluation, kind):
    score = sample_evaluation.overall(kind)
    details = [(d.document, d.result(kind).false_positives, d.result(kind).false_negatives) for d in sample_evaluation.documents]
    assert score.f1 >= FLOORS[kind], f"{kind}: F1 {score.f1:.3f} < {FLOORS[kind]} ({score}); FP/FN: {details}"


def test_evaluate_command_prints_json_with_every_kind(sample_output, capsys):
    assert main(["evaluate", "--graph", str(sample_output / "graph.ttl"), "--gold", str(GOLD_DIR), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["overall"]) == list(KINDS)
    assert report["overall"]["attendance"]["tp"] == 45
    assert report["documents"][0]["document"] == "000_126ae2075930ab26.txt"
    assert "false_negatives" in report["documents"][0]["scores"]["people"]


def test_evaluate_command_usage_errors(sample_output, tmp_path, capsys):
    assert main(["evaluate", "--graph", str(sample_output / "graph.ttl"), "--gold", str(tmp_path)]) == 2
    assert "no gold annotations" in capsys.readouterr().err
    assert main(["evaluate", "--graph", str(tmp_path / "none.ttl"), "--gold", str(GOLD_DIR)]) == 2


# -- joining meeting facts to documents -------------------------------------------------------------------
def test_meeting_facts_are_the_named_queries_facts(sample_kg):
    # the evaluation's own meeting-keyed queries must score what the contract's named queries show
    from kkrgraph.evaluate import meeting_facts

    ours = {kind: set() for kind in ("attendance", "agenda_items", "roles")}
    for by_kind in meeting_facts(sample_kg).values():
        for kind in ours:
            ours[kind] |= {tuple(v.key for v in fact) for fact in by_kind[kind]}
    named = {
        "attendance": {
            (norm_name(r["person"]), r["party"], norm_name(r["municipality"]), r["status"])
            for r in sample_kg.sparql("attendance").records()
        },
        "agenda_items": {(r["item"], norm_title(r["title"]), r["case_number"]) for r in sample_kg.sparql("agenda").records()},
        "roles": {
            (norm_name(r["person"]), r["role"].casefold(), norm_name(r["organisation"]) if r["organisation"] else "")
            for r in sample_kg.sparql("roles").records()
        },
    }
    assert all(ours[kind] for kind in ours)
    assert ours == named


def test_two_undated_documents_are_scored_against_their_own_meetings(tmp_path):
    # neither text has a date: joined by date, each document would be charged with the other's participants
    from kkrgraph.api import KnowledgeGraph
    from kkrgraph.evaluate import system_documents

    template = (
        "1. Godkendelse af dagsorden\n\nBeslutning\n\nTilstede var:\nBorgmester {0}\nBorgmester {1}\n\n"
        "Afbud fra:\nBorgmester {2} pga. ferie.\n\nDagsordenen blev godkendt.\n"
    )
    (tmp_path / "a.txt").write_text(template.format("Ivar Holm", "Lotte Brink", "Rita Moe"), "utf-8")
    (tmp_path / "b.txt").write_text(template.format("Finn Lund", "Karen Bak", "Sven Kolding"), "utf-8")
    systems = system_documents(KnowledgeGraph.build([tmp_path], jobs=1))
    assert {f[0].key for f in systems["a.txt"].attendance} == {"ivar holm", "lotte brink", "rita moe"}
    assert {f[0].key for f in systems["b.txt"].attendance} == {"finn lund", "karen bak", "sven kolding"}
    gold = parse_gold({
        "document": "b.txt",
        "attendance": [
            {"person": "Finn Lund", "status": "present"},
            {"person": "Karen Bak", "status": "present"},
            {"person": "Sven Kolding", "status": "absent"},
        ],
    })  # fmt: skip
    assert score_document(gold, systems["b.txt"]).result("attendance").score == Score(3, 0, 0)
