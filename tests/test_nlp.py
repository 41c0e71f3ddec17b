"""Hard cases of the nlp stage on Danish minute sentences (blank "da" tokenizer + rule components)."""

from __future__ import annotations

import pytest

from kkrgraph.nlp import analyse_document, build_pipeline
from kkrgraph.structure.model import AgendaItem, Meeting, ParsedDocument, Section, TextSpan


@pytest.fixture(scope="module")
def nlp():
    from kkrgraph.resources import load_resources

    return build_pipeline(load_resources())


def _doc(text: str, title: str = "Siden sidst") -> ParsedDocument:
    span = TextSpan(0, len(text))
    item = AgendaItem("2.1", title, span, TextSpan(0, 0), sections=(Section("Sagsfremstilling", text, span),))
    return ParsedDocument("t.txt", text, Meeting("KKR Nordjylland", "", "referat"), items=(item,))


def _roles(nlp, text: str, title: str = "Siden sidst") -> set[tuple[str, str, str]]:
    a = analyse_document(_doc(text, title), nlp)
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in a.roles}


def test_role_before_name_with_definition(nlp):
    roles = _roles(nlp, "Formand for BRN (Business Region North Denmark), Per Bach-Laursen, gi-\nver en kort orientering.")
    assert roles == {("Per Bach-Laursen", "formand", "BRN")}


def test_two_roles_after_name(nlp):
    text = "Henrik Aarup-Kristensen, direktør i Brønderslev Kommune og formand for DAS, orienterede."
    assert _roles(nlp, text) == {
        ("Henrik Aarup-Kristensen", "direktør", "Brønderslev Kommune"),
        ("Henrik Aarup-Kristensen", "formand", "DAS"),
    }


def test_two_roles_before_name_short_municipality(nlp):
    text = "På mødet deltager borgmester i Aarhus og næstformand i KL, Jacob Bundsgaard, under punktet."
    assert _roles(nlp, text) == {("Jacob Bundsgaard", "borgmester", "Aarhus"), ("Jacob Bundsgaard", "næstformand", "KL")}


def test_genitive_and_representative(nlp):
    text = "KKR Nordjyllands repræsentant i DEB, Niels Jørgen Pedersen, giver en kort orientering."
    a = analyse_document(_doc(text), nlp)
    assert {(r.person.name, r.role, r.organisation.name) for r in a.roles} == {("Niels Jørgen Pedersen", "repræsentant", "DEB")}
    assert "KKR Nordjylland" in {m.name for m in a.mentions if m.kind == "organisation"}


def test_plural_role_noun(nlp):
    text = (
        "På mødet deltager KlimaNord-sekretariatet ved klimakoordinatorerne Anna-Marie Elmkær Chwastek, "
        "Zacharias Brix Madsen og Tore Bach Nielsen, som fortæller om indsatserne."
    )
    roles = _roles(nlp, text)
    assert {p for p, r, _ in roles if r == "klimakoordinator"} == {
        "Anna-Marie Elmkær Chwastek",
        "Zacharias Brix Madsen",
        "Tore Bach Nielsen",
    }


def test_role_without_organisation_and_title_with_org_after(nlp):
    assert _roles(nlp, "KKR har rettet henvendelse til Miljøminister Magnus Heunicke.") == {
        ("Magnus Heunicke", "miljøminister", "")
    }
    assert ("Kristian Vendelbo", "administrerende direktør", "KL") in _roles(
        nlp, "Adm. direktør Kristian Vendelbo, KL, indledte med et oplæg."
    )


def test_appointment(nlp):
    text = "Det indstilles, at Jesper Greth (V), medlem af kommunalbestyrelsen i Rebild Kommune, udpeges til posten."
    a = analyse_document(_doc(text, "Udpegning til KKR Nordjylland"), nlp)
    facts = {(r.person.name, r.role, r.organisation.name, r.appointment) for r in a.roles}
    assert ("Jesper Greth", "medlem", "Rebild Kommune", True) in facts


