# make help: the public targets and knobs, from the makefiles themselves.
# A "## text" line documents the rule or knob (VAR ?= default) on the line
# after it; "##" lines in a row make one text.  An "include FILE" line is
# read where it stands, as make reads it, so the list keeps make's order.
# Run as
#   awk -f tools/lib/help.awk Makefile             make help
#   awk -v mode=targets -f tools/lib/help.awk Makefile   (or mode=knobs)
# the names alone, one a line, for tools/check/help-test.sh.

function read_line(line,    file, inc) {
	if (line ~ /^include [^$]+$/) {
		file = substr(line, 9)
		while ((getline inc < file) > 0)
			read_line(inc)
		close(file)
		return
	}
	if (line ~ /^## /) {
		doc = doc (doc == "" ? "" : " ") substr(line, 4)
		return
	}
	$0 = line
	parse()
}

{ read_line($0) }

function parse() {
	if (doc != "" && /^[a-z][a-z0-9-]*:/) {
		name = $0
		sub(/:.*/, "", name)
		targets[++nt] = name
		tdoc[nt] = doc
	} else if (doc != "" && /^[A-Z][A-Z0-9_]*[ \t]*\?=/) {
		name = $0
		sub(/[ \t]*\?=.*/, "", name)
		def = $0
		sub(/^[^=]*\?=[ \t]*/, "", def)
		gsub(/\$\(CURDIR\)\//, "", def)
		gsub(/\$\(shell nproc\)/, "(the CPUs)", def)
		knobs[++nk] = name
		kdef[nk] = def
		kdoc[nk] = doc
	}
	doc = ""
}

END {
	if (mode == "targets") {
		for (i = 1; i <= nt; i++)
			print targets[i]
		exit
	}
	if (mode == "knobs") {
		for (i = 1; i <= nk; i++)
			print knobs[i]
		exit
	}
	print "usage: make [TARGET] [KNOB=value ...]   (README.md, Documentation/)"
	print ""
	print "Targets:"
	for (i = 1; i <= nt; i++)
		printf "  make %-14s %s\n", targets[i], tdoc[i]
	print ""
	print "Knobs (the default after the =):"
	for (i = 1; i <= nk; i++)
		printf "  %-22s %s\n", knobs[i] "=" kdef[i], kdoc[i]
}
