/*
 * pg_hooks.h
 *		Glue between the core's hooks and the server.
 */
#ifndef TRANSCRIPT_PG_HOOKS_H
#define TRANSCRIPT_PG_HOOKS_H

/* Refuse to work in a database whose encoding is not UTF8. */
extern void transcript_require_utf8(void);

#endif
