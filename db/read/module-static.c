/* module-static.c: module_sym() for the programs that link the readers
 * in (unit tests, fuzz targets): the same names, from a table instead of
 * dlopen(), so they test the very code the modules hold. */
#include "config.h"

#include <string.h>

#include "encoding.h"
#include "module.h"
#include "read.h"

static const struct {
	const char	*sym;
	module_fn	 fn;
} syms[] = {
#define FORMAT(id, name, what, module) \
	{ "read_" #id, (module_fn)read_##id },
#define BUILTIN(id, name, what)
#include "formats.def"
#undef FORMAT
#undef BUILTIN
	/* The extra entry points, besides the readers. */
	{ "read_odt_detect", (module_fn)read_odt_detect },
	{ "charset_guess", (module_fn)charset_guess },
};

module_fn
module_sym(const char *name, const char *sym, const char *doing,
    const char *file, struct diag *d)
{
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
		if (strcmp(syms[i].sym, sym) == 0)
			return syms[i].fn;
	diag_error(d, file, 0, 0, "cannot %s: no %s linked in", doing, sym);
	return NULL;
}
