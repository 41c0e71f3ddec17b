#!/bin/sh
# Build the held-out corpus afresh and score it against its hand annotations.
# Run from the repository root; OUT (default /tmp/heldout_out) is where the graph goes.
# The build exits non-zero when it skips a file it does not recognise as a meeting document; the
# evaluation still runs, and scores such a document as all misses (that is a result, not a setup error).
OUT="${OUT:-/tmp/heldout_out}"
nice -n 19 /work/venv/bin/kkrgraph build eval/heldout/corpus --out "$OUT" --no-cache --jobs 1
echo "build exit status: $?"
nice -n 19 /work/venv/bin/kkrgraph evaluate --graph "$OUT/graph.ttl" --gold eval/heldout/gold --details
