/*
 * turns_sql.c
 *		SQL functions over a transcript's parse: turns() and
 *		transcript_meta().
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupmacs.h"
#include "catalog/pg_type.h"
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

/* The transcript argument, or a text argument parsed on the fly. */
static Transcript *
getarg_transcript(FunctionCallInfo fcinfo, bool is_text)
{
	text	   *txt;

	if (!is_text)
		return PG_GETARG_TRANSCRIPT_P(0);
	txt = PG_GETARG_TEXT_PP(0);
	return transcript_from_text(VARDATA_ANY(txt), VARSIZE_ANY_EXHDR(txt));
}

/* Grow *buf to hold n bytes. */
static char *
grow(char *buf, Size *cap, Size n)
{
	if (n <= *cap)
		return buf;
	*cap = Max(n, 8192);
	return buf ? repalloc_huge(buf, *cap) : MemoryContextAllocHuge(CurrentMemoryContext, *cap);
}

/*
 * Rows formed by hand.  tuplestore_putvalues zeroes a new tuple and fills
 * it column by column through the general code, which was most of turns()
 * after detoasting; turns() instead forms each row in one reused buffer,
 * exactly as heap_form_tuple would (same alignment, same short headers),
 * with every string copied once, straight from the value (labels, bodies
 * in one piece) or its pool (names), and tuplestore_puttuple copies the row
 * in one piece.  The row type is turns()'s own: the install script fixes
 * it, and row_type_check makes sure.
 */
#define COL_TURN_NO		0
#define COL_LABEL		1		/* columns 1 to 6 are texts */
#define COL_ROLE		4
#define COL_INTERPRETED	7
#define COL_BODY		8
#define COL_CHAR_START	9
#define COL_CHAR_END	10

static void
row_type_check(TupleDesc desc)
{
	if (desc->natts != TURNS_NCOLS)
		elog(ERROR, "turns() has a row type other than its own");
	for (int i = 0; i < TURNS_NCOLS; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		Oid			type = (i == COL_TURN_NO || i == COL_CHAR_START || i == COL_CHAR_END) ? INT4OID :
			i == COL_INTERPRETED ? BOOLOID : TEXTOID;

		if (att->atttypid != type || att->attisdropped)
			elog(ERROR, "turns() has a row type other than its own");
	}
}

/* A text column of the row: payload p of n bytes, or NULL. */
typedef struct RowText
{
	const char *p;
	Size		n;
} RowText;

/* Zero from data up to the next int-aligned address and return that. */
static inline char *
align_int(char *data)
{
	char	   *at = (char *) att_align_nominal(data, TYPALIGN_INT);

	while (data < at)
		*data++ = 0;
	return at;
}

/* Append an int4 column, as heap_fill_tuple would. */
static inline char *
put_int4(char *data, int32 v)
{
	data = align_int(data);
	memcpy(data, &v, sizeof(v));
	return data + sizeof(v);
}

/* Append a text column: a 1-byte header if it fits, else an aligned 4-byte one. */
static inline char *
put_text(char *data, RowText t)
{
	if (t.n + VARHDRSZ_SHORT <= VARATT_SHORT_MAX)
	{
		SET_VARSIZE_SHORT(data, t.n + VARHDRSZ_SHORT);
		data += VARHDRSZ_SHORT;
	}
	else
	{
		data = align_int(data);
		SET_VARSIZE(data, t.n + VARHDRSZ);
		data += VARHDRSZ;
	}
	memcpy(data, t.p, t.n);
	return data + t.n;
}

/*
 * Form a row of turns() in *buf (heap tuple format) and put it in the
 * tuplestore.  texts[1..6]: the text columns before interpreted (NULL p:
 * SQL NULL; only role is never NULL).
 */
