/* fuzz-themes-conf.c: libFuzzer target for the themes.conf parser (the
 * same one reads data/themes.conf and the user's file): arbitrary bytes
 * parsed into a set holding the compiled-in themes, as at start-up, so
 * replacing a theme in place is exercised too.  Each theme kept must have
 * a slug, a name and a translated rule. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "themes.h"

static const char	builtin[] =
    "[asylum]\nname = Asylum and migration\n"
    "rule = asylum OR migra* OR \"people on the move\"\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag		d = fuzz_diag();
	struct theme_set	set;
	size_t			i;

	memset(&set, 0, sizeof set);
	themes_conf_parse(&set, "builtin", builtin, sizeof builtin - 1, &d);
	themes_conf_parse(&set, "fuzz.conf", (const char *)data, size, &d);
	for (i = 0; i < set.n; i++)
		if (set.v[i].slug == NULL || set.v[i].name == NULL ||
		    set.v[i].rule == NULL)
			abort();
	themes_set_free(&set);
	return 0;
}