def test_generalises_to_invented_names(nlp):
    text = (
        "Formand for Sundhedsalliancen, Karen Holm-Sørensen, orienterede. Bo Kjærsgaard Riis, kommunaldirektør "
        "i Viborg Kommune og næstformand for KDK, fremlagde sagen. Sundhedsministeriet har svaret."
    )
    roles = _roles(nlp, text)
    assert ("Karen Holm-Sørensen", "formand", "Sundhedsalliancen") in roles
    assert ("Bo Kjærsgaard Riis", "kommunaldirektør", "Viborg Kommune") in roles
    assert ("Bo Kjærsgaard Riis", "næstformand", "KDK") in roles
    a = analyse_document(_doc(text), nlp)
    assert "Sundhedsministeriet" in {m.name for m in a.mentions if m.kind == "organisation"}


def test_no_false_people(nlp):
    text = "Region Nordjylland og Aalborg Kommune drøftede sagen. Per 1. januar træder Formand ikke til."
    a = analyse_document(_doc(text), nlp)
    assert not [m for m in a.mentions if m.kind == "person"]
    assert {m.name for m in a.mentions if m.kind == "municipality"} == {"Aalborg Kommune"}


def test_offsets_point_into_document(nlp):
    text = "Formand for KKR Nordjylland og borgmester i Aalborg, Lasse Fri-\nmand Jensen, giver en orientering."
    a = analyse_document(_doc(text), nlp)
    for m in a.mentions:
        assert text[m.start : m.end] == m.text
    assert "Lasse Frimand Jensen" in {m.name for m in a.mentions if m.kind == "person"}


def test_token_columns_and_sentences_match_spacy(nlp):
    """The per-doc caches the components read agree with spaCy's tokens and with sentence_spans."""
    from kkrgraph.nlp.extensions import doc_sentences, doc_text, make_doc, token_columns
    from kkrgraph.nlp.text import sentence_spans

    text = "Borgmester Mogens Gade (A) orienterede ca. 20 borgere om KKR’s  møde.  Adm. direktør Ib Ås, KL, sagde: Ja!"
    doc = make_doc(nlp, text)
    cols = token_columns(doc)
    assert doc_text(doc) == doc.text == text
    assert cols.words == [t.text for t in doc]
    assert cols.starts == [t.idx for t in doc]
    assert cols.ends == [t.idx + len(t) for t in doc]
    assert cols.spaces == [bool(t.whitespace_) for t in doc]
    abbreviations = ("ca", "adm")
    assert doc_sentences(doc, abbreviations) == sentence_spans(text, abbreviations)
    assert len(doc_sentences(doc, abbreviations)) == 3
    assert doc_sentences(doc, ()) == sentence_spans(text, ()) != doc_sentences(doc, abbreviations)


@pytest.mark.parametrize(
    "text",
    [
        "Lasse Fri-\n\nmand  Jensen,\tBørne-\nog Undervisningsministeriet, gi-\nver  Aarup-\nKristensen 2-\nA\r\n",
        "  ved\u00a0 adm. direktør \n\n\n",
        "x",
        "",
    ],
)
def test_flat_offsets_point_at_the_same_characters(text):
    from kkrgraph.nlp.text import flatten

    flat = flatten(text, base=5)
    source = "#" * 5 + text
    offsets = [flat.offset(i) for i in range(len(flat.text) + 1)]
    assert offsets == sorted(set(offsets))  # strictly increasing
    assert offsets[-1] == 5 + len(text)
    for ch, pos in zip(flat.text, offsets, strict=False):
        assert source[pos] == ch or (ch == " " and source[pos].isspace())
    assert "  " not in flat.text and "\n" not in flat.text
    assert flat.original(0, len(flat.text)) == (offsets[0], offsets[-2] + 1 if flat.text else offsets[0])


