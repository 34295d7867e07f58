# transcript: a PostgreSQL extension for political transcripts (PGXS build)

EXTENSION  = transcript
MODULE_big = transcript

# The text-processing core: plain C + ICU, no PostgreSQL headers.
CORE_OBJS = \
	src/core/tr_mem.o \
	src/core/tr_utf8.o \
	src/core/tr_names.o \
	src/core/tr_label.o \
	src/core/tr_header.o \
	src/core/tr_body.o \
	src/core/tr_parse.o \
	src/core/tr_store.o \
	src/core/tr_quotes.o \
	src/core/tr_similar.o \
	src/core/tr_tagger.o

# The SQL glue: a thin layer over the core.
GLUE_OBJS = \
	src/pg_hooks.o \
	src/store.o \
	src/type_io.o \
	src/turns_sql.o \
	src/quotes_sql.o \
	src/topics_sql.o

OBJS = $(CORE_OBJS) $(GLUE_OBJS)

# The install script is assembled from one file per concern.
SQL_PARTS = \
	src/sql/head.sql \
	src/sql/type.sql \
	src/sql/turns.sql \
	src/sql/tables.sql \
	src/sql/quotes.sql \
	src/sql/topics.sql \
	src/sql/topics_data.sql \
	src/sql/views.sql
DATA_built = transcript--1.0.sql

# pg_regress: inputs in sql/, expected output in expected/ (the PGXS default).
REGRESS = type turns formats bad_input quotes quotes_provenance topics views views_topics
REGRESS_OPTS = --load-extension=transcript

PG_CPPFLAGS = -I$(srcdir)/src/core $(ICU_CFLAGS)
SHLIB_LINK = $(ICU_LIBS)
EXTRA_CLEAN = transcript--1.0.sql test/core/*.bin test/core/trdump

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

ifneq ($(with_icu),yes)
$(error transcript needs a PostgreSQL server built with ICU (configure --with-icu); this one ($(PG_CONFIG)) was built without it)
endif

# Every object is rebuilt when any header changes: struct layouts are shared.
$(OBJS): $(wildcard $(srcdir)/src/*.h $(srcdir)/src/core/*.h)

transcript--1.0.sql: $(SQL_PARTS) Makefile
	cat $(SQL_PARTS) > $@

# Standalone unit tests of the core (no server): test/core/*.c
CORE_SRCS = $(CORE_OBJS:.o=.c)
CORE_TESTS = $(patsubst %.c,%.bin,$(wildcard test/core/test_*.c))
test/core/%.bin: test/core/%.c $(CORE_SRCS) $(wildcard src/core/*.h)
	$(CC) -std=c99 -O2 -g -Wall -Wextra -Werror -Isrc/core $(ICU_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

# trdump FILE...: the turns of transcript files as TSV (see test/core/trdump.c)
test/core/trdump: test/core/trdump.c $(CORE_SRCS) $(wildcard src/core/*.h)
	$(CC) -std=c99 -O2 -g -Wall -Wextra -Werror -Isrc/core $(ICU_CFLAGS) -o $@ $< $(CORE_SRCS) $(ICU_LIBS)

core-test-bins: $(CORE_TESTS)

core-test: core-test-bins
	@set -e; for t in $(CORE_TESTS); do ./$$t; done

.PHONY: core-test core-test-bins

# ---------------------------------------------------------------------------
# Hardening (README.md ("Safety")).  The fast parts run in test/check.sh as
# test/t/harden_*.sh; these targets run the long ones, each against its own
# temporary install and cluster (test/long/run.sh), never the system's.
#
#   make fuzz                every libFuzzer target for FUZZ_SECONDS (20) each
#   make fuzz-long           the same for FUZZ_LONG_SECONDS (1800) each
#   make fuzz-replay         only the kept inputs in test/fuzz/regress/
#   make valgrind-check      the pg_regress suite under Valgrind memcheck
#   make memory-check        1,000,000 rows: COPY, turns, quotes, topics; flat memory
#   make cancel-check        statement_timeout on a 100 MB document (as in check.sh)
#   make bigdoc-check        documents near the 1 GB limit
#   make concurrency-check   8 COPY + 8 view readers + 1 dictionary editor, 5 minutes
#   make upgrade-check       every earlier version updated to the current one
#   make warnings-check      gcc and clang builds with -Wall -Wextra -Werror
#   make harden-check        all of the above but fuzz-long
# ---------------------------------------------------------------------------
FUZZ_SECONDS ?= 20
FUZZ_LONG_SECONDS ?= 1800

fuzz:
	test/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-long:
	test/fuzz/run.sh $(FUZZ_LONG_SECONDS)

fuzz-replay:
	test/fuzz/run.sh replay

valgrind-check:
	test/valgrind/run.sh

memory-check:
	test/long/run.sh memory HARDEN_MEMORY_ROWS=1000000

cancel-check:
	test/long/run.sh cancel

bigdoc-check:
	test/long/run.sh bigdoc

concurrency-check:
	test/long/run.sh concurrency HARDEN_CONCURRENCY_SECONDS=300

upgrade-check:
	test/long/run.sh upgrade

warnings-check:
	test/long/warnings.sh

harden-check: fuzz-replay fuzz warnings-check upgrade-check cancel-check memory-check \
	concurrency-check bigdoc-check valgrind-check

.PHONY: fuzz fuzz-long fuzz-replay valgrind-check memory-check cancel-check bigdoc-check \
	concurrency-check upgrade-check warnings-check harden-check
