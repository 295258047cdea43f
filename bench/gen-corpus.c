/* gen-corpus.c: brief's benchmark corpus, deterministic from a seed.
 *
 *   gen-corpus [-n N] [-s SEED] [-b BLOCKS] [-w WORDS] -o DIR
 *
 * Writes N briefings into DIR in the source formats brief's importer reads:
 *
 *   - letters (half of them), in the seed letter's format: a Reference:
 *     line, "To the attn. of:" and "Cc:" blocks, a "Dear ...," salutation,
 *     an all-caps title, paragraphs, "- " recommendations with **bold**
 *     leads and sub-bullets nested by one leading space per level,
 *     superscript footnote markers glued to words or punctuation, a
 *     closing, signatures, and superscript footnote definitions with URLs;
 *   - annexes (a quarter), Markdown with front matter (title, kind: annex,
 *     parent: the letter's slug, date), # and ## headings, lists and
 *     [^n] footnotes;
 *   - briefings (a quarter), plain text with bracketed [n] references and
 *     a "Notes" endnote list.
 *
 * Text comes from WORDS (bench/words.txt: sections %noun %verb %adj %func
 * %name), drawn with a Zipf-like skew, with non-ASCII place and person
 * names (Türkiye, Zoë, Łódź, 北京, ...).  Document sizes vary around 10 KB,
 * so N=10000 is about 100 MB.  With -b, also writes DIR/big.md: one annex
 * of BLOCKS blocks (headings, paragraphs, bullets) for keypress timing.
 * Prints the number of bytes written.  Same N, SEED and WORDS, same bytes,
 * on any machine (own PRNG, no locale, no floating point in the draw). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- PRNG: splitmix64 ----------------------------------------------- */

static uint64_t	rng_state;

static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int
range(int lo, int hi)
{
	return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

static int
chance(int percent)
{
	return (int)(rnd() % 100) < percent;
}

/* A rank in [0, n) with a Zipf-like skew: log-uniform over [1, n+1),
 * computed in fixed point so it is the same everywhere. */
static size_t
zipf(size_t n)
{
	/* Pick k bits of magnitude uniformly, then a uniform value below
	 * 2^k: roughly P(r) ~ 1/r. */
	unsigned	bits = 0, k;
	uint64_t	v;

	while (((size_t)1 << bits) < n + 1)
		bits++;
	k = (unsigned)(rnd() % (bits + 1));
	v = k == 0 ? 0 : ((uint64_t)1 << (k - 1)) + rnd() % ((uint64_t)1 << (k - 1));
	return (size_t)(v % n);
}

/* --- vocabulary ----------------------------------------------------- */

enum { NOUN, VERB, ADJ, FUNC, NAME, NCLASS };

struct words {
	char	**v;
	size_t	  n, cap;
};

static struct words	vocab[NCLASS];

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("gen-corpus");
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*d = xrealloc(NULL, n);

	return memcpy(d, s, n);
}

static void
load_words(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 line[256];
	int	 cls = NOUN;

	if (f == NULL) {
		fprintf(stderr, "gen-corpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		struct words	*w;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == '%') {
			static const char *names[NCLASS] = {
				"noun", "verb", "adj", "func", "name" };

			for (cls = 0; cls < NCLASS; cls++)
				if (strcmp(line + 1, names[cls]) == 0)
					break;
			if (cls == NCLASS) {
				fprintf(stderr, "gen-corpus: %s: unknown "
				    "section %s\n", path, line);
				exit(1);
			}
			continue;
		}
		w = &vocab[cls];
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 256;
			w->v = xrealloc(w->v, w->cap * sizeof *w->v);
		}
		w->v[w->n++] = xstrdup(line);
	}
	fclose(f);
	for (cls = 0; cls < NCLASS; cls++)
		if (vocab[cls].n == 0) {
			fprintf(stderr, "gen-corpus: %s: a section is empty\n",
			    path);
			exit(1);
		}
}

/* Content words: half Zipf-skewed, half uniform, over a fixed shuffle of
 * the list (so the frequent words are not all from the start of the
 * alphabet).  Function words keep their order: the list puts "the" first. */
static const char *
word(int cls)
{
	size_t	n = vocab[cls].n;

	if (cls == FUNC)
		return vocab[cls].v[zipf(n)];
	return vocab[cls].v[chance(50) ? zipf(n) : (size_t)(rnd() % n)];
}

