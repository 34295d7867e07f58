/*
 * topics_sql.c
 *		SQL glue of the topic tagger (src/core/tr_tagger.h): term validation,
 *		the per-backend compiled dictionary of transcript.topic_terms and its
 *		invalidation, and the tagging functions.
 *
 * The dictionary table is compiled once per backend and kept in a memory
 * context of its own.  A statement-level trigger on the table sends a
 * relcache invalidation for it; every backend's relcache callback then
 * marks its copy stale, and the next call recompiles.  Invalidations are
 * transactional: other sessions see the change after commit, the changing
 * session at its next command, and an aborted change is undone everywhere.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "pg_hooks.h"
#include "store.h"
#include "tr_mem.h"
#include "tr_tagger.h"

PG_FUNCTION_INFO_V1(transcript_topic_term_valid);
PG_FUNCTION_INFO_V1(transcript_topic_terms_invalidate);
PG_FUNCTION_INFO_V1(transcript_topics);
PG_FUNCTION_INFO_V1(transcript_topic_hits);
PG_FUNCTION_INFO_V1(transcript_topics_doc);
PG_FUNCTION_INFO_V1(transcript_topic_hits_doc);
PG_FUNCTION_INFO_V1(transcript_turn_topics);
PG_FUNCTION_INFO_V1(transcript_topics_dict);
PG_FUNCTION_INFO_V1(transcript_topic_hits_dict);

/* ---------------------------------------------------------------------
 * Term validation
 * ---------------------------------------------------------------------
 */

/* ereport the reason a term is refused */
static void
report_bad_term(TrTermStatus st, const char *topic, const char *term)
{
	/* do not echo control characters or broken UTF-8 into the log */
	if (st == TR_TERM_CONTROL || st == TR_TERM_BAD_UTF8 || st == TR_TERM_BAD_TOPIC)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", tr_term_status_message(st)),
				 errdetail("%s", tr_term_status_detail(st))));
	ereport(ERROR,
			(errcode(st == TR_TERM_ICU ? ERRCODE_EXTERNAL_ROUTINE_EXCEPTION
					 : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s", tr_term_status_message(st)),
			 errdetail("%s Topic \"%s\", term \"%s\".", tr_term_status_detail(st),
					   topic, term)));
}

/* Check the language code and the flags that depend on it. */
static void
check_lang(const char *lang, bool inflect, const char *term)
{
	size_t		n = strlen(lang);

	if (n < 2 || n > 3 || strspn(lang, "abcdefghijklmnopqrstuvwxyz") != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid language code \"%s\" for topic term", lang),
				 errdetail("Term \"%s\".", term),
				 errhint("Use a lower-case ISO 639 code such as 'en' or 'ru'.")));
	if (inflect && strcmp(lang, "en") != 0 && strcmp(lang, "ru") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("inflected topic terms are supported for English and Russian only"),
				 errdetail("Term \"%s\" has language \"%s\".", term, lang),
				 errhint("Set inflect to false and add the inflected forms as terms of their own.")));
}

/*
 * topic_term_valid(topic, term, lang, case_sensitive, inflect): true, or
 * an error saying why the term cannot be used.  The CHECK constraint of
 * topic_terms calls it, so bad terms are refused when they are written.
 */
Datum
transcript_topic_term_valid(PG_FUNCTION_ARGS)
{
	text	   *topic = PG_GETARG_TEXT_PP(0);
	text	   *term = PG_GETARG_TEXT_PP(1);
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(2));
	bool		cs = PG_GETARG_BOOL(3);
	bool		inflect = PG_GETARG_BOOL(4);
	TrTermStatus st;

	transcript_require_utf8();
	st = tr_term_check(VARDATA_ANY(topic), VARSIZE_ANY_EXHDR(topic),
					   VARDATA_ANY(term), VARSIZE_ANY_EXHDR(term),
					   (cs ? TR_TERM_CASE_SENSITIVE : 0) | (inflect ? TR_TERM_INFLECT : 0));
	if (st != TR_TERM_OK)
		report_bad_term(st, text_to_cstring(topic), text_to_cstring(term));
	check_lang(lang, inflect, text_to_cstring(term));
	PG_RETURN_BOOL(true);
}

