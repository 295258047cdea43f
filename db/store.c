/* db/store.c: (being written) */
#include "config.h"
