DROP TABLE login_throttle;

CREATE TABLE login_failures (
    username TEXT PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    window_started_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);