def test_word_start_checks_after_the_first_character_match_as_before(nlp):
    """The patterns that read their first character before checking the one in front of it find exactly
    what the look-behind-first forms find (at the start of the text, after a hyphen, a letter, a newline)."""
    import re

    from kkrgraph.nlp import components as c
    from kkrgraph.nlp.text import _SENT_END

    org = nlp.get_pipe("kkrgraph_org_patterns")
    plain = {
        org.word_re: rf"(?<![\w\-])({c._CAP_WORD})(?![\w\-])",
        c._DEF_ACR_FIRST: rf"\b(?P<acr>{c._ACRONYM})(?:[’']s)?\s*\((?P<long>[{c._UP}][^()]{{3,90}})\)",
        _SENT_END: r"[.!?:](?=\s+[\"“”'(]?[A-ZÆØÅ0-9])|[.!?](?=\s*$)",
    }
    texts = [
        "KL's direktør i KKR-Nordjylland og DAS (Den Administrative Styregruppe). Næste: 2. møde.",
        "BRN (Business Region North Denmark)\nKlimaNord-sekretariatet, xKL, -DAS, _EU (Europa Unionen).",
        "Ændring ved Ålborg?  Ja! Øvrige: 3 punkter.",
    ]
    for pattern, source in plain.items():
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
                (m.span(), m.groups()) for m in re.finditer(source, text)
            ]
    acronym = re.compile(c._word_start_alternatives(["DAS", "-X"], hyphen=True))
    assert [m.start() for m in acronym.finditer("DAS xDAS -DAS (DAS) a-X -X")] == [0, 15, 24]
    heads = re.compile(c._word_start_alternatives(["Fonden", "+plus"], hyphen=False))
    assert [m.start() for m in heads.finditer("Fonden -Fonden xFonden a+plus +plus")] == [0, 8, 24]


def test_lower_case_search_agrees_with_ignorecase():
    """The long-form pre-test (a lower-cased phrase in the lower-cased text) skips only texts where the
    re.IGNORECASE scan finds nothing: Latin-1 letters match under both rules alike, and texts holding
    characters that re folds differently are not pre-tested."""
    import re

    from kkrgraph.nlp.components import _lower_for_search

    latin1 = [chr(i) for i in range(256)]
    for p in latin1:
        pattern = re.compile(re.escape(p), re.IGNORECASE)
        assert [x for x in latin1 if pattern.fullmatch(x)] == [x for x in latin1 if x.lower() == p.lower()], p
    punctuation = [chr(i) for i in (*range(0x2010, 0x2028), *range(0x2030, 0x205F), *range(0x2070, 0x20D0))]
    assert all(ch.lower() == ch == ch.upper() for ch in punctuation)  # caseless, so both rules agree
    for odd in ("ı", "ſ", "\u212a", "İ", "\u212b", "μ", "Ÿ", "ẞ", "ﬅ", "\u1fbe"):
        assert _lower_for_search(f"Region Nordjylland {odd}") is None
    text = "Møde i Den Administrative Styregruppe – “DAS” · § 3"
    assert _lower_for_search(text) == text.lower()
    assert re.search(re.escape("den administrative STYREGRUPPE"), text, re.IGNORECASE)
    assert "den administrative styregruppe" in _lower_for_search(text)


def test_list_entry_role_with_body_after_a_comma(nlp):
    text = "Velkomst v/ Anne Holm, Institutleder, Institut for Havbiologi, Fjordby Universitet."
    assert ("Anne Holm", "institutleder", "Institut for Havbiologi") in _roles(nlp, text)


def test_role_from_a_body_before_the_name(nlp):
    text = "Afbud fra Koncerndirektør fra Region Sjælland Ole Hansen grundet andet møde."
    assert _roles(nlp, text) == {("Ole Hansen", "koncerndirektør", "Region Sjælland")}