/* ---------------------------------------------------------------------
 * The compiled table dictionary
 * ---------------------------------------------------------------------
 */
static MemoryContext table_dict_cxt = NULL;
static TrTagger *table_dict = NULL;
static bool table_dict_valid = false;
static Oid	table_relid = InvalidOid;
static uint64 table_inval_count = 0;
static bool callback_registered = false;
static TimestampTz last_statement_start = 0;

static void
topic_terms_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == table_relid)
	{
		table_dict_valid = false;
		table_inval_count++;
	}
}

/*
 * Trigger (statement level, on topic_terms): tell every backend that its
 * compiled dictionary is stale.
 */
Datum
transcript_topic_terms_invalidate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("topic_terms_invalidate() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/*
 * Compile n terms into a new context under TopMemoryContext; skip (with a
 * warning) terms that fail the check, which the CHECK constraint makes
 * rare (a term stored under an older ICU, say).
 */
static TrTagger *
compile_terms(TrTermDef *defs, size_t n, MemoryContext *cxt_out, const char *what)
{
	MemoryContext cxt;
	MemoryContext volatile oldcxt;
	TrTagger   *tagger = NULL;
	size_t		kept = 0;

	for (size_t i = 0; i < n; i++)
	{
		TrTermStatus st = tr_term_check(defs[i].topic, defs[i].topic_len,
										defs[i].term, defs[i].term_len,
										defs[i].flags);

		if (st != TR_TERM_OK)
		{
			ereport(WARNING,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("topic term \"%.*s\" of %s skipped: %s",
							(int) defs[i].term_len, defs[i].term, what,
							tr_term_status_message(st))));
			continue;
		}
		defs[kept++] = defs[i];
	}

	cxt = AllocSetContextCreate(TopMemoryContext, "transcript topic dictionary",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = CurrentMemoryContext;
	PG_TRY();
	{
		TrTermStatus st;
		size_t		bad;

		MemoryContextSwitchTo(cxt);
		st = tr_tagger_compile(defs, kept, &tagger, &bad);
		MemoryContextSwitchTo(oldcxt);
		if (st != TR_TERM_OK)
			report_bad_term(st, pnstrdup(defs[bad].topic, defs[bad].topic_len),
							pnstrdup(defs[bad].term, defs[bad].term_len));
	}
	PG_CATCH();
	{
		/* an interrupt may have left us in cxt: leave it before dropping it */
		MemoryContextSwitchTo(oldcxt);
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();
	*cxt_out = cxt;
	return tagger;
}

/* The compiled dictionary of topic_terms, recompiled when stale. */
static TrTagger *
get_table_dict(FunctionCallInfo fcinfo)
{
	Oid			nsp;
	Oid			relid;
	uint64		gen;
	StringInfoData query;
	TrTermDef  *defs;
	MemoryContext cxt;
	TrTagger   *tagger;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(topic_terms_relcache_callback, (Datum) 0);
		callback_registered = true;
	}

	/*
	 * Pending invalidations are read at transaction start and when a lock is
	 * taken; a statement inside a transaction may take none, so read them
	 * once per statement here (a change committed meanwhile then shows in
	 * the next statement, as the data of a read-committed snapshot would).
	 * A recompile reads the table with the statement's snapshot, so calls
	 * within one statement agree.
	 */
	if (GetCurrentStatementStartTimestamp() != last_statement_start)
	{
		last_statement_start = GetCurrentStatementStartTimestamp();
		AcceptInvalidationMessages();
	}
	if (table_dict != NULL && table_dict_valid)
		return table_dict;

	/* the table lives in the schema of the calling function */
	nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	relid = get_relname_relid("topic_terms", nsp);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table topic_terms does not exist in schema \"%s\"",
						get_namespace_name(nsp))));
	table_relid = relid;
	gen = table_inval_count;

	initStringInfo(&query);
	appendStringInfo(&query,
					 "SELECT topic, term, case_sensitive, inflect FROM %s.topic_terms",
					 quote_identifier(get_namespace_name(nsp)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read topic_terms");
	defs = palloc0(sizeof(TrTermDef) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		text	   *topic = DatumGetTextPP(SPI_getbinval(tup, desc, 1, &isnull));
		text	   *term = DatumGetTextPP(SPI_getbinval(tup, desc, 2, &isnull));
		bool		cs = DatumGetBool(SPI_getbinval(tup, desc, 3, &isnull));
		bool		inflect = DatumGetBool(SPI_getbinval(tup, desc, 4, &isnull));

		defs[i].topic = VARDATA_ANY(topic);
		defs[i].topic_len = VARSIZE_ANY_EXHDR(topic);
		defs[i].term = VARDATA_ANY(term);
		defs[i].term_len = VARSIZE_ANY_EXHDR(term);
		defs[i].flags = (cs ? TR_TERM_CASE_SENSITIVE : 0) | (inflect ? TR_TERM_INFLECT : 0);
	}
	tagger = compile_terms(defs, SPI_processed, &cxt, "topic_terms");
	SPI_finish();

	if (table_dict_cxt != NULL)
		MemoryContextDelete(table_dict_cxt);
	table_dict_cxt = cxt;
	table_dict = tagger;
	/* an invalidation that came in while compiling: compile again next time */
	table_dict_valid = (gen == table_inval_count);
	return table_dict;
}

/* ---------------------------------------------------------------------
 * A dictionary passed as jsonb (the IMMUTABLE variants)
 * ---------------------------------------------------------------------
 */
typedef struct JsonDictCache
{
	MemoryContext cxt;
	TrTagger   *tagger;
	Jsonb	   *key;			/* copy of the argument it was compiled from */
	const void *key_ptr;		/* the argument's address then */
} JsonDictCache;

static void
json_dict_cache_reset(void *arg)
{
	JsonDictCache *c = arg;

	if (c->cxt)
		MemoryContextDelete(c->cxt);
	c->cxt = NULL;
	c->tagger = NULL;
}

static char *
jbv_string(JsonbValue *v, const char *key)
{
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("topic dictionary key \"%s\" must be a string", key)));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static bool
jbv_bool(JsonbValue *v, const char *key)
{
	if (v->type != jbvBool)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("topic dictionary key \"%s\" must be a boolean", key)));
	return v->val.boolean;
}

