/*
 * quotes_sql.c
 *		SQL functions over the quotation core: quotes(text),
 *		quotes(transcript) and quote_sources().
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "pg_hooks.h"
#include "store.h"
#include "tr_mem.h"
#include "tr_names.h"
#include "tr_quotes.h"
#include "tr_similar.h"

PG_FUNCTION_INFO_V1(transcript_quotes_text);
PG_FUNCTION_INFO_V1(transcript_quotes_doc);
PG_FUNCTION_INFO_V1(transcript_quote_sources);

#define QUOTES_NCOLS 9

static Datum
pool_datum(const TrQuoteSet *qs, TrStr s, bool *isnull)
{
	*isnull = (s.off == TR_NULL_OFF);
	if (*isnull)
		return (Datum) 0;
	return PointerGetDatum(cstring_to_text_with_len(qs->pool + s.off, s.len));
}

/* Emit the rows of qs into the materialized result. */
static void
emit_quotes(FunctionCallInfo fcinfo, const TrQuoteSet *qs, bool with_turns)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext rowcxt,
				oldcxt;

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "transcript quotes row",
								   ALLOCSET_DEFAULT_SIZES);
	for (uint32 i = 0; i < qs->n_quotes; i++)
	{
		const TrQuote *q = &qs->quotes[i];
		Datum		values[QUOTES_NCOLS + 1];
		bool		nulls[QUOTES_NCOLS + 1];

		CHECK_FOR_INTERRUPTS();
		oldcxt = MemoryContextSwitchTo(rowcxt);
		memset(nulls, 0, sizeof(nulls));
		values[0] = Int32GetDatum((int32) i + 1);
		values[1] = pool_datum(qs, q->quote, &nulls[1]);
		values[2] = pool_datum(qs, q->speaker, &nulls[2]);
		values[3] = pool_datum(qs, q->speaker_key, &nulls[3]);
		values[4] = pool_datum(qs, q->cue, &nulls[4]);
		values[5] = CStringGetTextDatum(tr_quote_kind_name(q->kind));
		values[6] = Int32GetDatum((int32) q->char_start);
		values[7] = Int32GetDatum((int32) q->char_end);
		if (with_turns)
		{
			values[8] = Int32GetDatum((int32) q->turn_no);
			nulls[8] = (q->turn_no == 0);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
}

/*
 * Run the extractor; the core allocates through the hooks (palloc), so an
 * error thrown inside it leaves nothing to release.
 */
static void
run_quotes(const char *text, size_t len, const TrDoc *doc, TrQuoteSet *qs)
{
	if (tr_quotes(text, len, doc, qs) != TR_OK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text too long for quotes()"),
				 errdetail("The text has %zu bytes; the limit is %u.", len,
						   (unsigned) (UINT32_MAX - 2))));
}

/* quotes(text): the quotations of a news text, in order. */
Datum
transcript_quotes_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	TrQuoteSet	qs;

	transcript_require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	run_quotes(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, &qs);
	emit_quotes(fcinfo, &qs, false);
	tr_quotes_free(&qs);
	return (Datum) 0;
}

/* quotes(transcript): the quotations inside the turns of a transcript. */
Datum
transcript_quotes_doc(PG_FUNCTION_ARGS)
{
	Transcript *t = PG_GETARG_TRANSCRIPT_P(0);
	TranscriptView view;
	TrQuoteSet	qs;

	transcript_require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	transcript_open(t, &view);
	run_quotes(view.text, view.text_len, &view.doc, &qs);
	emit_quotes(fcinfo, &qs, true);
	tr_quotes_free(&qs);
	return (Datum) 0;
}

/* 1-based character offset of byte pos in text (a forward count). */
static int32
char_pos(const char *text, uint32 pos)
{
	int32		n = 0;

	for (uint32 i = 0; i < pos; i++)
		n += ((unsigned char) text[i] & 0xC0) != 0x80;
	return n + 1;
}

/* The speaker of a candidate turn, as text. */
static Datum
pool_speaker(const TranscriptView *v, const TrTurn *tn, bool *isnull)
{
	text	   *t = transcript_pool_text(&v->doc, tn->speaker);

	*isnull = (t == NULL);
	return t ? PointerGetDatum(t) : (Datum) 0;
}

/*
 * quote_sources(quote, speaker, candidates, min_score): the turns of the
 * candidate transcripts a quotation may come from, best first.
 */
Datum
transcript_quote_sources(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *quote;
	ArrayType  *arr;
	double		min_score;
	char	   *key = NULL;
	size_t		key_len = 0;
	Datum	   *elems;
	bool	   *elem_nulls;
	int			n_elems;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	TranscriptView *views;
	TrSimTurn  *turns;
	size_t		n_turns = 0;
	TrSimMatch *m;
	size_t		nm;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		return (Datum) 0;
	transcript_require_utf8();
	quote = PG_GETARG_TEXT_PP(0);
	arr = PG_GETARG_ARRAYTYPE_P(2);
	min_score = PG_ARGISNULL(3) ? TR_SIM_DEFAULT_MIN : PG_GETARG_FLOAT8(3);
	if (isnan(min_score) || min_score < 0 || min_score > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_score must be between 0 and 1")));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("candidates must be a one-dimensional array")));
	if (!PG_ARGISNULL(1))
	{
		text	   *sp = PG_GETARG_TEXT_PP(1);

		key = tr_speaker_key(VARDATA_ANY(sp), VARSIZE_ANY_EXHDR(sp), &key_len);
	}

	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &elem_nulls, &n_elems);
	views = palloc0(sizeof(TranscriptView) * Max(n_elems, 1));
	for (int i = 0; i < n_elems; i++)
	{
		if (elem_nulls[i])
			continue;
		transcript_open(DatumGetTranscriptP(elems[i]), &views[i]);
		n_turns += views[i].doc.n_turns;
	}
	turns = palloc0(sizeof(TrSimTurn) * Max(n_turns, 1));
	n_turns = 0;
	for (int i = 0; i < n_elems; i++)
	{
		if (elem_nulls[i])
			continue;
		for (uint32 j = 0; j < views[i].doc.n_turns; j++)
		{
			const TrTurn *tn = &views[i].doc.turns[j];
			TrSimTurn  *st = &turns[n_turns++];

			st->text = views[i].text;
			st->start = tn->body_start;
			st->end = tn->body_end;
			if (tn->speaker_key.off != TR_NULL_OFF)
			{
				st->speaker_key = views[i].doc.pool + tn->speaker_key.off;
				st->speaker_key_len = tn->speaker_key.len;
			}
			st->cand = (uint32) i + 1;
			st->turn_no = j + 1;
		}
	}

	tr_sim_match(VARDATA_ANY(quote), VARSIZE_ANY_EXHDR(quote), key, key_len,
				 turns, n_turns, min_score, &m, &nm);

	for (size_t i = 0; i < nm; i++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		const TranscriptView *v = &views[m[i].cand - 1];
		const TrTurn *tn = &v->doc.turns[m[i].turn_no - 1];

		values[0] = Int32GetDatum((int32) m[i].cand);
		values[1] = Int32GetDatum((int32) m[i].turn_no);
		values[2] = Float8GetDatum(round(m[i].score * 1000.0) / 1000.0);
		values[3] = pool_speaker(v, tn, &nulls[3]);
		values[4] = Int32GetDatum(char_pos(v->text, m[i].passage_start));
		values[5] = Int32GetDatum(char_pos(v->text, m[i].passage_end));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	if (m)
		tr_free(m);
	if (key)
		tr_free(key);
	return (Datum) 0;
}
