"""General Danish resources: municipalities, regions, parties, public bodies, roles, names, word forms.

Everything is read from the package's ``data/`` folder (see ``kkrgraph/data/README.md`` for sources and
licences). :func:`load_resources` returns one frozen :class:`Resources` value with O(1) lookups.

Example:
    >>> res = load_resources()
    >>> res.municipality("Aalborg Kommunes").name
    'Aalborg Kommune'
    >>> res.organisation("BRN's").name
    'Business Region North Denmark'
    >>> res.role("næstformænd").base
    'næstformand'
    >>> res.role("miljøministeren").base
    'miljøminister'
    >>> res.is_word("møde"), res.is_word("mgde")
    (True, False)
"""

from __future__ import annotations

__all__ = [
    "Municipality",
    "OrganisationEntry",
    "Party",
    "Resources",
    "RoleTerm",
    "load_resources",
]

import csv
import gzip
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

ORG_TYPES = frozenset(
    {
        "kkr",
        "association",
        "ministry",
        "agency",
        "region",
        "business",
        "education",
        "committee",
        "council",
        "network",
        "fund",
        "party",
        "company",
        "other",
    }
)
ROLE_CATEGORIES = frozenset({"political", "administrative", "membership", "government"})

_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "´": "'", "`": "'"})
_EDGE_PUNCT = ' \t\r\n.,;:!?()[]{}"“”«»'
_MUNICIPALITY_SUFFIXES = (" regionskommune", " kommune")


@dataclass(frozen=True)
class Municipality:
    """A Danish municipality (or, in ``Resources.regions``, a region with ``region == name``)."""

    name: str
    short: str
    region: str
    kkr: str
    code: str


@dataclass(frozen=True)
class Party:
    """A party list letter used in Danish local elections."""

    letter: str
    name: str


@dataclass(frozen=True)
class OrganisationEntry:
    """A public body: canonical (longest, official) name, aliases, type and optional parent."""

    name: str
    aliases: tuple[str, ...]
    type: str
    parent: str = ""


@dataclass(frozen=True)
class RoleTerm:
    """A role word with its inflected forms; ``compound_suffix`` also matches ``<x><base>`` compounds."""

    base: str
    forms: tuple[str, ...]
    label_en: str
    category: str
    compound_suffix: bool = False


def _fold(text: str) -> str:
    """Case- and spacing-insensitive key: lower-case, one space, dashes and apostrophes unified."""
    return _SPACE.sub(" ", text.translate(_DASHES)).strip(_EDGE_PUNCT).casefold()


def _fold_place(text: str) -> str:
    """Like :func:`_fold`, and ``å`` spelled ``aa`` (Århus = Aarhus, Taarnby = Tårnby)."""
    return _fold(text).replace("å", "aa")


def _genitive_variants(key: str) -> list[str]:
    """``key`` itself, then ``key`` without a genitive ending (``'s``, ``s``, ``'``)."""
    out = [key]
    for ending in ("'s", "'", "s"):
        if key.endswith(ending) and len(key) > len(ending) + 1:
            out.append(key[: -len(ending)])
            break
    return out


def _is_short_acronym(alias: str) -> bool:
    """True for aliases such as ``KL``, ``NT`` or ``AU`` that match only when written in capitals."""
    letters = alias.replace("+", "")
    return len(letters) <= 3 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class Resources:
    """All bundled (and user-supplied) resources, with precomputed lookup tables."""

    municipalities: tuple[Municipality, ...]
    regions: tuple[Municipality, ...]
    parties: tuple[Party, ...]
    organisations: tuple[OrganisationEntry, ...]
    roles: tuple[RoleTerm, ...]
    first_names: frozenset[str]
    surnames: frozenset[str]
    wordforms: frozenset[str]
    wordforms_sorted: tuple[str, ...] = field(default=(), repr=False, compare=False)  # the same, in code-point order
    _municipality_index: Mapping[str, Municipality] = field(default_factory=dict, repr=False, compare=False)
    _organisation_index: Mapping[str, OrganisationEntry] = field(default_factory=dict, repr=False, compare=False)
    _acronym_index: Mapping[str, OrganisationEntry] = field(default_factory=dict, repr=False, compare=False)
    _role_index: Mapping[str, RoleTerm] = field(default_factory=dict, repr=False, compare=False)
    # compound-suffix forms by their last character, longest first: role() tries only those a word can end in
    _compound_suffixes: Mapping[str, tuple[tuple[str, RoleTerm], ...]] = field(default_factory=dict, repr=False, compare=False)

    def municipality(self, text: str) -> Municipality | None:
        """Find a municipality by official name, short name or either in the genitive.

        Accepts "Aalborg Kommune", "Aalborg", "Aalborg Kommunes", "aalborg kommune", "Århus".

        Example:
            >>> load_resources().municipality("Københavns Kommune").short
            'København'
        """
        key = _fold_place(text)
        if not key:
            return None
        for candidate in _genitive_variants(key):
            hit = self._municipality_index.get(candidate)
            if hit is not None:
                return hit
        return None

    def organisation(self, text: str) -> OrganisationEntry | None:
        """Find a public body by canonical name or alias, case-insensitively, genitive tolerated.

        Acronyms of at most three letters ("KL", "NT", "AU") match only in capitals, so that
        ordinary words are not taken for organisations.

        Example:
            >>> load_resources().organisation("KKR Nordjyllands").type
            'kkr'
        """
        stripped = _SPACE.sub(" ", text.translate(_DASHES)).strip(_EDGE_PUNCT)
        for candidate in _genitive_variants(stripped):
            hit = self._acronym_index.get(candidate)
            if hit is not None:
                return hit
        for candidate in _genitive_variants(_fold(text)):
            hit = self._organisation_index.get(candidate)
            if hit is not None:
                return hit
        return None

    def role(self, word: str) -> RoleTerm | None:
        """Map any inflected form of a role word to its :class:`RoleTerm`.

        Compounds of terms flagged ``compound_suffix`` (e.g. "<x>minister") return a term whose base is
        the whole compound in its base form, with the category of the head word.

        Example:
            >>> load_resources().role("miljøministeren").category
            'government'
        """
        key = _fold(word)
        if not key:
            return None
        hit = self._role_index.get(key)
        if hit is not None:
            return hit
        for suffix, term in self._compound_suffixes.get(key[-1], ()):
            if key.endswith(suffix):
                prefix = key[: -len(suffix)]
                if len(prefix.rstrip("-")) >= 3 and prefix.replace("-", "").isalpha():
                    return RoleTerm(
                        base=prefix + term.base,
                        forms=tuple(prefix + f for f in term.forms),
                        label_en=term.label_en,
                        category=term.category,
                        compound_suffix=False,
                    )
        return None

    def is_word(self, token: str) -> bool:
        """True if the lower-cased token is a known Danish word form."""
        return token.lower() in self.wordforms


