"""Build ``kkrgraph/data/da_wordforms.txt.gz`` from spacy-lookups-data's Danish lemma table.

The lexicon holds every key (inflected form) and value (lemma) of ``da_lemma_lookup.json.gz``,
lower-cased, deduplicated and sorted, one per line. spacy-lookups-data is MIT licensed.

Example:
    python scripts/build_wordforms.py            # writes the bundled file
    python scripts/build_wordforms.py --out x.gz # writes elsewhere
"""

from __future__ import annotations

import argparse
import gzip
import json
from importlib.resources import files
from pathlib import Path

__all__ = ["build_wordforms", "main"]

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "kkrgraph" / "data" / "da_wordforms.txt.gz"


def build_wordforms() -> list[str]:
    """Return the sorted, lower-cased, deduplicated Danish word forms."""
    raw = files("spacy_lookups_data").joinpath("data", "da_lemma_lookup.json.gz").read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(raw).decode("utf-8"))
    forms = {w.strip().lower() for pair in table.items() for w in pair}
    return sorted(f for f in forms if f and "\n" not in f)


def main(argv: list[str] | None = None) -> None:
    """Write the lexicon as gzip text (mtime 0, so rebuilding gives identical bytes)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = ("\n".join(build_wordforms()) + "\n").encode("utf-8")
    with open(args.out, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(data)
    n = data.count(b"\n")
    print(f"wrote {args.out} ({n} forms)")


if __name__ == "__main__":
    main()