/*
 * Read a dictionary given as a jsonb array of objects with the keys of
 * topic_terms (topic, term, and optionally lang, case_sensitive, inflect;
 * other keys are ignored), as jsonb_agg over the table gives it.
 */
static TrTermDef *
read_json_dict(Jsonb *jb, size_t *n_out)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	TrTermDef  *defs = NULL;
	size_t		n = 0,
				cap = 0;
	int			depth = 0;
	char	   *key = NULL;
	char	   *topic = NULL,
			   *term = NULL,
			   *lang = NULL;
	bool		cs = false,
				inflect = false;

	if (!JB_ROOT_IS_ARRAY(jb) || JB_ROOT_IS_SCALAR(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("topic dictionary must be a jsonb array of objects"),
				 errhint("Build one with topic_dictionary().")));
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_ARRAY:
			case WJB_BEGIN_OBJECT:
				depth++;
				if (depth == 2 && tok == WJB_BEGIN_OBJECT)
				{
					topic = term = lang = NULL;
					cs = inflect = false;
				}
				else if (depth >= 2)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("topic dictionary must be a jsonb array of objects")));
				break;
			case WJB_END_OBJECT:
				depth--;
				if (topic == NULL || term == NULL)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("topic dictionary entry lacks \"topic\" or \"term\"")));
				check_lang(lang ? lang : "en", inflect, term);
				if (n == cap)
				{
					cap = cap ? cap * 2 : 64;
					defs = defs ? repalloc_huge(defs, cap * sizeof(TrTermDef))
						: palloc(cap * sizeof(TrTermDef));
				}
				defs[n].topic = topic;
				defs[n].topic_len = strlen(topic);
				defs[n].term = term;
				defs[n].term_len = strlen(term);
				defs[n].flags = (cs ? TR_TERM_CASE_SENSITIVE : 0) |
					(inflect ? TR_TERM_INFLECT : 0);
				n++;
				break;
			case WJB_END_ARRAY:
				depth--;
				break;
			case WJB_ELEM:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("topic dictionary must be a jsonb array of objects")));
				break;
			case WJB_KEY:
				key = pnstrdup(v.val.string.val, v.val.string.len);
				break;
			case WJB_VALUE:
				if (strcmp(key, "topic") == 0)
					topic = jbv_string(&v, key);
				else if (strcmp(key, "term") == 0)
					term = jbv_string(&v, key);
				else if (strcmp(key, "lang") == 0)
					lang = jbv_string(&v, key);
				else if (strcmp(key, "case_sensitive") == 0)
					cs = jbv_bool(&v, key);
				else if (strcmp(key, "inflect") == 0)
					inflect = jbv_bool(&v, key);
				break;
			default:
				break;
		}
	}
	*n_out = n;
	return defs;
}

