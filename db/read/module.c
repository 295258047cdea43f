/* module.c: the readers' modules loaded with dlopen() on first use (see
 * module.h).  A table of the modules loaded so far, each with its
 * handle or the reason it could not be loaded, kept until exit (poppler
 * and glib are not made to be unloaded); a mutex, as the importer reads
 * on two threads.  Also the list of what brief exports to the modules
 * (module-api.def), kept in the link here. */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "encoding.h"
#include "file.h"
#include "front-matter.h"
#include "letter-parts.h"
#include "module.h"
#include "sanitize.h"
#include "xmalloc.h"

/* Every function a module may call in brief.  The build exports these
 * names and no others (--dynamic-list, made from the same list); the
 * table makes the linker keep each, even one brief itself never calls. */
#define API(sym)	(module_fn)sym,
const module_fn	module_api[] = {
#include "module-api.def"
};
#undef API

#define MAX_MODULES	8

struct module {
	char	 name[32];
	char	 path[PATH_MAX];
	void	*handle;		/* NULL: could not be loaded */
	char	*why;			/* then why */
};

static struct module	modules[MAX_MODULES];
static size_t		nmodules;
static pthread_mutex_t	lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether the program runs from the tree it was built in: its folder is
 * the build folder configure compiled in (both resolved, as
 * /proc/self/exe is).  An installed copy elsewhere never looks beside
 * itself, where anyone able to write that folder could plant a module. */
static int
in_build_tree(const char *dir)
{
	char	 real[PATH_MAX];

	return realpath(BRIEF_BUILDDIR, real) != NULL &&
	    strcmp(real, dir) == 0;
}

/* $BRIEF_MODULES; else db/read/ beside the program when it runs from
 * its build tree (make check, ./brief before make install); else the
 * folder configure chose. */
static void
locate(const char *name, char *path, size_t cap)
{
	const char	*env = getenv("BRIEF_MODULES");
	char		 exe[PATH_MAX];
	ssize_t		 n;
	char		*slash;

	if (env != NULL && *env != '\0') {
		snprintf(path, cap, "%s/%s.so", env, name);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		if (slash != NULL && in_build_tree(exe)) {
			n = snprintf(path, cap, "%s/db/read/%s.so", exe,
			    name);
			if (n > 0 && (size_t)n < cap &&
			    access(path, R_OK) == 0)
				return;
		}
	}
	snprintf(path, cap, "%s/%s.so", BRIEF_MODDIR, name);
}

/* dlerror() names the path first; the message names it already. */
static char *
reason(const char *path)
{
	const char	*e = dlerror();
	size_t		 n = strlen(path);

	if (e == NULL)
		e = "unknown error";
	if (strncmp(e, path, n) == 0 && strncmp(e + n, ": ", 2) == 0)
		e += n + 2;
	return xstrdup(e);
}

static void
load(struct module *m)
{
	const char	*v;

	locate(m->name, m->path, sizeof m->path);
	if ((m->handle = dlopen(m->path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		m->why = reason(m->path);
		return;
	}
	v = dlsym(m->handle, "brief_module_version");
	if (v == NULL || strcmp(v, PACKAGE_VERSION) != 0) {
		m->why = xasprintf("not a module of brief %s", PACKAGE_VERSION);
		dlclose(m->handle);
		m->handle = NULL;
	}
}

static struct module *
find(const char *name)
{
	struct module	*m;

	for (size_t i = 0; i < nmodules; i++)
		if (strcmp(modules[i].name, name) == 0)
			return &modules[i];
	if (nmodules == MAX_MODULES || strlen(name) >= sizeof m->name)
		abort();
	m = &modules[nmodules++];
	strcpy(m->name, name);
	load(m);
	return m;
}

module_fn
module_sym(const char *name, const char *sym, const char *doing,
    const char *file, struct diag *d)
{
	struct module	*m;
	module_fn	 fn = NULL;
	void		*p;

	pthread_mutex_lock(&lock);
	m = find(name);
	if (m->handle == NULL) {
		diag_error(d, file, 0, 0, "cannot %s: module %s: %s", doing,
		    m->path, m->why);
		goto out;
	}
	if ((p = dlsym(m->handle, sym)) == NULL) {
		diag_error(d, file, 0, 0, "cannot %s: module %s has no %s",
		    doing, m->path, sym);
		goto out;
	}
	/* POSIX lets a dlsym() result be a function pointer. */
	memcpy(&fn, &p, sizeof fn);
out:
	pthread_mutex_unlock(&lock);
	return fn;
}
