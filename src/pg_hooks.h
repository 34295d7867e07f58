/*
 * pg_hooks.h
 *		Glue between the core's hooks and the server.
 */
#ifndef TRANSCRIPT_PG_HOOKS_H
#define TRANSCRIPT_PG_HOOKS_H

#include "fmgr.h"

/* Refuse to work in a database whose encoding is not UTF8. */
extern void transcript_require_utf8(void);

/* InitMaterializedSRF that leaves nothing behind in the query's memory. */
extern void transcript_init_srf(FunctionCallInfo fcinfo);

#endif
