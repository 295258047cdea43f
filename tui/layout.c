/* tui/layout.c: (being written) */
#include "config.h"