/* The compiled dictionary of a jsonb argument, cached at the call site. */
static TrTagger *
get_json_dict(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	Jsonb	   *jb = PG_GETARG_JSONB_P(argno);
	JsonDictCache *c = fcinfo->flinfo->fn_extra;
	TrTermDef  *defs;
	size_t		n;
	MemoryContext cxt;
	TrTagger   *tagger;

	if (c == NULL)
	{
		MemoryContextCallback *cb;

		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(JsonDictCache));
		cb = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MemoryContextCallback));
		cb->func = json_dict_cache_reset;
		cb->arg = c;
		MemoryContextRegisterResetCallback(fcinfo->flinfo->fn_mcxt, cb);
		fcinfo->flinfo->fn_extra = c;
	}
	if (c->tagger != NULL &&
		(c->key_ptr == DatumGetPointer(d) ||
		 (VARSIZE(c->key) == VARSIZE(jb) && memcmp(c->key, jb, VARSIZE(jb)) == 0)))
	{
		c->key_ptr = DatumGetPointer(d);
		return c->tagger;
	}
	defs = read_json_dict(jb, &n);
	tagger = compile_terms(defs, n, &cxt, "the dictionary argument");
	json_dict_cache_reset(c);
	c->cxt = cxt;
	c->tagger = tagger;
	c->key = MemoryContextAlloc(cxt, VARSIZE(jb));
	memcpy(c->key, jb, VARSIZE(jb));
	c->key_ptr = DatumGetPointer(d);
	return tagger;
}

/* ---------------------------------------------------------------------
 * Tagging
 * ---------------------------------------------------------------------
 */
/* The tagger fails only when ICU's word-break iterator cannot be had. */
static void tag_failed(void) pg_attribute_noreturn();

static void
tag_failed(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("could not tag text: ICU word-break iterator unavailable")));
}

static void
tag_or_fail(const TrTagger *tagger, const char *s, size_t len, TrHitList *hl,
			bool char_positions)
{
	if (!tr_tag_ex(tagger, s, len, hl, char_positions))
		tag_failed();
}

