-- A user's e-mail settings: the address (personal data of the user: only
-- they and the administrators read it), the daily digest (opt-in) and the
-- change notices of entries in the next seven days (on while an address is
-- given, unless turned off).
CREATE TABLE mail_settings (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    email TEXT,
    daily_digest BOOLEAN NOT NULL DEFAULT FALSE,
    change_notices BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at TIMESTAMP NOT NULL
);

-- E-mail to send, written in the transaction of the change that causes it
-- and sent after commit. A row is claimed for a lease (claimed_until) by
-- the process that sends it, marked sent once the SMTP server accepted it;
-- `dedup_key` makes "one digest per user per day" a constraint, so that
-- two processes writing it at once write it once.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('change_notice', 'digest')),
    dedup_key TEXT UNIQUE,
    recipient_id BIGINT NOT NULL REFERENCES users (id),
    to_address TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
-- The sender's sweep: unsent rows due now.
CREATE INDEX outbox_unsent_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;
