-- schema.sql: the index's schema as ordered migrations.  Each migration
-- starts with a line "-- @migration N"; db/store.c runs those above the
-- file's PRAGMA user_version in order, each in one transaction.  Never
-- edit a migration that has shipped: add the next one.

-- @migration 1
CREATE TABLE documents (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	title		TEXT NOT NULL,
	kind		TEXT NOT NULL
			CHECK (kind IN ('letter', 'annex', 'briefing')),
	reference	TEXT,
	date		TEXT,
	addressees	TEXT,
	parent		TEXT,		-- an annex: its letter's slug
	source		TEXT,
	hash		TEXT NOT NULL,
	mentions_annex	INTEGER NOT NULL DEFAULT 0,
	imported	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_reference ON documents(reference);

CREATE TABLE blocks (
	id		INTEGER PRIMARY KEY,
	doc_id		INTEGER NOT NULL
			REFERENCES documents(id) ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	depth		INTEGER NOT NULL DEFAULT 0,
	parent_seq	INTEGER,
	anchor		TEXT NOT NULL,
	text		TEXT NOT NULL,
	hash		TEXT NOT NULL,	-- of text: review notes follow it
	fn		INTEGER NOT NULL DEFAULT 0,
	line		INTEGER,
	UNIQUE (doc_id, seq),
	UNIQUE (doc_id, anchor)
);

-- Inline spans: byte offsets into blocks.text.  kind: b, i, l, f.
CREATE TABLE spans (
	block_id	INTEGER NOT NULL
			REFERENCES blocks(id) ON DELETE CASCADE,
	start		INTEGER NOT NULL,
	end		INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	target		TEXT
);
CREATE INDEX spans_block ON spans(block_id);

-- Which blocks cite which footnote blocks.
CREATE TABLE citations (
	block_id	INTEGER NOT NULL
			REFERENCES blocks(id) ON DELETE CASCADE,
	footnote_id	INTEGER NOT NULL
			REFERENCES blocks(id) ON DELETE CASCADE,
	PRIMARY KEY (block_id, footnote_id)
) WITHOUT ROWID;
CREATE INDEX citations_footnote ON citations(footnote_id);

CREATE VIEW links AS
	SELECT block_id, start, end, target AS url FROM spans WHERE kind = 'l';

-- Full-text index over block and footnote text (footnotes are blocks),
-- external content kept in sync by the triggers below.
CREATE VIRTUAL TABLE blocks_fts USING fts5(
	text,
	content = 'blocks',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'
);

CREATE TRIGGER blocks_fts_insert AFTER INSERT ON blocks BEGIN
	INSERT INTO blocks_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
	INSERT INTO blocks_fts(blocks_fts, rowid, text)
	VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER blocks_fts_update AFTER UPDATE OF text ON blocks BEGIN
	INSERT INTO blocks_fts(blocks_fts, rowid, text)
	VALUES ('delete', old.id, old.text);
	INSERT INTO blocks_fts(rowid, text) VALUES (new.id, new.text);
END;

-- Themes (data/themes.conf plus the user's) and the blocks they tag.
CREATE TABLE themes (
	slug		TEXT PRIMARY KEY,
	name		TEXT NOT NULL,
	description	TEXT,
	rule		TEXT NOT NULL,
	seq		INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE block_themes (
	block_id	INTEGER NOT NULL
			REFERENCES blocks(id) ON DELETE CASCADE,
	theme		TEXT NOT NULL,
	source		TEXT NOT NULL
			CHECK (source IN ('rule', 'inherited', 'cited')),
	PRIMARY KEY (block_id, theme)
) WITHOUT ROWID;
CREATE INDEX block_themes_theme ON block_themes(theme);

CREATE TABLE meta (
	key		TEXT PRIMARY KEY,
	value		TEXT
);

-- @migration 2
-- Search weighs and filters every match by its block's kind and
-- document: a narrow covering index keeps those lookups off the wide
-- rows that hold the text.
CREATE INDEX blocks_search ON blocks(id, kind, doc_id);

-- @migration 3
-- The importer fills the full-text index with one INSERT ... SELECT per
-- document: a trigger per row made FTS5 write a tiny segment for every
-- block (each statement in a transaction flushes its pending terms).
DROP TRIGGER blocks_fts_insert;

-- @migration 4
-- Search ranks by bm25 times a weight for the block's kind (db/search.c,
-- brief_rank()).  The full-text index gets one column per weight class,
-- each block's text in the column of its kind (the others NULL), so the
-- rank function knows the kind from the column a match is in: FTS5 then
-- sorts by the final score itself and snippet() runs only for the rows
-- returned, without looking up blocks.  The columns come from a view
-- over blocks (external content).  Column order is brief_rank()'s:
-- lead (bullets, headings), title, para, note (footnotes), other.
DROP TRIGGER blocks_fts_delete;
DROP TRIGGER blocks_fts_update;
DROP TABLE blocks_fts;
CREATE VIEW blocks_fts_src AS SELECT id, doc_id,
	CASE WHEN kind IN ('bullet', 'heading') THEN text END AS lead,
	CASE WHEN kind = 'title' THEN text END AS title,
	CASE WHEN kind = 'paragraph' THEN text END AS para,
	CASE WHEN kind = 'footnote' THEN text END AS note,
	CASE WHEN kind NOT IN ('bullet', 'heading', 'title', 'paragraph',
	    'footnote') THEN text END AS other
	FROM blocks;
CREATE VIRTUAL TABLE blocks_fts USING fts5(
	lead, title, para, note, other,
	content = 'blocks_fts_src',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'
);
INSERT INTO blocks_fts(blocks_fts) VALUES ('rebuild');
-- The delete and update triggers write the old values by hand: the
-- view would give the new row's columns, and 'delete' needs exactly what
-- was indexed.
CREATE TRIGGER blocks_fts_delete AFTER DELETE ON blocks BEGIN
	INSERT INTO blocks_fts(blocks_fts, rowid, lead, title, para, note,
	    other)
	VALUES ('delete', old.id,
	    CASE WHEN old.kind IN ('bullet', 'heading') THEN old.text END,
	    CASE WHEN old.kind = 'title' THEN old.text END,
	    CASE WHEN old.kind = 'paragraph' THEN old.text END,
	    CASE WHEN old.kind = 'footnote' THEN old.text END,
	    CASE WHEN old.kind NOT IN ('bullet', 'heading', 'title',
		'paragraph', 'footnote') THEN old.text END);
END;
CREATE TRIGGER blocks_fts_update AFTER UPDATE OF text, kind ON blocks BEGIN
	INSERT INTO blocks_fts(blocks_fts, rowid, lead, title, para, note,
	    other)
	VALUES ('delete', old.id,
	    CASE WHEN old.kind IN ('bullet', 'heading') THEN old.text END,
	    CASE WHEN old.kind = 'title' THEN old.text END,
	    CASE WHEN old.kind = 'paragraph' THEN old.text END,
	    CASE WHEN old.kind = 'footnote' THEN old.text END,
	    CASE WHEN old.kind NOT IN ('bullet', 'heading', 'title',
		'paragraph', 'footnote') THEN old.text END);
	INSERT INTO blocks_fts(rowid, lead, title, para, note, other)
	SELECT id, lead, title, para, note, other FROM blocks_fts_src
	WHERE id = new.id;
END;

-- @migration 5
-- Every import commits one document, and FTS5 writes a small segment
-- for each commit; merging them four at a time (the default) rewrote
-- each posting about log4(N) times.  Eight at a time: 6% fewer
-- instructions per import on 100 documents, more as the index grows,
-- at the cost of a few more segments for a query to read.
INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('automerge', 8);

-- @migration 6
-- The model grows with the formats (PDF, DOCX, ODT, HTML, Markdown):
-- sections and numbered items keep the number the document prints
-- ("1.", "2.3", "a)", "IV."), every block knows the source page it
-- starts on (PDF; 0 elsewhere) so "page-12" resolves, and a document
-- may name its author (format metadata).  New block kinds ("item",
-- "table") need no change here: the kind column is free text and the
-- full-text view files them under "other".
ALTER TABLE blocks ADD COLUMN number TEXT;
ALTER TABLE blocks ADD COLUMN page INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN author TEXT;

-- @migration 7
-- A document is the same document on re-import when its reference, its
-- source file or its bytes match (db/import-match.c): source holds the
-- file's canonical path; source and hash are looked up on every
-- import.  digest: a hash of the parsed document (db/import.c,
-- doc_digest()), so an import of a file that would store exactly what
-- is there says "unchanged" and writes nothing; NULL (an older import)
-- never matches.
ALTER TABLE documents ADD COLUMN digest TEXT;
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_hash ON documents(hash);

-- @migration 8
-- The same table and constraint, with the CHECK written as ORs: SQLite
-- codes "source IN (...)" in a CHECK as a temporary b-tree built afresh
-- for every row a statement inserts, which made each tag an import
-- writes cost twice what the row itself costs (a third of the import's
-- writing, measured with callgrind).  Rebuilt as SQLite's ALTER TABLE
-- documentation describes: new table, copy, drop, rename, index.
CREATE TABLE block_themes_new (
	block_id	INTEGER NOT NULL
			REFERENCES blocks(id) ON DELETE CASCADE,
	theme		TEXT NOT NULL,
	source		TEXT NOT NULL
			CHECK (source = 'rule' OR source = 'inherited' OR
			    source = 'cited'),
	PRIMARY KEY (block_id, theme)
) WITHOUT ROWID;
INSERT INTO block_themes_new (block_id, theme, source)
	SELECT block_id, theme, source FROM block_themes;
DROP TABLE block_themes;
ALTER TABLE block_themes_new RENAME TO block_themes;
CREATE INDEX block_themes_theme ON block_themes(theme);

-- @migration 9
-- The same view, with its tests written as ORs: "kind IN (...)" made
-- SQLite build a temporary b-tree each time the view was read, and
-- FTS5 reads it once per row whose text it needs (every snippet of a
-- search: 85% of a search's instructions on a small index went to
-- creating and dropping those b-trees).  The columns and their values
-- are as before (kind is never NULL), so blocks_fts is not rebuilt.
DROP VIEW blocks_fts_src;
CREATE VIEW blocks_fts_src AS SELECT id, doc_id,
	CASE WHEN kind = 'bullet' OR kind = 'heading' THEN text END AS lead,
	CASE WHEN kind = 'title' THEN text END AS title,
	CASE WHEN kind = 'paragraph' THEN text END AS para,
	CASE WHEN kind = 'footnote' THEN text END AS note,
	CASE WHEN kind = 'bullet' OR kind = 'heading' OR kind = 'title' OR
	    kind = 'paragraph' OR kind = 'footnote' THEN NULL ELSE text END
	    AS other
	FROM blocks;
