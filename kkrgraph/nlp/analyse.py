"""Run the pipeline over a parsed document and turn spans into :class:`Mention` / :class:`RoleFact`."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from kkrgraph.nlp import components as _components  # noqa: F401  (registers the factories)
from kkrgraph.nlp import dacy_backend as _dacy_backend
from kkrgraph.nlp.components import ACRONYMS, doc_definitions, suspended_title
from kkrgraph.nlp.extensions import GROUPS, doc_sentences, make_doc, register_extensions
from kkrgraph.nlp.model import DocumentAnalysis, Mention, NlpConfig, RoleFact
from kkrgraph.nlp.rules import load_rules
from kkrgraph.nlp.text import FlatText, clean_name, flatten, squash

__all__ = ["PARTICIPANTS", "analyse_document", "build_pipeline"]

PARTICIPANTS = "kkrgraph/participants.v1"
APPOINTMENT_TITLE = "kkrgraph/appointment_title.v1"
_KIND = {GROUPS[k]: k for k in GROUPS}
_APPOINT_TITLE = re.compile(r"^\s*(?:Udpegning(?:er)?|Valg)\s+(?:af\s+\w+\s+)?til\s+(?P<org>.+?)\s*$", re.IGNORECASE)
# a role label in brackets after a participant's name (after the party letter, if any): "(formand)"
_LABEL_PAREN = re.compile(r"\s*(?:\([A-ZÆØÅ]{1,3}\)\s*)?\((?P<label>[a-zæøå]+\.?)\)")
# or glued to the name after a slash: "Eva Lund/Elevrådsformand"
_LABEL_SLASH = re.compile(r"[ \t]?/[ \t]?(?P<label>[^\W\d_][\w.]*)")
# a role label on the line after a participant's name: "Formand", "2. næstformand"
_LABEL_LINE = re.compile(r"[ \t]*\n\s*(?P<label>\d\.\s[a-zæøå]+|[A-ZÆØÅ][a-zæøå]+)[ \t]*(?=\n)")
# a word, number or case number of a stretch of text; a stretch of punctuation alone has none
_WORD = re.compile(r"\w+(?:[-/.]\w+)*")
# a title after the name's dash, with the unit it is held in: "Eva Lund - Teamleder Vej og Park"
_LABEL_DASH = re.compile(r"[ \t]+[-–][ \t]+(?P<label>[^\W\d_]+)")
# the word right before a participant entry on its line, no punctuation after it: the entry's title, with an
# abbreviated word before it ("Adm. direktør Ole Berg")
_TITLE_BEFORE = re.compile(r"(?<![\w.-])(?P<title>(?:[^\W\d_]+\.[ \t]+)?[^\W\d_]+)[ \t]+$")
# or a title with the body it is held in: "næstformand for Bestyrelsen Ole Dam"
_TITLE_FOR_BODY = re.compile(r"(?<![\w.-])(?P<title>[^\W\d_]+)[ \t]+for[ \t]+(?P<body>[^\W\d_]+)[ \t]+$", re.IGNORECASE)
# what joins two bodies' names into one phrase: "A og B", "A, B", "A & B"
_JOINED = re.compile(r"\s*[,&]\s*|\s+og\s+")
_APPOINT_VERB = re.compile(r"\b(?:udpeges|vælges|genudpeges)\s+til\s+posten\b", re.IGNORECASE)


def build_pipeline(resources, config: NlpConfig | None = None) -> Language:
    """Build the rule pipeline once from ``pipeline.cfg`` and initialise it with ``resources``.

    With ``config.ner`` = ``"dacy"`` or ``"dacy:MODEL"`` a ``kkrgraph/dacy_ner`` component is inserted
    before the role rules, so DaCy's people and organisations also take part in role statements.

    Example:
        >>> from kkrgraph.resources import load_resources
        >>> nlp = build_pipeline(load_resources())
        >>> nlp.pipe_names[0]
        'kkrgraph_gazetteer'
    """
    config = config or NlpConfig()
    register_extensions()
    if config.config_path:
        cfg = Config().from_disk(Path(config.config_path))
    else:
        cfg = Config().from_str(files("kkrgraph").joinpath("nlp", "pipeline.cfg").read_text(encoding="utf-8"))
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    ner = config.ner.strip()
    if ner.startswith("dacy"):
        _, _, model = ner.partition(":")
        before = "kkrgraph_role_statements" if "kkrgraph_role_statements" in nlp.pipe_names else None
        nlp.add_pipe(
            "kkrgraph/dacy_ner",
            name="kkrgraph_dacy_ner",
            before=before,
            config={"model": model or _dacy_backend.DEFAULT_MODEL},
        )
    elif ner != "rules":
        raise ValueError(f"unknown ner backend {config.ner!r}: use 'rules', 'dacy' or 'dacy:MODEL'")
    for _name, proc in nlp.pipeline:
        init = getattr(proc, "initialize", None)
        if init is not None:
            init(lambda: [], nlp=nlp, resources=resources)
    return nlp


def _units(doc) -> list[tuple[str, str, FlatText]]:
    """(item number, item title, flat text) for each title and section of the parsed document, then each
    stretch of text that neither these nor a participant line cover (with the item whose span holds it).

    The uncovered stretches are the front matter (heading, "Afbud fra" notes) and whatever the structure
    stage could not split into items: a document of another template whose items were not recognised still
    names its bodies and their officers there. Participant lines stay out (structure has read them), and so
    do stretches of nothing but section headings and case numbers (see :func:`_read_words`).
    """
    units = []
    covered: list[tuple[int, int]] = []
    for item in doc.items:
        ts = item.title_span
        if ts.end > ts.start:
            units.append((item.number, item.title, flatten(doc.text[ts.start : ts.end], ts.start)))
            covered.append((ts.start, ts.end))
        for sec in item.sections:
            units.append((item.number, item.title, flatten(doc.text[sec.span.start : sec.span.end], sec.span.start)))
            covered.append((sec.span.start, sec.span.end))
    covered.extend((p.span.start, p.span.end) for p in doc.participants if p.span.end > p.span.start)
    # an item's start or end also ends a stretch, so each stretch lies in one item or outside all
    cuts = sorted({b for it in doc.items for b in (it.span.start, it.span.end)})
    read = _read_words(doc)
    pos = 0
    for start, end in [*sorted(covered), (len(doc.text), len(doc.text))]:
        for a, b in zip([pos, *cuts], [*cuts, start], strict=True):
            a, b = max(a, pos), min(b, start)
            if b > a and not read.issuperset(w for w in _WORD.findall(doc.text, a, b) if not w.isdigit()):
                item = next((it for it in doc.items if it.span.start <= a and b <= it.span.end), None)
                number, title = (item.number, item.title) if item else ("", "")
                units.append((number, title, flatten(doc.text[a:b], a)))
        pos = max(pos, end)
    return units


def _read_words(doc) -> frozenset[str]:
    """Words the structure stage has read already: its section headings, case numbers and case handlers.

    Most stretches between sections hold nothing else (besides numbers): "SAG-2027-94239 hlth Baggrund",
    "Indstilling". Such a stretch names nobody, so it is not worth a spaCy document (on KL's template that is
    half of all units, and each costs the whole pipeline's per-document overhead).
    """
    words = {w for it in doc.items for sec in it.sections for w in _WORD.findall(sec.heading)}
    words.update(w for it in doc.items for w in (it.case_number, *it.handlers) if w)
    return frozenset(words)


def _participant_mentions(doc) -> list[Mention]:
    out = []
    for p in doc.participants:
        line = doc.text[p.span.start : _entry_end(doc, p)]
        sentence = squash(line)
        pattern = r"[\s\-]+".join(map(re.escape, p.name.replace("-", " ").split()))
        m = re.search(pattern, line) if pattern else None
        s, e = (p.span.start + m.start(), p.span.start + m.end()) if m else (p.span.start, p.span.end)
        out.append(Mention("person", doc.text[s:e], p.name, s, e, "", sentence, PARTICIPANTS, p.party, p.municipality))
        for kind, name in (("municipality", p.municipality), ("organisation", p.organisation)):
            if not name:
                continue
            short = re.sub(r"\s+Kommune$", "", name)
            mm = re.search(rf"{re.escape(short)}(?:\s+Kommune)?", line[m.end() if m else 0 :])
            if mm:
                off = p.span.start + (m.end() if m else 0)
                out.append(
                    Mention(
                        kind,
                        doc.text[off + mm.start() : off + mm.end()],
                        name,
                        off + mm.start(),
                        off + mm.end(),
                        "",
                        sentence,
                        PARTICIPANTS,
                    )
                )
    return out


def _entry_end(doc, p) -> int:
    """Where an entry's words end: its span, or its line's end where a dash follows the span ("Eva Lund - Teamleder
    Vej og Park"): the title and unit after the dash are the entry's."""
    if _LABEL_DASH.match(doc.text, p.span.end) is None:
        return p.span.end
    line_end = doc.text.find("\n", p.span.end)
    return len(doc.text) if line_end < 0 else line_end


def analyse_document(doc, nlp: Language) -> DocumentAnalysis:
    """Find the people, organisations, municipalities, roles and acronym definitions of one document.

    Sections are processed as flat text (see :mod:`kkrgraph.nlp.text`); every offset in the result points
    into ``doc.text``. Participants become person mentions (with party and municipality) and a lexicon
    for the item texts; acronyms defined anywhere in the document are known in every section.
    """
    register_extensions()
    abbreviations = next(
        (proc.rules.get("abbreviation") for _n, proc in nlp.pipeline if getattr(proc, "rules", None)), ()
    ) or load_rules().get("abbreviation")
    mentions = _participant_mentions(doc)
    lexicon = tuple(p.name for p in doc.participants)
    units = _units(doc)
    spacy_docs = [make_doc(nlp, flat.text) for _num, _title, flat in units]
    known: dict[str, str] = {}
    for d in spacy_docs:
        for definition in doc_definitions(d):
            known.setdefault(definition[2], definition[5])
    routes = next((proc for _n, proc in nlp.pipeline if hasattr(proc, "route_acronyms")), None)
    if routes is not None:
        for acr, long in routes.route_acronyms((flat.text for _num, _title, flat in units), known):
            known[acr] = long
    known_pairs = tuple(sorted(known.items()))
    for (_num, title, _flat), d in zip(units, spacy_docs, strict=True):
        d._.kkr_lexicon = lexicon
        d._.kkr_title = title
        d._.kkr_known_acronyms = known_pairs
    for _name, proc in nlp.pipeline:
        spacy_docs = list(proc.pipe(spacy_docs)) if hasattr(proc, "pipe") else [proc(d) for d in spacy_docs]
    roles: list[RoleFact] = []
    acronyms: dict[tuple[str, str], None] = {pair: None for pair in known_pairs}
    # (kind, start, end) of every mention made so far: a text mention, or an organisation a role names, with the
    # kind and place of one already made is dropped. So every text mention that coincides with a participant
    # mention (an entry's name, unit or municipality, which the pipeline reads in the text too) is suppressed,
    # whatever its method or name, and the participant mention is kept.
    seen = {(m.kind, m.start, m.end) for m in mentions}
    for (number, title, flat), sd in zip(units, spacy_docs, strict=True):
        sents = doc_sentences(sd, abbreviations)
        starts = [s for s, _ in sents]

        def sentence(pos: int, flat=flat, sents=sents, starts=starts) -> str:
            k = bisect_right(starts, pos) - 1
            s, e = sents[k] if k >= 0 else (0, len(flat.text))
            return flat.text[s:e].strip()

        by_offset: dict[tuple[int, int], Mention] = {}
        for group, kind in _KIND.items():
            for span in sd.spans.get(group, []):
                s, e = flat.original(span.start_char, span.end_char)
                ext = span._  # one extension accessor per span (spaCy makes a new one on each `span._`)
                name = clean_name(ext.kkr_name or span.text)
                m = Mention(
                    kind,
                    doc.text[s:e],
                    name,
                    s,
                    e,
                    number,
                    sentence(span.start_char),
                    ext.kkr_method,
                    presenting=bool(ext.kkr_presenting),
                )
                by_offset[(span.start_char, span.end_char)] = m
                if (kind, s, e) not in seen:
                    seen.add((kind, s, e))
                    mentions.append(m)
        for r in sd._.kkr_roles or ():
            person = by_offset.get(r["person"])
            if person is None:
                continue
            org = None
            if r["org"]:
                o = r["org"]
                org = by_offset.get((o["s"], o["e"]))
                if org is None:
                    s, e = flat.original(o["s"], o["e"])
                    org = Mention(
                        o["kind"],
                        doc.text[s:e],
                        clean_name(o["name"]),
                        s,
                        e,
                        number,
                        sentence(o["s"]),
                        ACRONYMS if o["kind"] == "organisation" else r["method"],
                    )
                    if (org.kind, s, e) not in seen:
                        seen.add((org.kind, s, e))
                        mentions.append(org)
            s, e = flat.original(r["start"], r["end"])
            roles.append(RoleFact(person, r["role"], org, s, e, sentence(r["person"][0]), number, r["method"], r["appointment"]))
        for pair in sd._.kkr_acronyms or ():
            acronyms.setdefault(pair, None)
        roles.extend(_appointments(doc, number, title, flat, sd, by_offset, sentence))
    rules = next((proc.rules for _n, proc in nlp.pipeline if getattr(proc, "rules", None)), None) or load_rules()
    roles.extend(_listed_roles(doc, nlp, mentions, rules))
    roles = _front_offices(doc, _elected_in(doc, roles, mentions, rules), mentions, rules)
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    unique_roles = {(r.person.start, r.role, r.organisation.name if r.organisation else ""): r for r in roles}
    # a role without organisation adds nothing when the document states the same role with one
    with_org = {(r.person.name, r.role) for r in unique_roles.values() if r.organisation is not None}
    unique_roles = {
        k: r for k, r in unique_roles.items() if r.organisation is not None or (r.person.name, r.role) not in with_org
    }
    return DocumentAnalysis(
        doc.source,
        tuple(mentions),
        tuple(sorted(unique_roles.values(), key=lambda r: (r.start, r.role))),
        tuple(acronyms),
    )


def _listed_roles(doc, nlp: Language, mentions: list[Mention], rules) -> list[RoleFact]:
    """Role labels of a participant list: "Formand Erik Nielsen (A)", "Joy Mogensen (formand)", "Inger Nehm,
    kd-net (ref.)", "Eva Lund/Elevrådsformand", or "Heino Knudsen" with "Formand" on the next line.

    An office of the body itself (``body_office``: formand, medlem, referent ...) is held in the meeting's
    body: the one structure names, else the first organisation the front matter (the text before the list)
    names, as in "Referat - Regionsrådet"; without a body it is left out. Any other title ("Borgmester X")
    is held in the municipality the entry writes as "<Name> Kommune" (:func:`_entry_municipality`), else it is a
    role without organisation: the list does not say where it is held.
    """
    lemma = next((proc.lemma for _n, proc in nlp.pipeline if hasattr(proc, "lemma")), None)
    if lemma is None or not doc.participants:
        return []
    offices = rules.set("body_office")
    organs = rules.set("org_organ")
    people = {m.start: m for m in mentions if m.kind == "person" and m.method == PARTICIPANTS}
    front = min(p.span.start for p in doc.participants)
    body = _front_body(doc, mentions, front)
    named = bool(_front_organisations(mentions, front))  # a joint meeting's bodies: offices kept, held in neither
    out = []
    for p in doc.participants:
        person = next((m for s, m in people.items() if p.span.start <= s < p.span.end), None)
        if person is None:
            continue
        before = doc.text[p.span.start : person.start].split()[-1:]
        before_at = doc.text.rfind(before[0], p.span.start, person.start) if before else -1
        stated = None  # the body a title before the entry names ("næstformand for Bestyrelsen Ole Dam")
        if not before:  # "Direktør Ole Berg Kontorchef Eva Lund": the entry starts at its name, after its title
            k = max(0, p.span.start - 60)
            title = _TITLE_FOR_BODY.search(doc.text[k : p.span.start])
            if title is not None:
                at = k + title.start("body")
                stated = next((m for m in mentions if m.kind == "organisation" and m.start == at), None)
            if stated is None:
                title = _TITLE_BEFORE.search(doc.text[k : p.span.start])
            if title is not None and not any(q.span.start <= k + title.start() < q.span.end for q in doc.participants):
                before, before_at = [title.group("title")], k + title.start("title")
        # after the name, or after the whole entry ("Inger Nehm, kd-net (ref.)")
        paren = (
            _LABEL_PAREN.match(doc.text, person.end)
            or _LABEL_PAREN.match(doc.text, p.span.end)
            or _LABEL_SLASH.match(doc.text, person.end)
        )
        line = _LABEL_LINE.match(doc.text, p.span.end)
        dash = None if paren else _LABEL_DASH.match(doc.text, max(person.end, p.span.end))
        unit = _dash_unit(doc, p, dash.end(), mentions) if dash is not None else None
        paren = paren or dash
        end = p.span.end
        for words, stop in ((before, p.span.end), ([paren.group("label")] if paren else [], paren.end() if paren else 0)):
            found = (lemma(words[0]) or lemma(words[0].split()[-1])) if words else None
            if found is None and words is not before and line:
                found, stop = lemma(line.group("label").split()[-1]), line.end()
            stated_body = stated if words is before else unit
            if found is None or found[2] or (found[0] in offices and body is None and stated_body is None and not named):
                continue
            end = max(end, stop, unit.end if unit is not None and words is not before else 0)
            org = stated_body or (body if found[0] in offices else _entry_municipality(p, found[0], mentions, offices, organs))
            # a suspended compound ("Plan- og udviklingschef") is one title, as written
            title = suspended_title(doc.text, before_at, found[0])[0] if words is before and before_at >= 0 else found[0]
            sentence = squash(doc.text[p.span.start : end])
            out.append(RoleFact(person, title, org, p.span.start, end, sentence, "", PARTICIPANTS))
    return out


def _dash_unit(doc, p, after: int, mentions: list[Mention]) -> Mention | None:
    """The unit an entry "Eva Lund - Teamleder Vej og Park" writes after its title ("formand for Teknisk Udvalg"
    too): the entry's organisation as structure read it, mentioned on its line after the title."""
    return _entry_mention(mentions, "organisation", after, _entry_end(doc, p), lambda m: m.name == p.organisation)


def _board_office(title: str, offices: frozenset[str], organs: frozenset[str]) -> bool:
    """Whether a title is an office of a board: a body's office itself ("formand", ``body_office``) or one
    compounded with an organ only a body has (``org_organ``: "bestyrelsesmedlem", "repræsentantskabsformand").
    A council's member ("byrådsmedlem", "kommunalbestyrelsesmedlem") is no board's: that council is the
    municipality's own."""
    if title in offices:
        return True
    organ = (title[: -len(o)] for o in offices if title.endswith(o))  # "bestyrelses" of "bestyrelsesnæstformand"
    return any(w in organs or w.removesuffix("s") in organs for w in organ)


def _entry_municipality(
    p, title: str, mentions: list[Mention], offices: frozenset[str], organs: frozenset[str]
) -> Mention | None:
    """The municipality an entry writes as "<Name> Kommune" ("Borgmester Ida Holm, Fjordby Kommune") is where its
    title is held: a municipality employs its officers, elects its mayor and seats its council's members. An
    office of a board, plain or in a compound ("Formand", "Bestyrelsesmedlem X, Fjordby Kommune",
    :func:`_board_office`), is held in the body that meets; the municipality then only says where the member comes
    from, as a bare place name always does ("X, Fjordby")."""
    if _board_office(title, offices, organs):
        return None
    return _entry_mention(mentions, "municipality", p.span.start, p.span.end, lambda m: m.text.lower().endswith("kommune"))


def _entry_mention(mentions: list[Mention], kind: str, start: int, end: int, accept) -> Mention | None:
    """The first mention of ``kind`` that structure read from a participant entry, starting between two offsets,
    that ``accept`` takes."""
    read = (m for m in mentions if m.kind == kind and m.method == PARTICIPANTS and start <= m.start < end)
    return next((m for m in read if accept(m)), None)


def _front_body(doc, mentions: list[Mention], before: int) -> Mention | None:
    """The body whose meeting the document records, named before ``before``: the one structure names, else the
    first organisation of the front matter ("Referat fra Repræsentantskabsmøde i Midttrafik"). None when that
    organisation is joined to another ("bestyrelsesmøde i Fjordvand A/S og Fjordvarme A/S"): a joint
    meeting of two bodies says no more of which of them an office is held in."""
    if doc.meeting.body:
        k = doc.text.find(doc.meeting.body, 0, before)
        if k >= 0:
            return Mention("organisation", doc.meeting.body, doc.meeting.body, k, k + len(doc.meeting.body), "", "", PARTICIPANTS)
    front = _front_organisations(mentions, before)
    if not front:
        return None
    first = front[0]
    if any(_JOINED.fullmatch(doc.text, first.end, m.start) for m in front[1:] if m.start >= first.end):
        return None
    return first


def _front_organisations(mentions: list[Mention], before: int) -> list[Mention]:
    """The organisations the front matter (the text before ``before``, outside items and the list) names."""
    return [m for m in mentions if m.kind == "organisation" and not m.item and m.end <= before and m.method != PARTICIPANTS]


def _front_offices(doc, roles: list[RoleFact], mentions: list[Mention], rules) -> list[RoleFact]:
    """An office of a body stated without its body in the front matter ("Formand Anne Holm (Fjordby Kommune),
    næstformand for Bestyrelsen Ole Dam") is held in the body whose meeting it is, unless the document states
    the person's office with its body elsewhere: the stated body is the one, the meeting's only a guess."""
    offices = rules.set("body_office")
    stated = {(r.person.name, r.role) for r in roles if r.organisation is not None}
    out = []
    for r in roles:
        if r.organisation is None and not r.item and r.role in offices and (r.person.name, r.role) not in stated:
            body = _front_body(doc, mentions, r.start)
            if body is not None:
                r = replace(r, organisation=body)
        out.append(r)
    return out


def _elected_in(doc, roles: list[RoleFact], mentions: list[Mention], rules) -> list[RoleFact]:
    """Give an office that a sentence elects someone to ("X blev valgt som formand", "X stillede op til posten
    som næstformand ... blev valgt") the body that elects its officers in the same item: the organisation that
    is the subject of "vælge(r)" or "konstituere(r)" there ("Folkeoplysningsudvalget skal vælge formand og
    næstformand"). Roles with an organisation, and items without such a body, are left as they are.
    """
    verbs = rules.set("election_verb")
    cues = rules.set("appointment") | {c.split()[0] for c in rules.get("role_candidacy")}
    offices = rules.set("body_office")
    electing: dict[str, Mention] = {}
    verb_re = re.compile(rf"^.{{0,40}}?\b(?:{'|'.join(map(re.escape, sorted(verbs)))})\b", re.IGNORECASE)
    for m in mentions:
        if m.kind != "organisation" or not m.item or m.item in electing:
            continue
        k = m.sentence.find(m.name)
        if k >= 0 and verb_re.match(m.sentence[k + len(m.name) :]):  # the subject, close before the verb
            electing[m.item] = m
    out = []
    for r in roles:
        body = electing.get(r.item)
        if (
            r.organisation is None
            and body is not None
            and r.role in offices
            and any(w in cues for w in re.findall(r"\w+", r.sentence.lower()))
        ):
            r = replace(r, organisation=body)
        out.append(r)
    return out


def _appointments(doc, number, title, flat, sd, by_offset, sentence) -> list[RoleFact]:
    """ "Udpegning til ORG" items: a person who "udpeges til posten" becomes a member of ORG."""
    m = _APPOINT_TITLE.match(title or "")
    if not m:
        return []
    item = next((it for it in doc.items if it.number == number), None)
    if item is None:
        return []
    org_name = m.group("org").strip(" .")
    ts = item.title_span
    k = doc.text.find(org_name, ts.start, ts.end)
    if k < 0:
        return []
    org = Mention("organisation", org_name, org_name, k, k + len(org_name), number, squash(title), APPOINTMENT_TITLE)
    out = []
    for v in _APPOINT_VERB.finditer(flat.text):
        for (ps, pe), person in by_offset.items():
            if person.kind == "person" and sentence(ps) == sentence(v.start()) and pe <= v.start():
                s, _ = flat.original(ps, pe)
                _, e = flat.original(v.start(), v.end())
                out.append(RoleFact(person, "medlem", org, s, e, sentence(ps), number, APPOINTMENT_TITLE, True))
    return out