def test_text_outside_sections_is_read_with_its_item(nlp):
    head = "Referat. "
    section = "Sagen blev drøftet."
    rest = " Koncerndirektør i Region Sjælland Ole Hansen deltog."
    text = head + section + rest
    item = AgendaItem(
        "3",
        "Orientering",
        TextSpan(len(head), len(text)),
        TextSpan(0, 0),
        sections=(Section("Beslutning", section, TextSpan(len(head), len(head) + len(section))),),
    )
    doc = ParsedDocument("t.txt", text, Meeting("KKR Nordjylland", "", "referat"), items=(item,))
    a = analyse_document(doc, nlp)
    assert [(r.person.name, r.role, r.organisation.name, r.item) for r in a.roles] == [
        ("Ole Hansen", "koncerndirektør", "Region Sjælland", "3")
    ]


def _listed(nlp, text: str, names: list[str], body: str = "") -> set[tuple[str, str, str]]:
    from kkrgraph.structure.model import Participant

    people = []
    for name in names:
        line_start = text.rfind("\n", 0, text.index(name)) + 1
        line_end = text.index("\n", text.index(name))
        people.append(Participant(name, "present", span=TextSpan(line_start, line_end)))
    doc = ParsedDocument("t.txt", text, Meeting(body, "", "referat"), participants=tuple(people))
    return {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analyse_document(doc, nlp).roles}


def test_role_labels_of_a_participant_list_belong_to_the_body_of_the_heading(nlp):
    text = (
        "Referat - Fjordrådet 2022-2025\n\nMedlemmer:\n\nAnne Holm\n\nFormand\n\n(A)\n\n"
        "Ole Dam\n\n2. næstformand\n\n(V)\n\nPer Lund\n\n(V)\n"
    )
    assert _listed(nlp, text, ["Anne Holm", "Ole Dam", "Per Lund"]) == {
        ("Anne Holm", "formand", "Fjordrådet"),
        ("Ole Dam", "næstformand", "Fjordrådet"),
    }


def test_role_label_before_a_listed_name_needs_a_body(nlp):
    text = "Medlemmer\n\nFormand Anne Holm (A)\nOle Dam (V)\n"
    assert _listed(nlp, text, ["Anne Holm", "Ole Dam"]) == set()
    text = "Havbyudvalget\n\n" + text
    assert _listed(nlp, text, ["Anne Holm", "Ole Dam"]) == {("Anne Holm", "formand", "Havbyudvalget")}


def test_front_matter_running_into_an_item_is_cut_at_the_item(nlp):
    front = "Referat fra møde. "
    body = "Ole Dam bad om, at Havbugtudvalget høres."
    text = front + body
    item = AgendaItem("1", "", TextSpan(len(front), len(text)), TextSpan(0, 0))
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,))
    found = {(m.name, m.item) for m in analyse_document(doc, nlp).mentions if m.kind == "organisation"}
    assert found == {("Havbugtudvalget", "1")}


def test_office_bracketed_after_a_listed_name_and_title_before_it(nlp):
    text = "Havbyudvalget\n\nTilstede:\nBorgmester Anne Holm (formand)\nOle Dam (V)\n"
    assert _listed(nlp, text, ["Anne Holm", "Ole Dam"]) == {
        ("Anne Holm", "borgmester", ""),  # a title held elsewhere: the list does not say where
        ("Anne Holm", "formand", "Havbyudvalget"),
    }


def test_elected_office_belongs_to_the_electing_body_of_the_item(nlp):
    text = (
        "Natur- og Vejforvaltningen indstiller, at Havbyudvalget blandt sine medlemmer vælger formand og næstformand. "
        "Anne Holm stillede op til posten som formand. Der var ingen andre kandidater og Anne Holm blev valgt. "
        "Ole Dam blev valgt som næstformand."
    )
    assert _roles(nlp, text, "Konstituering") == {
        ("Anne Holm", "formand", "Havbyudvalget"),
        ("Ole Dam", "næstformand", "Havbyudvalget"),
    }


