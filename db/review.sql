-- review.sql: the review store's schema (the user's own file, ATTACHed to
-- the index connection as schema "review") as ordered migrations, run by
-- db_migrate() exactly like db/schema.sql.  Names are qualified with
-- "review." because the statements run on the index's connection.
--
-- Everything is keyed by document slug and block anchor, plus text_hash:
-- the hash (hash_hex) of the block's text when the entry was made.  After
-- a re-import an entry whose anchor still exists with that hash is
-- current, with another hash it is 'changed since reviewed', and with no
-- such anchor it is orphaned.  Entries are never dropped by an import.
-- Never edit a migration that has shipped: add the next one.

-- @migration 1
CREATE TABLE review.status (
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	text_hash	TEXT NOT NULL,
	status		TEXT NOT NULL
			CHECK (status IN ('unread', 'read', 'flagged', 'done')),
	changed_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (slug, anchor)
) WITHOUT ROWID;

CREATE TABLE review.notes (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	text_hash	TEXT NOT NULL,
	body		TEXT NOT NULL,	-- as typed; shown sanitised
	created_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	edited_at	TEXT
);
CREATE INDEX review.notes_block ON notes(slug, anchor);

-- Named bookmarks (m + letter in the reader); offset: line in the block.
CREATE TABLE review.bookmarks (
	name		TEXT PRIMARY KEY,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	offset		INTEGER NOT NULL DEFAULT 0,
	set_at		TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- The last position per document, restored on the next start.
CREATE TABLE review.positions (
	slug		TEXT PRIMARY KEY,
	anchor		TEXT NOT NULL,
	offset		INTEGER NOT NULL DEFAULT 0,
	saved_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Personal tags: removed = 1 takes a theme off a block the rules tagged.
CREATE TABLE review.tags (
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	theme		TEXT NOT NULL,
	removed		INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
	changed_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (slug, anchor, theme)
) WITHOUT ROWID;

-- One row per run of the reader; ended stays NULL after a crash.
CREATE TABLE review.sessions (
	id		INTEGER PRIMARY KEY,
	started		TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	ended		TEXT,
	blocks_visited	INTEGER NOT NULL DEFAULT 0,
	statuses_changed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE review.session_visits (
	session		INTEGER NOT NULL REFERENCES sessions(id),
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	PRIMARY KEY (session, slug, anchor)
) WITHOUT ROWID;
CREATE TRIGGER review.session_visit AFTER INSERT ON session_visits BEGIN
	UPDATE sessions SET blocks_visited = blocks_visited + 1
	WHERE id = new.session;
END;

-- A note being typed, offered back after a crash or hang-up.
CREATE TABLE review.drafts (
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	body		TEXT NOT NULL,
	saved_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (slug, anchor)
) WITHOUT ROWID;

CREATE TABLE review.search_history (
	id		INTEGER PRIMARY KEY,
	query		TEXT NOT NULL,
	at		TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX review.search_history_query ON search_history(query);
