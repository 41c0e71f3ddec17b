"""Repair systematic OCR damage to the Danish letters æ, ø and å (and "I" read as "|"), by lexicon.

OCR engines without a Danish model read ø as ``g``/``@``/``o``/``a``/``e``, æ as ``ee``/``ae``/``ze`` and
å as ``a``/``&``/``d`` ("Hjgrring", "veeret", "pa"). This step finds tokens that are not known Danish words
or names, tries the damage patterns in reverse (a bounded number of substitutions, pruned by the lexicon's
prefixes, compounds allowed), and proposes an :class:`~kkrgraph.normalise.edits.Edit` for each substituted
letter, so a repaired word still maps onto the damaged word in the raw text.

Nothing is hard-coded about any particular document: the only knowledge is the damage model below and the
lexicon. A document-level gate (:func:`looks_ocr_damaged`) keeps clean documents untouched: Danish text
that has been through a working OCR or a PDF text layer has ~2.5 % of its letters in æ/ø/å; damaged text
has almost none, while most of its tokens are still Danish words.

Example:
    >>> lex = WordLexicon.from_iterables(["møde", "på", "i", "den"], ["Søren"])
    >>> text = "Søren mgde pa den"
    >>> [(e.start, e.replacement) for e in ocr_repairs(text, lex, force=True)]
    [(7, 'ø'), (12, 'å')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from kkrgraph.normalise.edits import Edit

__all__ = [
    "DamageReport",
    "Lexicon",
    "WordLexicon",
    "damage_report",
    "lexicon_from_resources",
    "looks_ocr_damaged",
    "ocr_repairs",
]

REASON = "ocr"


@runtime_checkable
class Lexicon(Protocol):
    """What the repair needs to know about Danish: word forms and proper names."""

    def is_word(self, lower: str) -> bool:
        """Whether ``lower`` (lower-case) is a Danish word form."""
        ...

    def is_name(self, token: str) -> bool:
        """Whether ``token`` (as spelled) is a proper name or a word of one."""
        ...


def _name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of names (multi-word names split at spaces and hyphens)."""
    words: set[str] = set()
    for name in names:
        words.update(part for part in re.split(r"[\s\-]+", name) if part)
    return frozenset(words)


def _sorted_unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(items if isinstance(items, (set, frozenset)) else set(items)))


_PREFIX_MEMO_SIZE = 1_000_000


def _has_prefix(sorted_items: tuple[str, ...], prefix: str) -> bool:
    i = bisect_left(sorted_items, prefix)
    return i < len(sorted_items) and sorted_items[i].startswith(prefix)


@dataclass(frozen=True)
class WordLexicon:
    """A :class:`Lexicon` over two sets, with sorted copies for fast prefix tests.

    ``words`` are lower-case word forms; ``names`` are spelled as in text ("Søren", "Hjørring").
    """

    words: frozenset[str]
    names: frozenset[str]
    sorted_words: tuple[str, ...] = field(default=(), repr=False, compare=False)  # given when known, else made
    _sorted_names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _names_lower: frozenset[str] = field(init=False, repr=False, compare=False)
    _prefix_memo: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.sorted_words) != len(self.words):
            object.__setattr__(self, "sorted_words", _sorted_unique(self.words))
        lowered = frozenset(n.lower() for n in self.names)
        object.__setattr__(self, "_names_lower", lowered)
        object.__setattr__(self, "_sorted_names", _sorted_unique(lowered))

    @classmethod
    def from_iterables(cls, words: Iterable[str], names: Iterable[str] = ()) -> WordLexicon:
        """Build from any iterables (words are lower-cased; multi-word names are split into words)."""
        return cls(frozenset(map(str.lower, words)), _name_words(names))

    def is_word(self, lower: str) -> bool:
        """Whether ``lower`` is a known word form."""
        return lower in self.words

    def is_name(self, token: str) -> bool:
        """Whether ``token`` is a known name (case-insensitive on letters after the first)."""
        return token in self.names or (token[:1].isupper() and token.lower() in self._names_lower)

    def has_word_prefix(self, lower: str) -> bool:
        """Whether some word starts with ``lower`` (memoised: the same prefixes recur across documents)."""
        memo = self._prefix_memo
        hit = memo.get(lower)
        if hit is None:
            if len(memo) > _PREFIX_MEMO_SIZE:
                memo.clear()
            hit = memo[lower] = _has_prefix(self.sorted_words, lower)
        return hit

    def has_name_prefix(self, lower: str) -> bool:
        """Whether some (lower-cased) name starts with ``lower``."""
        return _has_prefix(self._sorted_names, lower)

    def is_name_lower(self, lower: str) -> bool:
        """Whether ``lower`` is a known name, lower-cased."""
        return lower in self._names_lower


