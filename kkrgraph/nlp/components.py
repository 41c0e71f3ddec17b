"""Rule-based spaCy components of the kkrgraph pipeline, registered by name.

Each factory builds its matchers once in ``initialize(resources=...)`` (the gazetteers, name lists and
role vocabulary come from :class:`kkrgraph.resources.Resources`, the steering words from
``data/nlp_rules.jsonl``), so a pipeline built once can process any number of documents.

Components run on *flat* text (see :mod:`kkrgraph.nlp.text`) and write spans into
``doc.spans["kkr_person" | "kkr_organisation" | "kkr_municipality"]`` with ``Span._.kkr_name`` (cleaned
name) and ``Span._.kkr_method`` (versioned rule name); role statements go to ``Doc._.kkr_roles``; a person span that
presents the agenda item gets ``Span._.kkr_presenting``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kkrgraph.nlp.extensions import GROUPS, doc_sentences, doc_text, register_extensions, token_columns
from kkrgraph.nlp.rules import NlpRules, load_rules

__all__ = [
    "Gazetteer",
    "OrgPatterns",
    "PersonNames",
    "Presenters",
    "RoleStatements",
    "acronym_fits",
    "doc_definitions",
    "find_definitions",
]

register_extensions()

GAZETTEER = "kkrgraph/gazetteer.v1"
ORG_PATTERNS = "kkrgraph/org_patterns.v1"
ACRONYMS = "kkrgraph/acronyms.v1"
PERSON_NAMES = "kkrgraph/person_names.v1"
PERSON_LEXICON = "kkrgraph/person_lexicon.v1"
ROLE_STATEMENTS = "kkrgraph/role_statements.v1"
PRESENTERS = "kkrgraph/presenters.v1"

_UP = "A-ZÆØÅÄÖÜÉ"
_LO = "a-zæøåäöüéèë"
_UP_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖÜÉ")  # the first characters _NAME_TOKEN allows
_NAME_TOKEN = re.compile(rf"^[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*(?:[’']?s)?$")
_MIDDLE_INITIAL = re.compile(rf"^[{_UP}]\.$")  # "O." in "Niels O. Pedersen" (the tokenizer keeps the period)
_CAP_WORD = rf"[{_UP}][{_LO}{_UP}0-9&+\-]*"
_ACRONYM = rf"[{_UP}][{_UP}0-9+\-]{{1,9}}"
_CAMEL = re.compile(rf"^(?:[{_UP}][{_LO}0-9]+|[{_UP}]+[0-9]+)[{_UP}][{_LO}]+$")
# Patterns that must start a word check the character before the word *after* their first character
# ("X(?<![\w\-][\s\S])" rather than "(?<![\w\-])X"): a pattern that opens with a look-behind is tried at every
# position of the text, one that opens with a character (class) lets the regex engine skip to where it occurs.
_NOT_AFTER_WORD = r"(?<![\w\-][\s\S])"  # the character before the one just read is no word character or hyphen
_AFTER_NON_WORD = r"(?<!\w[\s\S])"  # the same for "\b" before a word character
_FIRST_CAP = rf"[{_UP}]"
# Latin-1, general punctuation, sub- and superscripts, currency signs (see _lower_for_search)
_CASE_SAFE = re.compile(r"[\x00-\xff\u2010-\u2027\u2030-\u205e\u2070-\u20cf]*")
_DEF_LONG_FIRST = re.compile(rf"(?P<acr>{_ACRONYM})\)")
_DEF_ACR_FIRST = re.compile(
    rf"(?P<acr>{_FIRST_CAP}{_AFTER_NON_WORD}[{_UP}0-9+\-]{{1,9}})(?:[’']s)?\s*\((?P<long>[{_UP}][^()]{{3,90}})\)"
)
_GENITIVE = ("’s", "'s")
_COORDINATED_TITLE_PART = re.compile(rf"([{_UP}{_LO}][{_LO}]+)-\s+og\s+$")  # "Børne- og " before "Familiechef"
_ENTRY_DASH = re.compile(r"\s[-–]\s*$")  # the dash of a list entry "NAME - " before a title
_BRACKET_ROLE = re.compile(r"\s*(?:\([A-ZÆØÅ]{1,3}\)\s*)?\((?P<role>[a-zæøå]+)\)")
_POSSESSOR = re.compile(r"\b(?:dennes|dens|hans|hendes|deres)\s+$", re.IGNORECASE)


def _lower_for_search(text: str) -> str | None:
    """``text.lower()`` if a lower-cased phrase occurs in it exactly where ``re.IGNORECASE`` finds the phrase in
    ``text``, else None.

    That holds when every character is Latin-1 or has no case at all: beyond those, ``re`` also takes "ı" for
    "i", "ſ" for "s", the Kelvin sign for "k" and Greek variants for each other, which ``str.lower`` keeps apart,
    and "İ" lower-cases to two characters. The test allows Latin-1 and caseless blocks a Danish text uses: general
    punctuation (dashes, quotes, bullets), sub- and superscripts ("CO₂") and currency signs.

    Example:
        >>> _lower_for_search("Den Administrative Styregruppe – DAS"), _lower_for_search("\\u212aommune (Kelvin sign)")
        ('den administrative styregruppe – das', None)
    """
    return text.lower() if _CASE_SAFE.fullmatch(text) else None


def _word_start_alternatives(words: Iterable[str], hyphen: bool) -> str:
    """Regex alternatives for the non-empty ``words``, each where ``(?<![\\w\\-])`` holds before it if ``hyphen``,
    else where ``\\b`` holds before it.

    Each alternative checks the character before the word after reading its first one, so the regex engine
    can skip to the first characters (see ``_NOT_AFTER_WORD``).

    Example:
        >>> import re
        >>> [m.start() for m in re.finditer(_word_start_alternatives(["KL", "KKR"], hyphen=True), "KL, KKR, SKKR, -KL")]
        [0, 4]
    """
    out = []
    for word in words:
        first = word[:1]
        if hyphen:
            check = _NOT_AFTER_WORD
        elif re.match(r"\w", first):
            check = _AFTER_NON_WORD
        else:  # "\b" before a non-word character: a word character precedes it
            check = r"(?<=\w[\s\S])"
        out.append(re.escape(first) + check + re.escape(word[1:]))
    return "|".join(out)


def _strip_genitive(name: str, known: Iterable[str] = ()) -> str:
    for g in _GENITIVE:
        if name.endswith(g):
            return name[: -len(g)]
    if name.endswith("s") and name[:-1] in set(known):
        return name[:-1]
    return name


@lru_cache(maxsize=1024)
def _word_end(stem: str, at_least: int) -> re.Pattern:
    """A word ending in ``stem`` and ``at_least`` to four more letters (compiled once per title kind)."""
    return re.compile(rf"{stem}[{_LO}]{{{at_least},4}}$")


def suspended_title(text: str, at: int, title: str) -> tuple[str, int]:
    """A title written as a suspended compound is one title, as written, and where it starts: the first part
    before "- og" shares the head of the word at ``at``, whose own title alone would name another post.

    Example:
        >>> suspended_title("Deltog: Plan- og Udviklingschef Eva Lund", 17, "udviklingschef")
        ('plan- og udviklingschef', 8)
        >>> suspended_title("Deltog: Udviklingschef Eva Lund", 8, "udviklingschef")
        ('udviklingschef', 8)
    """
    coord = _COORDINATED_TITLE_PART.search(text, max(0, at - 40), at)
    return (f"{coord.group(1).lower()}- og {title}", coord.start()) if coord else (title, at)


def acronym_fits(acronym: str, long: str) -> bool:
    """True if ``acronym`` can abbreviate ``long``: same first letter, letters in order, most of them
    at word starts or internal capitals (so "DEB" fits "Danmarks Erhvervsfremmebestyrelse")."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-/]+", long) if w]
    if not letters or not words or letters[0] != words[0][0].lower():
        return False
    text = long.lower()
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    initials = [w[0].lower() for w in words if w[0].isalpha()]
    hits = sum(1 for c in letters if c in initials)
    return hits * 2 >= len(letters) and len(words) <= len(letters) + 3


def _opens_common_phrase(acronym: str, words: list[str], k: int) -> bool:
    """Whether ``words[k]`` opens a lower-case common phrase that the acronym after ``words[-1]`` shortens on
    its own ("vandløbspleje - grødeskæring (VG2)"): it begins with the acronym's first letter, it and every word
    after it are lower case, the phrase fits the acronym, and no capitalised word stands just before it. A
    capitalised name further back then only fits by swallowing the phrase ("Udbud af vandløbspleje ...").
    A lower-case word that goes on a name ("Kystbyernes kontaktudvalg (KKU)") or that cannot spell the
    acronym by itself ("Center for cykeltrafik (CFCT)") opens no such phrase: the search goes on to the name.
    """
    w = words[k]
    if len(w) < 4 or not w[0].isalpha() or w[0] != acronym[0].lower():
        return False
    if any(x[0].isupper() or x[0].isdigit() for x in words[k:]):
        return False
    if k > 0 and words[k - 1][0].isupper():
        return False
    return acronym_fits(acronym, " ".join(words[k:]))


def find_definitions(text: str) -> list[tuple[int, int, str, int, int, str]]:
    """Find acronym definitions in flat text, in both directions.

    Returns ``(acr_start, acr_end, acronym, long_start, long_end, long_form)`` tuples for
    "Business Region North Denmark (BRN)" and "DAS (Den Administrative Styregruppe)".

    Example:
        >>> [d[2] + "=" + d[5] for d in find_definitions("Formand for BRN (Business Region North Denmark), og "
        ...  "Danmarks Erhvervsfremmebestyrelse (DEB).")]
        ['BRN=Business Region North Denmark', 'DEB=Danmarks Erhvervsfremmebestyrelse']
    """
    out: list[tuple[int, int, str, int, int, str]] = []
    if "(" not in text:  # both forms put one part in brackets
        return out
    for m in _DEF_ACR_FIRST.finditer(text):
        long = m.group("long").strip()
        if acronym_fits(m.group("acr"), long) and " " in long.strip():
            out.append((m.start("acr"), m.end("acr"), m.group("acr"), m.start("long"), m.start("long") + len(long), long))
    for m in _DEF_LONG_FIRST.finditer(text):
        acr = m.group("acr")
        open_paren = m.start() - 1
        if open_paren < 0 or text[open_paren] != "(":
            continue
        before = text[max(0, open_paren - 120) : open_paren].rstrip()
        base = open_paren - (open_paren - max(0, open_paren - 120) - len(before))
        words = list(re.finditer(r"[^\s]+", before))
        texts = [x.group() for x in words]
        best = None
        for k in range(len(words) - 1, max(-1, len(words) - 9), -1):
            w = texts[k]
            if any(ch in w for ch in ".,;:()"):
                break
            if _opens_common_phrase(acr, texts, k):
                break  # "Udbud af vandløbspleje - grødeskæring (VG2)": the acronym shortens the common phrase
            if w[0].isupper() or w[0].isdigit():
                cand_start = words[k].start()
                cand = before[cand_start:]
                if acronym_fits(acr, cand):
                    best = (cand_start, cand)
                    break
        if best is not None:
            s = base - len(before) + best[0]
            out.append((m.start("acr"), m.end("acr"), acr, s, s + len(best[1]), best[1]))
    return out


