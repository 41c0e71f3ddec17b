#!/bin/sh
# Build the held-out corpus afresh and score it against its hand annotations (eval/heldout/gold).
# Usage, from the repository root: eval/run_heldout.sh CORPUS_DIR [OUT_DIR [GOLD_DIR]]
# GOLD_DIR defaults to set A's gold (eval/heldout/gold); set B's is eval/heldout_b/gold.
# The texts are not in the repository (see eval/heldout/README.md for their sources); CORPUS_DIR holds them
# as <name>.txt, named like the gold files. OUT_DIR (default: a temporary folder) is where the graph goes.
# The build exits non-zero when it skips a file it does not recognise as a meeting document; the
# evaluation still runs and scores such a document as all misses (that is a result, not a setup error).
set -u
CORPUS="${1:?usage: eval/run_heldout.sh CORPUS_DIR [OUT_DIR [GOLD_DIR]]}"
OUT="${2:-$(mktemp -d)}"
GOLD="${3:-$(dirname "$0")/heldout/gold}"
nice -n 19 kkrgraph build "$CORPUS" --out "$OUT" --no-cache --jobs 1
echo "build exit status: $?"
nice -n 19 kkrgraph evaluate --graph "$OUT/graph.ttl" --gold "$GOLD" --details