def lexicon_from_resources(resources: Any) -> WordLexicon:
    """Build the lexicon from :func:`kkrgraph.resources.load_resources` output.

    Uses ``wordforms``, ``first_names``, ``surnames``, ``municipalities`` (``.name``/``.short``),
    ``regions`` and ``organisations`` (``.name``/``.aliases``); any of them may be missing.
    """
    words = getattr(resources, "wordforms", frozenset())
    names: list[str] = []
    names.extend(getattr(resources, "first_names", ()))
    names.extend(getattr(resources, "surnames", ()))
    for group in ("municipalities", "regions", "organisations"):
        for item in getattr(resources, group, ()):
            for attr in ("name", "short"):
                value = getattr(item, attr, None)
                if isinstance(value, str):
                    names.append(value)
            names.extend(getattr(item, "aliases", ()) or ())
    ordered = getattr(resources, "wordforms_sorted", ())
    if ordered:  # the bundled list is lower-case, unique and sorted already: skip sorting half a million words
        return WordLexicon(words, _name_words(names), ordered)
    return WordLexicon.from_iterables(words, names)


# --- the damage model --------------------------------------------------------------------------------
# damaged form (lower-case, as it appears in the lower-cased token) -> ((letter, cost), ...).
# Cost orders competing repairs: letters that a Danish OCR never produces by themselves (@, &, z) are
# cheap, ordinary vowels standing in for æ/ø/å are dearer.
_DAMAGE: dict[str, tuple[tuple[str, float], ...]] = {
    "@": (("ø", 0.5),),
    "&": (("å", 0.5),),
    "g": (("ø", 1.0),),
    "0": (("ø", 1.2),),
    "o": (("ø", 1.2),),
    "a": (("å", 1.0), ("ø", 1.4), ("æ", 1.6)),
    "e": (("ø", 1.4), ("æ", 1.5)),
    "d": (("å", 1.5),),
    "é": (("å", 1.2),),
    "aa": (("å", 1.0),),
    "ee": (("æ", 1.0),),
    "ae": (("æ", 1.0),),
    "ze": (("æ", 0.8),),
    "z": (("æ", 1.0),),
    "as": (("æ", 1.5),),
    "ea": (("æ", 1.4),),
    "eae": (("æ", 1.2),),
    "ag": (("ø", 1.2),),
    "ga": (("ø", 1.2),),
    "eg": (("ø", 1.3),),
    "g@": (("ø", 0.8),),
    "@g": (("ø", 0.8),),
    "a@": (("ø", 0.8),),
    "@a": (("ø", 0.8),),
    "i": (("j", 1.6),),
}
# Only at the start of a capitalised token: "Jst" = "Øst".
_INITIAL_CAPITAL_DAMAGE: dict[str, tuple[tuple[str, float], ...]] = {"j": (("ø", 1.2),)}
_MAX_DAMAGE_LEN = max(len(k) for k in _DAMAGE)
_DAMAGE_CHARS = frozenset("".join(_DAMAGE))
_DAMAGE_STARTS = frozenset(form[0] for form in _DAMAGE)
_LINKS = ("s", "e", "")
_MIN_SEGMENT = 3
_MAX_SEGMENTS = 3
_SEGMENT_COST = 1.2  # a compound split costs about as much as a substitution
_NODE_BUDGET = 4000
_VOWELS = frozenset("aeiouyæøåé")
_WEAK_DAMAGE = frozenset({"a", "e", "o", "i"})
# letters that damage or repair touches; what is left of a word is its skeleton, equal for both forms
_SKELETON_DROP = str.maketrans("", "", "aeoiøæåg@&zdé")

_TOKEN_RE = re.compile(r"[@&]*[^\W\d_](?:[^\W\d_]|[@&])*")
_PARTY_RE = re.compile(r"\(@\)")
_DANISH_LETTERS = "æøåÆØÅ"
# "|" read for "I": at a line or sentence start, before a lower-case word or a number, not in a table row.
_PIPE_I_RE = re.compile(r"(?:^|(?<=[.!?:]\s)|(?<=^[ \t]))\|(?=[ \t]+[a-zæøå0-9])(?![^\n]*\|)", re.MULTILINE)


@dataclass(frozen=True)
class _Repair:
    """Substitutions within a token: ``(start, end, letter)`` against the token, and their cost."""

    subs: tuple[tuple[int, int, str], ...]
    cost: float
    result: str  # lower-case repaired token
    segments: int