# ---------------------------------------------------------------------------------------------------
# reading


def _data_text(name: str) -> str:
    return files("kkrgraph").joinpath("data", name).read_text(encoding="utf-8")


def _read_municipalities() -> tuple[Municipality, ...]:
    rows = csv.DictReader(io.StringIO(_data_text("municipalities.csv")))
    return tuple(Municipality(r["name"], r["short"], r["region"], r["kkr"], r["code"]) for r in rows)


def _read_regions() -> tuple[Municipality, ...]:
    rows = csv.DictReader(io.StringIO(_data_text("regions.csv")))
    return tuple(Municipality(r["name"], r["short"], r["name"], r["kkr"], "") for r in rows)


def _read_parties() -> tuple[Party, ...]:
    rows = csv.DictReader(io.StringIO(_data_text("parties.csv")))
    return tuple(Party(r["letter"], r["name"]) for r in rows)


def _organisation_from_dict(obj: object, where: str) -> OrganisationEntry:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: expected a JSON object")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where}: 'name' must be a non-empty string")
    aliases = obj.get("aliases", [])
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";")]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{where}: 'aliases' must be a list of strings")
    type_ = obj.get("type", "other") or "other"
    if type_ not in ORG_TYPES:
        raise ValueError(f"{where}: unknown type {type_!r} (one of {', '.join(sorted(ORG_TYPES))})")
    parent = obj.get("parent", "") or ""
    if not isinstance(parent, str):
        raise ValueError(f"{where}: 'parent' must be a string")
    clean = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip()))
    return OrganisationEntry(name.strip(), clean, type_, parent.strip())


def _parse_organisations_jsonl(text: str, label: str) -> list[OrganisationEntry]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{label}, line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{where}: invalid JSON ({err.msg})") from err
        out.append(_organisation_from_dict(obj, where))
    return out


def _parse_organisations_csv(text: str, label: str) -> list[OrganisationEntry]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name", "aliases", "type"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"{label}, line 1: missing column(s) {', '.join(sorted(missing))}")
    out = []
    for row in reader:
        where = f"{label}, line {reader.line_num}"
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{where}: wrong number of columns")
        obj = {k: (v or "") for k, v in row.items()}
        obj["aliases"] = obj.get("aliases", "")
        out.append(_organisation_from_dict(obj, where))
    return out


def _read_user_registry(path: str | Path) -> list[OrganisationEntry]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"{p}: cannot read organisation registry ({err})") from err
    if p.suffix.lower() == ".csv":
        return _parse_organisations_csv(text, str(p))
    return _parse_organisations_jsonl(text, str(p))


def _read_roles() -> tuple[RoleTerm, ...]:
    out = []
    for lineno, line in enumerate(_data_text("roles.jsonl").splitlines(), start=1):
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj["category"] not in ROLE_CATEGORIES:
            raise ValueError(f"roles.jsonl, line {lineno}: unknown category {obj['category']!r}")
        forms = tuple(dict.fromkeys([obj["base"], *obj["forms"]]))
        out.append(RoleTerm(obj["base"], forms, obj["label_en"], obj["category"], bool(obj.get("compound_suffix"))))
    return tuple(out)


