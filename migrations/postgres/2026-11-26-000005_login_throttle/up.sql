-- The login throttle counts failures per username and per client address.
-- Its rows are short-lived state (15-minute windows), not records: the old
-- table's rows are dropped rather than carried over.
DROP TABLE login_failures;

CREATE TABLE login_throttle (
    scope TEXT NOT NULL CHECK (scope IN ('username', 'address')),
    subject TEXT NOT NULL,
    failures BIGINT NOT NULL,
    window_started_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    PRIMARY KEY (scope, subject)
);
