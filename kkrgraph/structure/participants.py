"""One line of a participant list → its entries ("Name (A) Aalborg Kommune", "Name, Assens", "Name, KKR").

Besides the KL template's own layouts the line reader accepts the habits of other bodies' minutes: bullets,
a title before the name ("Borgmester Anna Holm", "Direktør fra Region X Ole Berg"), notes after it ("(ref.)",
"(fra kl. 10)", "pga. ferie"), a substitute written "Anna Holm for Ole Berg" or "…, Vejle Kommune supp. Anna
Holm deltog" (the substitute present, the member absent), and an affiliation suffix ("Name, KD-Net").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = [
    "ParticipantEntry",
    "attendance_statements",
    "column_breaks",
    "list_label",
    "parse_participant_line",
    "person_key",
    "run_together_entries",
    "stated_entries",
    "without_bullet",
]

_PARTY = re.compile(r"\(\s*(?P<party>[^()\s]{1,2})\s*\)")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÉÜÖÄ][a-zæøåéüöäA-ZÆØÅ'’.\-]*$")
# a first name as people write it (capital, then small letters; a double name with a hyphen)
_PLAIN_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÉÜÖÄ][a-zæøåéüöä]+(?:-[A-ZÆØÅÉÜÖÄ][a-zæøåéüöä]+)?$")
_ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,5}$")  # a body's short name ("KKR", "BRN")
_PARTICLES = {"af", "de", "von", "van", "la", "le", "da"}
# a comma before a party letter ("Anna Holm, (A)") keeps the letter with its name
_CHUNK_SPLIT = re.compile(
    r",(?!\s*\()\s*|(?<=Kommune)\s+(?=[A-ZÆØÅ])|(?<=\))\s*(?=[A-ZÆØÅ][\w-]+\s+[A-ZÆØÅ][\w-]+.*\()"
    r"|(?<=\bdeltog)\s+(?=[A-ZÆØÅ])|\s+(?=supp(?:\.|leant)\s)"
)
_BULLET = re.compile(r"^[•·▪◦∙*–-]\s*")
# a list's running number before an entry ("3. Borgmester Anna Holm (A)"), read as a bullet under a heading
_ENTRY_NUMBER = re.compile(r"^\s*\d{1,2}\.\s+(?=[A-ZÆØÅ])")
# a note glued to the name after a slash: the member's function ("Eva Lund/Elevrådsformand", "Bo Dam/Referent")
_SLASH_NOTE = re.compile(r"(?<=[^\W\d])\s?/\s?[^\W\d][\w.-]*(?=\s|$)")
# a word after an entry that says the person sent apologies ("Eva Lund Afbud", "Bo Dam (afbud)", "Ida Holm - afbud")
# the same before the name ("Afbud fra Eva Lund", "Afbud: Bo Dam") in an entry of a list
_ABSENT_LEAD = re.compile(r"^(?:afbud fra|afbud|fraværende)\s*:?\s+(?=[A-ZÆØÅ])", re.IGNORECASE)
_ABSENT_MARK = re.compile(r"\s*(?:[-–,]\s*)?\(?(?:afbud|meldt afbud|fraværende)\)?\.?$", re.IGNORECASE)
# under a heading a list may also join its last names with "og" and a substitute with a dash
# ("Anna Holm og Ole Berg", "Eva Lund (V) - Bo Dam (V) mødte som stedfortræder")
_LISTED_SPLIT = re.compile(rf"{_CHUNK_SPLIT.pattern}|\s+og\s+(?=[A-ZÆØÅ])|\s+[-–]\s+(?=[A-ZÆØÅ])")
# a note that the entry came as a substitute ("… mødte som stedfortræder"): present, whatever the heading says
_CAME_AS_SUBSTITUTE = re.compile(r"\s+(?:mødte|deltog|deltager)\s+som\s+(?:stedfortræder|suppleant)\b.*$")
# "Bestyrelsen: …", "Afbud: …": a label of one to three words, then the list on the same line
_LABEL = re.compile(r"^\s*(?:[•·▪◦∙*]\s*)?(?P<label>[A-ZÆØÅ][\w-]*(?:\s+[\w-]+){0,2})\s*:\s+(?=\S)")
# a parenthesis that is not a party letter: a note on the entry ("(ref.)", "(fra kl. 10)", "(på video)")
_NOTE = re.compile(r"\s*\((?!\s*[^()\s]{1,2}\s*\))[^()]*\)")
_REASON = re.compile(r"\s+(?:pga\.?|p\.g\.a\.|grundet|på grund af)\s.*$", re.IGNORECASE)
# a table of members flattened into lines holds at most this many names a line
_MOST_COLUMNS = 3
# an unknown first word longer than this is no first name but a compound noun: no part of the 2,296 first names
# of data/first_names.txt (2,314 parts of double names) is longer than 11 letters (3 have 11: "Christoffer"), so
# none of them is longer than 12, which leaves a margin for a rarer name the list lacks
_LONGEST_FIRST_NAME = 12
# a list of at least this many entries vouches for a capitalised name whose first word is not a known first name,
# while at most a third of its entries are such names
_VOUCHING_LIST = 4
_SUBSTITUTE = re.compile(r"^supp(?:\.|leant)\s+(?P<name>.+?)(?:\s+deltog)?\.?$")
# "Eva Lund (A), Suppleant for Ole Berg (A)": the entry before came in place of the member named here
_SUBSTITUTE_FOR = re.compile(r"^(?:suppleant|stedfortræder)\s+for\s+(?P<member>.+?)\.?$", re.IGNORECASE)
# items by their numbers ("sag 129-138", "pkt. 3 og 4", "sag nr. 6")
_ITEM_NUMBERS = r"(?:sag|sager|sagerne|pkt|punkt|punkterne)\.?\s*(?:nr\.?\s*)?\d+(?:\s*(?:[-–,]|og)\s*\d+)*\.?"
# the items an entry's note is about ("Ole Berg (A), sag 129-138"): the heading's status holds
_ITEM_NOTE = re.compile(rf"^{_ITEM_NUMBERS}$", re.IGNORECASE)
# a lower-case word after the last name of a list line: page furniture glued on ("… Vibeke Dahl åben")
_TRAILING_WORD = re.compile(r"^(?P<name>.*\S)\s+[a-zæøå]+$")
# "Ole Berg - Grundejerforeningen": a name, a dash between spaces, the person's affiliation (no comma, no note)
_DASHED = re.compile(r"^(?P<name>[^,()]+?)\s+[-–]\s+(?P<affiliation>[^,()]+)$")
_STANDS_IN = re.compile(r"^(?P<sub>.+?)\s+for\s+(?P<member>.+)$")
_OF_BODY = re.compile(r"^(?:fra|i|for)\s+(?P<rest>.+)$")
# the end of one column of a table flattened into one line: a note closing an entry, then the next name
# one name of a statement's list ("Anna Holm, Ole berg og Eva Lund"): "og" and commas separate the names
_LISTED_NAME = re.compile(r"(?:^|,\s*|\s+og\s+)(?P<name>[^,]+?)(?=,|\s+og\s|$)")
_COLUMN_BREAK = re.compile(r"\((?!\s*[^()\s]{1,2}\s*\))[^()]*\)\s+(?=[A-ZÆØÅ])")


@dataclass(frozen=True)
class ParticipantEntry:
    """A participant as read from one line; offsets are relative to the line.

    ``status`` is set only where the entry itself says it ("X for Y": X present, Y absent); otherwise
    the list heading decides.
    """

    name: str
    party: str
    municipality: str
    organisation: str
    start: int
    end: int
    status: str = ""


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    if any(t.lower() in ("kommune", "region") for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) or t in _PARTICLES for t in tokens) and not text.isupper()


def _plausible_name(text: str, resources) -> bool:
    """A name standing alone (no party, no place): its first word must read as a first name."""
    if not _is_name(text):
        return False
    first = text.split()[0]
    if resources is None:
        return bool(_PLAIN_NAME_TOKEN.match(first))
    if first in resources.first_names:
        return True
    if any(len(part) > _LONGEST_FIRST_NAME for part in first.split("-")):
        return False  # a long compound ("Fjordbyhavnelauget") the word list lacks is a body's name
    return bool(_PLAIN_NAME_TOKEN.match(first)) and not resources.is_word(first) and resources.municipality(first) is None


def _place(text: str, resources) -> tuple[str, str]:
    """(municipality, organisation) for the part of an entry after the name."""
    text = text.strip().rstrip(".")
    if not text:
        return "", ""
    known = _known_place(text, resources) if resources is not None else None
    if known is not None:
        return known
    if re.search(r"\b[Kk]ommune$", text):
        return re.sub(r"\s+[Kk]ommune$", " Kommune", text), ""
    if len(text) <= 60:
        return "", text
    return "", ""


def _known_place(text: str, resources) -> tuple[str, str] | None:
    """(municipality, organisation) when the registries know ``text`` as one, else None."""
    municipality = resources.municipality(text)
    if municipality is not None:
        return municipality.name, ""
    organisation = resources.organisation(text)
    return ("", organisation.name) if organisation is not None else None


def _name_place_run(chunk: str, resources) -> list[dict] | None:
    """Entries of names each followed by a known place with no separator between ("Anna Holm Vejle Kommune Ole
    Berg Region Syddanmark"), or None. A place starts after two to five name words, and the longest place the
    registries know is taken; a body's acronym starts an affiliation that runs to the next first name ("Ole Berg
    FVD Sekretariat Eva Lund ..."). Every name must read as a person's, so a run of other words is no list."""
    if resources is None:
        return None
    words = list(re.finditer(r"\S+", chunk))
    entries: list[dict] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(i + 2, min(i + 6, len(words))):
            if _ACRONYM.match(words[j].group()):
                k = j + 1
                while k < len(words) and _NAME_TOKEN.match(words[k].group()) and words[k].group() not in resources.first_names:
                    k += 1
                affiliation = " ".join(w.group() for w in words[j:k])
                found = j, k, _known_place(affiliation, resources) or ("", affiliation)
            for k in range(min(j + 4, len(words)), j, -1):
                if found:
                    break
                place = _known_place(" ".join(w.group() for w in words[j:k]), resources)
                if place is not None:
                    found = j, k, place
            if found:
                break
        if found is None:
            return None
        j, k, (municipality, organisation) = found
        name = " ".join(w.group() for w in words[i:j])
        if not _plausible_name(name, resources):
            return None
        entries.append(
            dict(
                name=name,
                party="",
                municipality=municipality,
                organisation=organisation,
                status="",
                start=words[i].start(),
                end=words[k - 1].end(),
            )
        )
        i = k
    return entries or None


def _entries_in_order(line: str, names: list[str], start: int, end: int) -> list[dict]:
    """Entries of ``names`` read in this order from ``line[start:end]``, each spanning where it is written
    (case aside: a surname written in lower case is read capitalised)."""
    entries, at, lowered = [], start, line.lower()
    for name in names:
        found = lowered.find(name.lower(), at, end)
        at = found if found >= 0 else at
        entries.append(dict(name=name, party="", municipality="", organisation="", status="", start=at, end=at + len(name)))
        at += len(name)
    return entries


def _dashed_entry(body: str, resources) -> ParticipantEntry | None:
    """The entry of a list line "Name - Affiliation" ("Ole Berg - Grundejerforeningen", "Eva Lund - formand for
    Teknisk Udvalg", "Kim Dahl - Afdelingschef Vej og Park"), or None. The part after the dash must not start
    with a first name (then it is a second entry), nor mark an absence or a substitute; its body is what
    follows a title, a lower-case word or "for"."""
    match = _DASHED.match(body)
    if resources is None or match is None or not _plausible_name(match.group("name"), resources):
        return None
    affiliation = match.group("affiliation").strip().rstrip(".")
    words = affiliation.split()
    if words[0] in resources.first_names or _ABSENT_MARK.match(affiliation) or _CAME_AS_SUBSTITUTE.search(f" {affiliation}"):
        return None
    municipality, organisation = _known_place(affiliation, resources) or ("", _body_after_title(words, resources))
    return ParticipantEntry(match.group("name"), "", municipality, organisation, match.start("name"), match.end("name"))


def _body_after_title(words: list[str], resources) -> str:
    """The body an affiliation names after the title that opens it ("formand for Teknisk Udvalg" → "Teknisk
    Udvalg"), or "" where no capitalised body follows."""
    k = 0
    while k < len(words) and (words[k][0].islower() or resources.role(words[k]) is not None):
        k += 1
    return " ".join(words[k:])


def _split_at_place(body: str, start: int, end: int, resources) -> list[tuple[int, int]]:
    """The chunk ``body[start:end]`` of a list split after the place that opens it, where the entries are "Name,
    Place" with no separator after the place ("Ole Berg, Vejle Eva Lund, Faxe", "…, Vejle afbud Formand Eva Lund,
    Region Syddanmark …"): the place (up to three words the registries know), an absence mark, the next entry.
    The chunk is kept whole unless the next entry starts as a person's (:func:`_opens_entry`): the words after a
    place may be its unit ("Eva Lund, Odense Sundhedsforvaltning") or a title that ends the line."""
    words = list(re.finditer(r"\S+", body[start:end]))
    for size in range(min(3, len(words)), 0, -1):
        if _known_place(" ".join(w.group() for w in words[:size]), resources) is None:
            continue
        rest = words[size:]
        if not rest:
            break
        marked = len(rest) > 1 and _ABSENT_MARK.match(rest[0].group()) is not None
        following = rest[1 if marked else 0]
        if not _opens_entry([w.group() for w in rest[1 if marked else 0 :]], resources):
            break
        pieces = [(start, start + words[size - 1].end())]
        if marked:
            pieces.append((start + rest[0].start(), start + rest[0].end()))
        return [*pieces, (start + following.start(), end)]
    return [(start, end)]


def _place_then_more(chunk: str, resources) -> tuple[str, str] | None:
    """(municipality, organisation) of an entry's place followed by words that start no entry (kept whole by
    :func:`_split_at_place`): the place's unit makes the whole an organisation ("Odense Sundhedsforvaltning"), a
    title after it is the person's ("Vejle Formand": Vejle Kommune); None where no known place opens ``chunk``."""
    if resources is None:
        return None
    words = chunk.split()
    for size in range(min(3, len(words) - 1), 0, -1):
        place = _known_place(" ".join(words[:size]), resources)
        if place is not None:
            rest = words[size:]
            return place if _title_length(rest, 0, resources) == len(rest) else ("", chunk)
    return None


def _opens_entry(words: list[str], resources) -> bool:
    """Whether ``words`` start a person's list entry: a name, after the capitalised title that may open it
    ("Næstformand Eva Bro"), whose first word is a known first name or whose next two or three words read as one."""
    names = words[_title_length(words, 0, resources) :] if words else []
    if not names:
        return False
    return names[0] in resources.first_names or any(_plausible_name(" ".join(names[:n]), resources) for n in (2, 3))


def _starts_next_name(previous: str, word: str, following: str, resources) -> bool:
    """Whether ``word`` starts the next of two names written with no separator between them: a known first name
    after a word that is none ("… Ravn Holm Ida Marie Skov"). A first name that is also a surname ("Lone", "Hagen")
    starts a name only when another first name follows it ("… Petersen Lone Birgit Møller")."""
    if word not in resources.first_names or previous in resources.first_names:
        return False
    return word not in resources.surnames or following in resources.first_names


def _names_side_by_side(chunk: str, resources) -> list[str] | None:
    """The names of a list line that holds two or three names with no separator, as a table of members in
    columns flattened into lines ("Karsten Ravn Holm Ida Marie Skov"), or None. Each name has at least two
    words and must read as a person's. A longer run of names is a list that lost its separators, which only the
    second reading takes (:func:`run_together_entries`)."""
    if resources is None:
        return None
    words = chunk.split()
    if len(words) < 4:
        return None
    names: list[list[str]] = [[]]
    for k, word in enumerate(words):
        following = words[k + 1] if k + 1 < len(words) else ""
        if len(names[-1]) >= 2 and len(words) - k >= 2 and _starts_next_name(names[-1][-1], word, following, resources):
            names.append([])
        names[-1].append(word)
    read = [" ".join(name) for name in names]
    if not 2 <= len(read) <= _MOST_COLUMNS:
        return None
    return read if all(_plausible_name(name, resources) for name in read) else None


def _title_length(words: list[str], k: int, resources) -> int:
    """How many words of ``words`` from ``k`` on make a capitalised title: one ("Direktør"), two ("Adm.
    direktør"), or three where a compound shares its last part ("Kultur- og fritidschef"); 0 if none."""
    word = words[k]
    if not word[0].isupper():
        return 0
    if resources.role(word) is not None:
        return 1
    if k + 1 < len(words) and resources.role(f"{word} {words[k + 1]}") is not None:
        return 2
    shared = word.endswith("-") and k + 2 < len(words) and words[k + 1] in ("og", "&", "/")
    return 3 if shared and resources.role(words[k + 2]) is not None else 0


def _titled_run(chunk: str, resources) -> list[str] | None:
    """Names of a list whose entries are only told apart by the title each starts with ("Direktør Ole berg
    Kontorchef Eva Lund"), or None. A first name after two name words starts the next entry too (as
    :func:`_starts_next_name` reads it), a capitalised common word ends the list; a surname in lower case is
    capitalised where it is no word ("Ole berg" → "Ole Berg")."""
    words = chunk.split()
    if resources is None or not words or not words[0][0].isupper() or resources.role(words[0]) is None:
        return None  # each entry starts with a capitalised title, the first too
    names: list[list[str]] = []
    title_goes_on = 0  # words of the title still to skip ("Adm. direktør", "Kultur- og fritidschef")
    for k, (word, following) in enumerate(zip(words, [*words[1:], ""], strict=True)):
        if title_goes_on:
            title_goes_on -= 1
        elif title := _title_length(words, k, resources):
            names.append([])
            title_goes_on = title - 1
        elif len(names[-1]) >= 2 and _starts_next_name(names[-1][-1], word, following, resources):
            names.append([word])
        elif len(names[-1]) >= 2 and word[0].isupper() and word not in resources.surnames and resources.is_word(word):
            break  # a capitalised common word after a name is the text going on ("... Eva Lund Afbud sker til ...")
        else:
            names[-1].append(word)
    read = [_statement_name(" ".join(name), resources) if len(name) >= 2 else "" for name in names]
    return read if all(read) else None


def _without_title(text: str, resources) -> tuple[str, str]:
    """Drop a title written before the name ("Borgmester Anna Holm"); return (rest, body named with the title).

    "Direktør fra Region Nord Ole Berg" gives ("Ole Berg", "Region Nord") when the body is known.
    """
    if resources is None:
        return text, ""
    tokens = text.split()
    if len(tokens) < 3 or resources.role(tokens[0]) is None:
        return text, ""
    rest = " ".join(tokens[1:])
    body = _OF_BODY.match(rest)
    if body:
        words = body.group("rest").split()
        for cut in range(1, len(words) - 1):
            place = " ".join(words[:cut])
            if resources.organisation(place) is not None or resources.municipality(place) is not None:
                return " ".join(words[cut:]), place
        return text, ""
    return rest, ""


def _without_unlisted_title(text: str, resources) -> str:
    """A list entry's name without a title the role vocabulary lacks ("Chefjurist Ole Berg" → "Ole Berg"): one
    capitalised common word before a known first name and a name. ``text`` unchanged otherwise."""
    title, _, rest = text.partition(" ")
    if title in resources.first_names or not resources.is_word(title) or not rest:
        return text
    return rest if rest.split()[0] in resources.first_names and _plausible_name(rest, resources) else text


def person_key(name: str) -> str:
    """The key two list entries share when they name one person: case, hyphens and spacing folded, so an
    entry the absence list writes "Anne-Mette Holm" and the members' list "Anne Mette Holm" is one person.

    Close to :func:`kkrgraph.resolve.name_key` but not the same, and kept here so the structure stage does not
    import the later one. It casefolds where ``name_key`` lower-cases (the same for Danish letters). It keeps
    a final apostrophe or "'s", which ``name_key`` drops as a genitive: a list entry is a name on its own,
    never in the genitive of running text, so there is nothing to drop.
    """
    return " ".join(re.sub(r"[-–]", " ", name.casefold()).split())


def without_bullet(text: str) -> str:
    """A line's text without its leading bullet ("  • Afbud" → "Afbud"), to read it as a heading."""
    return _BULLET.sub("", text.lstrip())


def list_label(text: str) -> tuple[str, int] | None:
    """(label, where the list starts) of a line "Label: entries" ("Afbud: Ole Berg", "Bestyrelsen: A, B og C")."""
    match = _LABEL.match(text)
    return (match.group("label"), match.end()) if match else None


def column_breaks(line: str) -> list[int]:
    """Offsets where a flattened table's next column starts ("…, Anna Holm, KD-Net (ref.) Ole Berg, …")."""
    return [match.end() for match in _COLUMN_BREAK.finditer(line)]


def parse_participant_line(line: str, resources=None, *, listed: bool = False) -> list[ParticipantEntry]:
    """Read the participants on one line; an empty list means the line is not a participant line.

    Args:
        line: the line's text.
        resources: registries for municipality and body names, first names and role titles.
        listed: the line stands under a participant heading, so names without party or place are read too
            (when their first word reads as a first name).

    Example:
        >>> [e.name for e in parse_participant_line("Jens Hansen (A) Vejle Kommune, Anne Holm, Kolding Kommune")]
        ['Jens Hansen', 'Anne Holm']
    """
    bullet = _BULLET.match(line) or (_ENTRY_NUMBER.match(line) if listed else None)
    offset = bullet.end() if bullet else 0
    body = line[offset:]
    dashed = _dashed_entry(body, resources) if listed else None
    if dashed is not None:
        return [replace(dashed, start=dashed.start + offset, end=dashed.end + offset)]
    chunks: list[tuple[int, int]] = []
    cursor = 0
    for match in (_LISTED_SPLIT if listed else _CHUNK_SPLIT).finditer(body):
        chunks.append((cursor, match.start()))
        cursor = match.end()
    chunks.append((cursor, len(body)))
    if listed and resources is not None:
        chunks = chunks[:1] + [piece for start, end in chunks[1:] for piece in _split_at_place(body, start, end, resources)]
    entries: list[dict] = []
    doubtful = 0
    for k, (start, end) in enumerate(chunks):
        raw = body[start:end]
        chunk = raw.strip()
        lead = offset + start + (len(raw) - len(raw.lstrip()))
        span = dict(start=lead, end=lead + len(chunk))
        if listed and entries and _ABSENT_MARK.match(chunk):  # "Ole Berg, Vejle afbud": a mark after the place
            entries[-1]["status"] = "absent"
            continue
        chunk = _SLASH_NOTE.sub("", chunk)
        sent_apologies = _ABSENT_MARK.search(chunk) if listed and len(chunk.split()) >= 3 else None
        chunk = chunk[: sent_apologies.start()] if sent_apologies else chunk
        if listed and (apology := _ABSENT_LEAD.match(chunk)):
            sent_apologies, chunk = apology, chunk[apology.end() :]
            span["start"] += apology.end()
        chunk = _REASON.sub("", _NOTE.sub("", chunk)).strip()
        if entries and _ITEM_NOTE.match(chunk):
            continue
        trailing = _TRAILING_WORD.match(chunk) if listed and k == len(chunks) - 1 and len(entries) >= 2 else None
        if trailing and trailing.group("name").split()[-1] not in _PARTICLES and _is_name(trailing.group("name")):
            chunk = trailing.group("name")
            span["end"] = span["start"] + len(chunk)
        came = _CAME_AS_SUBSTITUTE.search(chunk) if listed else None
        status = "present" if came else "absent" if sent_apologies else ""
        chunk = chunk[: came.start()] if came else chunk
        if chunk.endswith(".") and len(chunk.split()[-1]) > 3:
            chunk = chunk[:-1]
        if not chunk:
            continue
        stood_in = _SUBSTITUTE_FOR.match(chunk) if entries else None
        if stood_in:
            member = parse_participant_line(stood_in.group("member"), resources, listed=True)
            if len(member) != 1:
                return []
            entries[-1]["status"] = "present"
            entries.append(
                dict(
                    name=member[0].name,
                    party=member[0].party,
                    municipality=member[0].municipality,
                    organisation=member[0].organisation,
                    status="absent",
                    **span,
                )
            )
            continue
        party = _PARTY.search(chunk)
        if party:
            name, _ = _without_title(chunk[: party.start()].strip().rstrip(","), resources)
            if not _is_name(name):
                return []
            municipality, organisation = _place(chunk[party.end() :], resources)
            entries.append(
                dict(
                    name=name,
                    party=party.group("party"),
                    municipality=municipality,
                    organisation=organisation,
                    status=status,
                    **span,
                )
            )
            continue
        substitute = _SUBSTITUTE.match(chunk)
        if substitute and entries and _is_name(substitute.group("name")):
            member = entries[-1]
            member["status"] = "absent"
            entries.append(
                dict(
                    name=substitute.group("name"),
                    party="",
                    municipality=member["municipality"],
                    organisation=member["organisation"],
                    status="present",
                    **span,
                )
            )
            continue
        run = _name_place_run(chunk, resources) if listed else None
        if run:
            entries.extend(dict(e, start=e["start"] + lead, end=e["end"] + lead) for e in run)
            continue
        titled = _titled_run(chunk, resources) if listed else None
        if titled and len(titled) >= 2:
            entries.extend(_entries_in_order(line, titled, span["start"], span["end"]))
            continue
        municipality, organisation = _place(chunk, resources)
        known_place = bool(municipality) or (resources is not None and resources.organisation(chunk) is not None)
        if listed and entries and not known_place and (placed := _place_then_more(chunk, resources)):
            (municipality, organisation), known_place = placed, True
        affiliation = listed and len(chunk.split()) == 1 and len(chunk) <= 20 and not chunk.isdigit()
        if entries and (known_place or affiliation) and not (entries[-1]["municipality"] or entries[-1]["organisation"]):
            entries[-1].update(municipality=municipality, organisation=organisation, end=span["end"])
            continue
        if known_place:
            return []
        name, titled_body = _without_title(chunk, resources)
        if listed and resources is not None and not _plausible_name(name, resources):
            name = _without_unlisted_title(name, resources)
        stands_in = _STANDS_IN.match(name) if listed else None
        if stands_in and all(_plausible_name(stands_in.group(g), resources) for g in ("sub", "member")):
            for name, status in ((stands_in.group("sub"), "present"), (stands_in.group("member"), "absent")):
                at = line.find(name, span["start"], span["end"])  # each their own span: two participations
                where = dict(start=at, end=at + len(name)) if at >= 0 else span
                entries.append(dict(name=name, party="", municipality="", organisation="", status=status, **where))
        elif listed and not (titled_body or status) and (side_by_side := _names_side_by_side(name, resources)):
            entries.extend(_entries_in_order(line, side_by_side, span["start"], span["end"]))
        elif _is_name(name) and (titled_body or not listed or _plausible_name(name, resources)):
            entries.append(dict(name=name, party="", municipality="", organisation=titled_body, status=status, **span))
        elif listed and _is_name(name) and len(chunks) >= _VOUCHING_LIST:
            doubtful += 1  # a first name the list of first names lacks or spells as a word ("Nette"), among names
            entries.append(dict(name=name, party="", municipality="", organisation="", status=status, **span))
        else:
            return []
    if not entries or doubtful * 3 > len(entries):
        return []
    if not listed and not all(e["party"] or e["municipality"] or e["organisation"] for e in entries):
        return []
    return [ParticipantEntry(**e) for e in entries]


# a run-together list: words, a parenthesis, a comma; a label of a date before the list ("Den 8. juni 2006:")
_RUN_TOKEN = re.compile(r"\([^()]*\)|,|[^\s,()]+")
_DATE_LABEL = re.compile(r"^(?=[^:\n]*\d)[^:\n]{1,30}:\s+")


# an item note after a name in a list of absences: away for those items only ("ved sag nr. 4", "under punkt 3-4")
_PARTIAL_ABSENCE = re.compile(rf"(?:ved|under|i)\s+{_ITEM_NUMBERS}(?=\s|$)")


def run_together_entries(line: str, resources) -> list[ParticipantEntry]:
    """Names of a list whose separators were lost ("Jesper Holm Rasmussen Jørgen Bruun Borgmester Ole Dam (A)").

    Read only under a participant heading of a text the strict reader found nothing in. A known first name
    after a surname starts the next name; a role title ("Direktør", "formand"), a comma or a note ends one; a
    party letter and a municipality ("Borgmester Vallensbæk Kommune") go to the name before; "(afbud)" marks
    it absent. The list ends at a label ("Øvrige:"), a sentence's end, a capitalised common word after a name
    ("Dagsorden") or any other word. A note of items after a name ("Eva Lund ved sag nr. 4") says the person was
    away for those only: present.
    """
    label = _DATE_LABEL.match(line)
    entries: list[dict] = []
    current: list[re.Match[str]] = []

    def close() -> bool:
        """End the current run of capitalised words: a name, a place of the name before, or the list's end."""
        if not current:
            return True
        text = " ".join(m.group() for m in current)
        span = dict(start=current[0].start(), end=current[-1].end())
        current.clear()
        if _plausible_name(text, resources):
            entries.append(dict(name=text, party="", municipality="", organisation="", **span))
            return True
        municipality = _place(text, resources)[0]
        if entries and municipality and not entries[-1]["municipality"]:
            entries[-1].update(municipality=municipality, end=span["end"])
            return True
        return False

    noted_until = 0  # the end of an item note read after the last name
    for token in _RUN_TOKEN.finditer(line, label.end() if label else 0):
        word = token.group()
        if token.start() < noted_until:
            continue
        partial = _PARTIAL_ABSENCE.match(line, token.start()) if current or entries else None
        if partial:  # "Eva Lund ved sag nr. 4": away for that item only, so at the meeting
            if not close():
                break
            entries[-1]["status"] = "present"
            noted_until = partial.end()
            continue
        if word.startswith("("):
            if not close():
                break
            party = _PARTY.fullmatch(word)
            if entries and party:
                entries[-1].update(party=party.group("party"), end=token.end())
            elif entries and "afbud" in word.lower():
                entries[-1]["status"] = "absent"
            continue
        if word == "," or resources.role(word.rstrip(".")) is not None:
            if not close():
                break
            continue
        if word in ("Kommune", "Regionskommune") and current:
            current.append(token)
            if not close():
                break
            continue
        bare = word.rstrip(".")
        if _NAME_TOKEN.match(word) and not word.endswith(":") and (word == bare or len(bare) == 1):
            first = bare in resources.first_names
            if first and len(current) >= 2 and current[-1].group().rstrip(".") not in resources.first_names:
                close()
            elif len(current) >= 2 and not first and bare not in resources.surnames and resources.is_word(bare):
                close()  # a capitalised common word after a name is the text going on ("… Lone Krogh Dagsorden")
                break
            current.append(token)
            continue
        if bare and bare != word and _NAME_TOKEN.match(word):  # "Meyer." closes a sentence: the list ends
            current.append(token)
        close()
        break
    else:
        close()
    return [ParticipantEntry(status=e.pop("status", ""), **e) for e in entries]


# "Eva Lund: Deltog", "Ole Berg: Afbud (Stedfortræder Kim Dahl, fraværende ved sag 1-4)": a name, a colon, a status
_STATED = re.compile(r"^(?P<name>[A-ZÆØÅÉÜÖÄ][^:()]{2,60}?)\s*:\s*(?P<status>[^():]+?)\s*(?:\((?P<note>[^()]*)\)?)?\s*\.?$")
# a name in running text: a capitalised word (an initial "J." too), then capitalised words or particles
_WORD = r"[A-ZÆØÅÉÜÖÄ][\w'’.\-]*"
_NAME_WORDS = rf"{_WORD}(?: (?:{_WORD}|af|de|von|van))"  # followed by the count of words after the first
# the substitute a note names ("Stedfortræder Kim Dahl", "suppleant: Eva Lund")
_NAMED_SUBSTITUTE = re.compile(rf"(?i:stedfortræder|suppleant)\s*:?\s+(?P<name>{_NAME_WORDS}{{1,4}})")


def stated_entries(line: str, statuses: dict[str, str], resources) -> list[ParticipantEntry]:
    """Entries of a list line that states one member's attendance after the name ("• Eva Lund: Deltog", "•
    Ole Berg: Afbud (Stedfortræder Kim Dahl)"), as web exports list every member; a substitute the note names
    came (present, whatever else it says of them). ``statuses`` maps a status written in lower case ("deltog",
    "afbud") to "present" or "absent"; a line whose status is none of them gives no entry."""
    bullet = _BULLET.match(line)
    offset = bullet.end() if bullet else 0
    match = _STATED.match(line[offset:])
    if match is None or resources is None:
        return []
    status = statuses.get(" ".join(match.group("status").lower().split()))
    name = match.group("name").strip()
    if status is None or not _plausible_name(name, resources):
        return []
    at = offset + match.start("name")
    found = [ParticipantEntry(name, "", "", "", at, at + len(name), status)]
    substitute = _NAMED_SUBSTITUTE.search(match.group("note") or "")
    if substitute and _plausible_name(substitute.group("name"), resources):
        at = offset + match.start("note") + substitute.start("name")
        found.append(ParticipantEntry(substitute.group("name"), "", "", "", at, at + len(substitute.group("name")), "present"))
    return found


# "Name (Vejle Kommune)": capitalised words (an initial "J." among them) before a parenthesis
_AFFILIATED = re.compile(rf"(?P<name>{_NAME_WORDS}{{1,5}}) ?\((?P<place>[^()]{{3,60}})\)")
# "Ole Berg og dennes suppleant ": a member and the substitute named after him, absent together
_WITH_SUBSTITUTE = re.compile(r"(?P<member>[A-ZÆØÅ][\w'’\-]*(?: [A-ZÆØÅ][\w'’\-]*){1,4}) og (?:dennes|hans|hendes) suppleant $")


def affiliated_entries(text: str, resources) -> list[ParticipantEntry]:
    """Entries "Name (Vejle Kommune)" in running text, told apart only by their parentheses: "Formand Ole Berg
    (Vejle Kommune), næstformand for Bestyrelsen Eva Lund (Region Syddanmark) Kim Dahl (Billund Kommune)".

    Only a place the registries know makes an entry (a municipality as written: "Århus Kommune" in 2008), and
    the name starts at its first known first name, so the title and words before it are left out. "Ole Berg og
    dennes suppleant Eva Lund (Vejle Kommune)" is two entries of that place. Offsets are positions in ``text``.
    """
    found: list[ParticipantEntry] = []
    if resources is None:
        return found
    for match in _AFFILIATED.finditer(text):
        place = _known_place(match.group("place").strip(), resources)
        if place is None:
            continue
        municipality, organisation = place
        if municipality and re.search(r"\b[Kk]ommune$", match.group("place").strip()):
            municipality = match.group("place").strip()
        start, name = _from_first_name(match.group("name"), match.start("name"), resources)
        if not name:
            continue
        member = _WITH_SUBSTITUTE.search(text, max(0, start - 80), start)
        if member and (named := _from_first_name(member.group("member"), member.start("member"), resources))[1]:
            found.append(ParticipantEntry(named[1], "", municipality, organisation, named[0], named[0] + len(named[1])))
        found.append(ParticipantEntry(name, "", municipality, organisation, start, start + len(name)))
    return found


def _from_first_name(words: str, at: int, resources) -> tuple[int, str]:
    """(offset, name) of capitalised ``words`` (at ``at``) from their first known first name on: the title and
    words before a name are no part of it ("Afbud Bestyrelsesformand Ole Berg" → "Ole Berg"); "" if none."""
    tokens = list(re.finditer(r"\S+", words))
    first = next((k for k, w in enumerate(tokens[:-1]) if w.group() in resources.first_names), None)
    if first is None or not _is_name(name := words[tokens[first].start() :]):
        return at, ""
    return at + tokens[first].start(), name


def _without_titles(text: str, resources) -> str:
    """A statement's name without the titles before it ("Bestyrelsesmedlem Ole Berg", "direktør Eva Lund")."""
    tokens = text.split(" ")
    while resources is not None and len(tokens) > 2 and resources.role(tokens[0]) is not None:
        tokens = tokens[1:]
    return " ".join(tokens)


def _statement_name(text: str, resources) -> str:
    """A statement's name with lower-case surnames capitalised ("Gert winther"), or "" if it reads as words; a
    hyphen left before a line break is joined ("Giørtz- Jensen")."""
    tokens = re.sub(r"(?<=\w)- (?=[A-ZÆØÅ])", "-", text).split()
    if len(tokens[-1]) > 3:  # a sentence's full stop, not an initial's ("H.")
        tokens[-1] = tokens[-1].rstrip(".")
    for k, token in enumerate(tokens[1:], start=1):
        if token[0].islower() and token not in _PARTICLES:
            if resources is not None and resources.is_word(token):
                return ""
            tokens[k] = token[0].upper() + token[1:]
    name = " ".join(tokens)
    return name if _plausible_name(name, resources) else ""


def attendance_statements(text: str, patterns, resources=None, offset: int = 0) -> list[ParticipantEntry]:
    """People a sentence says were absent or present ("X, Y og Z deltog ikke i mødet", "Afbud fra X").

    The patterns (``attendance_statements`` of the template) name their people in the groups ``absent``
    and ``present``; every name must read as a person's (a known first name first), so a sentence about
    a body or a place is passed over. Offsets are ``offset`` plus the position in ``text``.

    Example:
        >>> from kkrgraph.structure.template import load_template
        >>> entries = attendance_statements("Afbud fra Ole Berg.", load_template().attendance_statements)
        >>> [(e.name, e.status) for e in entries]
        [('Ole Berg', 'absent')]
    """
    found: list[ParticipantEntry] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            for status in ("absent", "present"):
                if status not in pattern.groupindex or match.group(status) is None:
                    continue
                start = match.start(status)
                for part in _LISTED_NAME.finditer(match.group(status)):
                    written = _NOTE.sub("", part.group("name"))
                    titled = _without_titles(written, resources)
                    name = _statement_name(titled, resources)
                    if name:
                        at = offset + start + part.start("name") + len(written) - len(titled)
                        found.append(ParticipantEntry(name, "", "", "", at, at + len(name), status))
    return sorted(found, key=lambda e: e.start)