@lru_cache(maxsize=65536)
def _options(lower: str, initial_capital: bool) -> tuple[tuple[tuple[int, str, float], ...], ...]:
    """For each position of ``lower``, the damage patterns that match there: ``(end, letter, cost)``."""
    n = len(lower)
    options_at = []
    for i in range(n):
        here: list[tuple[int, str, float]] = []
        if lower[i] in _DAMAGE_STARTS or (i == 0 and initial_capital):
            for length in range(1, min(_MAX_DAMAGE_LEN, n - i) + 1):
                form = lower[i : i + length]
                options = _DAMAGE.get(form, ())
                if i == 0 and initial_capital:
                    options = options + _INITIAL_CAPITAL_DAMAGE.get(form, ())
                here.extend((i + length, letter, c_cost) for letter, c_cost in options)
        options_at.append(tuple(here))
    return tuple(options_at)


def _search(
    lower: str,
    *,
    is_known,
    has_prefix,
    compounds: bool,
    initial_capital: bool,
    max_subs: int,
) -> list[_Repair]:
    """All lexicon-confirmed repairs of ``lower`` with at most ``max_subs`` substitutions.

    A depth-first walk over the token: at each position copy the character or replace a damage pattern;
    every step must keep the current compound segment a prefix of some known word.
    """
    n = len(lower)
    found: list[_Repair] = []
    budget = [_NODE_BUDGET]
    options_at = _options(lower, initial_capital)

    def walk(i: int, out: str, seg: str, segs: int, subs: tuple, cost: float) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if i == n:
            if len(seg) >= (_MIN_SEGMENT if segs > 1 else 1) and is_known(seg):
                found.append(_Repair(subs, cost, out, segs))
            return
        # start a new compound segment after a complete known one
        if compounds and segs < _MAX_SEGMENTS and len(seg) >= _MIN_SEGMENT and is_known(seg):
            for link in _LINKS:
                if link and not lower.startswith(link, i):
                    continue
                j = i + len(link)
                if n - j < _MIN_SEGMENT:
                    continue
                walk(j, out + link, "", segs + 1, subs, cost + _SEGMENT_COST)
        c = lower[i]
        nxt = seg + c
        if has_prefix(nxt):
            walk(i + 1, out + c, nxt, segs, subs, cost)
        if len(subs) >= max_subs:
            return
        for end, letter, c_cost in options_at[i]:
            nxt = seg + letter
            if has_prefix(nxt):
                walk(end, out + letter, nxt, segs, (*subs, (i, end, letter)), cost + c_cost)

    walk(0, "", "", 1, (), 0.0)
    return found


def _best(repairs: list[_Repair]) -> _Repair | None:
    """The cheapest repair, or None when two different results tie (too ambiguous to choose).

    None too when the token needs no substitution at all (a compound of known words, "for|deling").
    """
    if not repairs or any(not r.subs for r in repairs):
        return None
    top = min(repairs, key=lambda r: (r.cost, len(r.subs)))
    rivals = {r.result for r in repairs if abs(r.cost - top.cost) < 1e-9}
    return top if len(rivals) == 1 else None


