-- The console's sign-ins. A browser holds a random session key in a cookie;
-- only its SHA-256 is kept, so a copy of the database signs no one in. The
-- session speaks for its user while the user's token epoch is the one it
-- was opened at (deactivation, a new password, role or unit raise it) and
-- until it expires or its user signs out (the row is deleted).
CREATE TABLE console_sessions (
    key_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_epoch BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX console_sessions_user_idx ON console_sessions (user_id);

-- What a user chose for themself: the console's language, for now.
CREATE TABLE user_preferences (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    language TEXT NOT NULL CHECK (language IN ('vi', 'en'))
);