def _read_names(name: str) -> frozenset[str]:
    return frozenset(line.split("\t", 1)[0].strip() for line in _data_text(name).splitlines() if line.strip())


def _read_wordforms() -> tuple[str, ...]:
    """The bundled word forms: lower-case, unique and sorted (scripts/build_wordforms.py writes them so)."""
    raw = files("kkrgraph").joinpath("data", "da_wordforms.txt.gz").read_bytes()
    return tuple(w for w in gzip.decompress(raw).decode("utf-8").split("\n") if w)


# ---------------------------------------------------------------------------------------------------
# indexing


def _municipality_index(
    municipalities: Iterable[Municipality],
) -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for m in municipalities:
        keys = {m.name, m.short}
        for suffix in _MUNICIPALITY_SUFFIXES:
            if m.name.lower().endswith(suffix):
                keys.add(m.name[: -len(suffix)])
        keys |= {f"{k} Kommune" for k in list(keys) if not k.lower().endswith("kommune")}
        for k in keys:
            index.setdefault(_fold_place(k), m)
    return index


def _merge_organisations(
    bundled: Sequence[OrganisationEntry], extra: Sequence[OrganisationEntry]
) -> tuple[OrganisationEntry, ...]:
    merged: dict[str, OrganisationEntry] = {e.name: e for e in bundled}
    for e in extra:
        merged.pop(e.name, None)
        merged[e.name] = e
    return tuple(merged.values())


def _organisation_indexes(
    organisations: Sequence[OrganisationEntry],
) -> tuple[dict[str, OrganisationEntry], dict[str, OrganisationEntry]]:
    folded: dict[str, OrganisationEntry] = {}
    acronyms: dict[str, OrganisationEntry] = {}
    # later entries (user registries) win over earlier ones for a shared alias
    for e in organisations:
        folded[_fold(e.name)] = e
        for alias in e.aliases:
            if _is_short_acronym(alias):
                acronyms[alias] = e
            else:
                folded[_fold(alias)] = e
    # canonical names always win over another entry's alias
    for e in organisations:
        folded[_fold(e.name)] = e
    return folded, acronyms


def _role_indexes(
    roles: Sequence[RoleTerm],
) -> tuple[dict[str, RoleTerm], dict[str, tuple[tuple[str, RoleTerm], ...]]]:
    index: dict[str, RoleTerm] = {}
    suffixes: list[tuple[str, RoleTerm]] = []
    for term in roles:
        for form in term.forms:
            index.setdefault(_fold(form), term)
            if term.compound_suffix:
                suffixes.append((_fold(form), term))
    suffixes.sort(key=lambda st: -len(st[0]))
    by_last: dict[str, tuple[tuple[str, RoleTerm], ...]] = {}
    for suffix, term in suffixes:
        if suffix:
            by_last[suffix[-1]] = (*by_last.get(suffix[-1], ()), (suffix, term))
    return index, by_last


def _build() -> Resources:
    municipalities = _read_municipalities()
    bundled = _parse_organisations_jsonl(_data_text("organisations.jsonl"), "organisations.jsonl")
    organisations = tuple(bundled)
    roles = _read_roles()
    folded, acronyms = _organisation_indexes(organisations)
    role_index, suffixes = _role_indexes(roles)
    wordforms = _read_wordforms()
    return Resources(
        municipalities=municipalities,
        regions=_read_regions(),
        parties=_read_parties(),
        organisations=organisations,
        roles=roles,
        first_names=_read_names("first_names.txt"),
        surnames=_read_names("surnames.txt"),
        wordforms=frozenset(wordforms),
        wordforms_sorted=wordforms,
        _municipality_index=_municipality_index(municipalities),
        _organisation_index=folded,
        _acronym_index=acronyms,
        _role_index=role_index,
        _compound_suffixes=suffixes,
    )


@lru_cache(maxsize=1)
def _default() -> Resources:
    return _build()


def load_resources(extra_registries: Sequence[str | Path] = ()) -> Resources:
    """Load the bundled resources, optionally extended by user organisation registries.

    Args:
        extra_registries: files in the ``organisations.jsonl`` format, or CSV with columns
            ``name,aliases,type`` (optional ``parent``; aliases ``;``-separated). Their entries are added;
            an entry with the same canonical name replaces the bundled one.

    Returns:
        A frozen :class:`Resources`. Without extra registries the same cached object is returned.

    Raises:
        ValueError: a user registry is unreadable or malformed (the message names file and line).

    Example:
        >>> len(load_resources().municipalities)
        98
    """
    if isinstance(extra_registries, (str, Path)):
        extra_registries = (extra_registries,)
    if not extra_registries:
        return _default()
    extra: list[OrganisationEntry] = []
    for path in extra_registries:
        extra.extend(_read_user_registry(path))
    base = _default()
    organisations = _merge_organisations(base.organisations, extra)
    folded, acronyms = _organisation_indexes(organisations)
    return replace(base, organisations=organisations, _organisation_index=folded, _acronym_index=acronyms)