/* The topics marked in seen[] as a sorted text[] (ids are sorted). */
static ArrayType *
seen_topics_array(const TrTagger *tagger, const bool *seen)
{
	uint32		nt = tr_tagger_n_topics(tagger);
	Datum	   *elems = palloc(sizeof(Datum) * (nt + 1));
	int			n = 0;

	for (uint32 k = 0; k < nt; k++)
		if (seen[k])
		{
			size_t		len;
			const char *s = tr_tagger_topic(tagger, k, &len);

			elems[n++] = PointerGetDatum(cstring_to_text_with_len(s, (int) len));
		}
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* The distinct topics of some hits as a sorted text[]. */
static ArrayType *
topics_array(const TrTagger *tagger, const TrHitList *hl)
{
	bool	   *seen = palloc0(sizeof(bool) * (tr_tagger_n_topics(tagger) + 1));

	for (size_t i = 0; i < hl->n; i++)
		seen[hl->hits[i].topic] = true;
	return seen_topics_array(tagger, seen);
}

/* The topics of a text as a sorted text[], without building a hit list. */
static ArrayType *
text_topics_array(const TrTagger *tagger, const char *s, size_t len)
{
	bool	   *seen = palloc0(sizeof(bool) * (tr_tagger_n_topics(tagger) + 1));

	if (!tr_tag_topics(tagger, s, len, seen))
		tag_failed();
	return seen_topics_array(tagger, seen);
}

#define HITS_NCOLS 5

/* One row per hit: topic, term, matched text, char_start, char_end. */
static void
put_hit(ReturnSetInfo *rsinfo, const TrTagger *tagger, const TrTopicHit *h,
		const char *text, int32 char_base, int first_col, Datum *values, bool *nulls)
{
	size_t		len;
	const char *s;

	s = tr_tagger_topic(tagger, h->topic, &len);
	values[first_col] = PointerGetDatum(cstring_to_text_with_len(s, (int) len));
	s = tr_tagger_term(tagger, h->term, &len);
	values[first_col + 1] = PointerGetDatum(cstring_to_text_with_len(s, (int) len));
	values[first_col + 2] = PointerGetDatum(cstring_to_text_with_len(text + h->start,
																	  (int) (h->end - h->start)));
	values[first_col + 3] = Int32GetDatum(char_base + (int32) h->char_start);
	values[first_col + 4] = Int32GetDatum(char_base + (int32) h->char_end);
	memset(nulls, 0, sizeof(bool) * (first_col + HITS_NCOLS));
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

static Datum
emit_hits(FunctionCallInfo fcinfo, const TrTagger *tagger, text *doc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TrHitList	hl = {0};
	Datum		values[HITS_NCOLS];
	bool		nulls[HITS_NCOLS];

	transcript_init_srf(fcinfo);
	tag_or_fail(tagger, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc), &hl, true);
	for (size_t i = 0; i < hl.n; i++)
		put_hit(rsinfo, tagger, &hl.hits[i], VARDATA_ANY(doc), 0, 0, values, nulls);
	return (Datum) 0;
}

/* topics(text): the topics of the table dictionary found in a text */
Datum
transcript_topics(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	const TrTagger *tagger;

	transcript_require_utf8();
	tagger = get_table_dict(fcinfo);
	PG_RETURN_ARRAYTYPE_P(text_topics_array(tagger, VARDATA_ANY(doc),
											VARSIZE_ANY_EXHDR(doc)));
}

/* topic_hits(text): one row per hit */
Datum
transcript_topic_hits(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);

	transcript_require_utf8();
	return emit_hits(fcinfo, get_table_dict(fcinfo), doc);
}

/* topics(text, dictionary jsonb) */
Datum
transcript_topics_dict(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);
	const TrTagger *tagger;

	transcript_require_utf8();
	tagger = get_json_dict(fcinfo, 1);
	PG_RETURN_ARRAYTYPE_P(text_topics_array(tagger, VARDATA_ANY(doc),
											VARSIZE_ANY_EXHDR(doc)));
}

/* topic_hits(text, dictionary jsonb) */
Datum
transcript_topic_hits_dict(PG_FUNCTION_ARGS)
{
	text	   *doc = PG_GETARG_TEXT_PP(0);

	transcript_require_utf8();
	return emit_hits(fcinfo, get_json_dict(fcinfo, 1), doc);
}

/*
 * The hits of a transcript: each turn's body, as it stands in the
 * original text, tagged on its own (a term never spans two turns).  A
 * text with no turns is tagged whole.  Hits carry their turn number
 * (0 for a text with no turns) and character positions in the text.
 */
typedef struct DocHits
{
	TrHitList	hl;
	uint32	   *turn;			/* per hit */
	int32	   *char_base;		/* per hit */
} DocHits;

