"""The agenda items of a meeting document.

KL's agenda items are anchored on their case-number lines ("SAG-2025-03133 hast"),
which survive every extractor and OCR engine; the title is the block of lines just above the anchor and
the number is read from it, or from the number lines nearby, or inferred from the sequence (OCR output
prints numbers apart from titles and loses some). The table of contents of an agenda is recognised by its
page numbers and dotted leaders and never parsed as items. Other layouts' items are read from numbered
headings with sections under them, from lists of the meeting's items, and from numbered lines that run on
into their record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from kkrgraph.structure.dates import parse_date
from kkrgraph.structure.lines import SHORT_LINE, LineReader
from kkrgraph.structure.model import AgendaItem, Decision, MeetingReference, Section, TextSpan
from kkrgraph.structure.outcomes import classify_outcome, decision_of
from kkrgraph.structure.participants import parse_participant_line

_NUMBER_LINE = re.compile(r"^\s*(?P<top>\d{1,2})\.(?:(?P<sub>\d{1,2})\.?)?(?:\s+(?P<title>\S.*?))?\s*$")
# "./." standing alone; the look-behind follows the first "." so the regex engine can skip to the dots
_ATTACHMENT = re.compile(r"\.(?<!\S[\s\S])/\.(?!\S)")


@dataclass(frozen=True)
class _Heading:
    """A top-level item heading: its line, the line its title stands on, number and title."""

    line: int
    first: int
    number: int
    title: str
    title_span: TextSpan
    cased: bool = False  # a labelled case number follows the heading line at once
    padded: str = ""  # the number as written where it has a leading zero ("01"), which the item keeps


# a numbered line that runs on into its record ("1. Godkendelse af dagsorden Dagsordenen blev godkendt.")
_RUN_IN = re.compile(r"^\s*(?P<number>\d{1,2})\.\s+(?P<rest>[A-ZÆØÅ].{60,})$")


def _dotless(digits: str) -> re.Pattern[str]:
    """A line of an item number (``digits``) without a dot before a capitalised title."""
    return re.compile(rf"^\s*(?P<number>{digits})\s+(?P<title>[A-ZÆØÅ].*?)\s*$")


# an item number with a leading zero and no dot before a title ("01 Velkomst og dagsorden"): no count in
# prose is written so, so the zero marks the heading a dot marks elsewhere
_PADDED_HEADING = _dotless(r"0\d")
# an entry of a contents list whose numbers have no dot ("141 Forslag til ..."), read only under its heading
_DOTLESS_ENTRY = _dotless(r"\d{1,3}")
_NUMBER_NEAR_START = re.compile(r"\d")  # searched in a line's first 30 characters: no heading without a number
_GLUED_NUMBER = re.compile(r"[^\W\d_]\d{1,3}\.\s")  # "Indholdsfortegnelse1. Fraværende"
# item 1's heading glued to the end of the line above it after a sentence's end ("... (ref.). 1. Godkendelse:")
_GLUED_FIRST = re.compile(r"(?<=[.!?)] )1\.\s+(?P<title>[A-ZÆØÅ][^.!?]{2,80}?)\s*$")
_GLUED_REACH = 6  # non-blank lines above item 2's heading in which item 1's glued heading and record may stand
# the heading of a group of items ("Sager til beslutning:"): a capitalised word, lower-case words, a colon
_GROUP = r"[A-ZÆØÅ][a-zæøå]+(?:\s+[a-zæøå]+){1,4}:"
_GROUP_HEADING = re.compile(rf"\s+{_GROUP}(?:\s.*)?$")  # after a contents line's title, to the line's end
_GROUP_LINE = 60  # a line between the entries of a contents list shorter than this may be a group's heading
_TRAILING_PAGE = re.compile(r"\s+(\d{1,3})$")  # a contents line's page number after its title
_GROUP_LABEL = re.compile(rf"(?<!\S){_GROUP}(?!\S)")  # inside a contents line run together
_MOST_UNNUMBERED = 40  # titles of a contents list without numbers: a longer run of capitals is prose
_SIGNAL_REACH = 3000  # characters from the top in which a text must call itself minutes or an agenda
# an item number of the year's count in a contents list: "04/14 Title", a capital following
_ISSUE_NUMBER = re.compile(r"(?<!\S)(?P<number>\d{1,2})/(?P<year>\d{2})[ \t]+(?=[A-ZÆØÅ])")
# a number in a line of contents that may open the next item ("3. Budget"): a capital follows, so "den 10. januar" is none
_NEXT_NUMBER = re.compile(r"(?<!\S)(?P<number>\d{1,2})\.\s+(?=[A-ZÆØÅ])")


def _starts_like_title(title: str) -> bool:
    """Titles start with a capital, a digit or a quote; list entries of a recommendation ("1. at ...") do not."""
    return bool(title) and (title[0].isupper() or title[0].isdigit() or title[0] in "\"“”«'")


def _number_of(match: re.Match[str]) -> str:
    """The item number a heading's match holds as written: alone ("5", "01") or after a label ("Pkt. 42")."""
    return match.group("number") or match.groupdict().get("labelled") or ""


def _padded(number: int, written: str) -> str:
    """``number`` with the leading zero of a list whose numbers are written with one ("01", so "02" after it), which
    the item keeps as its number; "" where ``written`` has none."""
    return f"{number:0{len(written)}d}" if len(written) > 1 and written.startswith("0") else ""


class _Entry(NamedTuple):
    """An entry of a list of the meeting's items: its line, number and title, the number as written where it has a
    leading zero, and where its title was wrapped over the lines below, the title's span (from its start on
    ``line`` to its end on the last of them)."""

    line: int
    number: int
    title: str
    padded: str = ""
    wrapped: TextSpan | None = None


