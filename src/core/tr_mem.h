/*
 * tr_mem.h
 *		Allocation and interrupt hooks of the text-processing core.
 *
 * The core never calls malloc or PostgreSQL directly: the SQL layer points
 * these hooks at palloc and CHECK_FOR_INTERRUPTS, standalone tools (unit
 * tests, fuzzers, benchmarks) at malloc.  An allocation hook never returns
 * NULL: it either succeeds or does not return (abort, or longjmp from
 * ereport).  Because the interrupt hook may longjmp, core code must not hold
 * anything that needs explicit release (an ICU handle, a malloc'ed buffer
 * outside the hooks) across a call to tr_check_interrupts().
 */
#ifndef TR_MEM_H
#define TR_MEM_H

#include <stddef.h>

typedef struct TrHooks
{
	void	   *(*alloc) (size_t size);
	void	   *(*realloc) (void *ptr, size_t size);
	void		(*free) (void *ptr);
	void		(*check_interrupts) (void);
	/* reports an impossible request (size overflow); does not return */
	void		(*fail) (const char *message);
} TrHooks;

extern TrHooks tr_hooks;

#define tr_alloc(sz)			(tr_hooks.alloc(sz))
#define tr_realloc(p, sz)		(tr_hooks.realloc((p), (sz)))
#define tr_free(p)				(tr_hooks.free(p))

/* Call every TR_INTERRUPT_EVERY units of work in long loops. */
#define TR_INTERRUPT_EVERY		65536
#define tr_check_interrupts()	(tr_hooks.check_interrupts())

/* Zeroed allocation of n elements of size sz, with overflow check. */
extern void *tr_alloc_array(size_t n, size_t sz);

/* Grow *arr (n elements used, *cap allocated) so that one more fits. */
extern void tr_grow(void **arr, size_t elem_size, size_t n, size_t *cap);

#endif
