"""``kkrgraph who``: a readable report of one person or organisation, every line with its source."""

from __future__ import annotations

__all__ = ["who_report"]


def who_report(kg, name: str) -> str:
    """Roles over time, meetings attended or missed, and decisions about the entity, with sources."""
    node = kg.find(name)
    if not node:
        raise LookupError(f"nothing known by the name {name!r}")
    lines = []
    roles = kg.roles(name) if _is_person(kg, node[0]) else kg.people_in(name)
    title = roles[0].person if roles and _is_person(kg, node[0]) else name
    lines.append(f"{title}\n{'=' * len(title)}")
    if roles:
        lines.append("\nRoles")
        for r in roles:
            where = f" i {r.organisation}" if r.organisation else ""
            lines.append(f"  {r.meeting_date}  {r.person}: {r.role}{where}   [{r.source}] “{r.quote[:140]}”")
    meetings = kg.meetings(name) if _is_person(kg, node[0]) else []
    if meetings:
        lines.append("\nMeetings")
        for m in meetings:
            lines.append(f"  {m.meeting_date}  {m.body}: {m.status}   [{m.source}]")
    decisions = kg.decisions(name)
    if decisions:
        lines.append("\nDecisions on items that mention it")
        for d in decisions:
            lines.append(f"  {d.meeting_date}  {d.item} {d.title}: {d.outcome or '-'}   [{d.source}]")
    return "\n".join(lines) + "\n"


def _is_person(kg, node) -> bool:
    from rdflib import RDF
    from rdflib.namespace import FOAF

    return (node, RDF.type, FOAF.Person) in kg.graph
