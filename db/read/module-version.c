/* module-version.c: compiled into every module, so brief can refuse a
 * module left over from another version, whose builder calls and
 * structures may not match its own (module.c). */
#include "config.h"

extern const char	brief_module_version[];
const char		brief_module_version[] = PACKAGE_VERSION;
