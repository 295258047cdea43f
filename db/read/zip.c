/* zip.c: ZIP archives in memory through libzip, for the DOCX and ODT
 * readers (see zipread.h).  The sizes an archive declares are checked
 * first, then the bytes really inflated, since a crafted archive may
 * declare anything. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "xmalloc.h"
#include "zipread.h"

struct zipread {
	const char	*file;
	zip_t		*za;
	size_t		 total;		/* bytes inflated so far */
};

int
zipread_magic(const char *buf, size_t len)
{
	return len >= 4 && memcmp(buf, "PK\003\004", 4) == 0;
}

struct zipread *
zipread_open(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct zipread	*z;
	zip_source_t	*src;
	zip_t		*za;
	zip_error_t	 err;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(buf, len, 0, &err)) == NULL)
		goto fail;
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		zip_source_free(src);
		goto fail;
	}
	z = xcalloc(1, sizeof *z);
	z->file = file;
	z->za = za;
	zip_error_fini(&err);
	return z;
fail:
	if (d != NULL)
		diag_error(d, file, 0, 0, "not a readable ZIP archive (%s)",
		    zip_error_strerror(&err));
	zip_error_fini(&err);
	return NULL;
}

void
zipread_close(struct zipread *z)
{
	if (z == NULL)
		return;
	zip_discard(z->za);
	free(z);
}

int
zipread_has(struct zipread *z, const char *name)
{
	return zip_name_locate(z->za, name, 0) >= 0;
}

const char *
zipread_first(struct zipread *z)
{
	if (zip_get_num_entries(z->za, 0) < 1)
		return NULL;
	return zip_get_name(z->za, 0, 0);
}

/* The limits on what a member may become: 0, or -1 with the message. */
static int
over_limit(struct zipread *z, const char *name, zip_uint64_t size,
    zip_uint64_t comp, struct diag *d)
{
	if (size > ZIPREAD_MEMBER_MAX ||
	    z->total + size > ZIPREAD_TOTAL_MAX) {
		diag_error(d, z->file, 0, 0, "%s: expands beyond %u MB "
		    "(a ZIP bomb?)", name, (size > ZIPREAD_MEMBER_MAX ?
		    ZIPREAD_MEMBER_MAX : ZIPREAD_TOTAL_MAX) >> 20);
		return -1;
	}
	if (size > (1u << 20) && size / ZIPREAD_RATIO > comp) {
		diag_error(d, z->file, 0, 0, "%s: expands more than %d times "
		    "its compressed size (a ZIP bomb?)", name, ZIPREAD_RATIO);
		return -1;
	}
	return 0;
}

int
zipread_member(struct zipread *z, const char *name, char **out,
    size_t *len, struct diag *d)
{
	zip_int64_t	 idx, n;
	zip_stat_t	 st;
	zip_file_t	*zf = NULL;
	struct buf	 b = { 0 };
	char		 chunk[65536];
	int		 rc = -1;

	*out = NULL;
	*len = 0;
	if ((idx = zip_name_locate(z->za, name, 0)) < 0)
		return 1;
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
	    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
		diag_error(d, z->file, 0, 0, "%s: damaged ZIP entry", name);
		return -1;
	}
	if (over_limit(z, name, st.size, st.comp_size, d) != 0)
		return -1;
	if ((zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)) == NULL) {
		zip_error_t *e = zip_get_error(z->za);

		diag_error(d, z->file, 0, 0, "%s: cannot be read (%s)", name,
		    zip_error_code_zip(e) == ZIP_ER_NOPASSWD ?
		    "encrypted" : zip_error_strerror(e));
		return -1;
	}
	/* The declared size may lie: count what really comes out. */
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		buf_add(&b, chunk, (size_t)n);
		if (over_limit(z, name, b.len, st.comp_size, d) != 0)
			goto out;
	}
	if (n < 0) {
		diag_error(d, z->file, 0, 0, "%s: damaged (%s)", name,
		    zip_file_strerror(zf));
		goto out;
	}
	z->total += b.len;
	*len = b.len;
	*out = buf_steal(&b);
	rc = 0;
out:
	zip_fclose(zf);
	buf_free(&b);
	return rc;
}
