#!/bin/sh
# 93-fuzz-regress.t: the inputs the libFuzzer harnesses (fuzz/) found
# crashing, leaking, hanging or exhausting memory, through the real tools.
# Each reproducer in tests/fuzz-regress/ is named for its harness
# (strip-, dcmscan-, volume-, nifti-, nrrd-, archive-, manifest-); a
# directory is a set of files read together (volume-).  Every tool that
# reads such an input must end with a clear answer about that file: exit 0
# (done) or 1 (the file reported on stderr by name), never a signal (exit
# 128 and up), never 2 (a fatal error), never a sanitizer report (under
# bin-san/).  The table below says what each reproducer must give.
. "$(dirname "$0")/lib.sh"

dir=$root/tests/fuzz-regress
[ -d "$dir" ] || skip_all "tests/fuzz-regress is absent"
for t in dcm-strip dcm-convert dcm-merge-frames dcm-deface; do
	[ -x "$BIN/$t" ] || bail "$BIN/$t not built (run make)"
done
mkkey "$tmp/key" "$KEY1"

# The expected answer of each reproducer, a line each:
#   name  tool  status  stderr (ERE; "-": nothing on stderr)
# A reproducer without a line here must give status 0 or 1 in every tool,
# with its name in the error if 1.  dcm-strip reads every file whole; the
# others read headers first and may refuse a file earlier, for what its
# header lacks, or pass it over.
cat >"$tmp/expect" <<'EOF'
strip-oom-value-past-end.dcm	dcm-strip	1	not a DICOM file .*a value runs past the end of the file
strip-oom-bare-dataset-guess.dcm	dcm-strip	1	not a DICOM file .*a value runs past the end of the file
strip-oom-unknown-vr-length.dcm	dcm-strip	1	truncated or malformed DICOM .*a value runs past the end of the file
strip-oom-preamble-no-meta.dcm	dcm-strip	1	truncated or malformed DICOM .*a value runs past the end of the file
strip-oom-meta-value-past-end.dcm	dcm-strip	1	truncated or malformed DICOM .*a value runs past the end of the file
strip-oom-deflated-value-past-end.dcm	dcm-strip	1	truncated or malformed DICOM .*a value runs past the end of the file
strip-oom-meta-group-length.dcm	dcm-strip	1	truncated or malformed DICOM .*a value runs past the end of the file
volume-oom-value-past-end	dcm-strip	1	volume-oom-value-past-end/f0.dcm: .*a value runs past the end of the file
volume-oom-dataset-value	dcm-strip	1	volume-oom-dataset-value/f0.dcm: .*a value runs past the end of the file
volume-oom-implicit-meta	dcm-strip	1	volume-oom-implicit-meta/f0.dcm: .*a value runs past the end of the file
strip-leak-dicomdir-record-nul.dcm	dcm-strip	1	malformed DICOMDIR \(a directory record's value has a NUL byte inside it\)
EOF

# tools NAME: the tools that read a reproducer of this harness
tools() {
	case $1 in
	strip-* | dcmscan-* | volume-* | archive-*)
		echo dcm-strip dcm-convert dcm-merge-frames dcm-deface ;;
	nifti-* | nrrd-*)
		echo dcm-deface ;;
	manifest-*)
		echo dcm-strip dcm-convert ;;
	esac
}

# tool_run TOOL RUN-NAME INPUT: TOOL on INPUT, into its own output directory
tool_run() {
	t_o=$tmp/out-$2
	rm -rf "$t_o"
	case $1 in
	dcm-strip) run "$2" "$BIN/dcm-strip" -k "$tmp/key" -o "$t_o" "$3" ;;
	dcm-convert) run "$2" "$BIN/dcm-convert" -f nii -o "$t_o" "$3" ;;
	dcm-merge-frames) run "$2" "$BIN/dcm-merge-frames" -k "$tmp/key" -o "$t_o" "$3" ;;
	dcm-deface)
		case $3 in
		*.nrrd) run "$2" "$BIN/dcm-deface" -k "$tmp/key" --axes LPS -o "$t_o" "$3" ;;
		*) run "$2" "$BIN/dcm-deface" -k "$tmp/key" -o "$t_o" "$3" ;;
		esac ;;
	esac
}

