/*
 * turns_sql.c
 *		SQL functions over a transcript's parse: turns() and
 *		transcript_meta().
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "pg_hooks.h"
#include "store.h"

PG_FUNCTION_INFO_V1(transcript_turns);
PG_FUNCTION_INFO_V1(transcript_turns_text);
PG_FUNCTION_INFO_V1(transcript_meta);
PG_FUNCTION_INFO_V1(transcript_meta_text);

static const char *const role_names[] = {"official", "questioner", "moderator", "other"};

#define TURNS_NCOLS 11

static inline void
set_text(Datum *values, bool *nulls, int i, text *t)
{
	nulls[i] = (t == NULL);
	values[i] = t ? PointerGetDatum(t) : (Datum) 0;
}

/*
 * Whether turns() may write a 4-byte varlena header at any address of its
 * own copy of a value: where unaligned stores are allowed, anywhere;
 * elsewhere only at 4-byte aligned ones.
 */
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__)
#define HEADER_FITS(p)	true
#else
#define HEADER_FITS(p)	(((uintptr_t) (p) & 3) == 0)
#endif

/*
 * The transcript argument, or a text argument parsed on the fly.  *own:
 * the value is a private copy that turns() may write into (what detoasting
 * an out-of-line or compressed value or parsing a text gives), not the
 * argument's own bytes (an inline value, which may lie in a shared buffer).
 */
static Transcript *
getarg_transcript(FunctionCallInfo fcinfo, bool is_text, bool *own)
{
	text	   *txt;
	Transcript *t;

	*own = true;
	if (!is_text)
	{
		t = PG_GETARG_TRANSCRIPT_P(0);
		*own = ((Pointer) t != DatumGetPointer(PG_GETARG_DATUM(0)));
		return t;
	}
	txt = PG_GETARG_TEXT_PP(0);
	return transcript_from_text(VARDATA_ANY(txt), VARSIZE_ANY_EXHDR(txt));
}

/* Grow *buf to hold n bytes. */
static char *
grow(char *buf, uint32 *cap, Size n)
{
	if (n <= *cap)
		return buf;
	*cap = Max(n, 8192);
	return buf ? repalloc_huge(buf, *cap) : MemoryContextAllocHuge(CurrentMemoryContext, *cap);
}

/*
 * One row per speaker turn, in order.  Materialize mode.  The server
 * copies every row into the tuplestore, so the row's texts are built
 * without allocating per row: names, keys and roles once per call, the
 * label in a buffer reused from row to row, and a body that is one piece
 * of the text (most are) not built at all but passed where it lies, behind
 * a varlena header written for the time of the copy over the 4 bytes
 * before it.  That needs a value of our own (own).
 */
