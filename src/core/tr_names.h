/*
 * tr_names.h
 *		Speaker names: identity keys across titles, languages and scripts.
 *
 * 'FOREIGN MINISTER LAVROV', 'Sergey Lavrov', 'Sergei Lavrov', 'С.В.Лавров'
 * and 'Lavrov' share one key.  Uses ICU (transliteration, case folding);
 * ICU handles are opened once per process and kept.
 */
#ifndef TR_NAMES_H
#define TR_NAMES_H

#include <stddef.h>

/*
 * Identity key of a person's name or label, NUL-terminated, allocated with
 * tr_alloc; *out_len gets its length.  NULL when the name carries no
 * identity (empty, 'Q', 'Question').
 */
extern char *tr_speaker_key(const char *name, size_t len, size_t *out_len);

#endif