static void
shuffle_words(void)
{
	uint64_t	saved = rng_state;

	rng_state = 0x5eed;
	for (int cls = 0; cls < NCLASS; cls++) {
		struct words	*w = &vocab[cls];

		if (cls == FUNC)
			continue;
		for (size_t i = w->n - 1; i > 0; i--) {
			size_t	 j = (size_t)(rnd() % (i + 1));
			char	*t = w->v[i];

			w->v[i] = w->v[j];
			w->v[j] = t;
		}
	}
	rng_state = saved;
}

/* Non-ASCII names, so the index, the widths and the folding see them. */
static const char *places[] = {
	"Türkiye", "Łódź", "北京", "São Paulo", "Côte d'Ivoire", "Kraków",
	"Malmö", "Reykjavík", "Gdańsk", "Ελλάδα", "Україна", "Київ",
	"Curaçao", "Şanlıurfa", "Diyarbakır", "Hồ Chí Minh City", "香港",
	"新疆", "Zürich", "Genève", "Thessaloníki", "Chișinău", "Besançon",
	"Tromsø", "Bogotá", "Mérida", "Düsseldorf", "Liège", "Ústí nad Labem",
	"Iași", "Cluj-Napoca", "Málaga", "Pécs", "Šiauliai", "Rīga",
};
static const char *people[] = {
	"Zoë Dvořák", "Łucja Wróbel", "Ayşe Yılmaz", "Björn Ångström",
	"José Muñoz", "François Lefèvre", "Søren Kjærgaard", "Anaïs Müller",
	"Dragoș Țurcanu", "Nguyễn Thị Lan", "Jürgen Schäfer", "Małgorzata Nowak",
	"Zoltán Szűcs", "Iñaki Etxeberría", "Chloé Dubois", "Ólafur Jónsson",
	"Eleni Papadopoulou", "Oksana Kovalenko", "Wang Fang 王芳",
	"Mehmet Öztürk", "Renée Vermeulen", "Jiří Novák", "Aino Mäkinen",
};
static const char *countries[] = {
	"Belgium", "Spain", "Hungary", "Poland", "Denmark", "Cyprus",
	"Ireland", "Lithuania", "Greece", "Italy", "Latvia", "Luxembourg",
	"the Netherlands", "Malta", "Slovakia", "Slovenia", "Sweden",
	"Austria", "Portugal", "Finland", "Croatia", "Czechia", "Romania",
};
static const char *orgs[] = {
	"Amnesty International", "the Coalition for Rights", "the Civic Forum",
	"the Rule of Law Network", "Defenders Watch", "the Migration Policy Group",
	"the Digital Rights Alliance", "the Equality Institute",
};
static const char *roles[] = {
	"Prime Minister", "Minister of Foreign Affairs", "Minister of Justice",
	"Minister of the Interior", "State Secretary for Asylum and Migration",
	"Minister for Digital Affairs", "Minister for European Affairs",
};
static const char *months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *sup[] = {
	"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define PICK(a)		((a)[rnd() % NELEM(a)])

/* --- output buffer -------------------------------------------------- */

struct out {
	char	*s;
	size_t	 len, cap;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap = o->cap ? o->cap * 2 : 65536;
		o->s = xrealloc(o->s, o->cap);
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
printf_(struct out *o, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(o, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Superscript form of n (1 -> ¹, 12 -> ¹²). */
static void
put_sup(struct out *o, int n)
{
	char	d[16];

	snprintf(d, sizeof d, "%d", n);
	for (char *p = d; *p; p++)
		puts_(o, sup[*p - '0']);
}

/* --- text ----------------------------------------------------------- */

enum marker { M_NONE, M_SUP, M_MD, M_BRACKET };

struct notes {
	enum marker	style;
	int		n;		/* markers placed so far */
	int		want;		/* markers this document wants */
};

static void
put_marker(struct out *o, struct notes *nt)
{
	nt->n++;
	switch (nt->style) {
	case M_SUP:
		put_sup(o, nt->n);
		break;
	case M_MD:
		printf_(o, "[^%d]", nt->n);
		break;
	case M_BRACKET:
		printf_(o, " [%d]", nt->n);
		break;
	case M_NONE:
		break;
	}
}

/* A word, capitalised if cap (ASCII first letter only). */
static void
put_word(struct out *o, const char *w, int cap)
{
	if (cap && w[0] >= 'a' && w[0] <= 'z') {
		char c = (char)(w[0] - 32);

		put(o, &c, 1);
		puts_(o, w + 1);
	} else
		puts_(o, w);
}

static const char *
any_word(void)
{
	int r = range(0, 99);

	if (r < 36)
		return word(FUNC);
	if (r < 66)
		return word(NOUN);
	if (r < 80)
		return word(ADJ);
	if (r < 94)
		return word(VERB);
	if (r < 97)
		return word(NAME);
	return chance(50) ? PICK(places) : PICK(countries);
}

/* A sentence of 8..30 words, maybe with a footnote marker. */
static void
sentence(struct out *o, struct notes *nt, int allow_bold)
{
	int	n = range(8, 30), bold = -1, bold_end = -1;
	int	mark = nt != NULL && nt->n < nt->want && chance(12);
	int	mark_at = mark ? range(n / 2, n) : -1;	/* n: after the '.' */

	if (allow_bold && chance(10)) {
		bold = range(1, n - 3);
		bold_end = bold + range(1, 3);
	}
	for (int i = 0; i < n; i++) {
		if (i > 0)
			puts_(o, " ");
		if (i == bold)
			puts_(o, "**");
		put_word(o, i == 0 ? word(chance(50) ? FUNC : NOUN) :
		    any_word(), i == 0);
		if (i == bold_end)
			puts_(o, "**");
		if (i == mark_at && i < n - 1) {
			put_marker(o, nt);
			if (nt->style == M_SUP && chance(40))
				puts_(o, ",");
		} else if (i < n - 1 && i != bold && chance(7))
			puts_(o, ",");
	}
	if (bold_end >= n)
		puts_(o, "**");
	if (mark_at == n - 1 && nt->style != M_SUP)
		put_marker(o, nt);
	puts_(o, ".");
	if (mark_at == n - 1 && nt->style == M_SUP)
		put_marker(o, nt);
}

static void
sentences(struct out *o, struct notes *nt, int lo, int hi)
{
	int	n = range(lo, hi);

	for (int i = 0; i < n; i++) {
		if (i > 0)
			puts_(o, " ");
		sentence(o, nt, 1);
	}
}

static void
paragraph(struct out *o, struct notes *nt, double scale)
{
	int	hi = (int)(6 * scale + 0.5);

	sentences(o, nt, 2, hi < 3 ? 3 : hi);
	puts_(o, "\n\n");
}

/* A title: 4..10 words, no footnotes. */
static void
title(struct out *o, int caps)
{
	int	n = range(4, 10);

	for (int i = 0; i < n; i++) {
		const char	*w = i % 2 ? word(FUNC) : word(chance(50) ? NOUN : ADJ);

		if (i > 0)
			puts_(o, " ");
		if (caps) {
			for (const char *p = w; *p; p++) {
				char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
				put(o, &c, 1);
			}
		} else
			put_word(o, w, i == 0 || i % 2 == 0);
	}
}

static void
date(struct out *o)
{
	printf_(o, "%d %s %d", range(1, 28), PICK(months), range(2015, 2024));
}

static void
url(struct out *o)
{
	static const char *hosts[] = {
		"www.example.org", "docs.example.eu", "www.example.net",
		"reports.example.int",
	};

	printf_(o, "https://%s/documents/%s%d/%04d/%d/en/", PICK(hosts),
	    word(NOUN), range(1, 99), range(1, 9999), range(2015, 2024));
}

/* A footnote's body: source, *title*, date, and usually a URL. */
static void
note_body(struct out *o, int angle)
{
	if (chance(25)) {
		sentences(o, NULL, 1, 2);
		return;
	}
	put_word(o, PICK(orgs), 1);
	puts_(o, ", *");
	title(o, 0);
	puts_(o, "*, ");
	date(o);
	if (chance(85)) {
		puts_(o, angle ? ", <" : ", ");
		url(o);
		if (angle)
			puts_(o, ">");
	}
}

/* --- documents ------------------------------------------------------ */

static double
doc_scale(void)
{
	static const double s[] = { 0.45, 0.5, 0.65, 0.75, 0.85, 0.85, 0.9,
		0.95, 1.05, 1.25, 1.5, 1.9 };

	return s[rnd() % NELEM(s)];
}

/* Bullets at depth (0 = top) with one leading space per level. */
static void
bullet(struct out *o, struct notes *nt, int depth, int lead)
{
	for (int i = 0; i < depth; i++)
		puts_(o, " ");
	puts_(o, "- ");
	if (lead) {
		puts_(o, "**");
		sentence(o, NULL, 0);
		puts_(o, "** ");
	}
	sentences(o, nt, 1, depth == 0 ? 5 : 3);
	puts_(o, "\n");
}

static void
letter(struct out *o, int i, int annex)
{
	double		 scale = doc_scale();
	struct notes	 nt = { M_SUP, 0, range(2, 12) };
	const char	*org = PICK(orgs), *who = PICK(people);
	int		 nrec = (int)(range(3, 8) * scale + 0.5);

	printf_(o, "\n\n\nReference: **BR IOR %02d/%d.%05d**\n\n",
	    range(10, 99), range(2015, 2024), i);
	printf_(o, "To the attn. of:\n\n%s\n\n%s of %s\n\n", who, PICK(roles),
	    PICK(countries));
	printf_(o, "Cc: Ambassador %s\n\nPermanent Representative of %s to "
	    "the European Union\n\n", PICK(people), PICK(countries));
	printf_(o, "Dear %s %s,\n\n", chance(50) ? "Minister" : "Ambassador",
	    strrchr(who, ' ') + 1);
	title(o, 1);
	puts_(o, "\n\n");
	for (int k = range(1, 3); k > 0; k--)
		paragraph(o, &nt, scale);
	put_word(o, org, 1);
	puts_(o, " urges you to:\n\n");
	for (int r = 0; r < (nrec < 2 ? 2 : nrec); r++) {
		bullet(o, &nt, 0, 1);
		for (int s = range(0, 4); s > 0; s--) {
			bullet(o, &nt, 1, chance(30));
			if (chance(15))
				bullet(o, &nt, 2, 0);
		}
		puts_(o, "\n");
	}
	for (int k = range(0, 2); k > 0; k--)
		paragraph(o, &nt, scale);
	if (annex)
		puts_(o, "Please find enclosed with this letter an annex "
		    "providing further analysis and recommendations.\n\n");
	puts_(o, "Yours sincerely,\n\n");
	for (int k = range(1, 3); k > 0; k--)
		printf_(o, "%s\n\n\n\nDirector\n%s\n\n", PICK(people), org);
	for (int k = 1; k <= nt.n; k++) {
		put_sup(o, k);
		puts_(o, " ");
		note_body(o, 1);
		puts_(o, "\n\n");
	}
}

static void
md_list(struct out *o, struct notes *nt)
{
	int	numbered = chance(40);

	for (int k = 1, n = range(2, 6); k <= n; k++) {
		if (numbered)
			printf_(o, "%d. ", k);
		else
			puts_(o, "- ");
		sentences(o, nt, 1, 3);
		puts_(o, "\n");
		if (!numbered && chance(20)) {
			puts_(o, "  - ");
			sentences(o, nt, 1, 2);
			puts_(o, "\n");
		}
	}
	puts_(o, "\n");
}

static void
annex(struct out *o, int i, int parent)
{
	double		 scale = doc_scale();
	struct notes	 nt = { M_MD, 0, range(3, 15) };
	int		 nsec = (int)(range(3, 7) * scale + 0.5);

	puts_(o, "---\ntitle: Annex: ");
	title(o, 0);
	printf_(o, "\nkind: annex\nparent: letter-%05d\nreference: "
	    "BR ANX %d.%05d\ndate: %d-%02d-%02d\n---\n\n", parent,
	    range(2015, 2024), i, range(2015, 2024), range(1, 12),
	    range(1, 28));
	puts_(o, "# ");
	title(o, 0);
	puts_(o, "\n\n");
	paragraph(o, &nt, scale);
	for (int s = 1; s <= (nsec < 2 ? 2 : nsec); s++) {
		printf_(o, "## %d. ", s);
		title(o, 0);
		puts_(o, "\n\n");
		for (int k = range(1, 3); k > 0; k--)
			paragraph(o, &nt, scale);
		if (chance(50))
			md_list(o, &nt);
		if (chance(30)) {
			puts_(o, "### ");
			title(o, 0);
			puts_(o, "\n\n");
			paragraph(o, &nt, scale);
		}
	}
	for (int k = 1; k <= nt.n; k++) {
		printf_(o, "[^%d]: ", k);
		note_body(o, 1);
		puts_(o, "\n\n");
	}
}

static void
briefing(struct out *o, int i)
{
	double		 scale = doc_scale();
	struct notes	 nt = { M_BRACKET, 0, range(3, 12) };

	title(o, 0);
	puts_(o, "\n\n");
	printf_(o, "Briefing %d/%05d, ", range(2015, 2024), i);
	date(o);
	puts_(o, "\n\n");
	for (int k = (int)(range(8, 16) * scale + 0.5); k > 0; k--) {
		if (chance(15)) {
			title(o, 0);
			puts_(o, "\n\n");
		}
		paragraph(o, &nt, scale);
		if (chance(12))
			md_list(o, &nt);
	}
	puts_(o, "Notes\n\n");
	for (int k = 1; k <= nt.n; k++) {
		printf_(o, "[%d] ", k);
		note_body(o, 0);
		puts_(o, "\n\n");
	}
}

/* One annex of nblocks blocks: headings, paragraphs and bullets. */
static void
big(struct out *o, int nblocks)
{
	struct notes	nt = { M_MD, 0, 0 };
	int		b = 0, sec = 0;

	puts_(o, "---\ntitle: Annex: ten thousand blocks (bench fixture)\n"
	    "kind: annex\nparent: letter\n---\n\n# Ten thousand blocks\n\n");
	b++;
	while (b < nblocks) {
		if (b % 25 == 1) {
			printf_(o, "## %d. ", ++sec);
			title(o, 0);
			puts_(o, "\n\n");
		} else if (b % 5 == 0) {
			puts_(o, "- ");
			sentences(o, &nt, 1, 2);
			puts_(o, "\n\n");
		} else {
			sentences(o, &nt, 1, 3);
			puts_(o, "\n\n");
		}
		b++;
	}
}

/* --- main ----------------------------------------------------------- */

static size_t	total;

static void
write_file(const char *dir, const char *name, struct out *o)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(o->s, 1, o->len, f) != o->len || fclose(f) != 0) {
		fprintf(stderr, "gen-corpus: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	total += o->len;
	o->len = 0;
}

static void
usage(void)
{
	fputs("usage: gen-corpus [-n N] [-s SEED] [-b BLOCKS] [-w WORDS] "
	    "-o DIR\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char	*dir = NULL, *words = "words.txt";
	long		 n = 200, blocks = 0;
	uint64_t	 seed = 1;
	struct out	 o = { 0 };
	char		 name[64];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			usage();
		if (strcmp(a, "-n") == 0)
			n = strtol(v, NULL, 10);
		else if (strcmp(a, "-s") == 0)
			seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "-b") == 0)
			blocks = strtol(v, NULL, 10);
		else if (strcmp(a, "-w") == 0)
			words = v;
		else if (strcmp(a, "-o") == 0)
			dir = v;
		else
			usage();
		i++;
	}
	if (dir == NULL || n < 0 || blocks < 0)
		usage();
	load_words(words);
	shuffle_words();
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen-corpus: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (long i = 0; i < n; i++) {
		/* Each document from its own stream: adding documents
		 * never changes the earlier ones. */
		rng_state = seed * 0x100000001b3ULL + (uint64_t)i;
		rnd();
		switch (i % 4) {
		case 0:
		case 1:
			letter(&o, (int)i, i % 4 == 0 && i + 2 < n);
			snprintf(name, sizeof name, "letter-%05ld.txt", i);
			break;
		case 2:
			annex(&o, (int)i, (int)(i - 2));
			snprintf(name, sizeof name, "annex-%05ld.md", i);
			break;
		default:
			briefing(&o, (int)i);
			snprintf(name, sizeof name, "briefing-%05ld.txt", i);
			break;
		}
		write_file(dir, name, &o);
	}
	if (blocks > 0) {
		rng_state = seed ^ 0xb16b16b16ULL;
		big(&o, (int)blocks);
		write_file(dir, "big.md", &o);
	}
	printf("%zu\n", total);
	free(o.s);
	return 0;
}
