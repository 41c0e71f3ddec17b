"""``kkrgraph who``: a readable report of one person or organisation, every line with its source.

Each line ends with where it was read: ``[file, item N]`` and the quoted sentence, so a reader can check
every statement against the document.
"""

from __future__ import annotations

from collections import defaultdict

__all__ = ["who_report"]

_QUOTE = 150


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= _QUOTE else text[: _QUOTE - 1] + '…'}”"


def _where(source: str, item: str = "") -> str:
    return f"[{source}, item {item}]" if item else f"[{source}]"


def who_report(kg, name: str) -> str:
    """Roles over time, meetings attended or missed, items where mentioned or presenting, and decisions.

    Raises:
        LookupError: nothing in the graph is known by ``name`` (or any spelling of it).
    """
    node = kg._one(name)
    is_person = kg.sparql(f"ASK {{ <{node}> a foaf:Person }}").rows[0][0] == "true"
    names = kg.sparql(
        f"""SELECT ?label WHERE {{ {{ <{node}> foaf:name ?label }} UNION {{ <{node}> skos:prefLabel ?label }}
        UNION {{ <{node}> skos:altLabel ?label }} UNION {{ ?x kkr:mentionOf <{node}> ; kkr:surface ?label }} }}"""
    ).rows
    canonical = kg.sparql(f"SELECT ?n WHERE {{ {{ <{node}> foaf:name ?n }} UNION {{ <{node}> skos:prefLabel ?n }} }}").rows
    title = canonical[0][0] if canonical else name
    variants = sorted({" ".join(r[0].split()) for r in names} - {title})
    kind = "person" if is_person else "organisation"
    lines = [f"{title} ({kind})", "=" * (len(title) + len(kind) + 3)]
    if variants:
        lines.append(f"Also written: {'; '.join(variants)}")
    lines += _roles(kg, node, is_person)
    if is_person:
        lines += _meetings(kg, node)
    lines += _mentions(kg, name)
    lines += _decisions(kg, name)
    return "\n".join(lines) + "\n"


def _roles(kg, node, is_person: bool) -> list[str]:
    own, other = ("org:member", "org:organization") if is_person else ("org:organization", "org:member")
    label = "skos:prefLabel" if is_person else "foaf:name"
    rows = kg.sparql(
        f"""SELECT ?role ?other ?date ?source ?quote (MIN(?number) AS ?item) WHERE {{
          ?ms {own} <{node}> ; org:role/skos:notation ?role ; kkr:statedAt ?m ; kkr:quote ?quote ;
              prov:wasDerivedFrom ?doc . ?doc kkr:sourceFile ?source .
          OPTIONAL {{ ?ms {other}/{label} ?other }}
          OPTIONAL {{ ?m dcterms:date ?date }}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?doc ; kkr:quote ?quote ; kkr:item/kkr:number ?number }}
        }} GROUP BY ?role ?other ?date ?source ?quote ORDER BY ?role ?other ?date ?source"""
    ).rows
    if not rows:
        return []
    grouped: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for role, other, date, source, quote, item in rows:
        grouped[(role, other)].append((date, source, item, quote))
    lines = ["", "Roles over time (interval of evidence: first – last meeting stating it)"]
    for (role, other), statements in sorted(grouped.items(), key=lambda kv: (min(s[0] for s in kv[1]), kv[0])):
        dates = sorted(s[0] for s in statements)
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
        if is_person:
            head = f"{role} i {other}" if other else role
        else:
            head = f"{other}: {role}"
        lines.append(f"  {head}   {span} ({len(statements)} statement{'s' if len(statements) > 1 else ''})")
        for date, source, item, quote in sorted(statements):
            lines.append(f"    {date}  {_where(source, item)} {_quote(quote)}")
    return lines


def _meetings(kg, node) -> list[str]:
    rows = kg.sparql(
        f"""SELECT ?date ?body ?status ?source ?quote WHERE {{
          ?p kkr:participant <{node}> ; kkr:meeting ?m ; kkr:status/skos:notation ?status ; kkr:quote ?quote ;
             prov:wasDerivedFrom/kkr:sourceFile ?source .
          OPTIONAL {{ ?m dcterms:date ?date }}
          OPTIONAL {{ ?m kkr:body/skos:prefLabel ?body }}
        }} ORDER BY ?date ?source"""
    ).rows
    if not rows:
        return []
    present = sum(r[2] == "present" for r in rows)
    lines = ["", f"Meetings ({present} attended, {len(rows) - present} missed)"]
    for date, body, status, source, quote in rows:
        word = "attended" if status == "present" else "missed (afbud)"
        lines.append(f"  {date}  {body}: {word}   {_where(source)} {_quote(quote)}")
    return lines


def _mentions(kg, name: str) -> list[str]:
    seen: set[tuple[str, str, str]] = set()
    records = []
    for m in kg.mentions(name):  # one line per sentence, even when it names the entity twice
        if (m.source, m.item, m.quote) not in seen:
            seen.add((m.source, m.item, m.quote))
            records.append(m)
    if not records:
        return []
    presenting = sum(m.presenting for m in records)
    lines = ["", f"Items where mentioned ({len(records)} sentences, {presenting} presenting)"]
    for m in records:
        tag = "presenting  " if m.presenting else ""
        lines.append(f"  {m.meeting_date}  {m.item} {m.title}: {tag}{_where(m.source, m.item)} {_quote(m.quote)}")
    return lines


def _decisions(kg, name: str) -> list[str]:
    records = kg.decisions(about=name)
    if not records:
        return []
    lines = ["", "Decisions on items that mention it"]
    for d in records:
        lines.append(f"  {d.meeting_date}  {d.item} {d.title}: {d.outcome or '-'}   {_where(d.source, d.item)} {_quote(d.text)}")
    return lines
