# dcmscrub: plain make.  Targets: all install uninstall check demo clean dist
include config.mk

TOOLS = dcm-strip dcm-crosswalk dcm-convert dcm-merge-frames dcm-deface
LIBOBJ = lib/util.o lib/dcm.o lib/dcmscan.o lib/input.o lib/output.o lib/manifest.o lib/layout.o lib/multimatch.o lib/volume.o lib/nifti.o lib/nrrd.o lib/transcode.o lib/gzpar.o \
	lib/pseudo.o lib/crosswalk.o lib/profile.o lib/profile_table.o lib/qcpng.o
HDR = lib/util.h lib/dcm.h lib/dcmscan.h lib/input.h lib/output.h lib/manifest.h lib/layout.h lib/multimatch.h lib/volume.h lib/nifti.h lib/nrrd.h lib/transcode.h lib/gzpar.h \
	lib/pseudo.h lib/crosswalk.h lib/profile.h lib/qcpng.h
MAN1 = man/dcm-strip.1 man/dcm-crosswalk.1 man/dcm-convert.1 man/dcm-merge-frames.1 man/dcm-deface.1
MAN5 = man/dcm-manifest.5 man/dcm-profile.5
TESTPROGS = tests/t-lib tests/t-dcmscan tests/t-pseudo tests/t-transcode tests/t-gzpar tests/t-nifti tests/t-nrrd tests/t-qcpng tests/gen-head

BIN = $(TOOLS:%=bin/%)
O = build

all: $(BIN) $(TESTPROGS:%=$(O)/%)

$(O)/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/%.o: %.cc $(HDR)
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(O)/libdcmscrub.a: $(LIBOBJ:%=$(O)/%)
	rm -f $@
	ar rcs $@ $(LIBOBJ:%=$(O)/%)

bin/%: $(O)/cmd/%.o $(O)/libdcmscrub.a
	@mkdir -p bin
	$(CXX) $(LDFLAGS) -o $@ $< $(O)/libdcmscrub.a $(LIBS)

# the synthetic head: a test program of its own (no dcmtk: it writes DICOM itself)
$(O)/tests/gen-head: tests/gen-head.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/gen-head.c -lniftiio -lznz -lz -lm

$(O)/tests/%: $(O)/tests/%.o $(O)/libdcmscrub.a
	$(CXX) $(LDFLAGS) -o $@ $< $(O)/libdcmscrub.a $(LIBS)

# The table is generated from the standard's TSV; both are committed.
lib/profile_table.c: data/annexE-2024b.tsv scripts/gen-profile-table
	sh scripts/gen-profile-table data/annexE-2024b.tsv > $@.tmp && mv $@.tmp $@

# The sanitizer build, in its own tree.
san:
	$(MAKE) O=build-san BINDIR=bin-san \
	    CFLAGS="$(CFLAGS) $(SANFLAGS)" CXXFLAGS="$(CXXFLAGS) $(SANFLAGS)" \
	    LDFLAGS="$(LDFLAGS) $(SANFLAGS)" san-bin

san-bin: $(TOOLS:%=$(O)/cmd/%.o) $(O)/libdcmscrub.a $(TESTPROGS:%=$(O)/%)
	@mkdir -p bin-san
	for t in $(TOOLS); do \
	    $(CXX) $(LDFLAGS) -o bin-san/$$t $(O)/cmd/$$t.o $(O)/libdcmscrub.a $(LIBS) || exit 1; done

# The libFuzzer harnesses (fuzz/README.md), in their own tree: the library
# built by clang with the fuzzer's coverage and ASan+UBSan, linked by clang++.
FUZZERS = fuzz-strip fuzz-manifest fuzz-archive fuzz-volume fuzz-nifti fuzz-nrrd fuzz-dcmscan
FUZZ_CC = clang
FUZZ_CXX = clang++
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SECONDS = 60
FUZZ_JOBS = 2
FUZZ_OUT = build-fuzz/runs
# the smoke run's mutations from a fixed seed: what CI finds, a rerun finds
FUZZ_SEED = 1

fuzz:
	$(MAKE) O=build-fuzz CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) \
	    CFLAGS="$(CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    CXXFLAGS="$(CXXFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    LDFLAGS="$(LDFLAGS) $(FUZZ_SAN)" fuzz-bin

fuzz-bin: $(FUZZERS:%=$(O)/%)

$(O)/fuzz-%: fuzz/fuzz-%.c $(O)/libdcmscrub.a $(HDR)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@.o fuzz/fuzz-$*.c
	$(CXX) $(LDFLAGS) -fsanitize=fuzzer -o $@ $@.o $(O)/libdcmscrub.a $(LIBS)

# the strip harness includes the tool's own source
$(O)/fuzz-strip: cmd/dcm-strip.c

# Each harness for FUZZ_SECONDS from its seed corpus (scripts/fuzz-corpus),
# FUZZ_JOBS at a time; any crash, leak, timeout or OOM fails the target.
fuzz-smoke: all fuzz
	sh scripts/fuzz-corpus
	FUZZ_SEED=$(FUZZ_SEED) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_OUT=$(FUZZ_OUT) \
	    sh fuzz/run $(FUZZERS)

# The same for long runs, their new inputs added to the seed corpora.
fuzz-run: all fuzz
	sh scripts/fuzz-corpus
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_OUT=$(FUZZ_OUT) FUZZ_KEEP=1 \
	    sh fuzz/run $(FUZZERS)

deps:
	sh scripts/install-deps

check: deps
	$(MAKE) all
	$(MAKE) san
	DCMSCRUB_BIN=$(CURDIR)/bin DCMSCRUB_TESTBIN=$(CURDIR)/build/tests \
	    prove -j2 -f tests/
	DCMSCRUB_BIN=$(CURDIR)/bin-san DCMSCRUB_TESTBIN=$(CURDIR)/build-san/tests \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    prove -j2 -f tests/

demo: deps
	$(MAKE) all
	sh examples/demo.sh

lint:
	mandoc -Tlint -W warning $(MAN1) $(MAN5)

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5
	for t in $(TOOLS); do install -m 755 bin/$$t $(DESTDIR)$(PREFIX)/bin/$$t; done
	install -m 644 $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$t; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANPREFIX)/man5/$${m#man/}; done

clean:
	rm -rf build build-san bin bin-san build-fuzz

dist: clean
	mkdir -p dcmscrub-$(VERSION)
	git archive --format=tar HEAD | tar -x -C dcmscrub-$(VERSION)
	tar -czf dcmscrub-$(VERSION).tar.gz dcmscrub-$(VERSION)
	rm -rf dcmscrub-$(VERSION)

.PHONY: all san san-bin fuzz fuzz-bin fuzz-smoke fuzz-run deps check demo lint install uninstall clean dist
.SUFFIXES:
