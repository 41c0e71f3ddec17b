"""The KL template's vocabulary (``data/template.json``) compiled into the patterns the parser uses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kkrgraph.structure.dates import date_pattern

__all__ = ["Template", "load_template"]

_NEVER = re.compile(r"(?!)")  # a pattern that never matches: the default of a vocabulary entry left out


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Template:
    """Compiled template vocabulary; one instance serves every document."""

    raw: dict
    section_heading: re.Pattern[str]
    decision_headings: frozenset[str]
    present_heading: re.Pattern[str]
    absent_heading: re.Pattern[str]
    list_heading: re.Pattern[str]
    case_line: re.Pattern[str]
    header_field: re.Pattern[str]
    doc_type_word: re.Pattern[str]
    dates: re.Pattern[str]
    months: dict[str, int]
    outcome_cues: dict[str, re.Pattern[str]]
    outcome_cancelled: re.Pattern[str]
    outcome_cancelled_item: re.Pattern[str]
    outcome_agreed: re.Pattern[str]
    outcome_not_decided: re.Pattern[str]
    decision_label: re.Pattern[str]  # "Beslutning:" inside a record (the decision follows it)
    decision_label_line: re.Pattern[str]  # the same label opening a line of a record, in any case
    appointment_title: re.Pattern[str]
    meeting_reference: re.Pattern[str]
    line_markers: tuple[re.Pattern[str], ...]
    attendance_statements: tuple[re.Pattern[str], ...] = ()
    item_heading: re.Pattern[str] = _NEVER
    item_label_line: re.Pattern[str] = _NEVER
    title_leftovers: re.Pattern[str] = _NEVER
    labelled_case: re.Pattern[str] = _NEVER
    record_heading: re.Pattern[str] = _NEVER
    run_in_title_end: re.Pattern[str] = _NEVER
    meeting_signal: re.Pattern[str] = _NEVER
    header_label: re.Pattern[str] = _NEVER
    item_type_marker: re.Pattern[str] = _NEVER
    journal_label: re.Pattern[str] = _NEVER
    case_below_journal: re.Pattern[str] = _NEVER
    outcome_nothing: re.Pattern[str] = _NEVER
    approval_title: re.Pattern[str] = _NEVER
    informational_title: re.Pattern[str] = _NEVER
    meeting_heading: re.Pattern[str] = _NEVER
    doc_type_heading: re.Pattern[str] = _NEVER
    date_line: re.Pattern[str] = _NEVER
    proposal_headings: frozenset[str] = frozenset()
    body_headings: tuple[re.Pattern[str], ...] = ()
    body_head_words: tuple[str, ...] = ()
    meeting_body_words: dict[str, str] = field(default_factory=dict)  # a kind of meeting (lower case) → its body
    empty_list: re.Pattern[str] = _NEVER
    weekday_date: re.Pattern[str] = _NEVER  # a date after its weekday ("Fredag 27. januar 2017", "mandag den 3/4 2019")
    list_heading_word: re.Pattern[str] = _NEVER  # a participant heading standing among other words, capitalised
    closing_item: re.Pattern[str] = _NEVER  # the last item's title ("Eventuelt") at the end of a contents line
    # a decision heading naming the body and the date without "den" ("Beslutning i Byrådet 24. november 2021:")
    dated_decision_heading: re.Pattern[str] = _NEVER
    contents_heading: re.Pattern[str] = _NEVER  # a line heading a list of the meeting's items ("Indholdsfortegnelse:")
    contents_run_in: re.Pattern[str] = _NEVER  # "DAGSORDEN:" inside a line, a list of the items run on after it
    page_number: re.Pattern[str] = _NEVER  # a page's number in its header or footer ("Side 2 af 12")
    document_case_line: re.Pattern[str] = _NEVER  # "004512 - 2021/08811" under an item's heading: the case is the second
    title_wrap_words: frozenset[str] = frozenset()  # words no item title ends in: a title ending in one was wrapped
    recommendation_accepted: re.Pattern[str] = _NEVER  # "Indstillingen tiltrådt.": the decision did as recommended
    recommendation_headings: frozenset[str] = frozenset()  # "indstilling": the sections holding a recommendation
    entry_statuses: dict[str, str] = field(default_factory=dict)  # "deltog" → present in "• Eva Lund: Deltog"

    def strip_leftovers(self, text: str) -> str:
        """A line without what a web page or an export left in it ("Klik her for at folde ud ...")."""
        return self.title_leftovers.sub("", text).strip()

    def doc_type_of(self, word: str) -> str:
        """Map a header word ("REFERAT") to ``referat`` / ``dagsorden``, or ""."""
        lowered = word.lower()
        for doc_type, words in self.raw["doc_types"].items():
            if lowered in words:
                return doc_type
        return ""

    def field_kind(self, name: str) -> str:
        """Which header field ("date", "time", "location") a label such as "Sted" is."""
        for kind, labels in self.raw["header_fields"].items():
            if name.lower() in (label.lower() for label in labels):
                return kind
        return ""


# A person's name in an attendance statement: capitalised words (and particles); in a list ({names}) a later
# word may be written in lower case ("Gert winther"), which the reader checks against the dictionary.
_STATEMENT_NAME = r"[A-ZÆØÅÉÜÖÄ][\w'’.\-]*(?: (?:[A-ZÆØÅÉÜÖÄ][\w'’.\-]*|af|de|von|van|la|le|da)){1,4}"
_STATEMENT_LIST_NAME = r"[A-ZÆØÅÉÜÖÄ][\w'’.\-]*(?: (?:[A-ZÆØÅÉÜÖÄ][\w'’.\-]*|(?!og\b)[a-zæøå][\w'’\-]*)){1,4}"


# a name in a list of staff, its title before it in lower case and a note after it ("direktør Ole Berg (referent)")
_STATEMENT_TITLED_NAME = rf"(?:[a-zæøå]+ )?{_STATEMENT_NAME}(?: \([a-zæøå.]+\))?"


def _statement(pattern: str) -> re.Pattern[str]:
    """A statement pattern compiled: {names}, {name} and {titled} (a list of titled names) filled in. A statement
    starts a line or follows a sentence's end, a colon or a closing parenthesis (a list's last entry's place),
    unless its pattern starts at a word boundary: its opening words then begin a sentence wherever they stand (a
    transcript that lost a line break runs the sentence on after the page's heading)."""
    names = rf"{_STATEMENT_LIST_NAME}(?:, {_STATEMENT_LIST_NAME})*(?:,? og {_STATEMENT_LIST_NAME})?"
    titled = rf"{_STATEMENT_TITLED_NAME}(?:, {_STATEMENT_TITLED_NAME})*(?:,? og {_STATEMENT_TITLED_NAME})?"
    body = pattern.replace("{names}", names).replace("{name}", _STATEMENT_NAME).replace("{titled}", titled)
    if pattern.startswith(r"\b"):
        return re.compile(body, re.MULTILINE)
    return re.compile(rf"(?:^|(?<=[.!?:)] ))[ \t]*{body}", re.MULTILINE)


def _doc_type_heading(raw: dict, doc_words: str) -> re.Pattern[str]:
    """A heading line whose part (split at dashes or bars) begins with the document-type word, alone,
    qualified, or followed by a date or a linking word ("Byrådet - Referat", "Dagsorden til mødet i ...").
    Not at a comma: an item's title runs on after one ("Orientering fra KKR, referat fra mødet 1. marts")."""
    quals = _alternatives(raw["doc_type_qualifiers"])
    links = _alternatives(raw["doc_type_links"])
    sep = r"\s+[-–—|]\s+"
    part = (
        rf"(?:(?:{quals})\s+)?(?P<word>{doc_words})(?:\s*\((?:{quals})\))?"
        rf"(?:\s+(?:(?:{links})(?!\w)|\d)[^\n]*?)?"
    )
    return re.compile(rf"^\s*(?:[^\n]*?{sep})?{part}\s*(?:{sep}[^\n]*)?$", re.IGNORECASE)


def _date_line(raw: dict, dates: re.Pattern[str]) -> re.Pattern[str]:
    """A line that is only a date, with its weekday, "den"/"d." and time ("Tirsdag d. 4. marts 2019 kl. 16.00");
    the group ``time`` holds the time when the line gives one, and a place may follow the time ("Den 09.01.2020
    kl. 13:00 i Rådhuset, ..."). Its date groups are :func:`date_pattern`'s."""
    weekdays = _alternatives(raw["weekdays"])
    prefixes = _alternatives(raw["date_prefixes"])
    at = _alternatives(raw["time_prefixes"])
    time = rf"(?:(?:{at})\s*\d{{1,2}}(?:[:.]\d{{2}})?|\d{{1,2}}[:.]\d{{2}})(?:\s*[-–]\s*\d{{1,2}}(?:[:.]\d{{2}})?)?"
    return re.compile(
        rf"^\s*(?:(?:{weekdays})\s*,?\s+)?(?:(?:{prefixes})\s+)?(?:{dates.pattern})(?:\s*[,\-–]?\s*(?P<time>{time})(?:,?\s+(?:i|på)\s+\S.*)?)?\s*\.?\s*$",
        re.IGNORECASE,
    )


# A body's name in a heading: a word (in any case: "kommunaldirektørnetværket"), then capitalised words joined by
# spaces, "og", "for" or "&" ("Kultur- og Idrætsudvalget", "Udvalget for Teknik og Miljø", "KKR Nordjylland"); a
# comma, a weekday or a month ends it ("Økonomiudvalget, Tirsdag 4. marts", "Byrådet Mandag den 4. marts")
_BODY_NAME = r"[A-ZÆØÅa-zæøå][\w&/]*-?(?:\s(?:(?:og|for|&)\s)?(?!{calendar}\b)[A-ZÆØÅ][\w&/]*-?){0,7}"


def _body_headings(raw: dict, months: dict[str, int]) -> tuple[re.Pattern[str], ...]:
    """The ``body_headings`` compiled: the name is matched case-sensitively, the document-type and meeting words,
    weekdays and months around it in any case."""
    doc = "(?i:" + "|".join(w for words in raw["doc_types"].values() for w in words) + ")"
    meeting = f"(?i:{raw['meeting_words']})"
    calendar = f"(?i:{_alternatives([*raw['weekdays'], *months])})"
    body = _BODY_NAME.replace("{calendar}", calendar)
    return tuple(
        re.compile(p.replace("{doc}", doc).replace("{meeting}", meeting).replace("{calendar}", calendar).replace("{body}", body))
        for p in raw.get("body_headings", ())
    )


@cache
def load_template() -> Template:
    """Load and compile ``data/template.json`` (cached: it is immutable package data)."""
    raw = json.loads((resources.files("kkrgraph") / "data" / "template.json").read_text("utf-8"))
    sections = _alternatives(raw["section_headings"])
    fields = _alternatives([label for labels in raw["header_fields"].values() for label in labels])
    doc_words = _alternatives([w for words in raw["doc_types"].values() for w in words])
    heads = _alternatives(raw["present_headings"] + raw["absent_headings"] + raw["participant_list_headings"])
    flags = re.IGNORECASE
    months = {k.lower(): v for k, v in raw["months"].items()}
    dates = date_pattern(months)
    prefix = f"(?:{_alternatives(raw['case_number_prefixes'])})"  # "SAG", "EMN": case systems' number prefixes
    written_date = rf"(?:den|d\.)\s+\d{{1,2}}\.\s*(?:{_alternatives(list(months))})(?:\s+\d{{4}})?"
    reference = re.compile(
        rf"\b{raw['meeting_words']}\b[^.\n]{{0,60}}?\b"
        rf"(?P<date>{written_date}|(?:den|d\.)\s+\d{{1,2}}[-/.]\d{{1,2}}[-/. ]\d{{2,4}})",
        flags,
    )
    record_labels = _alternatives(raw.get("record_field_labels", []))
    fields_of_record = _alternatives([h for h in raw["section_headings"] if h not in raw["decision_headings"]])
    decisions = _alternatives(raw["decision_headings"])
    pages = raw.get("page_number", "(?!)")
    line_markers = tuple(
        re.compile(pattern)
        for pattern in (
            rf"(?P<gap>\s+)(?={prefix}-\d{{4}}-\d)",
            rf"(?<=[.!?:\d\w])(?P<gap>\s+)(?=(?:{sections})\s+[A-ZÆØÅ])",
            rf"(?:^|(?<=\s))(?:{sections})(?P<gap>\s+)(?=[A-ZÆØÅ])",
            r"(?<=[.!?\w])(?P<gap>\s+)(?=\d{1,2}\.\d{1,2}\.?\s+[A-ZÆØÅ])",
            rf"(?<=[.!?])(?P<gap>\s+)(?=\d{{1,2}}\.\s+[A-ZÆØÅ][a-zæøå]+(?:\s+\w+){{0,6}}\s+(?:Beslutning|{prefix}-|\d{{1,2}}\.\d))",
            rf"(?<=Kommune)(?P<gap>\s+)(?=\d{{1,2}}\.\s+[A-ZÆØÅ][a-zæøå]+(?:\s+\w+){{0,6}}\s+(?:{prefix}-|\d{{1,2}}\.\d))",
            rf"(?P<gap>\s+)(?=(?:{heads}):?\s+[A-ZÆØÅ])",
            rf"(?:^|(?<=\s))(?:{heads}):?(?P<gap>\s+)(?=[A-ZÆØÅ])",
            rf"(?P<gap>\s+)(?=(?:{fields}):)",
            # an item's record flattened into a line ("1. Godkendelse Sagsnr.: Resumé: ... Beslutning den : Godkendt."):
            # its fields' labels stand on lines of their own; "Beslutning:" does only where its date was lost, since a
            # decision run on after its label is read where it stands ("1. Valg af dirigent ... Beslutning: X blev valgt.")
            rf"(?<=\S)(?P<gap>\s+)(?=(?:{fields_of_record}|{record_labels})\s*:|(?:{decisions})\s+den\s*:)",
            rf"(?<!\S)(?:(?:{fields_of_record})|(?:{decisions})\s+den)\s*:(?P<gap>\s+)(?=\S)",
            # an item's number after the page's furniture ("Fjordby Kommune Side 1 1. Godkendelse af dagsorden")
            rf"(?:{pages})(?P<gap>\s+)(?=\d{{1,2}}\.\s+[A-ZÆØÅ])",
            r"(?<=Kommune)(?P<gap>\s+)(?=[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+){0,4}\s+\()",
        )
    )
    labels = _alternatives(raw.get("item_number_labels", ["Pkt"]))
    access = rf"\s+\((?i:{_alternatives(raw.get('item_access_markers', []))})\)"  # "4 (Åben) Title"
    return Template(
        raw=raw,
        # "Beslutning i Økonomiudvalget den 04-06-2020": the heading names the body and the date that decided; in a
        # decision heading "Beslutning den :" the date was lost ("Baggrund den" heads nothing)
        section_heading=re.compile(
            rf"^\s*(?P<heading>(?P<decided>{decisions})|{fields_of_record})"
            rf"(?:\s+(?:i|fra)\s+[^\n]{{1,80}}?\s+(?:den|d\.)\s+\d[\d./-]*(?:\s+\w+\s+\d{{4}})?|(?(decided)(?:\s+den)?))\s*:?\s*$",
            flags,
        ),
        decision_headings=frozenset(h.lower() for h in raw["decision_headings"]),
        present_heading=re.compile(rf"^\s*(?:{_alternatives(raw['present_headings'])})\s*:?\s*$", flags),
        absent_heading=re.compile(rf"^\s*(?:{_alternatives(raw['absent_headings'])})\s*:?\s*$", flags),
        list_heading=re.compile(rf"^\s*(?:{_alternatives(raw['participant_list_headings'])})\s*:?\s*$", flags),
        weekday_date=re.compile(
            rf"(?<!\w)(?:{_alternatives(raw['weekdays'])})\s*,?\s+(?:(?:{_alternatives(raw['date_prefixes'])})\s+)?(?:{dates.pattern})",
            flags,
        ),
        list_heading_word=re.compile(rf"(?<!\S)(?:{heads})(?=:?(?!\S))"),
        closing_item=re.compile(rf"(?<!\S)(?:{_alternatives(raw.get('closing_item_titles', []))})$"),
        empty_list=re.compile(rf"^\s*(?:{_alternatives(raw.get('empty_list', []))})\s*\.?\s*$", flags),
        case_line=re.compile(rf"^\s*{raw['case_number'].replace('{prefix}', prefix)}\s*$"),
        header_field=re.compile(rf"^\s*(?P<name>{fields})\s*:\s*(?P<value>.*?)\s*$", flags),
        item_type_marker=re.compile(rf"\s*\((?:{_alternatives(raw.get('item_type_markers', []))})\)$"),
        # a field's label alone on its line, its value on the next ("Mødedato" / "29-04-2011 kl. 10:00")
        header_label=re.compile(rf"^\s*(?P<name>{fields})\s*:?\s*$", flags),
        # a heading that names the meeting or the document ("Bestyrelsesmøde 29. januar 2016", "Udvalget - Referat - ...")
        meeting_heading=re.compile(rf"(?:{doc_words}|{raw['meeting_words']})\b", flags),
        doc_type_word=re.compile(rf"^\s*(?P<word>{doc_words})\b(?:\s+\d{{4}})?\s*$", flags),
        doc_type_heading=_doc_type_heading(raw, doc_words),
        date_line=_date_line(raw, dates),
        proposal_headings=frozenset(h.lower() for h in raw.get("proposal_headings", ())),
        body_headings=_body_headings(raw, months),
        body_head_words=tuple(raw.get("body_head_words", ())),
        meeting_body_words={w.lower(): body for w, body in raw.get("meeting_body_words", {}).items()},
        dates=dates,
        months=months,
        outcome_cues={k: re.compile("|".join(v), flags) for k, v in raw["outcome_cues"].items()},
        outcome_cancelled=re.compile("|".join(raw["outcome_cancelled"]), flags),
        outcome_cancelled_item=re.compile(
            "|".join(raw["outcome_cancelled_item"]).replace("{item}", _alternatives(raw["postponed_items"])), flags
        ),
        outcome_agreed=re.compile("|".join(raw["outcome_agreed"]), flags),
        decision_label=re.compile(rf"\b(?:{decisions})\s*:\s*"),
        decision_label_line=re.compile(rf"^[ \t]*(?:{decisions})[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE),
        outcome_not_decided=re.compile("|".join(raw.get("outcome_not_decided", ["(?!)"])), flags),
        outcome_nothing=re.compile(raw.get("outcome_nothing_recorded", "(?!)"), flags),
        approval_title=re.compile("|".join(raw.get("approval_titles", ["(?!)"])), flags),
        informational_title=re.compile("|".join(raw.get("informational_titles", ["(?!)"])), flags),
        appointment_title=re.compile("|".join(raw["appointment_titles"]), flags),
        meeting_reference=reference,
        line_markers=line_markers,
        attendance_statements=tuple(_statement(p) for p in raw.get("attendance_statements", ())),
        # "3. Title", "• 301. Title", "Pkt. 42 Title", "Nr.60 - Title", "4 (Åben) Title" (labels are capitalised:
        # "sag 3" in prose is none);
        # "3<TAB>Title", a two-column row of a web page's item table (FirstAgenda, eDoc), but no row of a wider table
        item_heading=re.compile(
            rf"^\s*(?:[•·▪◦*]\s*)?(?:(?:{labels})\.?\s*(?P<labelled>\d{{1,3}})\.?|(?P<number>\d{{1,3}})(?:\.|(?=\t+[^\t]+$)|(?={access})))"
            rf"(?:{access})?(?:\s*[-–:]\s+|\s+)(?P<title>\S.*?)\s*$"
        ),
        item_label_line=re.compile(rf"^\s*(?:[•·▪◦*]\s*)?(?:{labels})\.?\s*(?P<number>\d{{1,3}})\.?\s*$"),
        title_leftovers=re.compile("|".join(f"(?:{p})" for p in raw.get("title_leftovers", ["(?!)"])), flags),
        labelled_case=re.compile(raw.get("labelled_case_number", "(?!)"), flags),
        journal_label=re.compile(raw.get("journal_number_label", "(?!)"), flags),
        case_below_journal=re.compile(raw.get("case_number_below_journal", "(?!)"), flags),
        record_heading=re.compile(raw.get("record_heading", "(?!)"), flags),
        run_in_title_end=re.compile("|".join(raw.get("run_in_title_end", ["(?!)"]))),
        # a text that calls itself minutes or an agenda, or lists who attended: "Referat", "Dagsorden", "mødet", "Afbud"
        meeting_signal=re.compile(rf"\b(?:{doc_words}|{heads}|{raw['meeting_words']})\b", flags),
        dated_decision_heading=re.compile(
            rf"^\s*(?P<heading>{decisions})\s+(?:i|fra)\s+[^\n]{{1,80}}?\s+(?:{dates.pattern})\s*:?\s*$",
            flags,
        ),
        contents_heading=re.compile(rf"^(?:{_alternatives(raw.get('contents_headings', []))})\s*:?$", flags),
        contents_run_in=re.compile(rf"(?<!\S)(?:{_alternatives(raw.get('contents_headings', []))})\s*:\s+", flags),
        page_number=re.compile(pages),
        document_case_line=re.compile(raw.get("document_case_line", "(?!)"), flags),
        title_wrap_words=frozenset(w.lower() for w in raw.get("title_wrap_words", ())),
        recommendation_accepted=re.compile(raw.get("recommendation_accepted", "(?!)"), flags),
        recommendation_headings=frozenset(h.lower() for h in raw.get("recommendation_headings", ())),
        entry_statuses={word: status for status, words in raw.get("entry_statuses", {}).items() for word in words},
    )
