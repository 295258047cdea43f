# to-sql.awk: source files to the sqlite3 reference's SQL (bench/run).
# One row per non-blank line (a line is a block in the seed letter's
# format and in Markdown; the reference does not parse, brief does): its
# text, the document's slug (the file name as brief makes it) and fn = 1
# for a footnote or endnote definition.  The FTS5 table has brief's
# tokenizer and prefix indexes.  POSIX awk.
BEGIN {
	print "CREATE VIRTUAL TABLE ref USING fts5(text, doc UNINDEXED, fn UNINDEXED,"
	print "  tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');"
	print "BEGIN;"
}
FNR == 1 {
	slug = FILENAME
	sub(/.*\//, "", slug)
	sub(/\.[^.]*$/, "", slug)
	slug = tolower(slug)
	gsub(/[^a-z0-9]+/, "-", slug)
	gsub(/^-|-$/, "", slug)
}
/^[ \t]*$/ { next }
{
	t = $0
	gsub(/'/, "''", t)
	fn = ($0 ~ /^(¹|²|³|⁴|⁵|⁶|⁷|⁸|⁹)/ || $0 ~ /^\[\^?[0-9]+\]/) ? 1 : 0
	printf "INSERT INTO ref(text, doc, fn) VALUES('%s', '%s', %d);\n", t, slug, fn
}
END { print "COMMIT;" }