class _Repairer:
    """Per-call state: lexicon adapters and a cache of token decisions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.word_prefix = getattr(lexicon, "has_word_prefix", None) or (lambda _p: True)
        self.name_prefix = getattr(lexicon, "has_name_prefix", None) or (lambda _p: True)
        name_lower = getattr(lexicon, "is_name_lower", None)
        self.is_name_lower = name_lower or (lambda s: lexicon.is_name(s[:1].upper() + s[1:]))
        self.cache: dict[tuple[str, bool, bool], _Repair | None] = {}
        self.known_cache: dict[str, tuple[_Repair, ...]] = {}

    def known(self, token: str) -> bool:
        lower = token.lower()
        return self.lexicon.is_word(lower) or self.lexicon.is_name(token)

    def _words(self, lower: str, initial_capital: bool) -> list[_Repair]:
        """Word repairs: a whole known word if there is one, else a compound (unless one needs no repair)."""

        def search(compounds: bool, max_subs: int) -> list[_Repair]:
            return _search(
                lower,
                is_known=self.lexicon.is_word,
                has_prefix=self.word_prefix,
                compounds=compounds,
                initial_capital=initial_capital,
                max_subs=max_subs,
            )

        whole = search(False, 3)
        if whole or len(lower) < 2 * _MIN_SEGMENT:
            return whole
        if search(True, 0):
            return []  # already a compound of known words ("kultur|hovedstad")
        return search(True, 3)

    def _names(self, lower: str) -> list[_Repair]:
        return _search(
            lower,
            is_known=self.is_name_lower,
            has_prefix=self.name_prefix,
            compounds=False,
            initial_capital=True,
            max_subs=3,
        )

    def repair(self, token: str, sentence_start: bool) -> _Repair | None:
        """The repair for an unknown token, or None."""
        capital = token[0].isupper()
        key = (token, capital and sentence_start, False)
        if key in self.cache:
            return self.cache[key]
        lower = token.lower()
        result: _Repair | None = None
        if capital:
            # a capitalised token is a name unless it stands first in a sentence or cannot be one (no vowel)
            result = _best(self._names(lower))
            if result is None and (sentence_start or not (_VOWELS & set(lower))):
                result = _best(self._words(lower, initial_capital=True))
        else:
            result = _best(self._words(lower, initial_capital=False))
            if result is None and lower[0] == "@":
                result = _best(self._names(lower))
        self.cache[key] = result
        return result

    def repair_known(self, token: str) -> tuple[_Repair, ...]:
        """Repairs of a known word into other known words (applied only with evidence)."""
        if token not in self.known_cache:
            repairs = _search(
                token.lower(),
                is_known=self.lexicon.is_word,
                has_prefix=self.word_prefix,
                compounds=False,
                initial_capital=token[0].isupper(),
                max_subs=2,
            )
            self.known_cache[token] = tuple(r for r in repairs if r.subs)
        return self.known_cache[token]


def _sentence_start(text: str, start: int) -> bool:
    """Whether the token at ``start`` opens a sentence, a line-initial bullet or the text."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return True
    ch = text[i]
    if ch in '.!?:—–-•"“(':
        return True
    if ch == "\n":
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        return j < 0 or text[j] in "\n.!?:"
    return False