static Datum
emit_turns(FunctionCallInfo fcinfo, Transcript *t, bool own)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TranscriptView view;
	Datum		roles[lengthof(role_names)];
	Datum	   *pool_texts;
	char	   *body_buf = NULL,
			   *label_buf = NULL;
	uint32		body_cap = 0,
				label_cap = 0;
	Datum		values[TURNS_NCOLS];
	bool		nulls[TURNS_NCOLS];

	transcript_init_srf(fcinfo);
	transcript_open(t, &view);

	/*
	 * Names, keys and roles repeat from turn to turn: each is made into a
	 * text once per call (pool strings by their offset), not once per row.
	 */
	for (int r = 0; r < (int) lengthof(role_names); r++)
		roles[r] = CStringGetTextDatum(role_names[r]);
	pool_texts = palloc_extended(sizeof(Datum) * ((Size) view.doc.pool_len + 1),
								 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

	for (uint32 i = 0; i < view.doc.n_turns; i++)
	{
		const TrTurn *turn = &view.doc.turns[i];
		const TrStr *strs[4] = {&turn->speaker, &turn->speaker_key,
		&turn->addressee, &turn->affiliation};
		static const int cols[4] = {2, 3, 5, 6};
		char	   *in_place = NULL;
		char		saved[VARHDRSZ];

		CHECK_FOR_INTERRUPTS();
		memset(nulls, 0, sizeof(nulls));
		for (int k = 0; k < 4; k++)
		{
			TrStr		ps = *strs[k];

			if (ps.off == TR_NULL_OFF)
			{
				nulls[cols[k]] = true;
				continue;
			}
			if (pool_texts[ps.off] == (Datum) 0)
				pool_texts[ps.off] = PointerGetDatum(transcript_pool_text(&view.doc, ps));
			values[cols[k]] = pool_texts[ps.off];
		}

		values[0] = Int32GetDatum((int32) i + 1);
		if (turn->label_len > 0)
		{
			label_buf = grow(label_buf, &label_cap, (Size) VARHDRSZ + turn->label_len);
			memcpy(VARDATA(label_buf), view.text + turn->label_off, turn->label_len);
			SET_VARSIZE(label_buf, VARHDRSZ + turn->label_len);
			values[1] = PointerGetDatum(label_buf);
		}
		else
			nulls[1] = true;
		values[4] = roles[turn->role];
		values[7] = BoolGetDatum((turn->flags & TR_TURN_INTERPRETED) != 0);
		values[9] = Int32GetDatum((int32) turn->char_start);
		values[10] = Int32GetDatum((int32) turn->char_end);

		if (own && view.plain != NULL && view.plain[i].len != TR_NULL_OFF &&
			HEADER_FITS(view.text + view.plain[i].off - VARHDRSZ))
		{
			/* the text starts past the store's header: these bytes are ours */
			in_place = (char *) view.text + view.plain[i].off - VARHDRSZ;
			memcpy(saved, in_place, VARHDRSZ);
			SET_VARSIZE(in_place, VARHDRSZ + view.plain[i].len);
			values[8] = PointerGetDatum(in_place);
		}
		else
		{
			/* built in a buffer that grows, as a text datum */
			body_buf = grow(body_buf, &body_cap,
							(Size) VARHDRSZ + turn->body_end - turn->body_start);
			SET_VARSIZE(body_buf, VARHDRSZ + tr_turn_body(view.text, &view.doc, turn,
														  VARDATA(body_buf)));
			values[8] = PointerGetDatum(body_buf);
		}

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		if (in_place)
			memcpy(in_place, saved, VARHDRSZ);
	}
	return (Datum) 0;
}

/* turns(transcript) */
Datum
transcript_turns(PG_FUNCTION_ARGS)
{
	bool		own;
	Transcript *t = getarg_transcript(fcinfo, false, &own);

	return emit_turns(fcinfo, t, own);
}

/* turns(text): the same, parsing the text first */
Datum
transcript_turns_text(PG_FUNCTION_ARGS)
{
	bool		own;
	Transcript *t = getarg_transcript(fcinfo, true, &own);

	return emit_turns(fcinfo, t, own);
}

/* An ISO 'YYYY-MM-DD' string as a date datum; false if it is not one. */
static bool
iso_date(const char *s, uint32 len, Datum *result)
{
	int			y,
				m,
				d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > day_tab[isleap(y)][m - 1])
		return false;
	*result = DateADTGetDatum(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
	return true;
}

/* The header block's metadata as one row. */
static Datum
emit_meta(FunctionCallInfo fcinfo, Transcript *t)
{
	TranscriptView view;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6];
	TrStr		date;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	transcript_open(t, &view);

	memset(nulls, 0, sizeof(nulls));
	set_text(values, nulls, 0, transcript_pool_text(&view.doc, view.doc.meta.title));
	date = view.doc.meta.event_date;
	nulls[1] = (date.off == TR_NULL_OFF ||
				!iso_date(view.doc.pool + date.off, date.len, &values[1]));
	set_text(values, nulls, 2, transcript_pool_text(&view.doc, view.doc.meta.place));
	set_text(values, nulls, 3, transcript_pool_text(&view.doc, view.doc.meta.language));
	set_text(values, nulls, 4, transcript_pool_text(&view.doc, view.doc.meta.principal));
	values[5] = Int32GetDatum((int32) view.doc.n_turns);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* transcript_meta(transcript) */
Datum
transcript_meta(PG_FUNCTION_ARGS)
{
	bool		own;

	return emit_meta(fcinfo, getarg_transcript(fcinfo, false, &own));
}

/* transcript_meta(text) */
Datum
transcript_meta_text(PG_FUNCTION_ARGS)
{
	bool		own;

	return emit_meta(fcinfo, getarg_transcript(fcinfo, true, &own));
}