def doc_definitions(doc: Doc) -> list[tuple[int, int, str, int, int, str]]:
    """:func:`find_definitions` of the doc's text, found once per doc (the analysis reads them before the
    pipeline runs, to know every acronym of the document, and :class:`OrgPatterns` again)."""
    found = doc.user_data.get("kkrgraph.definitions")
    if found is None:
        found = doc.user_data["kkrgraph.definitions"] = find_definitions(doc_text(doc))
    return found


def _span_groups(doc: Doc) -> dict[str, list[Span]]:
    return {g: list(doc.spans[g]) if g in doc.spans else [] for g in GROUPS.values()}


def _taken_tokens(doc: Doc) -> bytearray:
    taken = bytearray(len(doc))
    for group in GROUPS.values():
        if group in doc.spans:
            for span in doc.spans[group]:
                for i in range(span.start, span.end):
                    taken[i] = 1
    return taken


def _mark(span: Span, name: str, method: str, key: str = "") -> Span:
    ext = span._  # one extension accessor (spaCy makes a new one on each `span._`)
    ext.kkr_name = name
    ext.kkr_method = method
    if key:
        ext.kkr_key = key
    return span


class Gazetteer:
    """Municipalities, regions and registry organisations by phrase matching (one matcher pass).

    Acronyms and short aliases match case-sensitively ("KL" but not "kl."), longer names also in lower
    case ("den administrative styregruppe"). Short municipality names ("Aarhus") count only in a
    municipal context: after "borgmester i", before "Byråd", or coordinated with a full name ("Læsø og
    Morsø Kommune").
    """

    def __init__(self, nlp: Language, name: str, lower_min_length: int = 6) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.lower_min_length = lower_min_length
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.info: dict[int, tuple[str, str, int]] = {}
        self.context_words: frozenset[str] = frozenset()
        self.parties: frozenset[str] = frozenset()
        self.common_parties: frozenset[str] = frozenset()
        self.party_context: frozenset[str] = frozenset()
        self.make_doc = nlp.make_doc

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Build the matchers from ``resources`` (municipalities, regions, organisations)."""
        if resources is None:
            from kkrgraph.resources import load_resources

            resources = load_resources()
        orth: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}

        def add(table: dict, kind: str, canonical: str, variant: str, genitive_len: int) -> None:
            key = f"{kind}|{canonical}|{genitive_len}"
            self.info[self.vocab.strings.add(key)] = (kind, canonical, genitive_len)
            table.setdefault(key, []).append(self.make_doc(variant))

        def add_name(kind: str, canonical: str, name: str, case_sensitive: bool) -> None:
            table = orth if case_sensitive else lower
            text = name if case_sensitive else name.lower()
            add(table, kind, canonical, text, 0)
            for g in ("s", "’s", "'s"):
                if not text.endswith("s") or g != "s":
                    add(table, kind, canonical, text + g, len(g))

        for m in resources.municipalities:
            add_name("municipality", m.name, m.name, False)
            if m.name.endswith("Kommune"):
                add(lower, "municipality", m.name, m.name.lower() + "ns", 2)
            add_name("municipality_short", m.name, m.short, True)
        for r in resources.regions:
            add_name("organisation", r.name, r.name, False)
        self.parties = frozenset(e.name for e in resources.organisations if e.type == "party")
        common_parties = set()
        for e in resources.organisations:
            for n in (e.name, *e.aliases):
                short = len(n) < self.lower_min_length or n.replace("+", "").replace("-", "").isupper()
                # a party's name only as a name: some are common words ("Venstre", "Alternativet")
                add_name("organisation", e.name, n, short or e.type == "party")
                if e.type == "party" and n.lower() in resources.wordforms:
                    common_parties.add(e.name)
        self.common_parties = frozenset(common_parties)
        self.party_context = load_rules().set("party_context")
        for key, docs in orth.items():
            self.orth.add(key, docs)
        for key, docs in lower.items():
            self.lower.add(key, docs)
        self.context_words = frozenset(
            {
                "borgmester",
                "borgmesteren",
                "rådmand",
                "kommunaldirektør",
                "byråd",
                "byrådet",
                "kommunalbestyrelse",
                "kommunalbestyrelsen",
                "byrådets",
                "kommunes",
                "kommune",
                "kommuner",
                "kommunerne",
            }
        )

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.orth(doc), *self.lower(doc)]
        spans = []
        for key, s, e in matches:
            kind, canonical, glen = self.info[key]
            spans.append(Span(doc, s, e, label=self.vocab.strings[key]))
        kept = filter_spans(spans)
        full = [sp for sp in kept if self.info[sp.label].__getitem__(0) == "municipality"]
        shorts = {sp.start: sp for sp in kept if self.info[sp.label][0] == "municipality_short"}
        groups = _span_groups(doc)
        for sp in kept:
            kind, canonical, glen = self.info[sp.label]
            surface = sp.text
            name = surface[: len(surface) - glen] if glen else surface
            if kind == "municipality_short":
                if not self._municipal_context(doc, self._coordination_end(doc, sp, shorts), full):
                    continue
                kind = "municipality"
            elif kind == "organisation" and self._no_mention(doc, sp, canonical):
                continue
            label = "MUNI" if kind == "municipality" else "ORG"
            out = Span(doc, sp.start, sp.end, label=label)
            groups[GROUPS[kind]].append(_mark(out, name, GAZETTEER, canonical))
        for g, spans_ in groups.items():
            doc.spans[g] = spans_
        return doc

    def _no_mention(self, doc: Doc, sp: Span, canonical: str) -> bool:
        """A registry name that the text uses as something else: another body's organ, a person's party label,
        a common word."""
        return (
            (sp.text.islower() and self._organ_of_other_body(doc, sp))
            or (canonical in self.parties and self._party_label(doc, sp))
            or (canonical in self.common_parties and self._common_word_at_sentence_start(doc, sp))
        )

    @staticmethod
    def _organ_of_other_body(doc: Doc, sp: Span) -> bool:
        """A registry name written in lower case and tied to a named body ("den administrative styregruppe bag
        Vækstforum") describes that body's organ; the registry's body is the one written as a name."""
        after = doc[sp.end : sp.end + 2]
        return len(after) == 2 and after[0].lower_ in ("bag", "for", "under", "i") and after[1].text[:1].isupper()

    @staticmethod
    def _party_label(doc: Doc, sp: Span) -> bool:
        """A party in brackets after a name ("Mette Lund (SF)") is that person's party, told with the person, not a
        mention of the party; after the party's own name ("Socialistisk Folkeparti (SF)") the acronym rules take it."""
        return (
            sp.start >= 2
            and sp.end < len(doc)
            and doc[sp.start - 1].text == "("
            and doc[sp.end].text == ")"
            and doc[sp.start - 2].text[:1].isupper()
        )

    def _common_word_at_sentence_start(self, doc: Doc, sp: Span) -> bool:
        """A party whose name is a common word, capitalised only because a sentence starts with it ("Venstre side
        af vejen"), unless what follows tells of a party (``party_context``: "Venstre stemte imod", or another
        name after "og": "Venstre og Dansk Folkeparti")."""
        before = doc[sp.start - 1] if sp.start else None
        if before is not None and not before.is_space and before.text not in (".", "!", "?", ":", "•", "-", "–"):
            return False
        after = doc[sp.end : sp.end + 2]
        if not after or after[0].lower_ in self.party_context:
            return False
        return not (len(after) == 2 and after[0].lower_ in ("og", ",", "samt") and after[1].text[:1].isupper())

    @staticmethod
    def _coordination_end(doc: Doc, sp: Span, shorts: dict[int, Span]) -> Span:
        """The stretch from a short name to the last short name coordinated with it ("Fjordby, Skovby og Åby
        kommuner"), whose context speaks for all of them: one plural "kommuner" ends the whole list."""
        end = sp
        while end.end + 1 < len(doc) and doc[end.end].lower_ in (",", "og", "eller", "samt") and end.end + 1 in shorts:
            end = shorts[end.end + 1]
        return doc[sp.start : end.end]

    def _municipal_context(self, doc: Doc, sp: Span, full: list[Span]) -> bool:
        """Whether a short municipality name (or a coordinated run of them) stands where a municipality is meant:
        after "borgmester i", before "Byråd" or "kommuner", or coordinated with a full name."""
        before = doc[max(0, sp.start - 3) : sp.start]
        words = [t.lower_ for t in before]
        if len(words) >= 2 and words[-1] in ("i", "fra") and words[-2] in self.context_words:
            return True
        if sp.end < len(doc) and doc[sp.end].lower_ in self.context_words:
            return True
        if sp.end < len(doc) and doc[sp.end].lower_ in ("og", ",", "eller"):
            return any(0 < f.start - sp.end <= 4 for f in full)
        return False

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


class OrgPatterns:
    """Organisations not in the registry: acronym definitions and Danish naming patterns.

    Finds "Business Region North Denmark (BRN)" / "DAS (Den Administrative Styregruppe)" (both parts
    become mentions and the pair goes to ``Doc._.kkr_acronyms``), acronyms and long forms learned
    elsewhere in the document (``Doc._.kkr_known_acronyms``), capitalised compounds ending in
    "-styrelsen", "-ministeriet", "-udvalget", "-sekretariatet", "-alliancen" ... with coordinated and
    adjectival prefixes ("Social-, Bolig- og Ældreministeriet", "Nordjysk Sundhedsalliance") and
    prepositional tails ("Indstillingsudvalget for Fonden for Retfærdig Omstilling"), heads such as
    "Fonden for X", "Erhvervshus X", "konsortiet X", and CamelCase names ("KlimaNord").
    """

    def __init__(self, nlp: Language, name: str, rules_path: str = "") -> None:
        self.name = name
        self.rules_path = rules_path
        self.rules: NlpRules | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Compile the patterns from the rule file."""
        self.rules = load_rules(self.rules_path)
        r = self.rules
        self.suffixes = tuple(sorted(r.set("org_suffix"), key=len, reverse=True))
        # the suffixes by last letter, longest first: each capitalised word tries only those it can end in
        self.suffix_index: dict[str, tuple[str, ...]] = {}
        for suffix in self.suffixes:
            self.suffix_index[suffix[-1:]] = (*self.suffix_index.get(suffix[-1:], ()), suffix)
        self.exclude = r.set("org_suffix_exclude")
        self.standalone = r.set("org_standalone")
        self.named_bodies = r.set("org_named_body")
        self.needs_tail = r.set("org_suffix_needs_tail")
        self.needs_adjective = r.set("org_suffix_needs_adjective")
        self.adjectives = r.set("org_adjective", lower=False)
        self.stop = r.set("name_stop", lower=False)
        self.first = resources.first_names if resources is not None else frozenset()
        self.wordforms = resources.wordforms if resources is not None else frozenset()
        self.role_of = resources.role if resources is not None else (lambda _w: None)
        self.role_suffixes = tuple(r.get("role_suffix"))
        heads = sorted(r.get("org_head"), key=len, reverse=True)
        cap_seq = rf"{_CAP_WORD}(?:(?:(?<=-),)?\s(?:og\s|&\s)?{_CAP_WORD}){{0,3}}"
        self.head_re = re.compile(rf"(?P<head>{_word_start_alternatives(heads, hyphen=False)})\s(?P<rest>{cap_seq})")
        low_heads = r.get("org_head_lower")
        self.low_head_re = re.compile(rf"(?:{_word_start_alternatives(low_heads, hyphen=True)})\s(?P<name>{_CAP_WORD})")
        self.title_cue_re = re.compile(rf"\b(?:{'|'.join(map(re.escape, r.get('org_title_cue')))})\s$", re.IGNORECASE)
        self.event_before_re = re.compile(rf"\b(?:{'|'.join(map(re.escape, r.get('org_event_cue')))})\s$", re.IGNORECASE)
        # an acronym or a capitalised word (both start with a capital), then a tail word
        self.tail_re = re.compile(
            rf"(?P<name>{_FIRST_CAP}{_AFTER_NON_WORD}(?:[{_UP}0-9+\-]{{1,9}}|[{_LO}{_UP}0-9&+\-]*)"
            rf"\s(?P<tail>{'|'.join(map(re.escape, r.get('org_tail')))}))\b"
        )
        self.tails_needing_name = r.set("org_tail_needs_name", lower=False)
        self.place_heads = r.set("org_head_place", lower=False)
        preps = "|".join(map(re.escape, r.get("org_extension_preposition")))
        self.ext_re = re.compile(rf"^\s(?:{preps})\s(?P<obj>(?:{_CAP_WORD}(?:(?<=-),)?\s(?:og\s|for\s|&\s)?){{0,4}}{_CAP_WORD})")
        self.unknown_word_suffixes = r.set("org_suffix_unknown_word")
        self.coord_re = re.compile(rf"(?:{_CAP_WORD}(?:-,?\s(?:og\s)?|\s&\s))+$")
        self.head_prepositions = tuple(f" {p}" for p in r.get("org_extension_preposition"))
        self.word_re = re.compile(rf"({_FIRST_CAP}{_NOT_AFTER_WORD}[{_LO}{_UP}0-9&+\-]*)(?![\w\-])")
        assemblies = r.get("org_assembly")
        # "Generalforsamling i X" (a meeting only a body holds), "bestyrelsen for X" (an organ only a body has)
        organs_of_named = "|".join(map(re.escape, r.get("org_named_body")))
        host_cue = rf"(?:{'|'.join(map(re.escape, assemblies))})\s+i|(?P<organ>{organs_of_named})\s+for"
        self.assembly_re = (
            re.compile(rf"\b(?i:{host_cue})\s+(?P<name>{_CAP_WORD}(?:\s{_CAP_WORD}){{0,3}})") if assemblies else None
        )
        self.places = (
            frozenset(x.short for x in resources.municipalities) | frozenset(x.short for x in resources.regions)
            if resources is not None
            else frozenset()
        )
        organs = r.get("org_organ")
        self.organ_re = (
            re.compile(
                rf"(?P<name>{_FIRST_CAP}{_NOT_AFTER_WORD}[{_LO}{_UP}0-9&+\-]*?(?:\s{_CAP_WORD}){{0,3}}?)"
                # the genitive as written ("Bigbands", "ABC's", "ABC'") or with its apostrophe lost to a PDF's
                # text layer ("ABC s generalforsamling")
                rf"(?P<gen>s|[’']s?|\ss)\s(?:{'|'.join(map(re.escape, organs))})\b"
            )
            if organs
            else None
        )
        self.surnames = resources.surnames if resources is not None else frozenset()
        # a body's decision record: "Plan, Miljø og Teknik, 7. januar 2020, pkt. 207", after a sentence's end
        items = "|".join(map(re.escape, r.get("org_record_item")))
        self.record_re = (
            re.compile(
                rf"(?:^\s*|(?<=[.:!?)]\s))(?P<name>{_CAP_WORD}(?:(?:,\s|\s(?:og|&)\s){_CAP_WORD}){{0,5}}),\s"
                rf"(?:den\s)?\d{{1,2}}[-./]\s?(?:\d{{1,2}}|[{_LO}]+)[-./ ]\s?\d{{4}},\s(?:{items})\.?\s?\d{{1,4}}\b"
            )
            if items
            else None
        )
        cues = "|".join(r"\s+".join(map(re.escape, c.split())) for c in r.get("org_route_cue"))
        acr = rf"[{_UP}]{{2,5}}(?![\w\-])"
        self.route_re = (
            re.compile(rf"\b(?:{cues})\s+(?P<list>{acr}(?:(?:\s*,\s*|\s+og\s+|\s+via\s+){acr})*)", re.IGNORECASE)
            if cues
            else None
        )
        self.acr_re = re.compile(acr)
        # two capitalised words joined by "&" name one body ("Teknik & Miljø"), unless a capitalised word goes on
        self.ampersand_re = re.compile(rf"(?<![\w&\-])(?P<a>[{_UP}][{_LO}]+)\s&\s(?P<b>[{_UP}][{_LO}]+)(?![\w\-])(?!\s[{_UP}])")
        self.institution_heads = tuple(r.get("org_institution_head"))
        self._owner_re = re.compile(
            rf"(?P<name>{_FIRST_CAP}{_NOT_AFTER_WORD}[{_LO}{_UP}0-9&+\-]*(?:\s{_CAP_WORD}){{1,3}}?)"
            rf"(?P<gen>s|[’']s)\s(?P<role>[{_LO}]+)\b"
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[tuple[int, int, str]] = []  # (start, end, name)
        acronyms: list[tuple[str, str]] = []
        for a_s, a_e, acr, l_s, l_e, long in doc_definitions(doc):
            found.append((a_s, a_e, acr))
            found.append((l_s, l_e, long))
            acronyms.append((acr, long))
        known = doc._.kkr_known_acronyms
        lowered = _lower_for_search(text) if known else None
        for acr, long in known:
            if acr in text:  # a plain substring test spares most texts the scan for a case-sensitive pattern
                for m in re.finditer(rf"{_word_start_alternatives([acr], hyphen=True)}(?:[’']?s)?(?![\w\-])", text):
                    found.append((m.start(), m.start() + len(acr), acr))
            long_lowered = _lower_for_search(long)
            if lowered is not None and long_lowered is not None and long_lowered not in lowered:
                continue  # the same test for the long form, in lower case
            for m in re.finditer(rf"(?<![\w\-]){re.escape(long)}(?![\w\-])", text, flags=re.IGNORECASE):
                found.append((m.start(), m.end(), m.group()))
        # capitalised words, read once for the suffix patterns and the CamelCase names
        cap_words = [(m.start(), m.end(), m.group(1)) for m in self.word_re.finditer(text)]
        found.extend(self._suffix_words(text, cap_words))
        m = self.head_re.search(text)
        while m is not None:
            rest = m.group("rest")
            words = rest.split(" ")
            if m.group("head").endswith(self.head_prepositions):  # "Center for Børn og Unge"
                words = self._extension_words(words) or words[:1]
            elif m.group("head") in self.place_heads and words[0] in self.places:
                words = words[:1]  # "Region Midtjylland Regionssekretariatet": the place ends the name
            else:  # "Region Midtjylland og Kommunalbestyrelsen": two bodies
                words = next((words[:k] for k, w in enumerate(words) if w == "og" and not words[k - 1].endswith("-")), words)
            words = self._cut_name_words(words)
            while len(words) > 1 and (
                words[-1] in self.stop
                or words[-1] in ("og", "&")
                or words[-1] in self.first
                or any(c.isdigit() for c in words[-1])
            ):
                words.pop()
            rest = " ".join(words)
            found.append((m.start(), m.start("rest") + len(rest), text[m.start() : m.start("rest") + len(rest)]))
            # go on after the name kept, not after the match: "Væksthus X og Vækstforum X" holds two heads
            m = self.head_re.search(text, m.start("rest") + len(rest))
        for m in self.low_head_re.finditer(text):
            name = m.group("name")
            if name.lower() in self.wordforms and not _CAMEL.match(name) and not name.isupper():
                continue  # "projektet Der pågår": a sentence-initial common word, not a name
            found.append((m.start("name"), m.end("name"), name))
        for m in self.tail_re.finditer(text):
            if re.search(r"(?:^|\s)(?:en|et)\s$", text[max(0, m.start() - 4) : m.start()]):
                continue  # "Aftale om et Grønt Danmark": an indefinite article makes it a title, not a name
            if self.title_cue_re.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "Aftale om Grønt Danmark": the name of an agreement, a law or a plan
            if m.group("tail") in self.tails_needing_name and not self._names_a_body(m.group("name").rsplit(" ", 1)[0]):
                continue  # "Kommunens Afdeling", "Bilag 3: Meningstilkendegivelse Fællesråd": a common noun before it
            start = m.start("name")
            while True:
                mm = re.search(rf"({_CAP_WORD})\s$", text[max(0, start - 40) : start])
                if not mm or mm.group(1) not in self.adjectives or mm.group(1) in ("Den", "Det", "De"):
                    break
                start -= len(mm.group(1)) + 1
            found.append((start, m.end("name"), text[start : m.end("name")]))
        found.extend(self._genitive_owners(text))
        found.extend(self._organ_owners(text))
        found.extend(self._assembly_hosts(text))
        found.extend(self._named_institutions(text, cap_words))
        found.extend(self._named_bodies(text, cap_words))
        found.extend(self._routed_bodies(text))
        found.extend(self._recording_bodies(text))
        for m in self.ampersand_re.finditer(text):
            if m.group("a") not in self.first and m.group("b") not in self.first:
                found.append((m.start(), m.end(), m.group()))
        for w_start, _w_end, w in cap_words:
            if _CAMEL.match(w.split("-")[0]) and "-" not in w:
                name = w[:-1] if w.endswith("s") and w[-2].islower() and len(w) > 6 else w
                found.append((w_start, w_start + len(name), name))
        self._add(doc, self._drop_events(text, found))
        doc._.kkr_acronyms = tuple(acronyms)
        return doc

    def _drop_events(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Drop names that the text uses as events: "X 2024", "afholdelse af X", "KlimaNord har afholdt X".

        One such use marks the name as an event in the whole text, so "Socialpolitisk Dialogforum 2024 ...
        Socialpolitisk Dialogforum foreslås afholdt" loses both mentions. A body's name is not followed by a
        year, though it may be by its term of office ("Regionsrådet 2018-2021"); the registry's bodies (found by
        the gazetteer) are never dropped here.
        """
        events = {
            name.casefold()
            for s, e, name in found
            if re.match(r"\s(?:19|20)\d\d\b(?!\s?[-–]\s?(?:19|20)?\d\d)", text[e : e + 13])
            or self.event_before_re.search(text[max(0, s - 30) : s])
        }
        return [f for f in found if f[2].casefold() not in events] if events else found

    def _cut_name_words(self, words: list[str]) -> list[str]:
        """Cut a capitalised run after a head where a person's name or a genitive phrase begins.

        "Danmarks Erhvervsfremmebestyrelse Arne Hansen" keeps "Erhvervsfremmebestyrelse"; "Socialtilsyn
        Nords Årsberetning" keeps "Nords" (the genitive is stripped later) because a genitive followed by
        a common noun ends the name; a word in capitals after a written word ("Region Midt PDF Bilag") starts a
        layout label or another body.
        """
        for k in range(1, len(words)):
            w = words[k]
            if w in self.first and w not in self.wordforms:
                return words[:k]
            if len(w) > 1 and w.isalpha() and w.isupper() and not words[k - 1].isupper():
                return words[:k]  # "Region Midt PDF Bilag": an acronym after a written name starts something else
            prev = words[k - 1]
            if prev.endswith(("s", "’s", "'s")) and w.lower() in self.wordforms:
                return words[:k]
        return words

    def _is_role_word(self, word: str) -> bool:
        low = word.lower()
        return self.role_of(low) is not None or any(low.endswith(s) for s in self.role_suffixes)

    def _genitive_owners(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Name-like genitives that own a role: "Nordkraft Bigbands manager" → organisation "Nordkraft Bigband".

        Only multi-word capitalised runs whose first word is not a first name (people own roles too, and a
        single capitalised word may be a sentence-initial common noun). The span keeps the genitive "s" so
        the role statement can find its owner; the name drops it.
        """
        for m in self._owner_re.finditer(text):
            words = m.group("name").split(" ")
            if words[0] in self.first or words[0] in self.stop or not self._is_role_word(m.group("role")):
                continue
            initial = re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[max(0, m.start() - 3) : m.start()]) is not None
            if initial and words[0].lower() in self.wordforms and words[0] not in self.adjectives:
                continue  # "Mødet Regionens ..." starts with a sentence-initial common noun
            name = m.group("name")
            yield m.start("name"), m.end("gen"), name

    def _named_institutions(self, text: str, cap_words: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
        """An institution word (``org_institution_head``: "-center", "-klub", "-museum" ...) written as a name
        with a place or a name: "Misbrugscenter Vestkysten", "Vejle Roklub", "Naturhistorisk Museum".

        The compound alone is a common noun ("et misbrugscenter"); capitalised and joined to a place (a
        municipality's or region's name before it; after it, a capitalised word that is no stop word, first
        name or role and is a place, a proper name or a definite singular) or to an adjective it names one
        institution. An unknown capitalised word before it ("Fjordby Roklub") is of unknown kind, so no name.
        """
        if not self.institution_heads:
            return
        for (s1, e1, w1), (s2, e2, w2) in pairwise(cap_words):
            if s2 != e1 + 1 or text[e1] != " ":
                continue
            head1, head2 = w1.lower().endswith(self.institution_heads), w2.lower().endswith(self.institution_heads)
            place_after = head1 and not head2 and self._names_a_place(w2) and self._proper_or_definite(w2)
            named_before = head2 and (
                w1 in self.places
                or (w1 in self.adjectives and w1 not in ("Den", "Det", "De"))
                or (w1.endswith(("isk", "iske")) and len(w1) > 5)
            )
            if place_after or named_before:
                yield s1, e2, text[s1:e2]

    def _named_bodies(self, text: str, cap_words: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
        """A body's definite common noun (``org_named_body``) capitalised inside a sentence: "Sekretariatet
        indstiller, at Bestyrelsen godkender" writes the body the document is about as its name. Only after a
        word in lower case or a comma is the capital the writer's choice: at a sentence's start it is grammar's
        ("Bestyrelsen drøftede ..."), after a heading's word the flat text may join two lines, and a label
        ("Bestyrelsen: A, B") heads a list; "BESTYRELSEN" is a heading."""
        for start, end, word in cap_words:
            if (
                word[1:].islower()
                and word.lower() in self.named_bodies
                and re.search(rf"[{_LO},]\s$", text[max(0, start - 2) : start])
                and not text.startswith(":", end)
            ):
                yield start, end, word

    def _recording_bodies(self, text: str) -> list[tuple[int, int, str]]:
        """The body of a decision record quoted in a case's history: "Social og Sundhed, 6. januar 2020, pkt.
        123:" names the committee that decided, often without "-udvalget" (its name is its field). A place's
        body ("Fjordby Kommune, ...") is left to the municipality rules."""
        if self.record_re is None:
            return []
        out = []
        for m in self.record_re.finditer(text):
            name = m.group("name")
            if name.split()[-1] not in self.stop and name.split()[0] not in self.first:
                out.append((m.start("name"), m.end("name"), name))
        return out

    def _routed_bodies(self, text: str) -> list[tuple[int, int, str]]:
        """Acronyms of the bodies a case is sent through: "indstiller til KB via DIR, SSU og ØU" (``org_route_cue``;
        the list joined by commas, "og" and "via")."""
        if self.route_re is None:
            return []
        out = []
        for m in self.route_re.finditer(text):
            at = m.start("list")
            for a in self.acr_re.finditer(m.group("list")):
                out.append((at + a.start(), at + a.end(), a.group()))
        return out

    def route_acronyms(self, texts: Iterable[str], defined: Iterable[str]) -> list[tuple[str, str]]:
        """Pair the acronyms a document routes its case through with the bodies whose records it quotes, where
        only their letters pair them: "SSU" and "Social og Sundhed", "PMT" and "Plan, Miljø og Teknik", "DIR"
        and "Direktionen" (the word's first letters), "KFU" and "Kultur og Fritid" (its "udvalg"). A pair
        counts only when neither has another fit, and an acronym the document defines (``defined``) keeps its
        definition. Run once over all of a document's texts: the route and the records are in different
        sections."""
        texts = list(texts)
        names = {name for t in texts for _s, _e, name in self._recording_bodies(t)}
        acrs = {a for t in texts for _s, _e, a in self._routed_bodies(t)} - set(defined)

        def fits(acr: str, name: str) -> bool:
            if " " not in name:
                return len(acr) >= 3 and name.lower().startswith(acr.lower())
            # a committee's acronym may end in its "U" for "-udvalget" ("KFU": Kultur og Fritid)
            return acronym_fits(acr, name) or (len(acr) >= 3 and acr.endswith("U") and acronym_fits(acr[:-1], name))

        pairs = [(a, n) for a in sorted(acrs) for n in sorted(names) if fits(a, n)]
        return [(a, n) for a, n in pairs if sum(a == b for b, _ in pairs) == 1 and sum(n == m for _, m in pairs) == 1]

    def _names_a_body(self, word: str) -> bool:
        """Whether the one word before a tail that a common noun could also take (``org_tail_needs_name``) names
        the body: a place ("Vejle Fællesråd"), an acronym, an office's genitive ("Borgmesterens Afdeling"), an
        area's ("Midtbyens Fællesråd"), or a proper name, in the genitive or not ("Østbyens", "Vestby-Strand").
        Another word of the Danish word list, or a compound of two of its words ("Meningstilkendegivelse"), is a
        common noun."""
        if word in self.places or (word.isupper() and len(word) > 1):
            return True
        low = word.lower()
        stem = low.removesuffix("s")
        if stem != low and (self._is_role_word(stem) or self._is_role_word(stem.removesuffix("en"))):
            return True
        if stem != low and stem.endswith(("en", "et")) and stem in self.wordforms:
            # a definite noun's genitive names an area ("Midtbyens Fællesråd"), unless the noun is a body
            # ("Kommunens Afdeling", "Forvaltningens Afdeling": some body's unit, described)
            return stem.capitalize() not in self.stop and not stem.endswith(self.suffixes)
        if low in self.wordforms:
            return False
        if stem != low and stem not in self.wordforms:
            return True  # a proper name's genitive
        return not self._common_compound(low)

    def _common_compound(self, low: str) -> bool:
        """Whether a lower-case word not in the word list joins two of its words ("menings|tilkendegivelse"); a
        place's name seldom splits so ("østby", "sydhavn": the last part is too short to count)."""
        if "-" in low:
            return False
        for k in range(3, len(low) - 5):
            first, rest = low[:k], low[k:]
            if rest in self.wordforms and (first in self.wordforms or (first[-1] in "se" and first[:-1] in self.wordforms)):
                return True
        return False

    def _proper_or_definite(self, word: str) -> bool:
        """Whether a word after an institution word can be its name: a place, a proper name ("Havdokken",
        "Sønderjylland": the word list has no other form of it), or a common noun's definite singular, which
        names one place ("Misbrugscenter Vestkysten"). A common noun's indefinite or plural form begins what
        follows ("Musikskolen Takster for 2020" is a heading)."""
        low = word.lower()
        if word in self.places or low not in self.wordforms:
            return True
        definite = ("en", "et", "n", "t")
        if any(low.endswith(d) and low[: -len(d)] in self.wordforms for d in definite):
            return True
        plural = any(low.endswith(p) and low[: -len(p)] in self.wordforms for p in ("er", "e", "r"))
        return not plural and not any(low + d in self.wordforms for d in definite)

    def _names_a_place(self, word: str) -> bool:
        """Whether a capitalised word after an institution word can be its place or name (not a heading, a
        person or a title)."""
        return (
            not word.isupper()
            and word not in self.stop
            and word not in self.first
            and not self._is_role_word(word)
            and word.lower() not in self.exclude
        ) or word in self.places

    def _assembly_hosts(self, text: str) -> Iterator[tuple[int, int, str]]:
        """The capitalised name after a meeting only a body holds (``org_assembly``): "Generalforsamling i
        Vejle Firmaidræt", "Repræsentantskabsmøde i Vejle Idrætsunion", or after an organ only a body has
        (``org_named_body``): "bestyrelsen for Vestegnens Turisme". A municipality's short name alone is a place
        ("årsmøde i Aalborg"), and a first name starts a person, not the body; one common word after an organ is
        its field ("direktionen for Teknik og Miljø"), not a name."""
        if self.assembly_re is None:
            return
        for m in self.assembly_re.finditer(text):
            words = self._cut_name_words(m.group("name").split(" "))
            # a common noun after the name ends it ("i Midttrafik Sted Mødetidspunkt"), unless a place or an
            # adjective comes first ("Vejle Firmaidræt", "Dansk Firmaidrætsforbund")
            for k in range(1, len(words)):
                prev = words[k - 1]
                if (
                    words[k].lower() in self.wordforms
                    and prev not in self.places
                    and prev not in self.adjectives
                    and not prev.endswith(("sk", "ske"))
                ):
                    words = words[:k]
                    break
            while len(words) > 1 and (words[-1] in self.stop or words[-1] in self.first):
                words.pop()
            if words[0] in self.first or words[0] in self.stop:
                continue
            if len(words) == 1 and (words[0] in self.places or words[0].lower() in self.exclude):
                continue  # a place, or a bare common noun ("Foreningen")
            if len(words) == 1 and m.group("organ") and words[0].lower() in self.wordforms:
                continue
            name = " ".join(words)
            yield m.start("name"), m.start("name") + len(name), name

    def _organ_owners(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Names in the genitive before an organ of a body (``org_organ``): "Opera Hedelands bestyrelse",
        "Vikingeskibsmuseets bestyrelse" → "Opera Hedeland", "Vikingeskibsmuseet".

        Only a body has a board or a general assembly, so one capitalised word will do here, as long as the
        word list does not know it ("Selskabets bestyrelse" is a common noun) and it is no person's name.
        """
        if self.organ_re is None:
            return
        for m in self.organ_re.finditer(text):
            words = m.group("name").split(" ")
            if words[0] in self.first or words[0] in self.stop:
                continue
            if len(words) == 1:
                low = words[0].lower()
                if low in self.wordforms or low + "s" in self.wordforms or words[0] in self.surnames:
                    continue
            elif (
                words[0].lower() in self.wordforms
                and words[0] not in self.adjectives
                and re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[max(0, m.start() - 3) : m.start()])
            ):
                continue  # "Mødet Regionens ..." starts with a sentence-initial common noun
            yield m.start("name"), m.end("gen"), m.group("name")

    def _suffix_words(self, text: str, cap_words: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
        for m_start, m_end, word in cap_words:
            low = word.lower()
            genitive = 0
            hit = next((s for s in self.suffix_index.get(low[-1:], ()) if low.endswith(s)), None)
            if hit is None and low.endswith("s"):
                stem = low[:-1]
                hit = next((s for s in self.suffix_index.get(stem[-1:], ()) if stem.endswith(s)), None)
                genitive = 1 if hit else 0
            if hit is None:
                continue
            start, end = m_start, m_end - genitive
            base = low[: len(low) - genitive]
            if base.endswith(("området", "bestyrelsen", "bestyrelse")) and base != "kommunalbestyrelsen":
                continue  # a board of some body ("Bestyrelsen", "Selskabsbestyrelsen"); the council is one body
            # the suffix alone ("Udvalget", "Institut"), unless it is a body's own name ("Magistraten")
            short = len(base) <= len(hit) + 1 and "-" not in base and base not in self.standalone
            # adjectives and coordinated compounds to the left
            left = text[max(0, start - 80) : start]
            coord = self.coord_re.search(left)
            if coord:
                start -= len(left) - coord.start()
                left = text[max(0, start - 80) : start]
            adj_start = start
            while True:
                mm = re.search(rf"({_CAP_WORD})\s$", text[max(0, adj_start - 40) : adj_start])
                if not mm:
                    break
                w = mm.group(1)
                if w in self.adjectives or (w.endswith(("isk", "iske")) and len(w) > 5):
                    adj_start -= len(w) + 1
                else:
                    break
            if hit in self.unknown_word_suffixes and base in self.wordforms:
                continue  # "Folkeskolen" is a kind of school, "Sønderkærskolen" one school
            bare = adj_start == start == m_start
            ext = None if genitive else self.ext_re.match(text[end : end + 120])
            ext_words = self._extension_words(ext.group("obj").split(" ")) if ext else []
            if short and bare and not ext_words:
                continue
            if hit in self.needs_adjective and adj_start == start:
                continue  # "et Sundhedsudvalg" is a kind of committee; "Teknisk Udvalg" names one
            if hit in self.needs_tail and not ext_words:
                continue  # "Tilbudsafdelingen" is a unit inside a body; "Magistratsafdelingen for Kultur" names one
            tail_end = end + ext.start("obj") + len(" ".join(ext_words)) if ext_words else end
            if ext_words and ext_words[-1].endswith("s") and re.match(rf"\s[{_LO}]", text[tail_end : tail_end + 2]):
                ext_words[-1] = ext_words[-1][:-1]  # "Afdelingen for Natur og Miljøs forslag": the whole name's genitive
            if base in self.exclude and bare and not ext_words:
                continue  # "Udvalget" alone is a reference; "Udvalget for Ældre og Sundhed" a name
            if "-" in base and bare and self._generic_compound(word[: len(base)], hit, text):
                continue
            start = adj_start
            if ext_words:
                end += ext.start("obj") + len(" ".join(ext_words))
            name = text[start:end]
            # a heading in capitals ("ØKONOMIUDVALGET") names the body as it is written in running text
            yield start, end, name.capitalize() if " " not in name and len(name) > 6 and name.isupper() else name

    def _extension_words(self, words: list[str]) -> list[str]:
        """The words of a prepositional tail that belong to the name.

        A plain "og" joins two words of one name ("for Ældre og Sundhed") unless the word after it is a body
        of its own ("for Børn og Unge og Kommunalbestyrelsen"); a person's first name starts what follows the
        name ("Fonden for Retfærdig Omstilling Mogens Christen Gade"), as does a word in capitals that the word
        list knows (a layout heading: "for Ældre og Sundhed MØDE"), and a stop word does not end one. Empty when
        no word is left ("Statistik for De ...").
        """
        for k, w in enumerate(words):
            if k > 0 and w in self.first and w.lower() not in self.wordforms:
                words = words[:k]
                break
            if k > 0 and len(w) > 3 and w.isupper() and w.lower() in self.wordforms:
                words = words[:k]  # "Udvalget for Ældre og Sundhed MØDE Referat": a layout heading follows
                break
            if w == "og" and k + 1 < len(words) and k > 0 and not words[k - 1].endswith("-"):
                nxt = words[k + 1].lower()
                if any(nxt.endswith(s) for s in self.suffixes):
                    words = words[:k]
                    break
        while words and (words[-1] in self.first or words[-1] in self.stop or words[-1] in ("og", "for", "&")):
            words.pop()
        return words

    def _generic_compound(self, word: str, suffix: str, text: str) -> bool:
        """A hyphen compound that is a common noun, not a unit's name.

        "DK2020-klimasamarbejdet": a lower-case modifier between the hyphen and the suffix makes a
        description. "EU-kontor": a bare indefinite unit noun is no name unless the text also writes its
        definite form ("KlimaNord-sekretariat" next to "KlimaNord-sekretariatet").
        """
        tail = word.rsplit("-", 1)[1]
        if not tail[:1].islower():
            return False
        if tail.lower() != suffix:
            return True
        definite = [d for d in (suffix + "et", suffix + "en", suffix + "n") if d in self.suffixes]
        return bool(definite) and not any(re.search(rf"(?<![\w\-]){re.escape(word[: -len(suffix)] + d)}", text) for d in definite)

    def _add(self, doc: Doc, found: list[tuple[int, int, str]]) -> None:
        groups = _span_groups(doc)
        spans = []
        for s, e, name in found:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            spans.append((span, name))
        # longest first, then leftmost: a pattern inside a longer one is dropped
        spans.sort(key=lambda x: (-(x[0].end - x[0].start), x[0].start))
        org_group = groups[GROUPS["organisation"]]
        for span, _name in spans:
            inside = [o for o in org_group if span.start <= o.start and o.end <= span.end and o.end - o.start < len(span)]
            if inside and span.end - span.start > 1:
                org_group[:] = [o for o in org_group if o not in inside]
        doc.spans[GROUPS["organisation"]] = org_group
        taken = _taken_tokens(doc)
        for span, name in spans:
            if any(taken[i] for i in range(span.start, span.end)):
                continue
            for i in range(span.start, span.end):
                taken[i] = 1
            out = Span(doc, span.start, span.end, label="ORG")
            groups[GROUPS["organisation"]].append(_mark(out, _strip_genitive(name.strip(), ()), ORG_PATTERNS))
        doc.spans[GROUPS["organisation"]] = sorted(groups[GROUPS["organisation"]], key=lambda sp: sp.start)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


class PersonNames:
    """People found from the text: capitalised name sequences that start with a known first name.

    Surnames are open-class, so any capitalised token may continue a name unless it is a stop word,
    a role word, a municipality or already part of an organisation; a middle initial ("Niels O. Pedersen")
    or a particle ("van") continues a name when a name word follows. A sequence that does not start with
    a known first name still counts when a cue supports it: a party letter "(A)", a role noun before it
    or a cue verb after it ("orienterede", "indledte"). The document's participants (``Doc._.kkr_lexicon``)
    are matched first, in full, hyphen/space variants and unambiguous first+last short forms.
    """

    def __init__(self, nlp: Language, name: str, max_tokens: int = 5, rules_path: str = "") -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.rules_path = rules_path

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Take the name lists and role vocabulary from ``resources``."""
        if resources is None:
            from kkrgraph.resources import load_resources

            resources = load_resources()
        self.resources = resources
        self.rules = load_rules(self.rules_path)
        self.first = resources.first_names
        self.surnames = resources.surnames
        self.stop = self.rules.set("name_stop", lower=False)
        self.cues = self.rules.set("cue_verb")
        self.particles = self.rules.set("name_particle")
        self.streets = self.rules.set("street_word")
        self.parties = frozenset(p.letter for p in resources.parties)
        self.places = frozenset(m.short for m in resources.municipalities) | frozenset(r.short for r in resources.regions)
        self.abbreviations = self.rules.get("abbreviation")
        self._nameish_memo: dict[str, bool] = {}  # per-pipeline memo of _nameish

    def _is_first(self, word: str) -> bool:
        return all(part in self.first for part in word.split("-"))

    def _genitive(self, word: str) -> bool:
        if word.endswith(("’s", "'s")):
            return True
        return word.endswith("s") and word not in self.first and word not in self.surnames and word[:-1] in self.surnames

    def _nameish(self, w: str) -> bool:
        """Whether a capitalised word can be part of a name; remembered per word (names recur in a corpus
        and the role lookup is the costly part)."""
        known = self._nameish_memo.get(w)
        if known is None:
            known = self._nameish_memo[w] = (
                bool(_NAME_TOKEN.match(w))
                and w not in self.stop
                and w.rstrip("s") not in self.places
                and (self.resources.role(w) is None or w in self.surnames)
            )
        return known

    def __call__(self, doc: Doc) -> Doc:
        groups = _span_groups(doc)
        taken = _taken_tokens(doc)
        people = groups[GROUPS["person"]]
        # tokens of the person spans _accept can see: those of earlier components at first, and once a name is
        # found here (the span group is rewritten then) also the lexicon's and those found so far
        visible = bytearray(len(doc))
        for sp in people:
            visible[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
        lexicon = tuple(doc._.kkr_lexicon)
        from_lexicon = []
        if lexicon:
            for span, name in self._lexicon_spans(doc, lexicon):
                if any(taken[i] for i in range(span.start, span.end)):
                    continue
                for i in range(span.start, span.end):
                    taken[i] = 1
                people.append(_mark(Span(doc, span.start, span.end, label="PER"), name, PERSON_LEXICON))
                from_lexicon.append(span)
        sent_starts = {s for s, _ in doc_sentences(doc, self.abbreviations)}
        cols = token_columns(doc)
        words, spaces = cols.words, cols.spaces
        text = doc_text(doc)
        nameish = [w[:1] in _UP_CHARS and self._nameish(w) for w in words]
        n = len(doc)
        i = 0
        while i < n:
            if taken[i] or not nameish[i]:
                i += 1
                continue
            j = i + 1
            while j < n and j - i < self.max_tokens and spaces[j - 1] and not taken[j]:
                if j - i >= 2 and self._next_name_starts(words, j, nameish):
                    break  # "Lars Fredsted Michael Lunn": a list of names without commas
                if (nameish[j] and not self._genitive(words[j - 1])) or (
                    (words[j] in self.particles or _MIDDLE_INITIAL.match(words[j])) and j + 1 < n and spaces[j] and nameish[j + 1]
                ):
                    j += 1
                else:
                    break
            # drop trailing common words that are not surnames ("... Okkels Her")
            while (
                j - i >= 2
                and words[j - 1].lower() in self.resources.wordforms
                and words[j - 1] not in self.surnames
                and words[j - 1] not in self.first
            ):
                j -= 1
            street = j < n and spaces[j - 1] and words[j].lower() in self.streets  # "Niels Bohrs Vej" is an address
            if j - i >= 2 and not street and self._accept(cols, i, j, sent_starts, visible):
                name_text = text[cols.starts[i] : cols.ends[j - 1]]
                name = _strip_genitive(name_text)
                last = words[j - 1]
                if name == name_text and last.endswith("s") and last[:-1] in self.surnames and last not in self.surnames:
                    name = name_text[:-1]
                people.append(_mark(Span(doc, i, j, label="PER"), name, PERSON_NAMES))
                for sp in from_lexicon:
                    visible[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
                from_lexicon = []
                visible[i:j] = b"\x01" * (j - i)
                for k in range(i, j):
                    taken[k] = 1
                i = j
            else:
                i += 1
        doc.spans[GROUPS["person"]] = sorted(people, key=lambda sp: sp.start)
        return doc

    def _next_name_starts(self, words: list[str], j: int, nameish: list[bool]) -> bool:
        """Whether a second name starts at ``words[j]`` of a run of two or more name words: a first name that
        is no surname, after a surname that is no first name, and followed by another name word. Given names
        come together ("Karen Marie Louise Hansen"), so a first name after a surname starts the next person."""
        w, prev = words[j], words[j - 1]
        return j + 1 < len(words) and nameish[j + 1] and self._is_first(w) and w not in self.surnames and not self._is_first(prev)

    def _accept(self, cols, i: int, j: int, sent_starts: set[int], visible: bytearray) -> bool:
        words = cols.words
        wordforms = self.resources.wordforms
        first = words[i]
        if self._is_first(first):
            if cols.starts[i] in sent_starts and first.lower() in wordforms:
                rest = words[i + 2] if _MIDDLE_INITIAL.match(words[i + 1]) else words[i + 1]  # j - i >= 3 then
                return self._is_first(rest) or rest in self.surnames
            return True
        if any(words[k].lower() in wordforms for k in range(i, j)):
            return False
        after = words[j : j + 3]
        if len(after) >= 3 and after[0] == "(" and after[1] in self.parties and after[2] == ")":
            return True
        if len(after) >= 1 and after[0].lower() in self.cues:
            return True
        if len(after) >= 2 and after[0] == "," and self.resources.role(after[1]) is not None:
            return True
        if i >= 2 and words[i - 1].lower() in (",", "og") and visible[i - 2]:
            return True
        return i > 0 and self.resources.role(words[i - 1]) is not None

    def _lexicon_spans(self, doc: Doc, lexicon: tuple[str, ...]) -> Iterator[tuple[Span, str]]:
        parts = [name.replace("-", " ").split() for name in lexicon]
        short_count: dict[tuple[str, str], int] = {}
        for p in parts:
            if len(p) > 2:
                short_count[(p[0], p[-1])] = short_count.get((p[0], p[-1]), 0) + 1
        full_names = {tuple(p) for p in parts}
        variants = []
        for name, p in zip(lexicon, parts, strict=True):
            if len(p) < 2:
                continue
            variants.append((p, name))
            key = (p[0], p[-1])
            if len(p) > 2 and short_count.get(key) == 1 and (p[0], p[-1]) not in full_names:
                variants.append(([p[0], p[-1]], name))
        variants.sort(key=lambda v: -len(v[0]))
        text = doc_text(doc)
        for p, _name in variants:
            if not all(part in text for part in p):  # most names of the participant list are not in a given section
                continue
            # the name's words with spaces or hyphens between, at a word start (checked after the first letter)
            words = r"[\s\-]+".join(map(re.escape, [p[0][1:], *p[1:]]))
            pattern = re.escape(p[0][:1]) + _NOT_AFTER_WORD + words
            for m in re.finditer(rf"{pattern}(?:[’']?s)?(?![\w\-])", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    yield span, _strip_genitive(m.group(), [m.group()[:-1]] if m.group()[:-1].split()[-1] == p[-1] else [])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


class RoleStatements:
    """Role statements between the person and organisation mentions already found.

    Handles role titles before a name ("Miljøminister X", "KL-direktør X", plural "klimakoordinatorerne
    X, Y og Z"), appositions before a name ("Formand for BRN (...), X"; two roles joined by "og"), after
    it ("X, direktør i Y Kommune og formand for DAS"; "X (V), som er medlem af ..."), genitive owners
    ("KL's administrerende direktør, X"), "ORG ved ROLE X", and seats ("sin plads i ORG" → medlem).
    Results are plain dicts in ``Doc._.kkr_roles`` with character offsets.
    """

    def __init__(self, nlp: Language, name: str, max_gap: int = 90, rules_path: str = "") -> None:
        self.name = name
        self.max_gap = max_gap
        self.rules_path = rules_path

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Take the role vocabulary from ``resources`` and the steering words from the rule file."""
        if resources is None:
            from kkrgraph.resources import load_resources

            resources = load_resources()
        self.resources = resources
        self._lemmas: dict[str, tuple[str, str, bool] | None] = {}  # per-pipeline memo: words recur a lot
        self.rules = load_rules(self.rules_path)
        r = self.rules
        self.exclude = r.set("role_exclude")
        self.suffixes = tuple(sorted(r.set("role_suffix"), key=len, reverse=True))
        self.inflections = r.set("role_inflection")
        self.appointment = r.set("appointment")
        mods = sorted(r.get("role_modifier"), key=len, reverse=True)
        self.mod_re = re.compile(rf"(?:(?<![\w.])(?:{'|'.join(map(re.escape, mods))})\s+)+$", re.IGNORECASE)
        self.kept = r.set("kept_modifier")
        preps = "|".join(map(re.escape, r.get("role_preposition")))
        self.prep_re = re.compile(rf"^\s*(?:{preps})\s", re.IGNORECASE)
        # "X blev valgt som formand", "X mødte som stedfortræder": a verb of appointment or attendance before "som"
        verbs = "|".join(map(re.escape, sorted(self.appointment | r.set("role_attending_verb"), key=len, reverse=True)))
        self.right_re = re.compile(
            rf"^(?:\s*\([^()]{{1,3}}\))?\s*(?:,\s*(?:som\s+er\s+)?|\s+(?:(?:blev|bliver|er)\s+)?(?:(?:{verbs})\s+)?som\s+(?:er\s+)?)",
            re.IGNORECASE,
        )
        # "X stillede op til posten som formand": a role only when the text goes on to say someone was elected
        candidacy = "|".join(r"\s+".join(map(re.escape, c.split())) for c in r.get("role_candidacy"))
        self.candidacy_re = re.compile(rf"^\s+(?:{candidacy})\s+", re.IGNORECASE) if candidacy else None
        self.abbreviations = r.get("abbreviation")
        self.name_prepositions = r.set("org_extension_preposition")
        self.collegial = tuple(r.get("collegial_body"))
        definite = "|".join(re.escape(w) for w in self.collegial if w.endswith(("en", "et")))
        self.body_gap_re = re.compile(rf"\s+for\s+(?P<body>{definite})\s+", re.IGNORECASE)
        joins = "|".join(r"\s+".join(map(re.escape, v.split())) for v in r.get("membership_join"))
        replaces = "|".join(r"\s+".join(map(re.escape, v.split())) for v in r.get("membership_replace"))
        self.join_re = (
            re.compile(rf"\s+(?:(?:{joins})(?:\s+i\s+stedet)?\s+i\s+|(?P<replaces>{replaces})\s+)", re.IGNORECASE)
            if joins and replaces
            else None
        )

    def _title_kind(self, base: str) -> re.Pattern | None:
        """The head noun of the kind of body an administrative compound title heads, as a pattern for a word's
        end, or None: "museumsdirektør" → "muse" and up to four letters ("Museet", "Kunstmuseum"), "skoleleder"
        → "skol…", "centerchef" → "cent…" ("Centret"). A stem cut short of its kind is followed by at least one
        letter in a word of that kind ("Markedet"), so a word merely ending in the stem ("Syddanmark") is none."""
        suffix = next((s for s in self.suffixes if base.endswith(s) and len(base) - len(s) >= 4), None)
        term = self.resources.role(base)
        if suffix is None or (term is not None and term.category != "administrative"):
            return None
        kind = base[: -len(suffix)].rstrip("-")
        if kind.endswith("s") and len(kind) > 4:
            kind = kind[:-1]  # the linking s of "museums-"
        if not kind.isalpha():
            return None
        stem = kind[: max(4, len(kind) - 2)]
        return _word_end(stem, 1 if len(stem) < len(kind) else 0)

    def _prep_org_gap(self, text: str, a_end: int, p_start: int, orgs: list[Span]) -> bool:
        """True if only "<preposition> <organisation>" stands between a role word and a name."""
        m = self.prep_re.match(text[a_end:p_start])
        if m is None:
            return False
        at = a_end + m.end()
        return any(o.start_char == at and text[o.end_char : p_start].strip() == "" for o in orgs)

    def _body_gap(self, text: str, a_end: int, p_start: int) -> dict | None:
        """The body in "næstformand for bestyrelsen X": only "for" and a body's definite common noun
        (``collegial_body``) between a role word and a name, in any case. The role is held in that body, named
        as a document names its own body ("Bestyrelsen"); nothing is guessed where the text names none."""
        m = self.body_gap_re.fullmatch(text, a_end, p_start)
        if m is None:
            return None
        return {"s": m.start("body"), "e": m.end("body"), "name": m.group("body").capitalize(), "kind": "organisation"}

    def lemma(self, word: str) -> tuple[str, str, bool] | None:
        """Return ``(base, org_prefix, plural)`` for a role word, or None.

        Example:
            ``"klimakoordinatorerne"`` → ``("klimakoordinator", "", True)``; ``"KL-direktør"`` →
            ``("direktør", "KL", False)``.
        """
        cached = self._lemmas.get(word, self)
        if cached is not self:
            return cached
        out = self._lemma(word)
        self._lemmas[word] = out
        return out

    def _lemma(self, word: str) -> tuple[str, str, bool] | None:
        low = word.lower()
        if low in self.exclude or not any(c.isalpha() for c in low):
            return None
        prefix = ""
        if "-" in word:
            head, _, rest = word.partition("-")
            if head.isupper() and self.resources.organisation(head) is not None:
                prefix, low = head, rest.lower()
        term = self.resources.role(low)
        base = term.base if term is not None else ""
        if not base:
            for suf in self.suffixes:
                k = low.rfind(suf)
                if k >= 0 and low[k + len(suf) :] in self.inflections and (k == 0 or k >= 2):
                    base = low[: k + len(suf)]
                    break
        if not base or base in self.exclude:
            return None
        plural = low != base and (low.endswith("erne") or (low.endswith("er") and not base.endswith("er")) or low.endswith("mer"))
        return base, prefix, plural

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        people = sorted(doc.spans[GROUPS["person"]], key=lambda s: s.start_char) if GROUPS["person"] in doc.spans else []
        orgs = sorted(
            [*doc.spans.get(GROUPS["organisation"], []), *doc.spans.get(GROUPS["municipality"], [])],
            key=lambda s: s.start_char,
        )
        org_starts = [o.start_char for o in orgs]
        anchors = []
        person_tokens = {i for p in people for i in range(p.start, p.end)}
        # token columns, not Token objects: creating a Python Token per word cost more than the lemma lookups
        cols = token_columns(doc)
        for i, (idx, word) in enumerate(zip(cols.starts, cols.words, strict=True)):
            length = len(word)
            if i in person_tokens or not word[:1].isalpha():
                continue
            lem = self.lemma(word)
            if lem is None:
                continue
            base, prefix, plural = lem
            mod = self.mod_re.search(text[max(0, idx - 40) : idx])
            mstart = idx - (len(mod.group()) if mod else 0)
            if mod and base == "direktør":
                words = {w.lower().rstrip(".") for w in mod.group().split()}
                if words & {"adm", "administrerende"}:
                    base = "administrerende direktør"
            if not mod:  # "Børne- og Familiechef X": the coordinated first part belongs to it
                base, mstart = suspended_title(text, idx, base)
            if _POSSESSOR.search(text, max(0, mstart - 12), mstart):
                continue  # "Bo Fibiger og dennes suppleant X": a post held for a person
            anchors.append({"s": idx, "e": idx + length, "ms": mstart, "base": base, "prefix": prefix, "plural": plural})
        sents = doc_sentences(doc, self.abbreviations)
        sent_starts = [s for s, _ in sents]
        roles: list[dict] = []
        owners: dict[int, dict] = {}  # anchor start -> its genitive owner
        carried: dict[int, dict] = {}  # person end -> genitive owner of the role stated before them

        def sentence_of(pos: int) -> tuple[int, int]:
            k = bisect_right(sent_starts, pos) - 1
            return sents[k] if k >= 0 else (0, len(text))

        def org_in(a: int, b: int, start_only: bool = False) -> Span | None:
            k = bisect_right(org_starts, a - 1)
            while k < len(orgs) and orgs[k].start_char < b:
                o = orgs[k]
                if start_only or o.end_char <= b + 1:
                    return o
                k += 1
            return None

        def org_before(pos: int, genitive: bool) -> Span | None:
            for o in orgs:
                gap = text[o.end_char : pos]
                if genitive and o.end_char <= pos and gap.strip() == "" and re.search(r"(?:[’']s|s)$", o.text):
                    return o
                if not genitive and o.end_char <= pos and re.fullmatch(r",?\s*ved\s*", gap):
                    return o
            return None

        def org_ref(o: Span | None, a: dict | None = None) -> dict | None:
            if o is not None:
                kind = "municipality" if o.label_ == "MUNI" else "organisation"
                return {"s": o.start_char, "e": o.end_char, "name": o._.kkr_name, "kind": kind}
            if a and a["prefix"]:
                return {"s": a["s"], "e": a["s"] + len(a["prefix"]), "name": a["prefix"], "kind": "organisation"}
            return None

        def org_for(a: dict, seg_end: int) -> dict | None:
            seg = text[a["e"] : seg_end]
            if self.prep_re.match(seg):
                o = org_in(a["e"], min(seg_end, a["e"] + 70))
                if o is not None:
                    return org_ref(o)
            if a["prefix"]:
                return org_ref(None, a)
            paren = re.match(r"^\s*\(\s*[\"“”„']?", seg)
            if paren:  # "X som formand ("Frigast-udvalget")"
                o = org_in(a["e"] + paren.end(), a["e"] + paren.end() + 1, start_only=True)
                if o is not None:
                    return org_ref(o)
            o = org_before(a["ms"], genitive=True)
            if o is not None:
                owners[a["s"]] = org_ref(o)
                return owners[a["s"]]
            o = org_before(a["ms"], genitive=False)
            if o is None:
                # "KL's direktør, X, og cheføkonom, Y": a genitive owner carries across the coordination
                m_ = re.search(r"(?:\s*\([^()]{0,60}\))?\s*,?\s*og\s*$", text[max(0, a["ms"] - 90) : a["ms"]])
                if m_:
                    boundary = a["ms"] - len(m_.group())
                    if boundary in carried:
                        return carried[boundary]
            return org_ref(o)

        person_starts = {q.start_char for q in people}

        def kind_org(a: dict) -> dict | None:
            """The body a compound title heads by its kind ("Museumsdirektør X" after "Museet for Y har ..."): the
            nearest organisation before the title, in its sentence or the one before, whose head noun ends in
            the kind (a "kulturchef" heads no "KulturKanten"). The words after a preposition only say what the
            body deals with, so "Udvalget for Kultur og Fritid" is no body of a kulturchef; and a committee or
            council (``collegial_body``) is headed by its chair, never by an official's compound title."""
            head = self._title_kind(a["base"])  # the head of a word ("Kunstmuseet"), no modifier
            if head is None:
                return None
            ss, _ = sentence_of(a["ms"])
            ps, _ = sentence_of(ss - 1) if ss > 0 else (ss, ss)
            for o in reversed(orgs[bisect_left(org_starts, ps) : bisect_left(org_starts, a["ms"])]):
                if o.label_ == "MUNI" or o.end_char > a["ms"]:
                    continue
                words = o._.kkr_name.lower().split()
                words = next((words[:k] for k, w in enumerate(words) if w in self.name_prepositions), words)
                registered = self.resources.organisation(o._.kkr_name)
                if any(w.endswith(self.collegial) for w in words) or (
                    registered is not None and registered.type in ("committee", "council")
                ):
                    continue
                if any(head.search(w) for w in words):
                    return org_ref(o)
            return None

        def in_name_role_list(idx: int, a: dict) -> bool:
            """Whether "NAME, role, NAME, role" lists people each with the role after them: the role before
            ``people[idx]`` then closes the previous entry."""
            if idx == 0 or not re.fullmatch(r",\s*", text[people[idx - 1].end_char : a["ms"]]):
                return False
            after = re.match(r",\s*(\w+)", text[people[idx].end_char : people[idx].end_char + 40])
            return after is not None and self.lemma(after.group(1)) is not None

        person_ends = {q.end_char for q in people}

        def closes_previous_entry(a: dict) -> bool:
            """Whether a title follows "NAME - ", a list entry's dash: it tells of that name ("Ole Dam - formand for
            Teknisk Udvalg"), not of the name after it on the next entry."""
            dash = _ENTRY_DASH.search(text, max(0, a["ms"] - 4), a["ms"])
            return dash is not None and a["ms"] - len(dash.group()) in person_ends

        def titles_next_name(a: dict) -> bool:
            """Whether a role word stands directly before a name (then it is that name's title)."""
            gap = re.match(r"[ :]*", text[a["e"] : a["e"] + 4])
            return a["e"] + gap.end() in person_starts

        def emit(p: Span, a: dict, org: dict | None, s: int, e: int) -> None:
            if org is None and "e" in a:
                stand_in = re.match(r"\s+for\s+", text[a["e"] : a["e"] + 6])
                if stand_in and a["e"] + stand_in.end() in person_starts:
                    return  # "Suppleant for Brian Møller": standing in for a person, no post in a body
            if org is not None and owners.get(a.get("s")) is org:
                carried[p.end_char] = org
            ss, se = sentence_of(p.start_char)
            sent = text[ss:se].lower()
            roles.append(
                {
                    "person": (p.start_char, p.end_char),
                    "role": a["base"],
                    "org": org,
                    "start": min(s, p.start_char),
                    "end": max(e, p.end_char, org["e"] if org else 0),
                    "appointment": any(w in self.appointment for w in re.findall(r"\w+", sent)),
                    "method": ROLE_STATEMENTS,
                }
            )

        anchor_starts = [a["s"] for a in anchors]
        for idx, p in enumerate(people):
            ss, se = sentence_of(p.start_char)
            k = bisect_right(anchor_starts, p.start_char - 1) - 1
            prev = (
                anchors[k]
                if k >= 0
                and anchors[k]["e"] <= p.start_char
                and (anchors[k]["s"] >= ss or text[anchors[k]["e"] : p.start_char].strip() == ":")
                else None
            )
            if prev is not None and text[prev["e"] : p.start_char].strip() not in ("", ":") and closes_previous_entry(prev):
                prev = None  # "Ole Dam - formand for Teknisk Udvalg Eva Lund - ...": the title is Ole Dam's
            # 1. title directly before the name
            if prev is not None and text[prev["e"] : p.start_char].strip() in ("", ":"):
                org = org_for(prev, prev["e"])
                if org is None:
                    after = re.match(r"^\s*,\s*", text[p.end_char :])
                    if after:
                        o = org_in(p.end_char, p.end_char + after.end() + 1, start_only=True)
                        if o is not None and re.match(r"^\s*[,.]|\s+[a-zæøå]", text[o.end_char : o.end_char + 3]):
                            org = org_ref(o)
                if org is None:
                    org = kind_org(prev)
                emit(p, prev, org, prev["ms"], p.end_char)
                if prev["plural"]:
                    end = p.end_char
                    for q in people[idx + 1 :]:
                        if re.fullmatch(r"\s*(?:,|og|,\s*og)\s*", text[end : q.start_char]):
                            emit(q, prev, org, prev["ms"], q.end_char)
                            end = q.end_char
                        else:
                            break
            # 2. apposition before the name: "Formand for X og borgmester i Y, NAME"
            elif prev is not None and self._prep_org_gap(text, prev["e"], p.start_char, orgs):
                emit(p, prev, org_for(prev, p.start_char), prev["ms"], p.end_char)
            elif prev is not None and (held_in := self._body_gap(text, prev["e"], p.start_char)) is not None:
                emit(p, prev, held_in, prev["ms"], p.end_char)
            elif prev is not None:
                seg = text[prev["e"] : p.start_char]
                if (
                    len(seg) <= self.max_gap
                    and seg.rstrip().endswith((",", "("))
                    and not seg.startswith(")")  # "X (formand), Y": the bracket closed X's role
                    and "." not in seg.replace("adm.", "")
                    and not any(q.start_char >= prev["e"] and q.end_char <= p.start_char for q in people)
                    and seg.rstrip()[:-1].count(",") == 0
                    and not in_name_role_list(idx, prev)
                ):
                    chain = [prev]
                    j = k - 1
                    while j >= 0 and anchors[j]["s"] >= ss:
                        between = text[anchors[j]["e"] : chain[0]["ms"]]
                        if re.search(r"\bog\s*$", between) and "," not in between and len(between) < self.max_gap:
                            chain.insert(0, anchors[j])
                            j -= 1
                        else:
                            break
                    for n_, a in enumerate(chain):
                        end = chain[n_ + 1]["ms"] if n_ + 1 < len(chain) else p.start_char
                        emit(p, a, org_for(a, end), chain[0]["ms"], p.end_char)
            # 3. apposition after the name: "NAME, direktør i X og formand for Y"
            m = self.right_re.match(text[p.end_char : p.end_char + 40])
            if m is None and self.candidacy_re is not None:
                m = self.candidacy_re.match(text[p.end_char : p.end_char + 60])
                if m is not None and not re.search(r"\bvalgt\b", text[p.end_char : se + 200], re.IGNORECASE):
                    m = None
            if m:
                pos = p.end_char + m.end()
                k2 = bisect_right(anchor_starts, pos + 30)
                cand = [a for a in anchors[:k2] if a["ms"] >= pos and a["ms"] <= pos + 1]
                if not cand:
                    cand = [
                        a
                        for a in anchors[:k2]
                        if a["ms"] >= pos
                        and a["s"] <= pos + 30
                        and text[pos : a["s"]].strip()
                        and (
                            self.mod_re.search(text[pos : a["s"]] + " ") is not None
                            or any(
                                o.start_char == pos and re.fullmatch(r"(?:[’']s|s)?\s+", text[o.end_char : a["ms"]]) for o in orgs
                            )
                        )
                    ]
                # "Afbud: X, suppleant Y deltog": a title directly before another name is that name's
                cand = [a for a in cand if not titles_next_name(a)]
                if cand:
                    chain = [cand[0]]
                    for a in anchors:
                        if a["s"] <= chain[-1]["e"] or a["s"] > se:
                            continue
                        between = text[chain[-1]["e"] : a["ms"]]
                        if (
                            re.search(r"\bog\s*$", between)
                            and not re.search(r"[,.;]", between)
                            and len(between) < self.max_gap
                            and not titles_next_name(a)
                        ):
                            chain.append(a)
                        else:
                            break
                    for n_, a in enumerate(chain):
                        if n_ + 1 < len(chain):
                            end = chain[n_ + 1]["ms"]
                        else:
                            stop = re.search(r"[,.;]\s|[.;]$", text[a["e"] : se])
                            end = a["e"] + stop.start() if stop else se
                        org = org_for(a, end)
                        if org is None and n_ + 1 == len(chain):
                            # a list entry "NAME, Institutleder, Institut for X": the body after a comma
                            comma = re.match(r"\s*,\s*", text[a["e"] : a["e"] + 4])
                            o = org_in(a["e"] + comma.end(), a["e"] + comma.end() + 1, start_only=True) if comma else None
                            if o is not None and o.start_char == a["e"] + comma.end():
                                org = org_ref(o)
                        emit(p, a, org, p.start_char, end)
            # 4. a role in brackets after the name: "Joy Mogensen (formand)", "Ole Dam (V) (næstformand)"
            bracket = _BRACKET_ROLE.match(text, p.end_char)
            if bracket is not None:
                lem = self.lemma(bracket.group("role"))
                if lem is not None and not lem[2]:
                    emit(p, {"base": lem[0], "ms": p.start_char}, None, p.start_char, bracket.end())
            # 5. joining a body: "X indtræder (i stedet) i ORG", "X afløser Y i ORG" (Y left the seat X takes)
            joined = self.join_re.match(text, p.end_char) if self.join_re is not None else None
            if joined is not None:
                at = joined.end()
                if joined.group("replaces"):
                    q = next((q for q in people if q.start_char == at), None)
                    gap = re.match(r"\s+i\s+", text[q.end_char : q.end_char + 5]) if q is not None else None
                    at = q.end_char + gap.end() if gap else -1
                o = org_in(at, at + 1, start_only=True) if at >= 0 else None
                if o is not None and o.start_char == at:
                    emit(p, {"base": "medlem", "ms": p.start_char}, org_ref(o), p.start_char, o.end_char)
            # 6. a seat: "... sin plads i KKR Nordjylland"
            for m2 in re.finditer(r"\bplads(?:en)?\s+i\s+", text[p.end_char : se]):
                o = org_in(p.end_char + m2.end(), p.end_char + m2.end() + 1, start_only=True)
                if o is not None:
                    emit(p, {"base": "medlem", "ms": p.start_char}, org_ref(o), p.start_char, o.end_char)
        doc._.kkr_roles = tuple(roles)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


class Presenters:
    """Mark the people who present an agenda item, from token patterns (``presenting`` in the rule file).

    Minutes name the presenter of an item in a few set phrases: the person as subject of "orienterede",
    "indledte", "giver en kort orientering", "holder et oplæg" (also after an apposition: "X, formand for Y,
    indledte"), or named after "oplæg ved" / "indledes ved" or "giver / holder X ... oplæg". The patterns
    refer to the tokens of person mentions through ``Token._.kkr_person``; every person token inside a match
    that lies within one sentence presents, and its span gets ``Span._.kkr_presenting``. Deciding this
    here, once per sentence, spares every query a regular expression over each mention's sentence.
    """

    def __init__(self, nlp: Language, name: str, rules_path: str = "", max_tokens: int = 80) -> None:
        self.name = name
        self.rules_path = rules_path
        self.max_tokens = max_tokens
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.abbreviations: tuple[str, ...] = ()
        self.cues: re.Pattern | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, resources=None) -> None:
        """Compile the token patterns from the rule file, and the cue words that any match must contain."""
        rules = load_rules(self.rules_path)
        patterns = [list(p) for p in rules.get("presenting")]
        self.matcher.add("presenting", patterns)
        self.abbreviations = rules.get("abbreviation")
        required = [_required_words(pattern) for pattern in patterns]
        words = sorted(set().union(*required), key=lambda w: (-len(w), w)) if all(required) else []
        self.cues = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE) if words else None

    def __call__(self, doc: Doc) -> Doc:
        people = list(doc.spans[GROUPS["person"]]) if GROUPS["person"] in doc.spans else []
        if not people:
            return doc
        for span in people:
            for tok in span:
                tok._.kkr_person = True
        person_set = {i for span in people for i in range(span.start, span.end)}
        person_tokens = sorted(person_set)
        text = doc_text(doc)
        presenting: set[int] = set()
        # the Matcher's repeat operators ("+", "{0,15}") over a Python attribute grow exponentially with the
        # length of the text: run it only on prose-length sentences (a longer "sentence" is a list or a layout
        # run without full stops) that hold a word every pattern requires, and a person (only a person's tokens
        # can present)
        for start, end in doc_sentences(doc, self.abbreviations):
            if self.cues is not None and not self.cues.search(text, start, end):
                continue
            sentence = doc.char_span(start, end, alignment_mode="expand")
            if sentence is None or len(sentence) > self.max_tokens:
                continue
            k = bisect_left(person_tokens, sentence.start)
            if k == len(person_tokens) or person_tokens[k] >= sentence.end:
                continue
            for _key, i, j in self.matcher(sentence):
                presenting.update(t for t in range(sentence.start + i, sentence.start + j) if t in person_set)
        for span in people:
            if any(i in presenting for i in range(span.start, span.end)):
                span._.kkr_presenting = True
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


def _required_words(pattern: list[dict]) -> set[str]:
    """The words of the first token a pattern requires (no ``OP``) by its lower-case form: a text without
    any of them cannot match. Empty when no such token exists (then every sentence must be tried)."""
    for token in pattern:
        lower = token.get("LOWER")
        if "OP" not in token and lower is not None:
            return {lower} if isinstance(lower, str) else set(lower.get("IN", ()))
    return set()


@Language.factory("kkrgraph/gazetteer", default_config={"lower_min_length": 6}, assigns=["doc.spans"])
def make_gazetteer(nlp: Language, name: str, lower_min_length: int) -> Gazetteer:
    """Municipality / region / registry organisation gazetteer."""
    return Gazetteer(nlp, name, lower_min_length=lower_min_length)


@Language.factory("kkrgraph/org_patterns", default_config={"rules_path": ""}, assigns=["doc.spans", "doc._.kkr_acronyms"])
def make_org_patterns(nlp: Language, name: str, rules_path: str) -> OrgPatterns:
    """Organisations from definitions and Danish naming patterns."""
    return OrgPatterns(nlp, name, rules_path=rules_path)


@Language.factory("kkrgraph/person_names", default_config={"max_tokens": 5, "rules_path": ""}, assigns=["doc.spans"])
def make_person_names(nlp: Language, name: str, max_tokens: int, rules_path: str) -> PersonNames:
    """People from capitalised name sequences, first-name lists, cues and the participant lexicon."""
    return PersonNames(nlp, name, max_tokens=max_tokens, rules_path=rules_path)


@Language.factory("kkrgraph/role_statements", default_config={"max_gap": 90, "rules_path": ""}, assigns=["doc._.kkr_roles"])
def make_role_statements(nlp: Language, name: str, max_gap: int, rules_path: str) -> RoleStatements:
    """Appositive and prepositional role statements."""
    return RoleStatements(nlp, name, max_gap=max_gap, rules_path=rules_path)


@Language.factory("kkrgraph/presenters", default_config={"rules_path": "", "max_tokens": 80}, assigns=["span._.kkr_presenting"])
def make_presenters(nlp: Language, name: str, rules_path: str, max_tokens: int) -> Presenters:
    """People who present the agenda item (subject of "orienterede", named after "oplæg ved", ...)."""
    return Presenters(nlp, name, rules_path=rules_path, max_tokens=max_tokens)
