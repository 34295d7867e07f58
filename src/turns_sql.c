/*
 * turns_sql.c
 *		SQL functions over a transcript's parse: turns() and
 *		transcript_meta().
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupmacs.h"
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
 * with the body copied straight from the text, and tuplestore_puttuple
 * copies it in one piece.  Only for a row type of pass-by-value columns of
 * 1, 2, 4 or 8 bytes and text-like varlena columns, as turns() returns; any
 * other goes through tuplestore_putvalues.
 */
typedef struct RowForm
{
	ReturnSetInfo *rsinfo;
	char	   *buf;			/* the row being formed; grows */
	Size		cap;
	struct
	{
		int16		len;		/* attlen */
		char		align;		/* attalign */
	}			col[TURNS_NCOLS];
} RowForm;

/* Set up *rf for the call's row type; false if it is not one we form. */
static bool
row_form_init(RowForm *rf, ReturnSetInfo *rsinfo)
{
	TupleDesc	desc = rsinfo->setDesc;

	memset(rf, 0, sizeof(*rf));
	rf->rsinfo = rsinfo;
	if (desc->natts != TURNS_NCOLS)
		return false;
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped)
			return false;
		if (att->attbyval ? !(att->attlen == 1 || att->attlen == 2 ||
							  att->attlen == 4 || att->attlen == 8)
			: (att->attlen != -1 || att->attstorage == TYPSTORAGE_PLAIN))
			return false;
		rf->col[i].len = att->attlen;
		rf->col[i].align = att->attalign;
	}
	return true;
}

/*
 * The payload of varlena column i: its datum's, or for the column raw_col
 * the raw_len bytes at raw.  Every varlena datum here is a 4-byte-header
 * inline value of ours.
 */
static inline void
column_bytes(Datum *values, int i, int raw_col, const char *raw, Size raw_len,
			 const char **p, Size *len)
{
	if (i == raw_col)
	{
		*p = raw;
		*len = raw_len;
	}
	else
	{
		*p = VARDATA(DatumGetPointer(values[i]));
		*len = VARSIZE(DatumGetPointer(values[i])) - VARHDRSZ;
	}
}

/*
 * Form the row in rf->buf (heap tuple format) and put it in the tuplestore.
 * payload: at least the total length of the row's varlena columns.
 */
static void
put_row(RowForm *rf, Datum *values, bool *nulls, int raw_col, const char *raw, Size raw_len,
		Size payload)
{
	TupleDesc	desc = rf->rsinfo->setDesc;
	bool		hasnull = false;
	Size		hoff,
				len;
	HeapTupleHeader td;
	HeapTupleData tuple;
	char	   *data;
	uint16		infomask = 0;
	uint32		bitmap = 0;		/* bit i: column i is not null */

	StaticAssertStmt(TURNS_NCOLS <= 32, "the null bitmap is kept in a uint32");
	for (int i = 0; i < TURNS_NCOLS; i++)
		hasnull |= nulls[i];
	hoff = offsetof(HeapTupleHeaderData, t_bits);
	if (hasnull)
		hoff += BITMAPLEN(TURNS_NCOLS);
	hoff = MAXALIGN(hoff);
	/* room enough: every column at most its payload, a header and padding */
	len = hoff + payload + TURNS_NCOLS * (VARHDRSZ + MAXIMUM_ALIGNOF);
	if (len > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("turn row is too large")));

	rf->buf = grow(rf->buf, &rf->cap, len);
	td = (HeapTupleHeader) rf->buf;
	HeapTupleHeaderSetTypeId(td, desc->tdtypeid);
	HeapTupleHeaderSetTypMod(td, desc->tdtypmod);
	ItemPointerSetInvalid(&td->t_ctid);
	td->t_infomask2 = TURNS_NCOLS;
	td->t_hoff = hoff;
	/* the null bitmap and the padding up to the data */
	memset(td->t_bits, 0, hoff - offsetof(HeapTupleHeaderData, t_bits));
	if (hasnull)
		infomask |= HEAP_HASNULL;

	/* the columns, as heap_fill_tuple; padding zeroed as palloc0 leaves it */
	data = rf->buf + hoff;
	for (int i = 0; i < TURNS_NCOLS; i++)
	{
		const char *p;
		Size		n;
		char	   *at;

		if (nulls[i])
			continue;
		bitmap |= (uint32) 1 << i;
		if (rf->col[i].len > 0)
		{
			at = (char *) att_align_nominal(data, rf->col[i].align);
			while (data < at)
				*data++ = 0;
			store_att_byval(at, values[i], rf->col[i].len);
			data = at + rf->col[i].len;
			continue;
		}
		infomask |= HEAP_HASVARWIDTH;
		column_bytes(values, i, raw_col, raw, raw_len, &p, &n);
		if (n + VARHDRSZ_SHORT <= VARATT_SHORT_MAX)
		{
			SET_VARSIZE_SHORT(data, n + VARHDRSZ_SHORT);
			memcpy(data + VARHDRSZ_SHORT, p, n);
			data += n + VARHDRSZ_SHORT;
		}
		else
		{
			at = (char *) att_align_nominal(data, rf->col[i].align);
			while (data < at)
				*data++ = 0;
			SET_VARSIZE(at, n + VARHDRSZ);
			memcpy(at + VARHDRSZ, p, n);
			data = at + n + VARHDRSZ;
		}
	}
	Assert(data <= rf->buf + len);
	if (hasnull)
		for (int b = 0; b < BITMAPLEN(TURNS_NCOLS); b++)
			td->t_bits[b] = (bits8) (bitmap >> (8 * b));
	len = data - rf->buf;
	HeapTupleHeaderSetDatumLength(td, len);
	td->t_infomask = infomask;

	tuple.t_len = len;
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = td;
	tuplestore_puttuple(rf->rsinfo->setResult, &tuple);
}

