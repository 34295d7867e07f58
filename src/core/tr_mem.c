/*
 * tr_mem.c
 *		Default (standalone) hooks: malloc, and no interrupts.
 */
#include "tr_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
std_alloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "transcript core: out of memory\n");
		abort();
	}
	return p;
}

static void *
std_realloc(void *ptr, size_t size)
{
	void	   *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "transcript core: out of memory\n");
		abort();
	}
	return p;
}

static void
std_free(void *ptr)
{
	free(ptr);
}

static void
std_check_interrupts(void)
{
}

static void
std_fail(const char *message)
{
	fprintf(stderr, "transcript core: %s\n", message);
	abort();
}

TrHooks		tr_hooks = {std_alloc, std_realloc, std_free, std_check_interrupts, std_fail};

void *
tr_alloc_array(size_t n, size_t sz)
{
	void	   *p;

	if (sz != 0 && n > ((size_t) -1) / sz)
		tr_hooks.fail("allocation size overflow");
	p = tr_alloc(n * sz);
	memset(p, 0, n * sz);
	return p;
}

void
tr_grow(void **arr, size_t elem_size, size_t n, size_t *cap)
{
	size_t		newcap;

	if (n < *cap)
		return;
	newcap = *cap ? *cap * 2 : 16;
	if (newcap > ((size_t) -1) / elem_size)
		tr_hooks.fail("allocation size overflow");
	*arr = *arr ? tr_realloc(*arr, newcap * elem_size) : tr_alloc(newcap * elem_size);
	*cap = newcap;
}