class ItemReader(LineReader):
    """Reads the agenda items: KL's case-numbered ones, then other layouts' headings, lists and run-in lines."""

    def anchors(self) -> list[tuple[int, re.Match[str]]]:
        found = []
        for i, line in enumerate(self.lines):
            match = self.t.case_line.match(line.text)
            if match and i not in self.toc:
                found.append((i, match))
        return found

    def _title_block(self, anchor: int, floor: int) -> list[int]:
        """Indices of the title lines above a case-number line (may be empty)."""
        i = anchor - 1
        while i > floor and self.lines[i].blank:
            i -= 1
        block: list[int] = []
        while i > floor:
            line = self.lines[i]
            if line.blank or i in self.toc or self.t.case_line.match(line.text):
                break
            if self.t.section_heading.match(line.text) or self.t.header_field.match(line.text):
                break
            number = _NUMBER_LINE.match(line.text)
            if number and not number.group("title"):
                break
            if block and line.text.endswith((".", ":")) and not number:
                break
            block.append(i)
            if number or self.t.item_heading.match(line.text):  # the title starts at its number ("1<TAB>Title")
                break
            if len(block) >= 4:
                break
            i -= 1
        return block[::-1]

    def _heading_zone(self, first: int, floor: int) -> tuple[int, list[re.Match[str]]]:
        """Walk up from a title block through number lines and short headings; return start and numbers."""
        numbers: list[re.Match[str]] = []
        i, start, steps = first - 1, first, 0
        while i > floor and steps < 14:
            line = self.lines[i]
            steps += 1
            if line.blank:
                i -= 1
                continue
            number = _NUMBER_LINE.match(line.text)
            if number and i not in self.toc:
                numbers.append(number)
                start = i
            elif (
                len(line.text) > 70
                or line.text.endswith((".", ":", ","))
                or i in self.toc
                or self.t.section_heading.match(line.text)
                or self.t.case_line.match(line.text)
            ):
                break
            i -= 1
        return start, numbers[::-1]

    def items(self, front_end: int) -> tuple[list[AgendaItem], int]:
        """The agenda items and the line the first one's heading zone starts on.

        KL's case-number lines anchor the items where they head them. An anchor right under another layout's
        top-level heading ("2. Budgetopfølgning" / "SAG-2024-00101" among items that carry "Sagsnr.: 11/629")
        is that heading's case number: the item is read in the other layout, so one KL number does not turn
        the document's other items into section headings.
        """
        anchors = self.anchors()
        if not anchors:
            return self._top_level_items(front_end, [], []), front_end
        headings = {h.line: h for h in self._headings(front_end)}
        heads = []  # (zone_start, title_lines, number, anchor_index, match)
        foreign: dict[int, re.Match[str]] = {}  # heading line → the KL case line under that heading
        top, sub = 0, 0
        floor = front_end - 1
        for index, match in anchors:
            block = self._title_block(index, floor)
            if block and block[0] in headings:  # a top-level heading ("1.1." never is one) over the case line
                foreign[block[0]] = match
                floor = index
                continue
            first = block[0] if block else index
            zone_start, hints = self._heading_zone(first, floor)
            number_match = _NUMBER_LINE.match(self.lines[block[0]].text) if block else None
            if number_match and number_match.group("sub"):
                top, sub = int(number_match.group("top")), int(number_match.group("sub"))
                title_lines = [number_match.group("title") or ""] + [self.lines[j].text for j in block[1:]]
            else:
                top, sub = self._infer_number(top, sub, hints)
                title_lines = [self.lines[j].text for j in block]
                if number_match and number_match.group("title"):
                    title_lines[0] = number_match.group("title")
            heads.append((min(zone_start, first), block, f"{top}.{sub}", index, match))
            floor = index
        tops = self._top_heading_lines(front_end)
        items: list[AgendaItem] = []
        for k, (_zone, block, number, index, match) in enumerate(heads):
            end_line = heads[k + 1][0] if k + 1 < len(heads) else len(self.lines)
            this_top = int(number.split(".")[0])
            next_top = int(heads[k + 1][2].split(".")[0]) if k + 1 < len(heads) else 99
            end_line = min([end_line] + [i for i, top in tops if index < i < end_line and this_top < top <= next_top])
            end_line = min([end_line] + [i for i in foreign if index < i < end_line])
            items.append(self._item(number, block, index, match, end_line))
        items = self._top_level_items(front_end, items, [h[0] for h in heads], foreign)
        if not foreign:
            return items, heads[0][0]
        # the front matter ends at the first item, whichever layout it is read in
        zones = [h[0] for h in heads[:1]] + [self.line_at(item.span.start) for item in items[:1]]
        return items, min(zones, default=len(self.lines))

    @staticmethod
    def _infer_number(top: int, sub: int, hints: Sequence[re.Match[str]]) -> tuple[int, int]:
        candidates: list[tuple[int, int]] = []
        new_top = top
        for hint in hints:
            t = int(hint.group("top"))
            if hint.group("sub"):
                candidates.append((t, int(hint.group("sub"))))
            elif hint.group("title") is None or len(hint.group("title")) < 60:
                if t > top and t <= top + 3:
                    new_top = max(new_top, t)
                elif (t >= 10 and t // 10 == top + 1) or t // 10 == top:
                    candidates.append((t // 10, t % 10))  # OCR "21." for "2.1."
        if new_top != top:
            later = [c for c in candidates if c[0] == new_top]
            return later[0] if later else (new_top, 1)
        later = sorted(c for c in candidates if c > (top, sub) and c[0] in (top, top + 1))
        if later:
            return later[0]
        return (top, sub + 1) if top else (1, 1)

    def _item(self, number: str, block: list[int], anchor: int, match: re.Match[str], end_line: int) -> AgendaItem:
        t = self.t
        title_lines = [self.lines[j].text for j in block]
        if title_lines:
            lead = _NUMBER_LINE.match(title_lines[0])
            if lead and lead.group("title"):
                title_lines[0] = lead.group("title")
        title = re.sub(r"\s+", " ", " ".join(title_lines)).strip()
        title_span = TextSpan(self.lines[block[0]].start, self.lines[block[-1]].end) if block else TextSpan(0, 0)
        start = self.lines[block[0]].start if block else self.lines[anchor].start
        body_lines = self.lines[anchor + 1 : end_line]
        end = max((ln.end for ln in body_lines if not ln.blank), default=self.lines[anchor].end)
        sections = self._sections(anchor + 1, end_line)
        decision = decision_of(sections, title, t)
        body = self.text[self.lines[anchor].end : end]
        handlers = tuple(h for h in (match.group("handlers") or "").split("/") if h)
        return AgendaItem(
            number=number,
            title=title,
            span=TextSpan(start, end),
            title_span=title_span,
            case_number=match.group("case"),
            handlers=handlers,
            sections=tuple(sections),
            decision=decision,
            attachments=len(_ATTACHMENT.findall(body)),
            references=tuple(self._references(self.lines[anchor].end, end)),
        )

    def _sections(self, first: int, end_line: int, number: int | None = None) -> list[Section]:
        """Sections between two lines. With the item's number, a committee's record line ("Udvalget,
        03-04-2019, pkt. 42") heads a section too: the decision when it names this item, else the body's."""
        heads = []
        for i in range(first, end_line):
            text = self.lines[i].text
            m = self.t.section_heading.match(text) or self.t.dated_decision_heading.match(text)
            # "fold dette punkt ind Resume": a web page's button before the heading
            if not m and len(text) < SHORT_LINE and text[:1].islower() and self.t.title_leftovers.match(text):
                m = self.t.section_heading.match(self.t.strip_leftovers(text))
            if m:
                heads.append((i, m.group("heading")))
            elif number is not None and (m := self.t.record_heading.match(text)):
                own = int(m.group("number")) == number
                heads.append((i, self.t.raw["decision_headings"][0] if own else m.group("body").strip()))
        sections = []
        for k, (i, heading) in enumerate(heads):
            stop = heads[k + 1][0] if k + 1 < len(heads) else end_line
            content = [ln for ln in self.lines[i + 1 : stop] if not ln.blank]
            if content:
                span = TextSpan(content[0].start, content[-1].end)
            else:
                span = TextSpan(self.lines[i].end, self.lines[i].end)
            canonical = next((h for h in self.t.raw["section_headings"] if h.lower() == heading.lower()), heading)
            sections.append(Section(canonical, span.of(self.text), span))
        return sections

    def _top_level_items(
        self, front_end: int, items: list[AgendaItem], zones: list[int], kl_cases: dict[int, re.Match[str]] | None = None
    ) -> list[AgendaItem]:
        """Top-level headings that stand as items of their own ("5. Eventuelt" with a Beslutning).

        Also the items of layouts other than KL's ("• 301. Title", "Pkt. 42 Title", a title over "Sag nr. 129"):
        a heading with sections under it is an item; numbered lines run in with their text ("1. Title The
        committee approved ...") and short numbered lists outside every item (a list of the meeting's items)
        are read when they form a sequence. ``kl_cases`` maps a heading's line to the KL case line right under
        it: that heading is an item with KL's case number.
        """
        kl_cases = kl_cases or {}
        tops_with_subs = {item.number.split(".")[0] for item in items}
        covered = [(item.span.start, item.span.end) for item in items]
        extra = []
        bare: list[tuple[_Heading, int]] = []  # headings with text under them but no section: (heading, end)
        headings = self._in_sequence(self._headings(front_end))
        boundaries = sorted({h.line for h in headings} | {self.line_at(s) for s, _ in covered} | set(zones))
        for heading in headings:
            i = heading.line
            if str(heading.number) in tops_with_subs or any(s <= self.lines[i].start < e for s, e in covered):
                continue
            stop = next((b for b in boundaries if b > i), len(self.lines))
            sections = self._sections(i + 1, stop, heading.number)
            kl_case = kl_cases.get(i)
            case = kl_case.group("case") if kl_case else self._labelled_case(heading.first, i + 1, stop)
            content = [ln for ln in self.lines[i + 1 : stop] if not ln.blank]
            end = content[-1].end if content else self.lines[i].end
            if not sections and not (case and (heading.cased or kl_case)):
                if not items and any(not _NUMBER_LINE.match(ln.text) and re.search(r"[^\W\d_]", ln.text) for ln in content):
                    bare.append((heading, end))  # KL's case-numbered items make a heading without sections a group's
                continue
            handlers = tuple(h for h in (kl_case.group("handlers") or "").split("/") if h) if kl_case else ()
            extra.append(self._plain_item(heading, sections, end, case, handlers))
        found = sorted(items + extra, key=lambda item: item.span.start)
        found = sorted(found + self._bare_items(bare, found), key=lambda item: item.span.start)
        if not found:
            if not self.t.meeting_signal.search(self.text, 0, _SIGNAL_REACH):
                return []  # run-in paragraphs and numbered lists alone make no meeting of a text that never says so
            found = self._run_in_items(front_end)
        listed = self._listed_items(front_end, found) + self._issue_items(front_end, found)
        listed += self._unnumbered_contents(found + listed, min((self.line_at(item.span.start) for item in found), default=None))
        return sorted(found + listed, key=lambda item: item.span.start)

    def _bare_items(self, bare: list[tuple[_Heading, int]], found: list[AgendaItem]) -> list[AgendaItem]:
        """Items whose heading has text under it but no section ("3. Nyt fra skolen:" over its record), read where
        the numbering vouches for them: a heading that continues the numbers of the items already read, or, in a
        text with none, a run of at least three numbered 1, 2, 3 ... With no decision heading, the text is the
        item's record, and it decides an outcome only where it states one (as a run-in item's). The first item
        of such a run may be glued to the end of the line above it ("... Eva Lund. 1. Godkendelse af referat:").
        """
        numbers = {int(n) for item in found if (n := item.number.split(".")[0]).isdigit()}
        if numbers:
            kept = []
            for heading, end in bare:  # walk out from the read items: 1 before 2, then 0 before 1
                if heading.number + 1 in numbers or heading.number - 1 in numbers:
                    kept.append((heading, end))
                    numbers.add(heading.number)
        else:
            kept = self._numbered_run(bare)
        return [self._recorded_item(heading, end) for heading, end in kept]

    def _numbered_run(self, bare: list[tuple[_Heading, int]]) -> list[tuple[_Heading, int]]:
        """The longest run of headings numbered one after the other, with the glued first one found above the
        run's first heading; none unless the run starts at 1 and has three headings."""
        best: list[tuple[_Heading, int]] = []
        run: list[tuple[_Heading, int]] = []
        for heading, end in bare:
            if not run or heading.number != run[-1][0].number + 1:
                run = []
            run.append((heading, end))
            if len(run) > len(best):
                best = list(run)
        if best and best[0][0].number == 2 and (glued := self._glued_heading(best[0][0])) is not None:
            best.insert(0, glued)
        return best if len(best) >= 3 and best[0][0].number == 1 else []

    def _glued_heading(self, second: _Heading) -> tuple[_Heading, int] | None:
        """(heading, end) of item 1 glued to the end of a line a little above item 2's heading, after a sentence's
        end ("(ref.). 1. Godkendelse af referat:"), with the lines from there up to item 2 as its record."""
        lines = [j for j in range(second.first - 1, 0, -1) if not self.lines[j].blank][:_GLUED_REACH]
        glued = next(((j, tail) for j in lines if (tail := _GLUED_FIRST.search(self.lines[j].text))), None)
        if glued is None:
            return None
        above, tail = glued
        line = self.lines[above]
        title = self.t.strip_leftovers(tail.group("title"))
        if not title or not _starts_like_title(title):
            return None
        at = line.start + tail.start("title")
        heading = _Heading(above, above, 1, title, TextSpan(at, at + len(title)))
        content = [ln for ln in self.lines[above + 1 : second.first] if not ln.blank]
        return heading, content[-1].end if content else line.end

    def _recorded_item(self, heading: _Heading, end: int) -> AgendaItem:
        """An item from its heading and the record under it, with the outcome the record states (see :meth:`_bare_items`)."""
        item = self._plain_item(heading, [], end)
        start = self.lines[heading.line].end
        number = self.text.rfind(f"{heading.number}.", self.lines[heading.line].start, heading.title_span.start)
        if number > self.lines[heading.line].start:  # glued to the line's text before it: the item starts at its number
            item = replace(item, span=TextSpan(number, end))
        if decided := list(self.t.decision_label_line.finditer(self.text[start:end])):
            start += decided[-1].end()  # "Art: Godkendelse" / "Referat: ...": the record is the decision label's text
        record = self.text[start:end].strip()
        outcome = classify_outcome(record, heading.title, self.t) if record else ""
        if outcome in ("", "other"):
            return item
        return replace(item, decision=Decision(record, outcome, TextSpan(start, end)))

    def _plain_item(
        self, heading: _Heading, sections: list[Section], end: int, case: str = "", handlers: tuple[str, ...] = ()
    ) -> AgendaItem:
        """The item a heading opens, up to ``end`` (an offset), with its sections, case number and handlers."""
        decision = decision_of(sections, heading.title, self.t)
        i = heading.line
        return AgendaItem(
            number=heading.padded or str(heading.number),
            title=heading.title,
            span=TextSpan(self.lines[heading.first].start, end),
            title_span=heading.title_span,
            case_number=case,
            handlers=handlers,
            sections=tuple(sections),
            decision=decision,
            attachments=len(_ATTACHMENT.findall(self.text[self.lines[i].end : end])),
            references=tuple(self._references(self.lines[i].end, end)),
        )

    def _in_sequence(self, headings: list[_Heading]) -> list[_Heading]:
        """Drop a heading whose number goes back, or repeats, inside the sections of the one before it: an entry of
        a numbered list under "Indstilling" ("1. Budgetopfølgningen tages til efterretning"), not an item. A
        number going back with no section between (a list of the items, then the first item) is kept."""
        kept: list[_Heading] = []
        for heading in headings:
            before = kept[-1] if kept else None
            if before and heading.number <= before.number and self._sections(before.line + 1, heading.first):
                continue
            kept.append(heading)
        return kept

    def _labelled_case(self, first: int, after: int, stop: int) -> str:
        """A case number of another system: between a heading and its first section, or on the line above it."""
        for j in range(after, stop):
            line = self.lines[j]
            if self.t.section_heading.match(self.t.strip_leftovers(line.text)):
                break
            # "SUD 133/2008 J.nr. 133/2008": the label may follow other text
            if (match := self.t.labelled_case.search(line.text)) and not self._heads_next(j):
                return self._case_not_journal(match, j, stop)
            if split := self._case_below_label(j, stop):
                return split
            if (paired := self.t.document_case_line.match(line.text)) and not self._heads_next(j):
                return paired.group("case")
        above = first - 1
        while above >= 0 and self.lines[above].blank:
            above -= 1
        if above >= 0 and (match := self.t.labelled_case.match(self.lines[above].text)):
            return match.group("case")
        return ""

    def _case_below_label(self, j: int, stop: int) -> str:
        """The case number of a label standing alone on line ``j`` with its number on the next line ("Sagsnr." /
        "450-2021-1234"), as a table of an item's fields prints them when its cells become lines; else ""."""
        below = next((k for k in range(j + 1, min(j + 3, stop)) if not self.lines[k].blank), None)
        if below is None:
            return ""
        match = self.t.labelled_case.fullmatch(f"{self.lines[j].text} {self.lines[below].text}")
        return match.group("case") if match else ""

    def _case_not_journal(self, match: re.Match[str], j: int, stop: int) -> str:
        """The case number of a heading whose first labelled number (line ``j``) is a journal number: the
        "Sagsnr." on the lines right below it, if there is one ("J.nr.: 00.01.00.A10-0001/2013" / "Sagsnr.: 6628")."""
        if not self.t.journal_label.match(match.group("label")):
            return match.group("case")
        for line in self.lines[j + 1 : min(j + 3, stop)]:
            if below := self.t.case_below_journal.match(line.text):
                return below.group("case")
            if not line.blank:
                break
        return match.group("case")

    def _headings(self, front_end: int) -> list[_Heading]:
        """Lines that look like top-level item headings ("5. Eventuelt", "Pkt. 42 Title", a title over "Sag nr. 129")."""
        if front_end not in self._heading_cache:
            self._heading_cache[front_end] = self._find_headings(front_end)
        return self._heading_cache[front_end]

    def _find_headings(self, front_end: int) -> list[_Heading]:
        found: list[_Heading] = []
        for i, line in enumerate(self.lines):
            if i < front_end or i in self.toc or not _NUMBER_NEAR_START.search(line.text, 0, 30):
                continue
            text, m = self._heading_match(line.text)
            if m:  # "3.2 Title" is no match: a top-level number stands before a space
                title = m.group("title")
                # a long title counts where a case number follows at once ("7. Medlemsforslag fra ... " / "J.nr. 133/2008")
                cased = self._case_follows(i)
                if (
                    (len(text) < 90 or (cased and len(text) < 240))
                    and not text.endswith(".")
                    and _starts_like_title(title)
                    and not self._member_entry(title)
                ):
                    written = _number_of(m)
                    padded = _padded(int(written), written)
                    found.append(_Heading(i, i, int(written), title, self._span_of(i, title), cased, padded))
                continue
            label = self.t.item_label_line.match(line.text)
            if label and not any(h.number == int(label.group("number")) and i - h.line < 6 for h in found):
                above = i - 1
                if above >= front_end and not self.lines[above].blank:
                    title = self.t.strip_leftovers(self.lines[above].text)
                    if 2 <= len(title) < 160 and _starts_like_title(title) and not self.t.section_heading.match(title):
                        found.append(_Heading(i, above, int(label.group("number")), title, self._span_of(above, title)))
        return found

    def _member_entry(self, title: str) -> bool:
        """Whether a numbered line is an entry of a numbered list of members ("4. Borgmester Eva Lund (A)"): a
        name with a party or a place, so no item's heading and no end of the item whose record lists them."""
        return self.resources is not None and bool(parse_participant_line(title, self.resources))

    def _heading_match(self, text: str) -> tuple[str, re.Match[str] | None]:
        """A line without leftovers and its item-heading match. Only a line that reads as a heading, or has a
        number glued to a word ("Indholdsfortegnelse1. Title"), is cleaned: most lines are neither."""
        if self.t.item_heading.match(text) or _GLUED_NUMBER.search(text, 0, 40):
            text = self.t.strip_leftovers(text)
            return text, self.t.item_heading.match(text)
        return text, _PADDED_HEADING.match(text)

    def _case_follows(self, i: int) -> bool:
        """Whether the next non-blank line after line ``i`` holds a case number of that heading: a labelled one,
        or a case system's number line ("EMN-2025-008468" under "3<TAB>Lokalplan ...")."""
        following = next((j for j in range(i + 1, min(i + 3, len(self.lines))) if not self.lines[j].blank), None)
        if following is None:
            return False
        text = self.lines[following].text
        labelled = self.t.labelled_case.search(text) or self.t.document_case_line.match(text)
        return bool(self.t.case_line.match(text)) or (bool(labelled) and not self._heads_next(following))

    def _heads_next(self, j: int) -> bool:
        """Whether the next non-blank line after line ``j`` is an item heading: a case number standing right
        above a heading ("Sagsnr. 12/838" / "1. Fødeplanen") is that heading's, not the one before."""
        following = next((ln for ln in self.lines[j + 1 : j + 4] if not ln.blank), None)
        return following is not None and bool(self.t.item_heading.match(self.t.strip_leftovers(following.text)))

    def _span_of(self, i: int, title: str) -> TextSpan:
        line = self.lines[i]
        at = self.text.find(title, line.start, line.end)
        return TextSpan(at, at + len(title)) if at >= 0 else TextSpan(line.start, line.end)

    def _top_heading_lines(self, front_end: int) -> list[tuple[int, int]]:
        """(line index, number) of lines that look like top-level headings ("5. Eventuelt")."""
        return [(h.line, h.number) for h in self._headings(front_end)]

    def _run_in_items(self, front_end: int) -> list[AgendaItem]:
        """Items of a text that lost its layout: "1. Title The record ..." on one line, numbered 1, 2, 3 ...

        The title ends where the record starts (``run_in_title_end``: "Bilag 1.", "v. Name", a name or noun
        followed by a verb in the past). With no decision heading, an outcome is read only where the record
        states one, so a plain account is not an "other" decision.
        """
        found, expected = [], 1
        for line in self.lines[front_end:]:
            m = _RUN_IN.match(line.text)
            if not m or int(m.group("number")) != expected:
                continue
            rest = m.group("rest")
            end = self.t.run_in_title_end.search(rest)
            if not end or end.start() < 3:
                continue
            title, record = rest[: end.start()].strip(" ,"), rest[end.start() :].strip()
            if not _starts_like_title(title) or len(title.split()) > 16:
                continue
            outcome = classify_outcome(record, title, self.t)
            start = line.start + m.start("rest")
            span = TextSpan(line.start, line.end)
            decision = Decision(record, outcome, TextSpan(start + end.start(), line.end)) if outcome != "other" else None
            found.append(
                AgendaItem(
                    number=str(expected),
                    title=title,
                    span=span,
                    title_span=TextSpan(start, start + len(title)),
                    decision=decision,
                    references=tuple(self._references(start + end.start(), line.end)),
                )
            )
            expected += 1
        return found if len(found) >= 2 else []

    def _listed_items(self, front_end: int, items: list[AgendaItem]) -> list[AgendaItem]:
        """Items named only in a list of the meeting's items (three or more consecutive "N. Title" lines outside
        every item, most of them no participant), where no item of that number was read from the body; a
        number whose sub-items were read ("3. Regionalpolitiske sager" in a KL table of contents) is a heading."""
        # "3" of "3.1"; "1" of "01"
        numbers = {item.number for item in items} | {item.number.split(".")[0].lstrip("0") for item in items}
        covered = [(item.span.start, item.span.end) for item in items]
        runs: list[list[_Entry]] = [[]]
        paused = False  # one short line since the run's last entry: a group's heading or a page's number and heading
        dotless = self._dotless_entries(front_end)
        for i, line in enumerate(self.lines):
            if i < front_end or line.blank:
                continue
            text, m = self._heading_match(line.text) if _NUMBER_NEAR_START.search(line.text, 0, 30) else (line.text, None)
            if m is None and i in dotless:
                m = _DOTLESS_ENTRY.match(text)
            inside = any(s <= line.start < e for s, e in covered)
            run = runs[-1]
            if m and not inside and _starts_like_title(m.group("title")):
                written = _number_of(m)
                number = int(written)
                opening = (run[0].number, run[0].title) if run else None
                parts = _run_together(number, m.group("title"), opening, self.t.closing_item)
                if len(parts) == 1 and len(text) >= 160:
                    if run:
                        runs.append([])
                    continue
                goes_on = number == run[-1].number + 1 if run else False
                one_lost = not paused and len(run) >= 2 and number == run[-1].number + 2
                if run and not (goes_on or one_lost or self._fills_gap(number, run, paused)):
                    runs.append([])
                paused = False
                runs[-1].extend(
                    _Entry(i, n, _without_group_heading(title, line.text), _padded(n, written)) for n, title in parts if title
                )
                if len(parts) > 1 and parts[-1][1] is None:  # the list ends where the first item's heading repeats
                    runs.append([])
                continue
            if run and (wrapped := self._wrapped_entry(run[-1].title, line.text)) is not None:
                run[-1] = self._rewrapped(run[-1], wrapped, line.end)
                continue
            # a numbered line of another kind (a sub-item "2.1. Title") or a contents line of pages ends the run
            pause = len(line.text) < _GROUP_LINE and i not in self.toc and not _NUMBER_LINE.match(line.text)
            if run and (paused or not pause):
                runs.append([])
            paused = bool(run) and not paused and pause
        listed = []
        for run in map(_without_page_numbers, runs):
            if len(run) < 3:
                continue
            people = sum(bool(parse_participant_line(e.title, self.resources, listed=True)) for e in run)
            if 2 * people >= len(run):  # a numbered list of members
                continue
            after = self.lines[run[-1].line].start
            for k, (i, number, title, padded, wrapped) in enumerate(run):
                if str(number) not in numbers:
                    heading = _Heading(i, i, number, title, wrapped or self._span_of(i, title), padded=padded)
                    following = (run[k + 1].number, run[k + 1].title) if k + 1 < len(run) else None
                    listed.append(self._listed_item(heading, after, following))
        return listed

    def _rewrapped(self, entry: _Entry, title: str, end: int) -> _Entry:
        """``entry`` with the title :meth:`_wrapped_entry` read over the next line, which ends at offset ``end``: a
        title joined with that line spans from its start on the entry's line to ``end``; a title whose bracketed
        note was cut off keeps the span it had, as much shorter."""
        if len(title) > len(entry.title):
            start = entry.wrapped.start if entry.wrapped else self._span_of(entry.line, entry.title).start
            return entry._replace(title=title, wrapped=TextSpan(start, end))
        return _cut(entry, len(title))  # the title read so far, or less its note: a prefix

    @staticmethod
    def _fills_gap(number: int, run: list[_Entry], paused: bool) -> bool:
        """Whether an entry after a group's heading fills a gap in the numbers of the list before it: the closed
        items listed apart after the open ones ("101", "102", "104" / "Lukkede" / "103 Køb af ejendom")."""
        return paused and run[0].number < number < run[-1].number and all(e.number != number for e in run)

    def _dotless_entries(self, front_end: int) -> set[int]:
        """Lines of a contents list whose numbers have no dot ("141 Forslag til lokalplan ..."), read only right
        under a contents heading ("Indholdsfortegnelse:", ``contents_headings``): a number without a dot elsewhere
        is as often a page's number or a count. The list may hold wrapped titles and its groups' one-word
        headings ("Åbne", "Lukkede")."""
        heading = self.t.contents_heading
        found: set[int] = set()
        inside, last_title = False, ""
        for i, line in enumerate(self.lines[front_end:], front_end):
            if line.blank:
                continue
            if heading.match(line.text):
                inside, last_title = True, ""
            elif inside and (entry := _DOTLESS_ENTRY.match(line.text)):
                found.add(i)
                last_title = entry.group("title")
            elif inside and last_title and (wrapped := self._wrapped_entry(last_title, line.text)) is not None:
                last_title = wrapped
            elif inside and len(line.text.split()) == 1 and line.text[:1].isupper():
                last_title = ""
            else:
                inside = False
        return found

    def _wrapped_entry(self, title: str, line: str) -> str | None:
        """The title of a list entry with ``line`` read as its wrapped rest, or None where ``line`` is no part of it.

        A title that ends in a word no title ends in ("... ved Havnegade i") goes on on the next line; a
        bracketed note opened at its end ("... m.v. (status" / "efter høringen i maj)") or
        standing on the lines under it ("(udsat fra sidste møde)") is the entry's but no part of its title."""
        if title.count("(") > title.count(")") and ")" in line:
            return title[: title.rfind("(")].rstrip()
        if line.startswith("(") and line.endswith(")"):
            return title
        last = title.rsplit(None, 1)[-1].lower() if title.strip() else ""
        if last in self.t.title_wrap_words and len(line) < _GROUP_LINE * 2 and not self.t.section_heading.match(line):
            return f"{title} {line}"
        return None

    def _unnumbered_contents(self, items: list[AgendaItem], first_item: int | None) -> list[AgendaItem]:
        """Items of a contents list run together on a line after its heading without numbers ("DAGSORDEN: Sager til
        beslutning: Budget 2022 Nye ruter Sager til orientering: Eventuelt"), read where the list's first
        title recurs after it as a numbered heading ("1. Budget 2022"): the recurrence gives its first number, the
        other titles following by their place. The list stands in the front matter, before the line of the first
        item read (``first_item``), and it is vouched for by a second title recurring as the next number too, or by
        its last title being the closing item ("Eventuelt"): one short title may recur by chance. A list with
        numbers, or a table of contents with page numbers, is read by the other readers; an item already read keeps
        its reading, whether its number is written with a leading zero or not."""
        numbers = {item.number.lstrip("0") or "0" for item in items}
        for i, line in enumerate(self.lines[:first_item]):
            heading = None if i in self.toc else self.t.contents_run_in.search(line.text)
            if heading is None or _NEXT_NUMBER.search(line.text, heading.end()):
                continue
            titles = self._sentence_case_titles(line.start + heading.end(), line.end)
            if not 3 <= len(titles) <= _MOST_UNNUMBERED:
                continue
            written = self._recurring(titles[0].of(self.text), line.end)
            if written is None:
                continue
            first = int(written)
            after = _padded(first + 1, written) or str(first + 1)
            closed = self.t.closing_item.search(titles[-1].of(self.text))
            if not closed and self._recurring(titles[1].of(self.text), line.end, after) is None:
                continue
            found = []
            for k, span in enumerate(titles):
                if str(first + k) not in numbers:
                    heading = _Heading(i, i, first + k, span.of(self.text), span, padded=_padded(first + k, written))
                    found.append(replace(self._plain_item(heading, [], span.end), span=span))
            return found
        return []

    def _recurring(self, title: str, after: int, number: str = "") -> str | None:
        """The number a title of a contents list recurs with after offset ``after`` as an item's heading, as written
        ("1. Takster for 2022", "01 Takster for 2022"), or None; with ``number``, only that number."""
        if number:
            written = rf"(?P<number>{re.escape(number)})\." + (rf"|(?P<padded>{number})" if number.startswith("0") else "")
        else:
            written = r"(?P<number>\d{1,3})\.|(?P<padded>0\d)"
        recurs = re.compile(rf"(?<!\S)(?:{written})[ \t]+{re.escape(title)}(?!\w)").search(self.text, after)
        return (recurs.group("number") or recurs.group("padded")) if recurs else None

    def _sentence_case_titles(self, start: int, end: int) -> list[TextSpan]:
        """The titles of a contents list run together without numbers between two offsets, told apart by their
        capitals: titles are written in sentence case, so a capital begins the next title, unless it follows a
        preposition or conjunction (``title_wrap_words``) and begins a name inside the title ("Nye stoppesteder
        på Havbyvej"). Groups' headings ("Sager til orientering:") and the page's number at the end ("Side 2 af 12")
        are no titles."""
        tail = list(self.t.page_number.finditer(self.text, start, end))
        if tail and not self.text[tail[-1].end() : end].strip():
            end = tail[-1].start()
        titles: list[TextSpan] = []
        segment_start = start
        for label in [*_GROUP_LABEL.finditer(self.text, start, end), None]:
            segment_end = label.start() if label else end
            previous = None
            for word in re.finditer(r"\S+", self.text[segment_start:segment_end]):
                text, at = word.group(), segment_start + word.start()
                if previous is None or (text[0].isupper() and previous.lower() not in self.t.title_wrap_words):
                    titles.append(TextSpan(at, at + len(text)))
                else:
                    titles[-1] = TextSpan(titles[-1].start, at + len(text))
                previous = text
            segment_start = label.end() if label else end
        return titles

    def _issue_items(self, front_end: int, items: list[AgendaItem]) -> list[AgendaItem]:
        """Items numbered by the year's count ("04/14 Godkendelse af dagsorden"), read from a contents list on one
        line, where no item was read otherwise. A transcript may lose a number's digits but keep its "/14": the
        number is then the sequence's next. A heading further on that repeats a number and its title followed by a
        number ("05/14 Orientering om regnskab 2013") gives the title the digits the list lost."""
        if items:
            return []
        for i, line in enumerate(self.lines[front_end:], front_end):
            first = _ISSUE_NUMBER.search(line.text)
            if first is None:
                continue
            year, width = first.group("year"), len(first.group("number"))
            marks = list(re.finditer(rf"(?<!\S)(?P<number>\d{{1,2}})?/{year}[ \t]+(?=[A-ZÆØÅ])", line.text[first.start() :]))
            if len(marks) < 3:
                continue
            found, expected = [], int(first.group("number"))
            for k, mark in enumerate(marks):
                if mark.group("number") and int(mark.group("number")) != expected:
                    break
                end = marks[k + 1].start() if k + 1 < len(marks) else len(line.text) - first.start()
                start = line.start + first.start() + mark.end()
                title = self.text[start : line.start + first.start() + end].strip()
                at = line.start + first.start() + mark.start()
                found.append(self._issue_item(i, f"{expected:0{width}d}/{year}", expected, title, (at, start)))
                expected += 1
            return found
        return []

    def _issue_item(self, i: int, number: str, count: int, title: str, where: tuple[int, int]) -> AgendaItem:
        """One item of a contents list numbered by the year's count (see :meth:`_issue_items`); ``where`` holds
        the offsets of its number and its title in the list."""
        end = where[1] + len(title)
        span = TextSpan(where[1], end)
        heading = re.compile(rf"(?<!\S){re.escape(number)}[ \t]+(?P<title>{re.escape(title)}[ \t]+\d+\b)")
        if later := heading.search(self.text, self.lines[i].end):
            title, span = later.group("title"), TextSpan(*later.span("title"))
        item = self._plain_item(_Heading(i, i, count, title, span), [], end)
        return replace(item, number=number, span=TextSpan(where[0], end))

    def _listed_item(self, heading: _Heading, after: int, following: tuple[int, str] | None) -> AgendaItem:
        """An item of a contents list; where its number and title recur after the list, running on into a record
        ("1. Valg af dirigent Formanden foreslog ... Beslutning: Ole Berg blev valgt."), that record is its body:
        its decision is the text after a decision heading, or the whole record where it states an outcome."""
        item = self._plain_item(heading, [], max(self.lines[heading.line].end, heading.title_span.end))
        own = re.compile(rf"(?<!\S){heading.number}\.[ \t]+{re.escape(heading.title)}[ \t]+(?P<record>[^\n]*\S)")
        found = next((m for m in own.finditer(self.text, after) if m.start() >= item.span.end), None)
        if found is None:
            return item
        start, end = found.span("record")
        if following is not None:
            stop = re.compile(rf"(?<!\S){following[0]}\.[ \t]+{re.escape(following[1])}").search(self.text, start, end)
            end = stop.start() if stop else end
        if decided := list(self.t.decision_label.finditer(self.text[start:end])):
            start += decided[-1].end()
        record = self.text[start:end].strip()
        outcome = classify_outcome(record, heading.title, self.t)
        if outcome in ("", "other"):
            return item
        return replace(item, decision=Decision(record, outcome, TextSpan(start, end)))

    # -- references and dates ---------------------------------------------------------------------
    def _references(self, start: int, end: int, year: int | None = None) -> list[MeetingReference]:
        found = []
        for match in self.t.meeting_reference.finditer(self.text, start, end):
            date_match = self.t.dates.search(match.group("date"))
            if not date_match:
                continue
            iso = parse_date(date_match, self.t.months, year)
            text = re.sub(r"\s+", " ", match.group())
            found.append(MeetingReference(iso, text, TextSpan(match.start(), match.end())))
        return found


def _without_group_heading(title: str, line: str) -> str:
    """A contents line's title without the heading of the next group of items run on after it ("Direktionen orienterer
    Punkter til beslutning:", "Kontrol af vandkvalitet Punkter til orientering: Drift"); the title's own colon,
    at its start ("Budget: Status"), is kept. ``line`` is the line as written, with the colon that may end it."""
    written = f"{title}:" if line.rstrip().endswith(":") and not title.endswith(":") else title
    group = _GROUP_HEADING.search(written)
    return title[: group.start()].rstrip() if group and group.start() > 0 else title


def _without_page_numbers(run: list[_Entry]) -> list[_Entry]:
    """A contents list's entries without the page number each title ends in ("Godkendelse af dagsorden 4"): where
    every title of the list ends in a number and the numbers never go back, they are pages."""
    pages = [_TRAILING_PAGE.search(entry.title) for entry in run]
    if len(run) < 3 or not all(pages) or any(int(b.group(1)) < int(a.group(1)) for a, b in pairwise(pages)):
        return run
    return [_cut(entry, page.start()) for entry, page in zip(run, pages, strict=True)]


def _cut(entry: _Entry, length: int) -> _Entry:
    """``entry`` with its title cut to ``length`` characters, a wrapped title's span as much shorter."""
    span = entry.wrapped
    cut = len(entry.title) - length
    return entry._replace(title=entry.title[:length], wrapped=TextSpan(span.start, span.end - cut) if span else None)


def _run_together(
    number: int, title: str, opening: tuple[int, str] | None, closing: re.Pattern[str]
) -> list[tuple[int, str | None]]:
    """A contents list run together on one line ("4. Strategi 5. Budget 6. Eventuelt"), split into its items.

    It is split only at the numbers that go on the sequence by one, so a year or "kl. 9" never splits it. A
    number found further on ("4. Strategi Opfølgning Økonomi 7. Open Data 8. Status") is the sequence's where
    the number after it follows it by one; the lost numbers' titles are then told apart by their capitals, and
    only where there are exactly as many capitalised words as titles (else those items are left out). A last
    title that runs on into the list's closing item ("Trafikplan Temaer for budget Eventuelt") lost numbers
    that cannot be counted, and is left out. Where the first item's number and title recur (``opening``), the
    list ends: the rest is that item's heading and record, marked by a last part ``(number, None)``.
    """
    marks = list(_NEXT_NUMBER.finditer(title))
    cuts, expected = [], number + 1
    for k, mark in enumerate(marks):
        found = int(mark.group("number"))
        if opening and found == opening[0] and title[mark.end() :].startswith(opening[1]):
            cuts.append((mark, None))
            break
        after = int(marks[k + 1].group("number")) if k + 1 < len(marks) else None
        if found == expected or (found > expected and after == found + 1):
            cuts.append((mark, found))
            expected = found + 1
    parts: list[tuple[int, str | None]] = []
    previous, begin = number, 0
    for mark, found in [*cuts, (None, None)]:
        end = mark.start() if mark else len(title)
        segment = title[begin:end].strip()
        count = (found if found is not None else previous + 1) - previous
        if mark is None or found is None:
            if cuts and (tail := closing.search(segment)) and tail.start() > 0:
                segment = ""  # the closing item's number and those before it were lost: how many is unknown
            parts.append((previous, segment))
        elif count == 1:
            parts.append((previous, segment))
        else:
            capitals = [m.start() for m in re.finditer(r"(?<!\S)[A-ZÆØÅ]", segment)]
            if len(capitals) == count:
                bounds = [*capitals, len(segment)]
                parts.extend((previous + j, segment[bounds[j] : bounds[j + 1]].strip()) for j in range(count))
            else:
                parts.extend((previous + j, "") for j in range(count))
        if mark is None:
            break
        if found is None:
            parts.append((opening[0], None))
            break
        previous, begin = found, mark.end()
    return parts


def without_type_markers(parser: LineReader, items: list[AgendaItem]) -> list[AgendaItem]:
    """Items without the type marker their titles end in ("Godkendelse af dagsorden (B)": beslutning).

    The markers are letters a party may have too ("Forslag fra Dansk Folkeparti (O)"), so they are read as
    markers only where most of the document's items carry one.
    """
    marker = parser.t.item_type_marker
    if sum(bool(marker.search(item.title)) for item in items) < max(2, (len(items) + 1) // 2):
        return items
    unmarked = []
    for item in items:
        span = item.title_span
        kept = marker.search(parser.text, span.start, span.end)  # the title's span ends where its last line does
        end = kept.start() if kept else span.end
        unmarked.append(replace(item, title=marker.sub("", item.title), title_span=TextSpan(span.start, end)))
    return unmarked


def with_year(parser: LineReader, item: AgendaItem, year: int) -> AgendaItem:
    return replace(item, references=tuple(parser._references(item.title_span.end, item.span.end, year)))
