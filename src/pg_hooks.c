/*
 * pg_hooks.c
 *		Module entry: point the core's allocation and interrupt hooks at the
 *		server, and the encoding check every entry point shares.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"

#include "pg_hooks.h"
#include "tr_mem.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Huge allocations: a document may approach the 1 GB varlena limit. */
static void *
pg_alloc(size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size ? size : 1);
}

static void *
pg_realloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return pg_alloc(size);
	return repalloc_huge(ptr, size ? size : 1);
}

static void
pg_free(void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

static void
pg_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

static void
pg_fail(const char *message)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("transcript: %s", message)));
}

void
_PG_init(void)
{
	tr_hooks.alloc = pg_alloc;
	tr_hooks.realloc = pg_realloc;
	tr_hooks.free = pg_free;
	tr_hooks.check_interrupts = pg_check_interrupts;
	tr_hooks.fail = pg_fail;
}

/*
 * The core works on UTF-8 and reports UTF-8 character positions; in any
 * other database encoding its answers would be wrong, so refuse clearly.
 */
void
transcript_require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("transcript requires a database with UTF8 encoding"),
				 errdetail("The current database encoding is %s.",
						   GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

/*
 * Materialize mode for a set-returning function, without leaving anything
 * in the query's memory per call.  InitMaterializedSRF builds the result
 * descriptor with get_call_result_type in the query's memory, and the
 * catalog lookups behind it leave some hundred bytes there that stay until
 * the query ends: 800 MB over a million rows of turns().  In FROM, the
 * executor gives the expected descriptor, whose copy it frees after each
 * call; in a select list it gives none, but there it calls the function in
 * memory that it resets for every row, and the plain form is used.
 */
void
transcript_init_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bits32		flags = 0;

	if (rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) && rsinfo->expectedDesc != NULL)
		flags |= MAT_SRF_USE_EXPECTED_DESC;
	InitMaterializedSRF(fcinfo, flags);
}
