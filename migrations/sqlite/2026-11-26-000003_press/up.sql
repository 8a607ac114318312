-- The press side: foreign reporters, their accreditation in the province and
-- its activities, leaders' interviews, press conferences and their attendees.
CREATE TABLE reporters (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    full_name TEXT NOT NULL,
    nationality TEXT NOT NULL,
    passport_number TEXT,
    outlet TEXT NOT NULL,
    outlet_country TEXT NOT NULL,
    position TEXT NOT NULL,
    press_card_number TEXT,
    email TEXT,
    phone TEXT,
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE accreditations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    reference TEXT NOT NULL,
    topics TEXT NOT NULL,
    -- A JSON array of place names.
    permitted_places TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    referral_number TEXT NOT NULL,
    referral_date DATE NOT NULL,
    escort_officer TEXT,
    status TEXT NOT NULL,
    schedule_changed_at TIMESTAMP,
    status_note TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX accreditations_reference_key ON accreditations (reference);
CREATE INDEX accreditations_start_idx ON accreditations (start_date, id);

CREATE TABLE accreditation_reporters (
    accreditation_id BIGINT NOT NULL REFERENCES accreditations (id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES reporters (id),
    PRIMARY KEY (accreditation_id, reporter_id)
);
CREATE INDEX accreditation_reporters_reporter_idx ON accreditation_reporters (reporter_id);

CREATE TABLE press_activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    accreditation_id BIGINT NOT NULL REFERENCES accreditations (id) ON DELETE CASCADE,
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
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX press_activities_accreditation_idx ON press_activities (accreditation_id, starts_at, id);
CREATE INDEX press_activities_starts_idx ON press_activities (starts_at, id);

CREATE TABLE interviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    reference TEXT NOT NULL,
    interviewee_name TEXT NOT NULL,
    interviewee_position TEXT NOT NULL,
    outlet TEXT NOT NULL,
    accreditation_id BIGINT REFERENCES accreditations (id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT NOT NULL,
    topics TEXT NOT NULL,
    questions TEXT,
    organizing_unit_id BIGINT REFERENCES units (id),
    status TEXT NOT NULL,
    -- Set when the accreditation that covered it was revoked.
    accreditation_revoked_at TIMESTAMP,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX interviews_reference_key ON interviews (reference);
CREATE INDEX interviews_starts_idx ON interviews (starts_at, id);
CREATE INDEX interviews_accreditation_idx ON interviews (accreditation_id);

CREATE TABLE interview_reporters (
    interview_id BIGINT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES reporters (id),
    PRIMARY KEY (interview_id, reporter_id)
);
CREATE INDEX interview_reporters_reporter_idx ON interview_reporters (reporter_id);

CREATE TABLE press_conferences (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    venue TEXT NOT NULL,
    topics TEXT NOT NULL,
    -- A JSON array of speakers.
    speakers TEXT NOT NULL,
    status TEXT NOT NULL,
    announced_at TIMESTAMP,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX press_conferences_reference_key ON press_conferences (reference);
CREATE INDEX press_conferences_starts_idx ON press_conferences (starts_at, id);

CREATE TABLE press_conference_attendees (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    press_conference_id BIGINT NOT NULL REFERENCES press_conferences (id) ON DELETE CASCADE,
    outlet TEXT NOT NULL,
    name TEXT NOT NULL,
    reporter_id BIGINT REFERENCES reporters (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX press_conference_attendees_conference_idx ON press_conference_attendees (press_conference_id, id);