static void
put_row(ReturnSetInfo *rsinfo, char **buf, Size *cap, int32 turn_no, const RowText *texts,
		bool interpreted, RowText body, int32 char_start, int32 char_end)
{
	TupleDesc	desc = rsinfo->setDesc;
	uint32		bitmap;			/* bit i: column i is not null */
	Size		hoff,
				len;
	HeapTupleHeader td;
	HeapTupleData tuple;
	char	   *data;

	/* room enough: every column at most its payload, a header and padding */
	bitmap = (1 << TURNS_NCOLS) - 1;
	len = body.n + TURNS_NCOLS * (VARHDRSZ + MAXIMUM_ALIGNOF);
	for (int i = COL_LABEL; i < COL_INTERPRETED; i++)
	{
		if (texts[i].p == NULL)
			bitmap &= ~((uint32) 1 << i);
		else
			len += texts[i].n;
	}
	hoff = offsetof(HeapTupleHeaderData, t_bits);
	if (bitmap != (1 << TURNS_NCOLS) - 1)
		hoff += BITMAPLEN(TURNS_NCOLS);
	hoff = MAXALIGN(hoff);
	len += hoff;
	if (len > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("turn row is too large")));
	*buf = grow(*buf, cap, len);

	td = (HeapTupleHeader) *buf;
	HeapTupleHeaderSetTypeId(td, desc->tdtypeid);
	HeapTupleHeaderSetTypMod(td, desc->tdtypmod);
	ItemPointerSetInvalid(&td->t_ctid);
	td->t_infomask2 = TURNS_NCOLS;
	td->t_infomask = HEAP_HASVARWIDTH;
	td->t_hoff = hoff;
	/* the null bitmap (if any) and the padding up to the data */
	memset(td->t_bits, 0, hoff - offsetof(HeapTupleHeaderData, t_bits));
	if (bitmap != (1 << TURNS_NCOLS) - 1)
	{
		td->t_infomask |= HEAP_HASNULL;
		for (int b = 0; b < BITMAPLEN(TURNS_NCOLS); b++)
			td->t_bits[b] = (bits8) (bitmap >> (8 * b));
	}

	/* the columns in order, as heap_fill_tuple: padding zeroed */
	data = put_int4(*buf + hoff, turn_no);
	for (int i = COL_LABEL; i < COL_INTERPRETED; i++)
		if (texts[i].p != NULL)
			data = put_text(data, texts[i]);
	*data++ = interpreted ? 1 : 0;
	data = put_text(data, body);
	data = put_int4(data, char_start);
	data = put_int4(data, char_end);

	len = data - *buf;
	HeapTupleHeaderSetDatumLength(td, len);
	tuple.t_len = len;
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = td;
	tuplestore_puttuple(rsinfo->setResult, &tuple);
}

/*
 * One row per speaker turn, in order.  Materialize mode.  Nothing is
 * allocated per row: every string is copied into the row from where it
 * lies, but for a body with cuts, built in a buffer reused from row to row.
 */
static Datum
emit_turns(FunctionCallInfo fcinfo, Transcript *t)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TranscriptView view;
	char	   *body_buf = NULL,
			   *row_buf = NULL;
	Size		body_cap = 0,
				row_cap = 0;

	transcript_init_srf(fcinfo);
	row_type_check(rsinfo->setDesc);
	transcript_open(t, &view);

	for (uint32 i = 0; i < view.doc.n_turns; i++)
	{
		const TrTurn *turn = &view.doc.turns[i];
		const TrStr *names[4] = {&turn->speaker, &turn->speaker_key,
		&turn->addressee, &turn->affiliation};
		static const int name_cols[4] = {2, 3, 5, 6};
		RowText		texts[COL_INTERPRETED];
		RowText		body;

		CHECK_FOR_INTERRUPTS();
		texts[COL_LABEL].p = turn->label_len > 0 ? view.text + turn->label_off : NULL;
		texts[COL_LABEL].n = turn->label_len;
		for (int k = 0; k < 4; k++)
		{
			texts[name_cols[k]].p = names[k]->off == TR_NULL_OFF ? NULL : view.doc.pool + names[k]->off;
			texts[name_cols[k]].n = names[k]->len;
		}
		texts[COL_ROLE].p = role_names[turn->role];
		texts[COL_ROLE].n = strlen(role_names[turn->role]);

		if (turn->cut_count == 0)
		{
			/* one piece of the text: copied into the row from there */
			uint32		off,
						len;

			tr_plain_body(view.text, turn, &off, &len);
			body.p = view.text + off;
			body.n = len;
		}
		else
		{
			/* cuts to leave out: built in a buffer that grows */
			body_buf = grow(body_buf, &body_cap, Max(turn->body_end - turn->body_start, 1));
			body.n = tr_turn_body(view.text, &view.doc, turn, body_buf);
			body.p = body_buf;
		}

		put_row(rsinfo, &row_buf, &row_cap, (int32) i + 1, texts,
				(turn->flags & TR_TURN_INTERPRETED) != 0, body,
				(int32) turn->char_start, (int32) turn->char_end);
	}
	return (Datum) 0;
}

/* turns(transcript) */
Datum
transcript_turns(PG_FUNCTION_ARGS)
{
	return emit_turns(fcinfo, getarg_transcript(fcinfo, false));
}

/* turns(text): the same, parsing the text first */
Datum
transcript_turns_text(PG_FUNCTION_ARGS)
{
	return emit_turns(fcinfo, getarg_transcript(fcinfo, true));
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
	return emit_meta(fcinfo, getarg_transcript(fcinfo, false));
}

/* transcript_meta(text) */
Datum
transcript_meta_text(PG_FUNCTION_ARGS)
{
	return emit_meta(fcinfo, getarg_transcript(fcinfo, true));
}
