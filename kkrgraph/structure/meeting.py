"""The front matter of a meeting document: its header fields, type, date and the body that meets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kkrgraph.structure.dates import parse_date
from kkrgraph.structure.lines import SHORT_LINE, Line, LineReader
from kkrgraph.structure.model import AgendaItem

_BODY_IN_RECOMMENDATION = re.compile(
    r"indstilles,? at (?P<body>(?:[A-ZÆØÅ][\w-]*\s?){1,4}?)\s+(?:godkender|tager|drøfter|beslutter|anbefaler|tiltræder|udpeger|"
    r"orienteres|vedtager)"
)
_LETTER_SPACED = re.compile(r"(?<!\S)(?:[A-ZÆØÅ] ){3,}[A-ZÆØÅ](?!\S)")  # "K K R H O V E D S T A D E N"
_HEADING_LINES = 6  # the document's first non-blank lines, where a heading may carry the meeting's date


class FrontMatterReader(LineReader):
    """Reads the header fields and the document's type from the lines before the first item."""

    def header_fields(self, front_end: int) -> dict[str, tuple[str, int]]:
        """The front matter's fields ("Dato: ...", or a label alone on its line with its value on the next)."""
        fields: dict[str, tuple[str, int]] = {}
        for i, line in enumerate(self.lines[:front_end]):
            match = self.t.header_field.match(line.text)
            value = match.group("value") if match else ""
            if not value and (label := self.t.header_label.match(line.text)):
                match, value = label, self._field_value_below(i, front_end)
            if not match:
                continue
            kind = self.t.field_kind(match.group("name"))
            if kind == "location" and re.search(r"(?:\d{4}|,)$", value) and i + 1 < front_end:
                following = self.lines[i + 1].text
                if following and not self.t.header_field.match(following):
                    value = f"{value} {following}"
            if kind and kind not in fields and value:
                fields[kind] = (value, line.start)
        return fields

    def _field_value_below(self, i: int, front_end: int) -> str:
        """The value of a label standing alone on line ``i``: the next non-blank line, unless it is a label too."""
        following = next((ln for ln in self.lines[i + 1 : min(i + 3, front_end)] if not ln.blank), None)
        if following is None or self.t.header_field.match(following.text) or self.t.header_label.match(following.text):
            return ""
        return following.text

    def doc_type_word(self, front_end: int) -> str:
        """The type a heading of the front matter gives the document ("REFERAT", "Byrådet - Referat",
        "Dagsorden til mødet i ..."), or "": the first such heading counts. An item's heading in a contents list
        ("Punkt 2 Referat fra mødet 1. marts") is the item's title, not the document's type."""
        for line in self.lines[: min(front_end, 15)]:
            if len(line.text) >= SHORT_LINE or self.t.item_heading.match(line.text):
                continue
            match = self.t.doc_type_heading.match(line.text)
            if match:
                return self.t.doc_type_of(match.group("word"))
        return ""


def _head_lines(parser: LineReader, front_end: int) -> list[Line]:
    """The document's first non-blank lines of its front matter, where a heading names the meeting and its day."""
    return [line for line in parser.lines[: min(front_end, 20)] if not line.blank][:_HEADING_LINES]


def _heading_date(parser: LineReader, front_end: int, weekday: bool = False) -> str:
    """The date in one of the document's first heading lines that names the meeting or the document
    ("Bestyrelsesmøde 29. januar 2016 kl. 10.00", "Udvalget - referat 10-02-2011"); with ``weekday``, the
    first date written with its weekday instead. Only short lines of the front matter count: a date in
    running text ("Opdateret: ...", a decision's date) is another day's. A long line counts by its start when it
    opens with the heading's word ("Referat af mødet i Regionsrådet 14. november 2007 kl. 14:00 i Salen, <address>"):
    the heading runs on into the place, the date stays where a short heading has it."""
    t = parser.t
    for line in _head_lines(parser, front_end):
        text = line.text
        if len(text) >= SHORT_LINE:
            if weekday or not t.meeting_heading.match(text.lstrip()):
                continue
            text = text[:SHORT_LINE]
        if weekday:
            match = t.weekday_date.search(text)
        else:
            match = t.dates.search(text) if t.meeting_heading.search(text) else None
        if match and (iso := parse_date(match, t.months)):
            return iso
    return ""


def meeting_header(parser: LineReader) -> bool:
    """Whether the document's first lines name a meeting or the document ("Referat af mødet i Regionsrådet") and
    give a date. Attendance told only in prose makes a meeting of a text with no items or list only under such a
    heading: a news story may say that someone "havde meldt afbud" too."""
    heads = [line.text for line in _head_lines(parser, len(parser.lines))]
    return any(parser.t.meeting_heading.search(text) for text in heads) and any(parser.t.dates.search(text) for text in heads)


