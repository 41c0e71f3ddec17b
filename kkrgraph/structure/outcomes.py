"""What an item's decision did: the outcome its text states, and whether a document records decisions at all."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kkrgraph.structure.model import AgendaItem, Decision, Section
from kkrgraph.structure.template import Template, load_template


def classify_outcome(decision: str, title: str = "", template: Template | None = None) -> str:
    """Outcome of a decision text; the strongest cue wins (appointed > approved > noted > discussed).

    A postponed or cancelled item decided nothing ("other"); postponing something else ("godkendte at udsætte
    fristen") is what was approved. A decision with no cue is read with its item's
    title: "Ingen." records that nothing was raised, and an item that only informs was taken note of.

    Example:
        >>> classify_outcome("KKR Nordjylland godkendte indstillingen og tog orienteringen til efterretning.")
        'approved'
        >>> classify_outcome("KKR Nordjylland godkendte indstillingen.", title="Udpegninger")
        'appointed'
        >>> classify_outcome("KKR Nordjylland drøftede sagen.")
        'discussed'
        >>> classify_outcome("Udvalget drøftede sagen og besluttede at udsætte den.")
        'other'
        >>> classify_outcome("Udvalget godkendte at udsætte fristen til 1. juni.")
        'approved'
        >>> classify_outcome("Ingen.", title="Meddelelser")
        'noted'
        >>> classify_outcome("Formanden orienterede om, at hun havde godkendt aftalen.")
        'noted'
    """
    template = template or load_template()
    decision = template.outcome_not_decided.sub("", decision)  # a report of someone's decision, one still to come
    if cued := _cued_outcome(decision, title, template):
        return cued
    if not decision.strip():
        return ""
    if template.outcome_nothing.match(decision.strip().split("\n", 1)[0].strip()):
        return "approved" if template.approval_title.search(title) else "noted"
    return "noted" if template.informational_title.search(title.strip()) else "other"


def stated_outcome(text: str, title: str, template: Template) -> str:
    """The outcome ``text`` states by its cues, as :func:`classify_outcome` reads it (a postponement is "other"), or
    "" where it states none: what a recommendation proposes, or what a decision says besides an acceptance."""
    return _cued_outcome(template.outcome_not_decided.sub("", text), title, template)


def _cued_outcome(decision: str, title: str, template: Template) -> str:
    """:func:`classify_outcome` of a decision without the reports of others' decisions, where a cue decides it."""
    if template.outcome_cancelled_item.search(decision):
        return "other"
    found = [kind for kind in template.raw["outcome_strength"] if template.outcome_cues[kind].search(decision)]
    if template.outcome_cancelled.search(decision) and found[:1] in ([], ["discussed"]):
        return "other"  # "Udsat til næste møde.": postponed, and nothing approved or noted
    if found and found[0] == "approved" and template.appointment_title.search(title):
        return "appointed"
    if found == ["discussed"] and template.outcome_agreed.search(decision):
        return "other"
    return found[0] if found else ""


def decision_of(sections: Sequence[Section], title: str, template: Template) -> Decision | None:
    """The item's decision: its last decision section ("Beslutning", or its own number's record line)."""
    decision = None
    recommendation = ""
    for section in sections:
        heading = section.heading.lower()
        if heading in template.recommendation_headings:
            recommendation = section.text
        elif heading in template.decision_headings:
            accepted = _as_recommended(section.text, recommendation, title, template)
            outcome = accepted or classify_outcome(section.text, title, template)
            decision = Decision(section.text, outcome, section.span)
    return decision


def _as_recommended(decision: str, recommendation: str, title: str, template: Template) -> str:
    """The outcome a recommendation states where the decision accepts it ("Indstillingen tiltrådt." after "at
    orienteringen tages til efterretning": noted, "at sagen udsættes": other), read as :func:`classify_outcome`
    reads a decision; "" where the decision does more, or the recommendation states no outcome. The decision does
    no more where the acceptance is all of it, punctuation aside, or where what follows states no outcome or the
    recommendation's own ("Indstillingen tiltrådt. Direktøren orienterede om ..." after a recommendation to
    take note); else its own words decide ("Indstillingen godkendt. Punkt 3 udsættes.")."""
    accepted = template.recommendation_accepted.match(decision)
    if accepted is None:
        return ""
    proposed = stated_outcome(recommendation, title, template)
    rest = decision[accepted.end() :]
    if re.search(r"[^\W_]", rest) and stated_outcome(rest, title, template) not in ("", proposed):
        return ""
    return proposed


def records_decisions(t: Template, items: Sequence[AgendaItem]) -> bool:
    """Whether the document records what was decided, the mark of minutes when no heading names the type: a
    decision with text, not under a heading an agenda fills in beforehand ("Forslag til beslutning"). An
    agenda's empty "Beslutning" headings, left for the minutes, are no decisions."""
    for item in items:
        decision = item.decision
        if decision is None or not decision.text.strip():
            continue
        heading = next((s.heading for s in item.sections if s.span == decision.span), "")
        if heading.lower() not in t.proposal_headings:
            return True
    return False
