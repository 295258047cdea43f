/* layout.h (being written) */
