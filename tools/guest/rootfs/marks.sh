# shellcheck shell=dash
# The guest console's marker lines: the one definition of their format.
# Sourced by the guest's scripts (packed as /yep/marks.sh) and by the host
# scripts that wait on a marker (tools/guest/boot.sh,
# tools/demo/shell-session.sh); tools/lib/console.py reads YEP_MARK here
# and parses the lines for the host's Python tools.
#
#   yep_mark WORDS...        "@@ WORDS": a block's edges ("begin test" and
#                            "end test" around KTAP, "begin demo" and "end
#                            demo" around the transcript) and the guest's
#                            state ("yep_slab guest: ...", "yep_slab shell:
#                            ready")
#   yep_record KIND K=V...   "@@KIND K=V ...": one record of the demo
#                            (kernel, step, walk)
YEP_MARK=@@

yep_mark() {
	echo "$YEP_MARK" "$@"
}

yep_record() {
	local kind=$1
	shift
	echo "$YEP_MARK$kind" "$@"
}
