"""Synthetic corpora for the benchmark: the sample documents' items recombined, with new names and dates.

Each synthetic document takes one sample document as its frame (header, participant list, footers) and
fills each agenda-item slot with an item drawn from any sample document, renumbered to the slot. People
are renamed (first names and surnames from the bundled name lists), the meeting date is moved, and case
numbers are renewed, so entities and meetings differ from document to document. Documents are grouped
in "regions" of 25 that share one cast of people, so people recur across meetings as they do in life and
the number of distinct people grows linearly with the corpus.

Run: ``python bench/synth.py N OUTDIR`` (deterministic for a given N and ``--seed``).
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["SampleDocument", "generate", "load_samples", "write_corpus"]

_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_PERSON_LINE = re.compile(r"^\s*([A-ZÆØÅ][\w\-]+(?: [A-ZÆØÅ][\w\-]+){1,3}) \([A-ZÆØÅ]\)", re.MULTILINE)
_CASE = re.compile(r"SAG-(\d{4})-(\d{5})")
_ITEM_NUMBER = re.compile(r"^(\s*)\d+(?:\.\d+)*\.?")
REGION_SIZE = 25


@dataclass(frozen=True)
class SampleDocument:
    """A sample document's raw text, its meeting date and the raw spans of its agenda items."""

    name: str
    text: str
    date: str  # ISO
    items: tuple[tuple[int, int, str], ...]  # raw start, raw end, item number
    people: tuple[str, ...]


def load_samples() -> list[SampleDocument]:
    """Parse the bundled sample documents once to find their item spans (in the raw text)."""
    from kkrgraph.pipeline import Settings, _Engine, bundled_corpus, process_document

    engine = _Engine(Settings())
    samples = []
    for path in sorted(bundled_corpus().glob("*.txt")):
        result = process_document(path, engine)
        text = path.read_text("utf-8")
        items = []
        for item in result.parsed.items:
            start, end = result.raw_span(item.span.start, item.span.end)
            if end > start:
                items.append((start, end, item.number))
        people = tuple(sorted({m.group(1) for m in _PERSON_LINE.finditer(text)}, key=len, reverse=True))
        samples.append(SampleDocument(path.name, text, result.parsed.meeting.date, tuple(items), people))
    return samples


def _names(path: str) -> list[str]:
    from importlib import resources

    lines = (resources.files("kkrgraph") / "data" / path).read_text("utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip()]


def _date_forms(iso: str) -> list[tuple[str, str]]:
    """The ways a meeting date is written in the template, as (pattern, format) pairs."""
    y, m, d = iso.split("-")
    return [(f"{d}-{m}-{y}", "{d:02d}-{m:02d}-{y}"), (f"{int(d)}. {_MONTHS[int(m) - 1]} {y}", "{d}. {month} {y}")]


def _renumber(block: str, number: str) -> str:
    """Give an item block its slot's number (the first line starts with the old one)."""
    return _ITEM_NUMBER.sub(lambda m: f"{m.group(1)}{number}.", block, count=1)


def generate(samples: list[SampleDocument], index: int, seed: int = 7) -> tuple[str, str]:
    """The ``index``-th synthetic document: (file name, text)."""
    rng = random.Random(seed * 1_000_003 + index)
    cast_rng = random.Random(seed * 7919 + index // REGION_SIZE)
    first, last = _names("first_names.txt")[:800], _names("surnames.txt")[:600]
    frame = samples[index % len(samples)]
    pool = [(s, it) for s in samples for it in s.items]
    # items: each slot of the frame gets an item from any sample, renumbered
    pieces, pos = [], 0
    for start, end, number in frame.items:
        source, (s2, e2, _) = rng.choice(pool)
        pieces.append(frame.text[pos:start])
        pieces.append(_renumber(source.text[s2:e2], number) + "\n")
        pos = end
    pieces.append(frame.text[pos:])
    text = "".join(pieces)
    # people: one cast per region of documents
    everyone = sorted({p for s in samples for p in s.people}, key=len, reverse=True)
    mapping = {p: f"{cast_rng.choice(first)} {cast_rng.choice(first)} {cast_rng.choice(last)}" for p in everyone}
    pattern = re.compile("|".join(re.escape(p) for p in everyone))
    text = pattern.sub(lambda m: mapping[m.group(0)], text)
    # meeting date: a weekday between 2015 and 2030
    new = date(2015, 1, 5) + timedelta(days=rng.randrange(0, 16 * 365))
    for old, fmt in _date_forms(frame.date):
        text = text.replace(old, fmt.format(d=new.day, m=new.month, y=new.year, month=_MONTHS[new.month - 1]))
    text = re.sub(r"\b(REFERAT|DAGSORDEN) \d{4}\b", lambda m: f"{m.group(1)} {new.year}", text)
    text = _CASE.sub(lambda m: f"SAG-{new.year}-{rng.randrange(10000, 99999):05d}", text)
    return f"synth_{index:06d}.txt", text


def write_corpus(size: int, out: Path, seed: int = 7, samples: list[SampleDocument] | None = None) -> list[Path]:
    """Write ``size`` synthetic documents to ``out`` (created); returns their paths."""
    samples = samples or load_samples()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(size):
        name, text = generate(samples, index, seed)
        path = out / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: ``synth.py N OUTDIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.size, args.out, args.seed)
    print(f"wrote {len(paths)} documents to {args.out}")


if __name__ == "__main__":
    main()
