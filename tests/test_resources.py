"""Tests for kkrgraph.resources: bundled Danish resources and their lookups."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files

import pytest

from kkrgraph.resources import Municipality, OrganisationEntry, RoleTerm, load_resources


@pytest.fixture(scope="module")
def res():
    return load_resources()


def test_data_files_are_package_resources():
    text = (files("kkrgraph") / "data" / "municipalities.csv").read_text(encoding="utf-8")
    assert text.startswith("name,short,region,kkr,code")


def test_municipality_counts_per_kkr(res):
    counts = Counter(m.kkr for m in res.municipalities)
    assert counts == {
        "KKR Nordjylland": 11,
        "KKR Midtjylland": 19,
        "KKR Syddanmark": 22,
        "KKR Sjælland": 17,
        "KKR Hovedstaden": 29,
    }
    assert len(res.municipalities) == 98


def test_municipality_names_codes_unique(res):
    names = [m.name for m in res.municipalities]
    shorts = [m.short for m in res.municipalities]
    codes = [m.code for m in res.municipalities]
    assert len(set(names)) == len(set(shorts)) == len(set(codes)) == 98
    assert all(len(c) == 3 and c.isdigit() for c in codes)
    assert {m.region for m in res.municipalities} == {r.name for r in res.regions}
    assert all(r.region == r.name and r.code == "" for r in res.regions)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aalborg Kommune", "Aalborg Kommune"),
        ("Aalborg", "Aalborg Kommune"),
        ("Aalborg Kommunes", "Aalborg Kommune"),
        ("aalborg kommune", "Aalborg Kommune"),
        ("Hjørrings", "Hjørring Kommune"),
        ("København", "Københavns Kommune"),
        ("Københavns Kommune", "Københavns Kommune"),
        ("Bornholm", "Bornholms Regionskommune"),
        ("Århus", "Aarhus Kommune"),
        ("Lyngby-Taarbæk", "Lyngby-Taarbæk Kommune"),
        ("Vesthimmerland", "Vesthimmerlands Kommune"),
    ],
)
def test_municipality_lookup(res, text, name):
    hit = res.municipality(text)
    assert isinstance(hit, Municipality)
    assert hit.name == name


def test_municipality_unknown(res):
    assert res.municipality("Christiansø") is None
    assert res.municipality("") is None
    assert res.municipality("Hjgrring") is None  # OCR repair is not this module's job


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BRN", "Business Region North Denmark"),
        ("BRN's", "Business Region North Denmark"),
        ("Business Region North", "Business Region North Denmark"),
        ("DEB", "Danmarks Erhvervsfremmebestyrelse"),
        ("KL's", "Kommunernes Landsforening"),
        ("KL", "Kommunernes Landsforening"),
        ("KKR Nordjyllands", "KKR Nordjylland"),
        ("Kommunekontaktråd Sjælland", "KKR Sjælland"),
        ("kkr hovedstaden", "KKR Hovedstaden"),
        ("FRO", "Fonden for Retfærdig Omstilling"),
        ("UCN", "Professionshøjskolen University College Nordjylland"),
        ("Region Nordjyllands", "Region Nordjylland"),
        ("STAR", "Styrelsen for Arbejdsmarked og Rekruttering"),
    ],
)
def test_organisation_lookup(res, text, name):
    hit = res.organisation(text)
    assert isinstance(hit, OrganisationEntry)
    assert hit.name == name


def test_short_acronyms_need_capitals(res):
    assert res.organisation("kl") is None
    assert res.organisation("au") is None
    assert res.organisation("Ukendt Forening") is None


def test_organisation_registry_consistent(res):
    names = [o.name for o in res.organisations]
    assert len(names) == len(set(names))
    assert len(names) >= 120
    for o in res.organisations:
        assert not o.parent or o.parent in names, o
    assert {o.name for o in res.organisations if o.type == "kkr"} == {m.kkr for m in res.municipalities}
    assert {o.name for o in res.organisations if o.type == "region"} == {r.name for r in res.regions}


@pytest.mark.parametrize(
    ("word", "base", "category"),
    [
        ("formanden", "formand", "political"),
        ("Formand", "formand", "political"),
        ("næstformænd", "næstformand", "political"),
        ("borgmestrene", "borgmester", "political"),
        ("kommunaldirektøren", "kommunaldirektør", "administrative"),
        ("adm. direktør", "administrerende direktør", "administrative"),
        ("medlemmerne", "medlem", "membership"),
        ("suppleanter", "suppleant", "membership"),
        ("miljøministeren", "miljøminister", "government"),
        ("beskæftigelsesministers", "beskæftigelsesminister", "government"),
    ],
)
def test_role_inflection(res, word, base, category):
    term = res.role(word)
    assert isinstance(term, RoleTerm)
    assert (term.base, term.category) == (base, category)
    assert word.lower() in term.forms


def test_role_compounds_of_every_suffix_form(res):
    """Every inflected form of a compound-suffix term is found after a prefix, with the compound's base
    ("klimakoordinatorerne" → "klimakoordinator"), whatever the form's last letter."""
    forms = [(form, term) for term in res.roles if term.compound_suffix for form in term.forms]
    assert len({form[-1] for form, _ in forms}) > 3
    for form, term in forms:
        hit = res.role("klima" + form)
        assert hit is not None, form
        assert (hit.base, hit.category) == ("klima" + term.base, term.category)
    assert res.role("klimahansen") is None


