/* module.h: the readers' modules (pdf.so, office.so, html.so,
 * markdown.so, charset.so), each holding the code that needs one family
 * of heavy libraries.  brief loads a module the first time a file needs
 * it, so a search, a listing or the reader never maps poppler, libxml2,
 * libzip, cmark-gfm or uchardet.  module.c finds them with dlopen();
 * the unit tests and fuzz targets link the readers in and resolve the
 * same names from a table (module-static.c).  Private to db/. */
#ifndef BRIEF_MODULE_H
#define BRIEF_MODULE_H

#include "diag.h"

/* Where the modules are looked for when BRIEF_MODULES is unset and
 * brief is not run from its build tree. */
#ifndef BRIEF_MODDIR
#define BRIEF_MODDIR	"/usr/local/lib/brief"
#endif

/* Any function: cast to its real type by the caller. */
typedef void	(*module_fn)(void);

/* The function sym of module name, loading it on first use (thread
 * safe; a module stays loaded).  NULL, with an error in d naming file,
 * the module's path and the reason, when it cannot be loaded or lacks
 * sym: "file: cannot <doing>: module <path>: <why>", doing saying what
 * the module was needed for ("read PDF"). */
module_fn	module_sym(const char *name, const char *sym, const char *doing,
		    const char *file, struct diag *d);

#endif
