"""Rule vocabularies of the nlp stage, read from ``kkrgraph/data/nlp_rules.jsonl``.

The words that steer the rules (cue verbs, role modifiers, organisation suffixes and heads, words that
are never part of a name) and the token patterns of presenters are data so they can be reviewed and
extended without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

__all__ = ["NlpRules", "load_rules"]


@dataclass(frozen=True)
class NlpRules:
    """Word lists by kind (see the data file for the kinds)."""

    lists: tuple[tuple[str, tuple[str, ...]], ...]

    def get(self, kind: str) -> tuple[str, ...]:
        """Return the entries of one kind, in file order (empty if the kind is absent)."""
        for name, values in self.lists:
            if name == kind:
                return values
        return ()

    def set(self, kind: str, lower: bool = True) -> frozenset[str]:
        """Return the entries of one kind as a set, lower-cased unless ``lower`` is False."""
        return frozenset(v.lower() if lower else v for v in self.get(kind))


def load_rules(path: str = "") -> NlpRules:
    """Read the rule file (bundled one unless ``path`` is given)."""
    if path:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = files("kkrgraph").joinpath("data", "nlp_rules.jsonl").read_text(encoding="utf-8")
    lists: dict[str, tuple] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            obj = json.loads(line)
            # a kind may span several lines (one token pattern a line reads better than one long line)
            lists[obj["kind"]] = lists.get(obj["kind"], ()) + tuple(obj["values"])
    return NlpRules(tuple(lists.items()))