def _tokens(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _TOKEN_RE.finditer(text):
        yield m.start(), m.end(), m.group()


def _fragment(text: str, start: int, end: int) -> bool:
    """Whether a token is half of a word broken across lines ("godken-" / "-\n\nger") and not joined."""
    if text.startswith("-", end) and (end + 1 == len(text) or text[end + 1] in "\r\n"):
        return True
    i = start - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return i >= 0 and text[i] == "-" and i < start - 1 and "\n" in text[i:start]


def _eligible(token: str) -> bool:
    """Whether a token could carry damage worth repairing (not an acronym, not a single letter)."""
    if len(token) < 2:
        return False
    if token.isupper() and "@" not in token and "&" not in token:
        return False  # acronyms such as KKR, SOSU
    return not _DAMAGE_CHARS.isdisjoint(token) or token[0] == "J"


@dataclass(frozen=True)
class DamageReport:
    """Evidence for the document-level gate."""

    letters: int
    danish_letters: int  # æ, ø, å in either case
    tokens: int
    known_tokens: int
    repairable_tokens: int

    @property
    def danish_letter_share(self) -> float:
        """Share of letters that are æ/ø/å (~0.025 in Danish prose)."""
        return self.danish_letters / self.letters if self.letters else 0.0

    @property
    def known_share(self) -> float:
        """Share of lower-case tokens that are known words (high for Danish, low for other languages)."""
        return self.known_tokens / self.tokens if self.tokens else 0.0

    @property
    def damaged(self) -> bool:
        """The gate: Danish text that has lost its æ/ø/å and has damaged tokens that repair cleanly."""
        return (
            self.letters >= 300
            and self.danish_letter_share < 0.005
            and self.known_share >= 0.5
            and self.repairable_tokens >= 5
            and self.repairable_tokens >= 0.01 * self.tokens
        )


def damage_report(text: str, lexicon: Lexicon, _repairer: _Repairer | None = None) -> DamageReport:
    """Measure how OCR-damaged ``text`` looks (see :attr:`DamageReport.damaged`).

    The expensive part, counting unknown tokens that have a lexicon repair, runs only when the cheap
    signals (few æ/ø/å, mostly known words) already point to damage.
    """
    letters = sum(map(str.isalpha, text))
    danish = sum(text.count(ch) for ch in _DANISH_LETTERS)
    tokens = known = repairable = 0
    lowers: list[str] = []
    for _s, _e, tok in _tokens(text):
        if tok.islower() and tok.isalpha():
            tokens += 1
            if lexicon.is_word(tok):
                known += 1
            else:
                lowers.append(tok)
    report = DamageReport(letters, danish, tokens, known, 0)
    if letters < 300 or report.danish_letter_share >= 0.005 or report.known_share < 0.5:
        return report
    repairer = _repairer or _Repairer(lexicon)
    for tok in lowers:
        if _eligible(tok) and repairer.repair(tok, False) is not None:
            repairable += 1
    return DamageReport(letters, danish, tokens, known, repairable)


def looks_ocr_damaged(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` looks like Danish OCR output that lost æ/ø/å (the gate of :func:`ocr_repairs`)."""
    return damage_report(text, lexicon).damaged


def _token_edits(text: str, start: int, token: str, repair: _Repair, upper_first: bool) -> list[Edit]:
    edits = []
    for s, e, letter in repair.subs:
        damaged = token[s:e]
        upper = damaged[:1].isupper() or (s == 0 and damaged[:1] == "@" and upper_first)
        edits.append(Edit(start + s, start + e, letter.upper() if upper else letter, REASON))
    return edits


def _strong(token: str, repair: _Repair) -> bool:
    """Whether a repair undoes damage that no Danish word shows (a "g" for ø, "@", "ee"), not a vowel swap."""
    return any(token[s:e].lower() not in _WEAK_DAMAGE for s, e, _letter in repair.subs)


def ocr_repairs(text: str, lexicon: Lexicon, *, force: bool | None = None) -> list[Edit]:
    """Edits that repair OCR damage to æ/ø/å and "I" in ``text``.

    Args:
        text: the document (hyphenated line breaks already joined).
        lexicon: Danish word forms and proper names.
        force: ``True`` repairs without the document gate (short strings), ``False`` only does the
            always-safe repairs, ``None`` (default) asks :func:`looks_ocr_damaged`.

    Returns:
        Non-overlapping edits, sorted, each with ``reason="ocr"`` and one edit per substituted letter.

    Example:
        >>> lex = WordLexicon.from_iterables(["januar", "i"], ["Hjørring"])
        >>> [e.replacement for e in ocr_repairs("| januar i Hjgrring (@)", lex, force=True)]
        ['I', 'ø', '(Ø)']
    """
    edits: list[Edit] = [Edit(m.start(), m.end(), "(Ø)", REASON) for m in _PARTY_RE.finditer(text)]
    repairer = _Repairer(lexicon)
    if force is not None:
        damaged = force
    elif sum(text.count(ch) for ch in _DANISH_LETTERS) >= 0.01 * len(text):
        # æ/ø/å in 1 % of all characters already fail the gate (it wants under 0.5 % of the letters): this
        # spares almost every document the token count of damage_report
        damaged = False
    else:
        damaged = damage_report(text, lexicon, repairer).damaged
    if not damaged:
        return edits
    taken = {(e.start, e.end) for e in edits}
    edits.extend(Edit(m.start(), m.end(), "I", REASON) for m in _PIPE_I_RE.finditer(text))

    evidence: Counter[str] = Counter()
    ambiguous: list[tuple[int, str, bool]] = []
    for start, end, tok in _tokens(text):
        if (start - 1, end + 1) in taken or not _eligible(tok) or _fragment(text, start, end):
            continue
        sentence_start = _sentence_start(text, start)
        if tok.isalpha() and repairer.known(tok):
            if not lexicon.is_name(tok) and (tok.islower() or sentence_start):
                ambiguous.append((start, tok, sentence_start))
            continue
        repair = repairer.repair(tok, sentence_start)
        if repair is None:
            continue
        if _strong(tok, repair):
            evidence[repair.result] += 1
        edits.extend(_token_edits(text, start, tok, repair, sentence_start))
    # A known word that is also a damaged form of another known word ("madet" for "mødet") is repaired
    # only when that other word was repaired from unmistakable damage ("mgdet") elsewhere in the document,
    # more than twice as often as the known word occurs ("andre" stays, though "aendre" was "ændre").
    skeletons = {word.translate(_SKELETON_DROP) for word in evidence}
    occurrences = Counter(tok.lower() for _s, tok, _ss in ambiguous)
    for start, tok, sentence_start in ambiguous:
        if tok.lower().translate(_SKELETON_DROP) not in skeletons:
            continue
        seen = occurrences[tok.lower()]
        backed = [r for r in repairer.repair_known(tok) if evidence[r.result] > 2 * seen]
        if backed:
            # "made" could be "måde" or "møde": take the one the document shows most ("mgde")
            best = max(backed, key=lambda r: (evidence[r.result], -r.cost))
            edits.extend(_token_edits(text, start, tok, best, sentence_start))
    return sorted(edits)
