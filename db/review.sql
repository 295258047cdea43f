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

-- @migration 2
-- Teams.  Every status, note, tag and bookmark carries its author, and
-- every change is first a row of the journal: an append-only log that
-- brief sync ships to other stores as session changesets.  The journal
-- is the truth; the team_* tables are what it adds up to, kept by the
-- triggers below so that any set of journal rows gives the same tables
-- whatever order they arrived in (the later hlc wins; a note version
-- that lost to a concurrent one stays as a conflict copy).
--
-- hlc is a hybrid logical clock as fixed-width text that sorts in time
-- order: milliseconds, a counter, the device that wrote it (so it is
-- unique).  author '' marks rows that were here before authors; the
-- first program to open the store gives them its author.  The views
-- status, notes, tags and bookmarks keep their old columns and show the
-- rows of brief_author(), a function each connection registers.
CREATE TABLE review.config (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO review.config (key, value)
	VALUES ('device', lower(hex(randomblob(8)))), ('sync_seq', '0'),
	('sync_hlc', '');

CREATE TABLE review.journal (
	author		TEXT NOT NULL,
	hlc		TEXT NOT NULL,
	kind		TEXT NOT NULL
			CHECK (kind IN ('status', 'note', 'tag', 'bookmark')),
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	text_hash	TEXT NOT NULL DEFAULT '',
	key		TEXT NOT NULL DEFAULT '',	-- note id, theme, name
	value		TEXT,		-- status, body (NULL: deleted),
					-- removed 0/1, line offset
	base		TEXT,		-- note: the version it edits
	created		TEXT NOT NULL,	-- note: when it was first written
	at		TEXT NOT NULL,
	PRIMARY KEY (author, hlc)
) WITHOUT ROWID;
CREATE INDEX review.journal_hlc ON journal(hlc);
CREATE INDEX review.journal_base ON journal(key, base);

CREATE TABLE review.team_status (
	author		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	text_hash	TEXT NOT NULL,
	status		TEXT NOT NULL
			CHECK (status IN ('unread', 'read', 'flagged', 'done')),
	changed_at	TEXT NOT NULL,
	hlc		TEXT NOT NULL,
	PRIMARY KEY (author, slug, anchor)
) WITHOUT ROWID;
CREATE INDEX review.team_status_block ON team_status(slug, anchor);

-- id: this store's number for the note (what 'brief note' prints); uid
-- names it everywhere.  A conflict copy has uid "UID~HLC" and copy_of.
CREATE TABLE review.team_notes (
	id		INTEGER PRIMARY KEY,
	uid		TEXT NOT NULL UNIQUE,
	author		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	text_hash	TEXT NOT NULL,
	body		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	edited_at	TEXT,
	hlc		TEXT NOT NULL,
	deleted		INTEGER NOT NULL DEFAULT 0,
	copy_of		TEXT
);
CREATE INDEX review.team_notes_block ON team_notes(slug, anchor);

CREATE TABLE review.team_tags (
	author		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	theme		TEXT NOT NULL,
	removed		INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
	changed_at	TEXT NOT NULL,
	hlc		TEXT NOT NULL,
	PRIMARY KEY (author, slug, anchor, theme)
) WITHOUT ROWID;

CREATE TABLE review.team_bookmarks (
	author		TEXT NOT NULL,
	name		TEXT NOT NULL,
	slug		TEXT NOT NULL,
	anchor		TEXT NOT NULL,
	offset		INTEGER NOT NULL DEFAULT 0,
	set_at		TEXT NOT NULL,
	hlc		TEXT NOT NULL,
	PRIMARY KEY (author, name)
) WITHOUT ROWID;

-- Changeset files applied here, by the checksum of their contents.
CREATE TABLE review.sync_seen (
	sum		TEXT PRIMARY KEY,
	file		TEXT NOT NULL,
	applied_at	TEXT NOT NULL
			DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;

CREATE TRIGGER review.journal_status AFTER INSERT ON journal
WHEN new.kind = 'status' BEGIN
	INSERT INTO team_status (author, slug, anchor, text_hash, status,
	    changed_at, hlc)
	VALUES (new.author, new.slug, new.anchor, new.text_hash, new.value,
	    new.at, new.hlc)
	ON CONFLICT (author, slug, anchor) DO UPDATE SET
	    text_hash = excluded.text_hash, status = excluded.status,
	    changed_at = excluded.changed_at, hlc = excluded.hlc
	WHERE excluded.hlc > team_status.hlc;
END;

CREATE TRIGGER review.journal_tag AFTER INSERT ON journal
WHEN new.kind = 'tag' BEGIN
	INSERT INTO team_tags (author, slug, anchor, theme, removed,
	    changed_at, hlc)
	VALUES (new.author, new.slug, new.anchor, new.key, new.value = '1',
	    new.at, new.hlc)
	ON CONFLICT (author, slug, anchor, theme) DO UPDATE SET
	    removed = excluded.removed, changed_at = excluded.changed_at,
	    hlc = excluded.hlc
	WHERE excluded.hlc > team_tags.hlc;
END;

CREATE TRIGGER review.journal_bookmark AFTER INSERT ON journal
WHEN new.kind = 'bookmark' BEGIN
	INSERT INTO team_bookmarks (author, name, slug, anchor, offset,
	    set_at, hlc)
	VALUES (new.author, new.key, new.slug, new.anchor,
	    CAST(new.value AS INTEGER), new.at, new.hlc)
	ON CONFLICT (author, name) DO UPDATE SET slug = excluded.slug,
	    anchor = excluded.anchor, offset = excluded.offset,
	    set_at = excluded.set_at, hlc = excluded.hlc
	WHERE excluded.hlc > team_bookmarks.hlc;
END;

-- Notes keep this invariant, true after every insert in any order: the
-- head is the version with the greatest hlc, and every other version
-- that no version edits (a leaf of the edit history) and is not a
-- deletion is a conflict copy.  Nothing typed is ever dropped.
CREATE TRIGGER review.journal_note AFTER INSERT ON journal
WHEN new.kind = 'note' BEGIN
	-- The version this one edits has a successor now: not a copy.
	DELETE FROM team_notes WHERE uid = new.key || '~' || new.base AND
	    hlc = new.base;
	-- A head that this newer version does not edit was concurrent.
	INSERT OR IGNORE INTO team_notes (uid, author, slug, anchor, text_hash,
	    body, created_at, edited_at, hlc, deleted, copy_of)
	SELECT h.uid || '~' || h.hlc, h.author, h.slug, h.anchor, h.text_hash,
	    h.body, h.created_at, h.edited_at, h.hlc, 0, h.uid
	FROM team_notes h WHERE h.uid = new.key AND h.hlc < new.hlc AND
	    NOT h.deleted AND NOT EXISTS (SELECT 1 FROM journal j WHERE
	    j.key = new.key AND j.base = h.hlc AND j.kind = 'note');
	-- This version came too late and nothing edits it: a copy.
	INSERT OR IGNORE INTO team_notes (uid, author, slug, anchor, text_hash,
	    body, created_at, edited_at, hlc, deleted, copy_of)
	SELECT new.key || '~' || new.hlc, new.author, new.slug, new.anchor,
	    new.text_hash, new.value, new.created,
	    CASE WHEN new.base IS NOT NULL THEN new.at END, new.hlc, 0, new.key
	FROM team_notes h WHERE h.uid = new.key AND h.hlc > new.hlc AND
	    new.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal j
	    WHERE j.key = new.key AND j.base = new.hlc AND j.kind = 'note');
	INSERT INTO team_notes (uid, author, slug, anchor, text_hash, body,
	    created_at, edited_at, hlc, deleted)
	VALUES (new.key, new.author, new.slug, new.anchor, new.text_hash,
	    coalesce(new.value, ''), new.created,
	    CASE WHEN new.base IS NOT NULL THEN new.at END, new.hlc,
	    new.value IS NULL)
	ON CONFLICT (uid) DO UPDATE SET author = excluded.author,
	    slug = excluded.slug, anchor = excluded.anchor,
	    text_hash = excluded.text_hash, body = excluded.body,
	    created_at = excluded.created_at, edited_at = excluded.edited_at,
	    hlc = excluded.hlc, deleted = excluded.deleted
	WHERE excluded.hlc > team_notes.hlc;
END;

-- Today's entries become journal rows of author '' (claimed on open);
-- notes keep their numbers.  hlc from their timestamps, numbered so
-- each is unique.
CREATE TEMP TABLE migrate_device AS
	SELECT value AS device FROM review.config WHERE key = 'device';
INSERT INTO review.team_notes (id, uid, author, slug, anchor, text_hash,
    body, created_at, edited_at, hlc)
SELECT n.id, (SELECT device FROM migrate_device) || '-' || n.id, '', n.slug,
    n.anchor, n.text_hash, n.body, n.created_at, n.edited_at,
    printf('%013d.%06d.%s', strftime('%s', coalesce(n.edited_at,
    n.created_at)) * 1000, n.id % 1000000, (SELECT device FROM migrate_device))
FROM review.notes n;
INSERT INTO review.journal (author, hlc, kind, slug, anchor, text_hash, key,
    value, base, created, at)
SELECT '', hlc, 'note', slug, anchor, text_hash, uid, body, NULL, created_at,
    coalesce(edited_at, created_at) FROM review.team_notes;
INSERT INTO review.journal (author, hlc, kind, slug, anchor, text_hash, key,
    value, base, created, at)
SELECT '', printf('%013d.%06d.%s', strftime('%s', changed_at) * 1000,
    500000 + (row_number() OVER () % 250000),
    (SELECT device FROM migrate_device)), 'status', slug, anchor, text_hash,
    '', status, NULL, changed_at, changed_at FROM review.status;
INSERT INTO review.journal (author, hlc, kind, slug, anchor, text_hash, key,
    value, base, created, at)
SELECT '', printf('%013d.%06d.%s', strftime('%s', changed_at) * 1000,
    750000 + (row_number() OVER () % 125000),
    (SELECT device FROM migrate_device)), 'tag', slug, anchor, '', theme,
    removed, NULL, changed_at, changed_at FROM review.tags;
INSERT INTO review.journal (author, hlc, kind, slug, anchor, text_hash, key,
    value, base, created, at)
SELECT '', printf('%013d.%06d.%s', strftime('%s', set_at) * 1000,
    875000 + (row_number() OVER () % 125000),
    (SELECT device FROM migrate_device)), 'bookmark', slug, anchor, '',
    name, offset, NULL, set_at, set_at FROM review.bookmarks;
DROP TABLE temp.migrate_device;
DROP TABLE review.status;
DROP TABLE review.notes;
DROP TABLE review.tags;
DROP TABLE review.bookmarks;

CREATE VIEW review.status AS
	SELECT slug, anchor, text_hash, status, changed_at FROM team_status
	WHERE author = brief_author();
CREATE VIEW review.notes AS
	SELECT id, slug, anchor, text_hash, body, created_at, edited_at
	FROM team_notes WHERE author = brief_author() AND NOT deleted;
CREATE VIEW review.tags AS
	SELECT slug, anchor, theme, removed, changed_at FROM team_tags
	WHERE author = brief_author();
CREATE VIEW review.bookmarks AS
	SELECT name, slug, anchor, offset, set_at FROM team_bookmarks
	WHERE author = brief_author();

-- @migration 3
-- Attaching the store parses its whole schema, triggers and all, and the
-- reader attaches it before its first frame: the journal's triggers were
-- half that cost, for runs that mostly write no journal row.  They are
-- now TEMP triggers, the same statements, made by each connection before
-- its first journal row (db/review-journal.c); the count of blocks a
-- session visited is kept by the statement recording a visit.  The
-- journal and the team_* tables are unchanged: every row stays.
DROP TRIGGER review.journal_status;
DROP TRIGGER review.journal_tag;
DROP TRIGGER review.journal_bookmark;
DROP TRIGGER review.journal_note;
DROP TRIGGER review.session_visit;
