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

transcript--1.0.sql: $(SQL_PARTS)
	cat $^ > $@

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
