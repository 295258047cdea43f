/* cli.h (being written) */