def meeting_date(
    parser: LineReader, fields, furniture: Sequence[str], items: Sequence[AgendaItem], front_end: int
) -> tuple[str, str]:
    t = parser.t
    if "date" in fields:
        match = t.dates.search(fields["date"][0])
        if match and (iso := parse_date(match, t.months)):
            return iso, "header"
    footer_dates = Counter()
    for line in furniture:
        match = re.search(r"\|\s*(\d{1,2}-\d{1,2}-\d{4})", line)
        if match and (iso := parse_date(t.dates.search(match.group(1)), t.months)):
            footer_dates[iso] += 1
    if footer_dates:
        return footer_dates.most_common(1)[0][0], "footer"
    # a line of the front matter that is only a date: with the meeting's time it is the meeting's ("Tirsdag
    # d. 4. marts 2019 kl. 16.00"); a bare one may be the day a web page was printed, so a heading naming the
    # meeting comes first ("2017-05-30" above "Repræsentantskabsmøde 22. maj 2017")
    dated = [
        (m, iso)
        for line in parser.lines[: min(front_end, 15)]
        if (m := t.date_line.match(line.text)) and (iso := parse_date(m, t.months))
    ]
    if timed := next((iso for m, iso in dated if m.group("time")), ""):
        return timed, "front"
    if iso := _heading_date(parser, front_end):
        return iso, "heading"
    if dated:
        return dated[0][1], "front"
    # a date with its weekday is a day someone meets, not the day a page was printed ("Bestyrelse. Fredag 27.
    # januar 2017 kl Mødelokale K"): a heading line's first one is the meeting's where nothing above dates it
    if iso := _heading_date(parser, front_end, weekday=True):
        return iso, "heading"
    for item in items[:3]:
        if "dagsorden" not in item.title.lower():
            continue
        for reference in item.references:
            if reference.date:
                return reference.date, "item"
    return "", ""


def _looks_like_body(name: str, parser: LineReader) -> bool:
    """A heading's name is a body when a word of it ends like one (``body_head_words``: "Byrådet", "Teknisk
    Udvalg") or the registry knows it; "Bilag - Referat fra sidste møde" is an item's heading, not a body's."""
    if parser.resources is not None and parser.resources.organisation(name) is not None:
        return True
    return any(word.lower().endswith(parser.t.body_head_words) for word in re.findall(r"[^\W\d_]+", name))


def _stated_body(parser: LineReader, fields, front_end: int, date: str) -> str:
    """The body the document says is meeting, where it says so outright.

    In order: a header field ("Udvalg: Teknisk Udvalg"); a heading among the first lines ("Byrådet - Referat",
    "Referat fra mødet i Kultur- og Idrætsudvalget"); a heading that is one body's kind of meeting
    ("Bestyrelsesmøde 29. januar", ``meeting_body_words``); a committee's record line dated the meeting's day
    ("Kultur- og Idrætsudvalget, 03-04-2019, pkt. 42"), the body whose decisions the minutes record. Empty when
    the document says none of these (KL's template names its KKR in page furniture and capitals instead).
    """
    t = parser.t
    if "body" in fields:
        return fields["body"][0].strip()
    heads = [line.text for line in _head_lines(parser, front_end)]
    for pattern in t.body_headings:
        for text in heads:
            if (m := pattern.match(text)) and _looks_like_body(m.group("body").strip(), parser):
                return m.group("body").strip()
    for text in heads:
        first = re.match(r"\s*([^\W\d]+)", text)
        if first and first.group(1).lower() in t.meeting_body_words:
            return t.meeting_body_words[first.group(1).lower()]
    if date:
        recorded: Counter[str] = Counter()
        for line in parser.lines:
            m = t.record_heading.match(line.text)
            if m and (dm := t.dates.search(m.group("date"))) and parse_date(dm, t.months) == date:
                recorded[m.group("body").strip()] += 1
        if recorded:
            return recorded.most_common(1)[0][0]
    return ""


def meeting_body(parser: LineReader, fields, furniture: Sequence[str], front_end: int, date: str = "") -> str:
    resources = parser.resources
    if stated := _stated_body(parser, fields, front_end, date):
        entry = resources.organisation(stated) if resources is not None else None
        return entry.name if entry is not None else (stated.title() if stated.isupper() else stated)
    candidates: Counter[str] = Counter()
    for line in furniture:
        match = re.match(r"\s*(.+?)\s*\|\s*\d{1,2}-\d{1,2}-\d{4}", line)
        if match:
            candidates[match.group(1)] += 3
    for line in parser.lines[: min(front_end, 12)]:
        if (
            line.text.isupper()
            and 3 <= len(line.text) <= 60
            and sum(c.isalpha() for c in line.text) >= 3  # not a lone party letter "(A)"
            and not parser.t.doc_type_word.match(line.text)
        ):
            candidates[line.text] += 2
    for match in _BODY_IN_RECOMMENDATION.finditer(parser.text):
        candidates[match.group("body").strip()] += 1
    for name, _count in candidates.most_common():
        entry = resources.organisation(name) if resources is not None else None
        if entry is None and resources is not None and _LETTER_SPACED.search(name):
            entry = _letter_spaced_body(name, resources)
        if entry is not None:
            return entry.name
    candidates = Counter({name: n for name, n in candidates.items() if not _LETTER_SPACED.search(name)})
    if candidates:
        name = candidates.most_common(1)[0][0]
        return name.title() if name.isupper() else name
    return ""


def _letter_spaced_body(text: str, resources):
    """The body a letter-spaced heading names ("REFERAT 2016 K K R H O V E D S T A D E N" → KKR Hovedstaden).

    The spacing hides the word breaks, so the letters are compared with the registry's names without spaces;
    the longest name found wins ("KKR Hovedstaden" over "KKR").
    """
    letters = re.sub(r"[^A-ZÆØÅ]", "", "".join(m.group().replace(" ", "") for m in _LETTER_SPACED.finditer(text)))
    found = [e for e in resources.organisations if len(e.name) > 3 and re.sub(r"\W", "", e.name).upper() in letters]
    return max(found, key=lambda e: len(e.name), default=None)
