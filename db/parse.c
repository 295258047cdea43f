/* db/parse.c: (being written) */
#include "config.h"