#define BODY_COL 8

/*
 * One row per speaker turn, in order.  Materialize mode.  Nothing is
 * allocated per row: names, keys and roles are made into texts once per
 * call, the label and a body with cuts are built in buffers reused from
 * row to row, and a body that is one piece of the text (most are) is
 * copied straight from it into the row.
 */
static Datum
emit_turns(FunctionCallInfo fcinfo, Transcript *t)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TranscriptView view;
	Datum		roles[lengthof(role_names)];
	Datum	   *pool_texts;
	char	   *body_buf = NULL,
			   *label_buf = NULL;
	Size		body_cap = 0,
				label_cap = 0;
	RowForm		rf;
	Datum		values[TURNS_NCOLS];
	bool		nulls[TURNS_NCOLS];
	bool		by_hand;

	transcript_init_srf(fcinfo);
	transcript_open(t, &view);
	by_hand = row_form_init(&rf, rsinfo);

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
		const char *body;
		Size		body_len,
					payload;
		bool		built = false;

		CHECK_FOR_INTERRUPTS();
		memset(nulls, 0, sizeof(nulls));
		payload = turn->label_len + VARSIZE(DatumGetPointer(roles[turn->role]));
		for (int k = 0; k < 4; k++)
		{
			TrStr		ps = *strs[k];

			if (ps.off == TR_NULL_OFF)
			{
				nulls[cols[k]] = true;
				continue;
			}
			payload += ps.len;
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

		if (view.plain != NULL && view.plain[i].len != TR_NULL_OFF)
		{
			body = view.text + view.plain[i].off;
			body_len = view.plain[i].len;
		}
		else
		{
			/* built in a buffer that grows, as a text datum */
			body_buf = grow(body_buf, &body_cap,
							(Size) VARHDRSZ + turn->body_end - turn->body_start);
			body_len = tr_turn_body(view.text, &view.doc, turn, VARDATA(body_buf));
			SET_VARSIZE(body_buf, VARHDRSZ + body_len);
			body = VARDATA(body_buf);
			built = true;
		}

		if (by_hand)
			put_row(&rf, values, nulls, BODY_COL, body, body_len, payload + body_len);
		else
		{
			if (!built)
			{
				body_buf = grow(body_buf, &body_cap, (Size) VARHDRSZ + body_len);
				memcpy(VARDATA(body_buf), body, body_len);
				SET_VARSIZE(body_buf, VARHDRSZ + body_len);
			}
			values[BODY_COL] = PointerGetDatum(body_buf);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
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
