"""The participant list of a meeting document: who attended, who sent apologies, under which headings.

:mod:`kkrgraph.structure.participants` reads one line's entries; this module reads the list: its headings and
their statuses, columns, run-together lines, and the attendance the front matter states in prose.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kkrgraph.structure.lines import Line, LineReader
from kkrgraph.structure.model import Participant, TextSpan
from kkrgraph.structure.participants import (
    affiliated_entries,
    attendance_statements,
    column_breaks,
    list_label,
    parse_participant_line,
    person_key,
    run_together_entries,
    stated_entries,
    without_bullet,
)

_PARTY_FIXES = {"@": "Ø", "0": "Ø", "G": "Ø"}
_LONE_PARTY = re.compile(r"^\(\s*([^()\s]{1,2})\s*\)$")  # a party letter on a line of its own, under its name


def _party(letter: str) -> str:
    letter = letter.strip()
    return _PARTY_FIXES.get(letter, letter).upper() if len(letter) <= 2 else ""


class AttendanceReader(LineReader):
    """Reads participant lists from the document's lines."""

    def participants(self, first: int, stop: int, until: int | None = None) -> list[Participant]:
        """Participant-list entries between two lines, and before the offset ``until`` (the first item's heading,
        which may run on from the list's last line: "Fraværende: Eva Lund. 1. Godkendelse af referat:").

        A heading sets the status of the entries under it. Headings that follow each other with no entry
        between them ("Deltagere: Afbud:", a two-column table flattened into one line) are queued: the
        entries belong to the first until the table's next column starts. Names without party or place
        are read only right under a heading or another entry, so running text is not taken for a list.
        A heading with its entries on its own line ("Afbud: Eva Lund (C)") is a list of that line only (or
        of the lines its trailing comma continues it onto): the list around it goes on after it. Where no list
        is around it, a participants' heading ("Deltagere: Eva Lund - Grundejerforeningen") opens the list,
        whose next entries stand on the lines below.
        """
        statuses: list[str] = []
        column = 0
        in_list = ""  # "heading" right under a heading, "entry" under an entry
        found: list[Participant] = []
        run: list[Participant] = []
        interrupted = None  # the list state a one-line labelled list interrupts, resumed after its last line
        previous = ""  # the last non-blank line read: a trailing comma carries a labelled list on
        for line in self.lines[first:stop]:
            if until is not None and line.end > until:
                line = Line(line.start, max(line.start, until), self.text[line.start : max(line.start, until)].rstrip())
            heading = self._list_heading(line.text)
            if heading:
                if not (statuses and in_list == "heading"):
                    statuses = [heading]
                elif heading != statuses[-1]:  # "Deltagere: Afbud:" with no entry between: a flattened table
                    statuses = [*statuses, heading]
                column, in_list, interrupted = 0, "heading", None
                continue
            if line.blank:
                continue
            if statuses and in_list == "heading" and self.t.empty_list.match(line.text):
                statuses, in_list = [], ""  # "Fraværende:" / "Ingen.": no one under that heading
                continue
            if interrupted and not previous.endswith(","):
                statuses, column, in_list = interrupted
                interrupted = None
            previous = line.text.rstrip()
            if in_list and found and (lone := _LONE_PARTY.match(line.text)):
                last = found[-1]
                if not last.party:
                    found[-1] = replace(last, party=_party(lone.group(1)))
                continue
            stated = stated_entries(line.text, self.t.entry_statuses, self.resources) if statuses and in_list else []
            if stated:  # "• Eva Lund: Deltog": the label is a member's name, not a list's
                labelled = "", [(entry, 0) for entry in stated]
            else:
                labelled = self._labelled_list(line, inside=bool(statuses) and bool(in_list))
            if labelled is None:
                entries = self._line_entries(line, bool(statuses) and bool(in_list), column, statuses)
            else:
                status, entries = labelled
                if status and ((statuses and in_list) or status != "present"):
                    interrupted = interrupted or (statuses, column, in_list)
                if status:
                    statuses, column = [status], 0
            if not entries and self.lenient and statuses and in_list == "heading" and self.resources is not None:
                entries = [(entry, 0) for entry in run_together_entries(line.text, self.resources)]
            if not entries and (embedded := self._affiliated_list(line, statuses if in_list == "heading" else [])):
                statuses, entries = embedded
                column = 0
            if not entries:
                if in_list and len(line.text.split()) >= 3:  # a label under a name ("Formand") keeps the list open
                    in_list = ""
                if not statuses and len(run) < 3:
                    run = []
                continue
            in_list = "entry"
            column = max(column, max(entry[1] for entry in entries))
            for entry, entry_column in entries:
                status = entry.status or (statuses[min(entry_column, len(statuses) - 1)] if statuses else "present")
                participant = Participant(
                    name=entry.name,
                    status=status,
                    party=_party(entry.party),
                    municipality=entry.municipality,
                    organisation=entry.organisation,
                    span=TextSpan(line.start + entry.start, line.start + entry.end),
                )
                (found if statuses else run).append(participant)
        if len(run) >= 3:  # a list with no Deltagere / Afbud headings: everyone listed was present
            found.extend(run)
        # a member listed, then noted absent (an "Afbud" list under the members'): one entry, absent
        absent = {person_key(p.name) for p in found if p.status == "absent"}
        found = [p for p in found if p.status == "absent" or person_key(p.name) not in absent]
        return sorted(found, key=lambda p: p.span.start)

    def _affiliated_list(self, line: Line, statuses: list[str]) -> tuple[list[str], list[tuple]] | None:
        """(statuses, entries) of entries "Name (Vejle Kommune)" told apart only by their parentheses, on a line
        the other readings found no list in: right under a heading, or after a heading among a header's merged
        fields ("Sted Mødetidspunkt Mødedeltagere 3. maj, kl Rådhuset Formand Ole Berg (Vejle Kommune), ...").
        A heading inside a line must be followed by at least three such entries."""
        if self.resources is None:
            return None
        if statuses:
            entries = affiliated_entries(line.text, self.resources)
            return (statuses, [(e, 0) for e in entries]) if entries else None
        for heading in self.t.list_heading_word.finditer(line.text):
            entries = [e for e in affiliated_entries(line.text, self.resources) if e.start >= heading.end()]
            if len(entries) >= 3:
                return [self._list_heading(heading.group())], [(e, 0) for e in entries]
        return None

    def _labelled_list(self, line: Line, inside: bool = False) -> tuple[str, list[tuple]] | None:
        """(status, entries) of a list on its label's line: "Afbud: Ole Berg", "Bestyrelsen: A, B og C".

        A heading's label gives its status. Another label (a body's name, "Deltog") gives none: its entries
        take the status of the list around it, and it starts a list only when the line holds at least three
        names and nothing else, or names with a party or a place ("Deltog: Anna Holm (A), Ole Berg (V)"). Inside
        a list (under its heading or entries), a group's label ("Fraværende:" / "Forældrevalgte: Eva Lund") may
        hold fewer names.
        None otherwise: the line is read as any other, so a role before a name in a list ("Formand: Anna
        Holm") is that person's entry and a field outside one ("Ordstyrer: Karen Dahl og Jens Holm") none.
        """
        label = list_label(line.text)
        if label is None:
            return None
        heading = self._list_heading(label[0])
        rest = Line(line.start + label[1], line.end, line.text[label[1] :])
        entries = self._line_entries(rest, True, 0, [])
        if not heading and len(entries) < 3 and not inside:
            entries = self._line_entries(rest, False, 0, [])
        if not entries:
            return None
        return heading, [(replace(e, start=e.start + label[1], end=e.end + label[1]), 0) for e, _ in entries]

    def _list_heading(self, text: str) -> str:
        text = without_bullet(text)  # "• Afbud": a heading set as a bullet of the list above
        if self.t.present_heading.match(text) or self.t.list_heading.match(text):
            return "present"
        if self.t.absent_heading.match(text):
            return "absent"
        return ""

    def _line_entries(self, line: Line, listed: bool, column: int, statuses: list[str]) -> list[tuple]:
        """(entry, column) pairs of one line; a line holding several columns is read part by part."""
        breaks = column_breaks(line.text) if len(statuses) > 1 else []
        bounds = [0, *breaks, len(line.text)]
        found = []
        for k in range(len(bounds) - 1):
            part = line.text[bounds[k] : bounds[k + 1]]
            for entry in parse_participant_line(part, self.resources, listed=listed):
                found.append((replace(entry, start=entry.start + bounds[k], end=entry.end + bounds[k]), column + k))
        return found


def with_statements(parser: LineReader, participants: list[Participant], front_end: int, items) -> list[Participant]:
    """The participants with what the front matter and the first item say in prose ("X deltog ikke i mødet").

    A statement is more specific than a list of members: it sets the status of a listed person and adds
    one not listed (a substitute). Later items are not read: "deltog ikke" there is about that item. Entries
    that name one person (the same ``person_key``: listed twice, or once with and once without a hyphen) are
    one participant, the first listed.
    """
    front = parser.lines[front_end].start if front_end < len(parser.lines) else len(parser.text)
    regions = [(0, front)]
    if items:
        regions.append((items[0].span.start, items[0].span.end))
    by_key: dict[str, Participant] = {}
    for p in participants:
        by_key.setdefault(person_key(p.name), p)
    for start, end in regions:
        for entry in attendance_statements(parser.text[start:end], parser.t.attendance_statements, parser.resources, start):
            key = person_key(entry.name)
            known = by_key.get(key)
            if known is None:
                known = Participant(entry.name, entry.status, span=TextSpan(entry.start, entry.end))
            elif known.status != entry.status:
                known = replace(known, status=entry.status)
            by_key[key] = known
    return sorted(by_key.values(), key=lambda p: p.span.start)