# manifest reproducers are read on stdin (no operand), as a pipeline gives them
tool_run_stdin() {
	t_o=$tmp/out-$2
	rm -rf "$t_o"
	case $1 in
	dcm-strip) run_in "$2" "$3" "$BIN/dcm-strip" -k "$tmp/key" -o "$t_o" ;;
	dcm-convert) run_in "$2" "$3" "$BIN/dcm-convert" -f nii -o "$t_o" ;;
	esac
}

n=0
for f in "$dir"/*; do
	name=${f##*/}
	case $name in README* | *.md) continue ;; esac
	ts=$(tools "$name")
	if [ -z "$ts" ]; then
		fail "$name: no harness prefix (strip-, dcmscan-, volume-, nifti-, nrrd-, archive-, manifest-)"
		continue
	fi
	for t in $ts; do
		n=$((n + 1))
		case $name in
		manifest-*)
			# its paths are relative to an empty directory: nothing else is read
			mkdir -p "$tmp/empty"
			cd "$tmp/empty" || bail "cd $tmp/empty"
			tool_run_stdin "$t" "r$n" "$f"
			cd "$root" || bail "cd $root" ;;
		*) tool_run "$t" "r$n" "$f" ;;
		esac
		want=$(awk -F'\t' -v f="$name" -v t="$t" '$1 == f && $2 == t { print $3 "\t" $4; exit }' "$tmp/expect")
		if [ "$rc" -ge 128 ]; then
			fail "$t $name: killed by signal $((rc - 128))" "$(head -n 5 "$tmp/r$n.err")"
		elif [ -n "$want" ]; then
			is "$rc" "${want%%	*}" "$t $name: exit ${want%%	*}"
			re=${want#*	}
			if [ "$re" = - ]; then
				is "$err" "" "$t $name: nothing on stderr"
			else
				like "$err" "$re" "$t $name: $re"
			fi
		elif [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
			pass "$t $name: exit $rc"
			if [ "$rc" -eq 1 ]; then
				like "$err" "$name" "$t $name: the file named in the error"
			fi
		else
			fail "$t $name: exit $rc" "$(head -n 5 "$tmp/r$n.err")"
		fi
	done
done
[ "$n" -gt 0 ] || skip "no reproducers in tests/fuzz-regress"

# The DICOM reproducers again as archive members: read from memory
# (dcm_open_mem), the path of archives and of dcm-convert's readers.
for f in "$dir"/strip-* "$dir"/dcmscan-* "$dir"/volume-*; do
	[ -e "$f" ] || continue
	name=${f##*/}
	py - "$tmp/m.zip" "$f" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    src = sys.argv[2]
    if os.path.isdir(src):
        for n in sorted(os.listdir(src)):
            z.write(os.path.join(src, n), os.path.basename(src) + "/" + n)
    else:
        z.write(src, os.path.basename(src))
PY
	for t in dcm-strip dcm-convert; do
		tool_run "$t" "z-$t-$name" "$tmp/m.zip"
		if [ "$rc" -ge 128 ]; then
			fail "$t $name in a zip: killed by signal $((rc - 128))"
		elif [ "$t" = dcm-strip ]; then
			is "$rc" 1 "$t $name in a zip: exit 1"
			like "$err" "m\.zip:$name" "$t $name in a zip: the member named in the error"
		else
			# dcm-convert passes over a member it cannot convert (exit 0 or 1)
			ok "$([ "$rc" -le 1 ] && echo 0 || echo 1)" "$t $name in a zip: exit $rc"
			like "$err" "m\.zip:$name" "$t $name in a zip: the member named"
		fi
	done
done
done_testing