def test_role_rejects_non_roles(res):
    assert res.role("møde") is None
    assert res.role("udleder") is None
    assert res.role("") is None


def test_role_vocabulary_has_contract_bases(res):
    bases = {t.base for t in res.roles}
    assert {"formand", "næstformand", "borgmester", "direktør", "kommunaldirektør", "rådmand", "medlem", "repræsentant"} <= bases


def test_names(res):
    assert {"Jørgen", "Søren", "Mette", "Anne", "Lars"} <= res.first_names
    assert {"Jensen", "Nielsen", "Sørensen"} <= res.surnames
    assert "jørgen" not in res.first_names  # as spelled


def test_parties(res):
    letters = {p.letter: p.name for p in res.parties}
    assert letters["A"] == "Socialdemokratiet"
    assert letters["V"] == "Venstre"
    assert letters["Ø"] == "Enhedslisten"
    assert len(letters) == len(res.parties)


def test_is_word(res):
    assert res.is_word("møde")
    assert res.is_word("Møde")
    assert res.is_word("formanden")
    assert not res.is_word("mgde")
    assert not res.is_word("Hjgrring")


def test_user_registry_jsonl_extends_and_replaces(tmp_path, res):
    reg = tmp_path / "mine.jsonl"
    lines = [
        {"name": "Nordjysk Testråd", "aliases": ["NTR", "Testrådet"], "type": "council"},
        {"name": "Business Region North Denmark", "aliases": ["BRND"], "type": "business"},
    ]
    reg.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    ext = load_resources([reg])
    assert ext.organisation("NTR").name == "Nordjysk Testråd"
    assert ext.organisation("testrådets").name == "Nordjysk Testråd"
    assert ext.organisation("BRND").aliases == ("BRND",)
    assert ext.organisation("BRN") is None  # the bundled entry was replaced
    assert len(ext.organisations) == len(res.organisations) + 1
    assert res.organisation("NTR") is None  # the default resources are untouched


def test_user_registry_csv(tmp_path):
    reg = tmp_path / "mine.csv"
    reg.write_text("name,aliases,type\nTestforeningen Nord,TFN;Testforeningen,association\n", encoding="utf-8")
    ext = load_resources([reg])
    assert ext.organisation("TFN's").name == "Testforeningen Nord"
    assert ext.organisation("Testforeningen").type == "association"


@pytest.mark.parametrize(
    ("suffix", "content", "line"),
    [
        (".jsonl", '{"name": "A", "aliases": [], "type": "council"}\n{"name": "B", "aliases": [\n', 2),
        (".jsonl", '{"name": "A", "aliases": [], "type": "planet"}\n', 1),
        (".jsonl", '\n{"aliases": ["X"], "type": "council"}\n', 2),
        (".csv", "name,aliases,type\nA,X,council\nB,Y,nonsense\n", 3),
    ],
)
def test_malformed_user_registry(tmp_path, suffix, content, line):
    reg = tmp_path / f"bad{suffix}"
    reg.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"bad{suffix}, line {line}")):
        load_resources([reg])


def test_missing_user_registry(tmp_path):
    with pytest.raises(ValueError, match=r"nope\.jsonl"):
        load_resources([tmp_path / "nope.jsonl"])