def test_candidacy_without_election_is_no_role(nlp):
    assert _roles(nlp, "Havbyudvalget skal vælge formand. Anne Holm stillede op til posten som formand.") == set()


def test_stand_in_for_a_person_is_no_role(nlp):
    assert _roles(nlp, "Mødet blev ledet af Anne Holm (A), Suppleant for Ole Dam (A), i dag.") == set()


def test_coordinated_compound_title(nlp):
    text = "Børne- og Familiechef Anne Holm deltager under punkterne 3 til og med 6."
    assert _roles(nlp, text) == {("Anne Holm", "børne- og familiechef", "")}


def test_post_held_for_a_person_is_no_role(nlp):
    assert _roles(nlp, "Afbud fra Ole Dam og dennes suppleant Anne Holm (Fjordby Kommune).") == set()


def test_office_in_the_front_matter_is_held_in_the_body_of_the_meeting(nlp):
    front = "Referat fra Repræsentantskabsmøde i Havbyudvalget. Deltagere: Formand Anne Holm (Fjordby Kommune). "
    section = "Sagen blev drøftet."
    text = front + section
    item = AgendaItem(
        "1",
        "Orientering",
        TextSpan(len(front), len(text)),
        TextSpan(0, 0),
        sections=(Section("Beslutning", section, TextSpan(len(front), len(text))),),
    )
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), items=(item,))
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analyse_document(doc, nlp).roles}
    assert roles == {("Anne Holm", "formand", "Havbyudvalget")}


def test_role_in_brackets_after_the_name(nlp):
    text = "Tilstede: Borgmester Anne Holm (formand), Ole Dam (V) (næstformand) og Per Lund (A)."
    assert _roles(nlp, text) == {("Anne Holm", "borgmester", ""), ("Anne Holm", "formand", ""), ("Ole Dam", "næstformand", "")}


def test_minute_taker_abbreviated_after_a_listed_entry_is_no_role(nlp):
    """Who takes the minutes ("(ref.)") does a task at the meeting and holds no post by it."""
    from kkrgraph.structure.model import Participant

    text = "Havbyudvalget\n\nDeltagere: Ole Dam, Anne Holm, Fjordnet (ref.)\n"
    spans = [(text.index("Ole Dam"), text.index("Ole Dam") + 7), (text.index("Anne"), text.index(" (ref.)"))]
    people = tuple(Participant(text[s:e].split(",")[0], "present", span=TextSpan(s, e)) for s, e in spans)
    doc = ParsedDocument("t.txt", text, Meeting("", "", "referat"), participants=people)
    roles = {(r.person.name, r.role, r.organisation.name if r.organisation else "") for r in analyse_document(doc, nlp).roles}
    assert roles == set()


def test_names_listed_without_commas_are_split_given_names_are_not(nlp):
    text = (
        "Tilstede: Direktør Lars Fredsted Michael Lunn Bjarne Varenius og Økonomichef Claus Christiansen. "
        "Karen Marie Louise Hansen og Hans Christian Andersen deltog."
    )
    people = {m.name for m in analyse_document(_doc(text), nlp).mentions if m.kind == "person"}
    assert {"Lars Fredsted", "Michael Lunn", "Bjarne Varenius", "Karen Marie Louise Hansen", "Hans Christian Andersen"} <= people
    assert ("Lars Fredsted", "direktør", "") in _roles(nlp, text)


def test_joining_a_body_makes_a_member(nlp):
    text = "Anne Holm afløser Ole Dam i Havbyudvalget. Ole Dam indtræder i stedet i Fjordbyudvalget."
    assert _roles(nlp, text) == {("Anne Holm", "medlem", "Havbyudvalget"), ("Ole Dam", "medlem", "Fjordbyudvalget")}
