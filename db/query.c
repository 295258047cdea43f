/* db/query.c: (being written) */
#include "config.h"
