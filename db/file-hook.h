/* file-hook.h: for the tests only, not the program: a function file_load
 * (db/file.c) calls with the path of each file it has just mapped, so a
 * test can cut the file shorter between its mapping and the passes over
 * it, every time at the same point.  NULL (the default): none. */
#ifndef BRIEF_FILE_HOOK_H
#define BRIEF_FILE_HOOK_H

void	file_set_load_hook(void (*fn)(const char *path));

#endif
