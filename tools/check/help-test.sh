#!/bin/bash
# The docs against the makefiles: README.md's table of targets must list
# exactly the targets make help lists (tools/lib/help.awk, from the "##"
# lines), in the same order; Documentation/running.rst must name every
# knob make help lists; make help must print every target.  Run by make
# check-docs (and so make check); one line a check and a totals line.
#
# Usage: tools/check/help-test.sh
set -eu
cd "$(dirname "$0")/../.."

passed=0 failed=0
# verdict WHAT PROBLEM: ok when PROBLEM is empty, else not ok and why.
verdict() {
	if [ -z "$2" ]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "not ok - $1:"
		printf '%s\n' "$2" | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
}

made=$(awk -v mode=targets -f tools/lib/help.awk Makefile)
# The README's table rows: "| `make TARGET` | ... |"
# shellcheck disable=SC2016 # the backquotes are the table's
readme=$(sed -n 's/^| `make \([a-z0-9-]*\)` |.*/\1/p' README.md)
verdict "README.md's targets are make help's ($(echo "$made" | wc -l))" \
	"$(diff <(echo "$made") <(echo "$readme") || true)"

missing=
while read -r knob; do
	grep -q "\`\`$knob\`\`" Documentation/running.rst || missing+=" $knob"
done < <(awk -v mode=knobs -f tools/lib/help.awk Makefile)
verdict "Documentation/running.rst names every knob of make help" "$missing"

out=$(make --no-print-directory help)
bad=
for t in $made; do
	printf '%s\n' "$out" | grep -q "^  make $t " || bad+=" $t"
done
verdict "make help prints every target" "$bad"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
