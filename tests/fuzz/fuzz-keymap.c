/* fuzz-keymap.c: libFuzzer target for the keymap parser (the same one
 * reads the keymaps/ files and the user's file): arbitrary bytes through
 * keymap_load_buffer into a fresh keymap, then a second load into the
 * same map (rebinding and unbinding what the first load made). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "keys.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	 d = fuzz_diag();
	struct keymap	*km = keymap_new();

	keymap_load_buffer(km, "fuzz.keys", (const char *)data, size, &d);
	keymap_load_buffer(km, "fuzz.keys", (const char *)data, size, &d);
	keymap_free(km);
	return 0;
}
