-- Units, users, the audit trail and the login throttle.
-- Times are UTC, stored naive (the one date-time type both engines share).
CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX units_name_key ON units (name);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    unit_id BIGINT REFERENCES units (id),
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    token_epoch BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE INDEX users_unit_id_idx ON users (unit_id);

CREATE TABLE audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    actor_username TEXT,
    actor_role TEXT,
    actor_unit_id BIGINT,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    changes TEXT NOT NULL,
    note TEXT,
    request_id TEXT
);
CREATE INDEX audit_entries_record_idx ON audit_entries (record_kind, record_id, id);
CREATE INDEX audit_entries_actor_idx ON audit_entries (actor_id, id);
CREATE INDEX audit_entries_at_idx ON audit_entries (at, id);

CREATE TABLE login_failures (
    username TEXT PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    window_started_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);
