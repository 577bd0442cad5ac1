#!/bin/sh
# Measures Parley's language detector against the targets of the detection
# issue. Usage: bench/detect/run.sh (from anywhere). Needs lingua's test set:
# LINGUA_TESTDATA=/path/to/lingua-go/cmd/language-testdata.
set -eu
cd "$(dirname "$0")/../.."
: "${LINGUA_TESTDATA:=bench/detect/language-testdata}"
if [ ! -d "$LINGUA_TESTDATA/single-words" ]; then
	echo "lingua's test set is not at $LINGUA_TESTDATA." >&2
	echo "It is not in the Go module zip (cmd/ is a separate module); get it with" >&2
	echo "  git clone --depth 1 https://github.com/pemistahl/lingua-go /tmp/lingua-go" >&2
	echo "  LINGUA_TESTDATA=/tmp/lingua-go/cmd/language-testdata $0" >&2
	exit 1
fi
export LINGUA_TESTDATA
bin=$(mktemp -d)/detect-bench
go build -o "$bin" ./bench/detect
# Accuracy, hints, conversations and speed with the issue's 20 languages,
# on lingua's test set and the held-out helpdesk corpus; plain lingua too.
"$bin" -baseline -corpus translate/detect/testdata/heldout.tsv
# The tuning half, for comparison (thresholds were chosen on it).
"$bin" -mode corpus -corpus translate/detect/testdata/tune.tsv
# Messages in none of the languages (Russian in Latin letters, Tagalog):
# every answer but und is wrong. The held-out part with the 20 languages
# and the default set.
"$bin" -mode corpus -corpus translate/detect/testdata/outside_heldout.tsv
"$bin" -mode corpus -langs default -corpus translate/detect/testdata/outside_heldout.tsv
# Languages of another script typed in Latin letters (every answer but und
# is wrong), and Latin-script messages that look like them (right answer:
# their language).
for f in romanized_heldout romanized_controls_heldout; do
	"$bin" -mode corpus -corpus translate/detect/testdata/$f.tsv
	"$bin" -mode corpus -langs default -corpus translate/detect/testdata/$f.tsv
done
# The 14 default languages beyond the issue's 20 (Czech to Greek, Serbian in
# both scripts), with the default set.
for f in extra_heldout extra_heldout2; do
	"$bin" -mode corpus -langs default -corpus translate/detect/testdata/$f.tsv
done
# Time to ready and memory with the default language set, in a fresh
# process; GOMEMLIMIT as recommended for the gateway.
GOMEMLIMIT=900MiB "$bin" -mode load -langs default
"$bin" -mode load -langs default
