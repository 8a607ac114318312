-- Delegations with their members and itineraries; security reviews (shared
-- with accreditations); the running numbers behind human references.
CREATE TABLE reference_counters (
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE delegations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    reference TEXT NOT NULL,
    direction TEXT NOT NULL,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL,
    partner_organization TEXT NOT NULL,
    -- ",JP,KR," so that one LIKE finds a country on both engines.
    countries TEXT NOT NULL,
    host_unit_id BIGINT NOT NULL REFERENCES units (id),
    head_of_delegation TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status TEXT NOT NULL,
    itinerary_changed_at TIMESTAMP,
    appraisal_recommendation TEXT,
    appraisal_note TEXT,
    decision_number TEXT,
    decision_date DATE,
    decided_by BIGINT REFERENCES users (id),
    returned_note TEXT,
    report TEXT,
    report_submitted_at TIMESTAMP,
    -- Title, partner, head and member names folded (lower case, no
    -- diacritics) for search; kept by the code that changes them.
    search_text TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX delegations_reference_key ON delegations (reference);
CREATE INDEX delegations_start_idx ON delegations (start_date, id);
CREATE INDEX delegations_host_unit_idx ON delegations (host_unit_id, start_date, id);
CREATE INDEX delegations_status_idx ON delegations (status, start_date, id);

CREATE TABLE delegation_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    delegation_id BIGINT NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    full_name TEXT NOT NULL,
    gender TEXT,
    date_of_birth DATE,
    nationality TEXT NOT NULL,
    passport_number TEXT,
    organization TEXT,
    position TEXT,
    role TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX delegation_members_delegation_idx ON delegation_members (delegation_id, id);

CREATE TABLE itinerary_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    delegation_id BIGINT NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    place_name TEXT NOT NULL,
    place_address TEXT,
    place_district TEXT,
    participants TEXT,
    escort_officer TEXT,
    status TEXT NOT NULL,
    import_uid TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX itinerary_items_delegation_idx ON itinerary_items (delegation_id, starts_at, id);
CREATE INDEX itinerary_items_starts_idx ON itinerary_items (starts_at, id);

CREATE TABLE security_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    officer TEXT,
    notes TEXT,
    reviewed_at TIMESTAMP NOT NULL,
    reviewed_by BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX security_reviews_record_key ON security_reviews (record_kind, record_id);
