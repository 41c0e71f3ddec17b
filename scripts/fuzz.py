"""Short fuzzing run of the reader, the normaliser and the parser (hypothesis; atheris if installed).

Not part of the test suite: run it by hand, longer than the property tests do, after changing a
reader, a normalisation step or a template pattern.

    python scripts/fuzz.py                 # hypothesis, 2000 examples per target
    python scripts/fuzz.py --examples 20000
    python scripts/fuzz.py --atheris -runs=100000   # coverage-guided, needs `pip install atheris`

Any exception other than the documented ``ReadError`` / ``NotAMeetingDocument`` is a bug; the failing
input is printed (hypothesis) or written as ``crash-*`` (atheris).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

__all__ = ["fuzz_one", "main"]


def _engine():
    from kkrgraph.normalise.ocr import lexicon_from_resources
    from kkrgraph.resources import load_resources
    from kkrgraph.structure.template import load_template

    resources = load_resources()
    return resources, lexicon_from_resources(resources), load_template()


def fuzz_one(data: bytes, suffix: str, folder: Path, engine) -> None:
    """Read ``data`` as a file, then normalise and parse whatever text comes out."""
    from kkrgraph.normalise import normalise
    from kkrgraph.read import ReadError, read_document
    from kkrgraph.structure.parse import NotAMeetingDocument, parse_document

    resources, lexicon, template = engine
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        text = read_document(path).text
    except ReadError:
        text = data.decode("utf-8", "replace")  # the later stages get the bytes anyway
    for second in (False, True):  # both readings the pipeline may make (every text gets both here, for coverage)
        clean = normalise(text, line_markers=template.line_markers, force_line_restore=second, lexicon=lexicon)
        assert len(clean.origin) == len(clean.text) + 1
        with contextlib.suppress(NotAMeetingDocument):
            parse_document(clean.text, path.name, furniture=clean.furniture, resources=resources, lenient=second)


def _hypothesis(examples: int) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    engine = _engine()
    seeds = [p.read_bytes()[:4000] for p in sorted((Path(__file__).parents[1] / "kkrgraph/data/corpus").glob("*.txt"))]
    data = st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(st.sampled_from(seeds), st.integers(0, 3999), st.binary(max_size=50)).map(
            lambda s: s[0][: s[1]] + s[2] + s[0][s[1] :]
        ),
    )
    with tempfile.TemporaryDirectory() as folder:

        @settings(max_examples=examples, deadline=None, database=None)
        @given(data, st.sampled_from([".txt", ".pdf"]))
        def run(blob, suffix):
            fuzz_one(blob, suffix, Path(folder), engine)

        run()
    print(f"hypothesis: {examples} examples, no crash")


def _atheris(argv: list[str]) -> None:
    import atheris  # optional tool: pip install atheris

    with atheris.instrument_imports():
        import kkrgraph.normalise
        import kkrgraph.read
        import kkrgraph.structure.parse  # noqa: F401  (instrumented for coverage)
    engine = _engine()
    folder = Path(tempfile.mkdtemp())

    def target(data: bytes) -> None:
        fuzz_one(data[1:], ".pdf" if data[:1] == b"P" else ".txt", folder, engine)

    atheris.Setup([sys.argv[0], *argv], target)
    atheris.Fuzz()


def main() -> None:
    """Parse the options and run one fuzzer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--atheris", action="store_true", help="coverage-guided run with atheris (extra args go to libFuzzer)")
    args, rest = parser.parse_known_args()
    if args.atheris:
        _atheris(rest)
    else:
        _hypothesis(args.examples)


if __name__ == "__main__":
    main()
