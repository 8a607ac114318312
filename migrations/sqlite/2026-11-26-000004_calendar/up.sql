-- Calendar subscriptions (the token stored only as its SHA-256) and the
-- state that keeps each feed's Last-Modified from going backwards.
CREATE TABLE calendar_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    -- Comma-separated kinds: delegation, itinerary_item, press_activity, interview, press_conference.
    kinds TEXT NOT NULL,
    unit_id BIGINT REFERENCES units (id),
    delegation_id BIGINT,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX calendar_subscriptions_token_key ON calendar_subscriptions (token_hash);
CREATE INDEX calendar_subscriptions_owner_idx ON calendar_subscriptions (owner_id, id);

CREATE TABLE feed_states (
    feed TEXT PRIMARY KEY NOT NULL,
    etag TEXT NOT NULL,
    last_modified TIMESTAMP NOT NULL
);