static void
tag_transcript(const TrTagger *tagger, TranscriptView *view, DocHits *dh,
			   bool positions)
{
	uint32		prev_byte = 0;
	int32		prev_chars = 0;
	size_t		cap = 0;

	memset(dh, 0, sizeof(*dh));
	if (view->doc.n_turns == 0)
	{
		tag_or_fail(tagger, view->text, view->text_len, &dh->hl, positions);
		dh->turn = palloc0(sizeof(uint32) * (dh->hl.n + 1));
		dh->char_base = palloc0(sizeof(int32) * (dh->hl.n + 1));
		return;
	}
	for (uint32 t = 0; t < view->doc.n_turns; t++)
	{
		const TrTurn *turn = &view->doc.turns[t];
		size_t		before = dh->hl.n;

		if (turn->body_end <= turn->body_start || turn->body_start < prev_byte)
			continue;
		if (positions)
			prev_chars += pg_mbstrlen_with_len(view->text + prev_byte,
											   (int) (turn->body_start - prev_byte));
		prev_byte = turn->body_start;
		tag_or_fail(tagger, view->text + turn->body_start,
					turn->body_end - turn->body_start, &dh->hl, positions);
		if (dh->hl.n > cap)
		{
			size_t		newcap = Max(dh->hl.n, cap * 2);

			dh->turn = dh->turn ? repalloc_huge(dh->turn, newcap * sizeof(uint32))
				: palloc(newcap * sizeof(uint32));
			dh->char_base = dh->char_base ? repalloc_huge(dh->char_base, newcap * sizeof(int32))
				: palloc(newcap * sizeof(int32));
			cap = newcap;
		}
		for (size_t i = before; i < dh->hl.n; i++)
		{
			dh->hl.hits[i].start += turn->body_start;
			dh->hl.hits[i].end += turn->body_start;
			dh->turn[i] = t + 1;
			dh->char_base[i] = prev_chars;
		}
	}
}

/* topics(transcript) */
Datum
transcript_topics_doc(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	const TrTagger *tagger;
	TranscriptView view;
	DocHits		dh;

	transcript_require_utf8();
	tagger = get_table_dict(fcinfo);
	transcript_open(t, &view);
	tag_transcript(tagger, &view, &dh, false);
	PG_RETURN_ARRAYTYPE_P(topics_array(tagger, &dh.hl));
}

/* topic_hits(transcript): turn_no, then the columns of topic_hits(text) */
Datum
transcript_topic_hits_doc(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const TrTagger *tagger;
	TranscriptView view;
	DocHits		dh;
	Datum		values[HITS_NCOLS + 1];
	bool		nulls[HITS_NCOLS + 1];

	transcript_require_utf8();
	tagger = get_table_dict(fcinfo);
	transcript_init_srf(fcinfo);
	transcript_open(t, &view);
	tag_transcript(tagger, &view, &dh, true);
	for (size_t i = 0; i < dh.hl.n; i++)
	{
		values[0] = Int32GetDatum((int32) dh.turn[i]);
		put_hit(rsinfo, tagger, &dh.hl.hits[i], view.text, dh.char_base[i], 1, values, nulls);
	}
	return (Datum) 0;
}

/*
 * turn_topics(transcript): one row per turn and topic: turn_no, speaker,
 * speaker_key, topic, hits.
 */
Datum
transcript_turn_topics(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const TrTagger *tagger;
	TranscriptView view;
	DocHits		dh;
	uint32		nt;
	int32	   *counts;
	size_t		i = 0;

	transcript_require_utf8();
	tagger = get_table_dict(fcinfo);
	transcript_init_srf(fcinfo);
	transcript_open(t, &view);
	tag_transcript(tagger, &view, &dh, false);
	nt = tr_tagger_n_topics(tagger);
	counts = palloc0(sizeof(int32) * (nt + 1));
	while (i < dh.hl.n)
	{
		uint32		turn_no = dh.turn[i];
		size_t		j = i;

		memset(counts, 0, sizeof(int32) * (nt + 1));
		for (; j < dh.hl.n && dh.turn[j] == turn_no; j++)
			counts[dh.hl.hits[j].topic]++;
		for (uint32 k = 0; k < nt; k++)
		{
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};
			size_t		len;
			const char *s;
			text	   *sp = NULL,
					   *key = NULL;

			if (counts[k] == 0)
				continue;
			if (turn_no > 0)
			{
				sp = transcript_pool_text(&view.doc, view.doc.turns[turn_no - 1].speaker);
				key = transcript_pool_text(&view.doc, view.doc.turns[turn_no - 1].speaker_key);
			}
			values[0] = Int32GetDatum((int32) turn_no);
			nulls[1] = (sp == NULL);
			values[1] = PointerGetDatum(sp);
			nulls[2] = (key == NULL);
			values[2] = PointerGetDatum(key);
			s = tr_tagger_topic(tagger, k, &len);
			values[3] = PointerGetDatum(cstring_to_text_with_len(s, (int) len));
			values[4] = Int32GetDatum(counts[k]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		i = j;
	}
	return (Datum) 0;
}
