-- Issue 12, defect 3: rows stored before every instant and date a client
-- sends was held to the years 1990–2100 (domain::time::YEARS). One
-- interview ending in 9999 kept `entry_spans` wide for good; such rows are
-- repaired here, each with an audit entry (action 'repair', actor
-- '(migration)', changes {"field": {"from": old, "to": new}} as
-- domain::audit encodes them, and a note naming this migration), so that
-- the record's history says what changed and why.
--
-- In range: an instant from 1989-12-31 10:00 UTC (the first moment of 1990
-- at UTC+14) to before 2101-01-01 12:00 UTC (the end of 2100 at UTC-12):
-- what the check lets a client write in any zone. A date: 1990-01-01 to
-- 2100-12-31. The repairs, as a clerk would have them (the record stays on
-- the schedule, visible and editable, and the audit keeps the old value):
-- - an entry (itinerary item, press activity, interview, press conference)
--   whose end is out of range ends one hour after its start; whose start is
--   out of range starts one hour before its end; with both out of range, it
--   starts when it was entered (created_at) and lasts one hour;
-- - a delegation's or accreditation's start date out of range becomes its
--   end date; its end date out of range becomes its start date; both: the
--   day it was entered;
-- - a date of a document (passport expiry, visa end, press card end, a
--   delegation's decision date) becomes NULL: unknown rather than wrong;
-- - an accreditation's referral date (required) becomes the day it was
--   entered; a conference's registration date becomes NULL for the
--   province's own, the day it was entered for a foreign body's (required).
-- Left alone: dates of birth (checked against 1900..today since members
-- were first stored) and the calendar's swap days (always held to
-- 1990–2100, the years the calendar knows). The repair cannot be undone:
-- putting the values back would break the schedule again.
CREATE FUNCTION pg_temp.instant_in_range(t TIMESTAMP) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT t >= TIMESTAMP '1989-12-31 10:00:00' AND t < TIMESTAMP '2101-01-01 12:00:00'
$$;
CREATE FUNCTION pg_temp.date_in_range(d DATE) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT d IS NULL OR d BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'
$$;
-- An instant as serde writes a DateTime<Utc>.
CREATE FUNCTION pg_temp.instant_text(t TIMESTAMP) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;
-- A date as serde writes a NaiveDate, whatever the session's DateStyle.
CREATE FUNCTION pg_temp.date_text(d DATE) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(d, 'YYYY-MM-DD')
$$;
-- One field's change, or nothing when it did not change (as Changes::diff).
CREATE FUNCTION pg_temp.change(field TEXT, old_value TEXT, new_value TEXT) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN old_value IS DISTINCT FROM new_value
        THEN jsonb_build_object(field, jsonb_build_object('from', old_value, 'to', new_value))
        ELSE '{}'::jsonb END
$$;

-- Entries of every kind, with the record their audit entry names.
CREATE TEMP TABLE entry_repairs (
    entry_table TEXT NOT NULL,
    id BIGINT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    -- The key naming the entry inside its record's audit entry, as the
    -- record's own changes do ('item_id', 'activity_id'); NULL when the
    -- entry is the record.
    id_key TEXT,
    created_at TIMESTAMP NOT NULL,
    old_start TIMESTAMP NOT NULL,
    old_end TIMESTAMP NOT NULL,
    new_start TIMESTAMP,
    new_end TIMESTAMP
) ON COMMIT DROP;
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'itinerary_items', id, 'delegation', delegation_id, 'item_id', created_at, starts_at, ends_at
FROM itinerary_items
WHERE NOT (pg_temp.instant_in_range(starts_at) AND pg_temp.instant_in_range(ends_at));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'press_activities', id, 'accreditation', accreditation_id, 'activity_id', created_at, starts_at, ends_at
FROM press_activities
WHERE NOT (pg_temp.instant_in_range(starts_at) AND pg_temp.instant_in_range(ends_at));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'interviews', id, 'interview', id, NULL, created_at, starts_at, ends_at
FROM interviews
WHERE NOT (pg_temp.instant_in_range(starts_at) AND pg_temp.instant_in_range(ends_at));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'press_conferences', id, 'press_conference', id, NULL, created_at, starts_at, ends_at
FROM press_conferences
WHERE NOT (pg_temp.instant_in_range(starts_at) AND pg_temp.instant_in_range(ends_at));

UPDATE entry_repairs SET new_start = CASE
    WHEN pg_temp.instant_in_range(old_start) THEN old_start
    WHEN pg_temp.instant_in_range(old_end) THEN old_end - INTERVAL '1 hour'
    ELSE date_trunc('second', created_at)
END;
UPDATE entry_repairs SET new_end = CASE
    WHEN pg_temp.instant_in_range(old_end) THEN old_end
    ELSE new_start + INTERVAL '1 hour'
END;

INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', record_kind, record_id,
       (CASE WHEN id_key IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(id_key, id) END
        || pg_temp.change('starts_at', pg_temp.instant_text(old_start), pg_temp.instant_text(new_start))
        || pg_temp.change('ends_at', pg_temp.instant_text(old_end), pg_temp.instant_text(new_end)))::text,
       'Times outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM entry_repairs
ORDER BY entry_table, id;

UPDATE itinerary_items AS t
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'itinerary_items' AND t.id = r.id;
UPDATE press_activities AS t
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'press_activities' AND t.id = r.id;
UPDATE interviews AS t
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'interviews' AND t.id = r.id;
UPDATE press_conferences AS t
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'press_conferences' AND t.id = r.id;

-- Delegations: their dates and the date of the province's decision.
CREATE TEMP TABLE delegation_repairs ON COMMIT DROP AS
SELECT id, start_date AS old_start, end_date AS old_end, decision_date AS old_decision,
       CASE WHEN pg_temp.date_in_range(start_date) THEN start_date
            WHEN pg_temp.date_in_range(end_date) THEN end_date
            ELSE CAST(created_at AS DATE) END AS new_start,
       CASE WHEN pg_temp.date_in_range(end_date) THEN end_date
            WHEN pg_temp.date_in_range(start_date) THEN start_date
            ELSE CAST(created_at AS DATE) END AS new_end,
       CASE WHEN pg_temp.date_in_range(decision_date) THEN decision_date END AS new_decision
FROM delegations
WHERE NOT (pg_temp.date_in_range(start_date) AND pg_temp.date_in_range(end_date)
           AND pg_temp.date_in_range(decision_date));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', 'delegation', id,
       (pg_temp.change('start_date', pg_temp.date_text(old_start), pg_temp.date_text(new_start))
        || pg_temp.change('end_date', pg_temp.date_text(old_end), pg_temp.date_text(new_end))
        || pg_temp.change('decision_date', pg_temp.date_text(old_decision), pg_temp.date_text(new_decision)))::text,
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM delegation_repairs ORDER BY id;
UPDATE delegations AS t
SET start_date = r.new_start, end_date = r.new_end, decision_date = r.new_decision,
    updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM delegation_repairs AS r WHERE t.id = r.id;

-- Accreditations: their dates and the referral's.
CREATE TEMP TABLE accreditation_repairs ON COMMIT DROP AS
SELECT id, start_date AS old_start, end_date AS old_end, referral_date AS old_referral,
       CASE WHEN pg_temp.date_in_range(start_date) THEN start_date
            WHEN pg_temp.date_in_range(end_date) THEN end_date
            ELSE CAST(created_at AS DATE) END AS new_start,
       CASE WHEN pg_temp.date_in_range(end_date) THEN end_date
            WHEN pg_temp.date_in_range(start_date) THEN start_date
            ELSE CAST(created_at AS DATE) END AS new_end,
       CASE WHEN pg_temp.date_in_range(referral_date) THEN referral_date
            ELSE CAST(created_at AS DATE) END AS new_referral
FROM accreditations
WHERE NOT (pg_temp.date_in_range(start_date) AND pg_temp.date_in_range(end_date)
           AND pg_temp.date_in_range(referral_date));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', 'accreditation', id,
       (pg_temp.change('start_date', pg_temp.date_text(old_start), pg_temp.date_text(new_start))
        || pg_temp.change('end_date', pg_temp.date_text(old_end), pg_temp.date_text(new_end))
        || pg_temp.change('referral_date', pg_temp.date_text(old_referral), pg_temp.date_text(new_referral)))::text,
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM accreditation_repairs ORDER BY id;
UPDATE accreditations AS t
SET start_date = r.new_start, end_date = r.new_end, referral_date = r.new_referral,
    updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM accreditation_repairs AS r WHERE t.id = r.id;

-- Members' travel documents (audited on their delegation, as member changes are).
CREATE TEMP TABLE member_repairs ON COMMIT DROP AS
SELECT id, delegation_id, passport_expiry AS old_passport, visa_end AS old_visa
FROM delegation_members
WHERE NOT (pg_temp.date_in_range(passport_expiry) AND pg_temp.date_in_range(visa_end));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', 'delegation', delegation_id,
       (jsonb_build_object('member_id', id)
        || pg_temp.change('passport_expiry', pg_temp.date_text(old_passport),
                          CASE WHEN pg_temp.date_in_range(old_passport) THEN pg_temp.date_text(old_passport) END)
        || pg_temp.change('visa_end', pg_temp.date_text(old_visa),
                          CASE WHEN pg_temp.date_in_range(old_visa) THEN pg_temp.date_text(old_visa) END))::text,
       'Document dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM member_repairs ORDER BY id;
UPDATE delegation_members AS t
SET passport_expiry = CASE WHEN pg_temp.date_in_range(t.passport_expiry) THEN t.passport_expiry END,
    visa_end = CASE WHEN pg_temp.date_in_range(t.visa_end) THEN t.visa_end END,
    updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM member_repairs AS r WHERE t.id = r.id;

-- Reporters' travel documents and press cards.
CREATE TEMP TABLE reporter_repairs ON COMMIT DROP AS
SELECT id, passport_expiry AS old_passport, visa_end AS old_visa, press_card_end AS old_card
FROM reporters
WHERE NOT (pg_temp.date_in_range(passport_expiry) AND pg_temp.date_in_range(visa_end)
           AND pg_temp.date_in_range(press_card_end));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', 'reporter', id,
       (pg_temp.change('passport_expiry', pg_temp.date_text(old_passport),
                       CASE WHEN pg_temp.date_in_range(old_passport) THEN pg_temp.date_text(old_passport) END)
        || pg_temp.change('visa_end', pg_temp.date_text(old_visa),
                          CASE WHEN pg_temp.date_in_range(old_visa) THEN pg_temp.date_text(old_visa) END)
        || pg_temp.change('press_card_end', pg_temp.date_text(old_card),
                          CASE WHEN pg_temp.date_in_range(old_card) THEN pg_temp.date_text(old_card) END))::text,
       'Document dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM reporter_repairs ORDER BY id;
UPDATE reporters AS t
SET passport_expiry = CASE WHEN pg_temp.date_in_range(t.passport_expiry) THEN t.passport_expiry END,
    visa_end = CASE WHEN pg_temp.date_in_range(t.visa_end) THEN t.visa_end END,
    press_card_end = CASE WHEN pg_temp.date_in_range(t.press_card_end) THEN t.press_card_end END,
    updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM reporter_repairs AS r WHERE t.id = r.id;

-- A conference's registration date.
CREATE TEMP TABLE registration_repairs ON COMMIT DROP AS
SELECT id, registration_date AS old_registration,
       CASE WHEN organizer_kind = 'province' THEN NULL ELSE CAST(created_at AS DATE) END AS new_registration
FROM press_conferences
WHERE NOT pg_temp.date_in_range(registration_date);
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT now() AT TIME ZONE 'UTC', '(migration)', 'repair', 'press_conference', id,
       pg_temp.change('registration_date', pg_temp.date_text(old_registration), pg_temp.date_text(new_registration))::text,
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM registration_repairs ORDER BY id;
UPDATE press_conferences AS t
SET registration_date = r.new_registration, updated_at = now() AT TIME ZONE 'UTC', version = t.version + 1
FROM registration_repairs AS r WHERE t.id = r.id;

-- Other processes drop what they kept (schedule weeks, feeds) at commit,
-- as after any audited change (db::notify).
SELECT pg_notify('visitdesk_changes', id::text)
FROM (SELECT MAX(id) AS id FROM audit_entries WHERE actor_username = '(migration)' AND action = 'repair') AS last
WHERE id IS NOT NULL;

DROP FUNCTION pg_temp.change(TEXT, TEXT, TEXT);
DROP FUNCTION pg_temp.instant_text(TIMESTAMP);
DROP FUNCTION pg_temp.date_text(DATE);
DROP FUNCTION pg_temp.date_in_range(DATE);
DROP FUNCTION pg_temp.instant_in_range(TIMESTAMP);

-- The longest-span bound (migration 000006) only grew: a deleted or
-- shortened long entry left it wide for good (a 9999 "end" asked every
-- window for every entry since 1990). Now it also shrinks: when the old
-- span of a changed or deleted entry was the longest, the bound is counted
-- again over the table. Ordinary writes cost what they did, plus a shared
-- advisory lock; only a change of the longest entry scans its table.
--
-- Why the locks: under READ COMMITTED a recount does not see an entry
-- another transaction inserted and has not committed; if that one found
-- the old (wider) bound big enough, neither would raise it, and the bound
-- would end up narrower than a stored entry (the entry missing from the
-- windows it overlaps). So every write of a kind holds a shared lock on
-- the kind's key until it commits, and a recount takes the same key
-- exclusively: it waits for those writes and sees them, and writes after
-- it see its new bound. Shared locks do not wait for each other, and a
-- write takes no row lock on `entry_spans` unless it raises the bound.
CREATE FUNCTION keep_entry_span() RETURNS trigger AS $$
DECLARE
    kind_name TEXT := TG_ARGV[0];
    lock_key INTEGER := hashtext('entry_spans:' || TG_ARGV[0]);
    span BIGINT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        span := CEIL(EXTRACT(EPOCH FROM (OLD.ends_at - OLD.starts_at)))::BIGINT + 1;
        IF span >= (SELECT longest_seconds FROM entry_spans WHERE kind = kind_name) THEN
            PERFORM pg_advisory_xact_lock(hashtext('visitdesk.entry_spans'), lock_key);
            -- A statement of its own, so its snapshot is taken after the lock.
            EXECUTE format(
                'UPDATE entry_spans SET longest_seconds = '
                '(SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM %I) '
                'WHERE kind = $1', TG_TABLE_NAME)
            USING kind_name;
            -- The count includes this row's new times, if any.
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('visitdesk.entry_spans'), lock_key);
        span := CEIL(EXTRACT(EPOCH FROM (NEW.ends_at - NEW.starts_at)))::BIGINT + 1;
        UPDATE entry_spans SET longest_seconds = span
        WHERE kind = kind_name AND longest_seconds < span;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER itinerary_items_span ON itinerary_items;
DROP TRIGGER press_activities_span ON press_activities;
DROP TRIGGER interviews_span ON interviews;
DROP TRIGGER press_conferences_span ON press_conferences;
CREATE TRIGGER itinerary_items_span AFTER INSERT OR UPDATE OF starts_at, ends_at OR DELETE ON itinerary_items
    FOR EACH ROW EXECUTE FUNCTION keep_entry_span('itinerary_item');
CREATE TRIGGER press_activities_span AFTER INSERT OR UPDATE OF starts_at, ends_at OR DELETE ON press_activities
    FOR EACH ROW EXECUTE FUNCTION keep_entry_span('press_activity');
CREATE TRIGGER interviews_span AFTER INSERT OR UPDATE OF starts_at, ends_at OR DELETE ON interviews
    FOR EACH ROW EXECUTE FUNCTION keep_entry_span('interview');
CREATE TRIGGER press_conferences_span AFTER INSERT OR UPDATE OF starts_at, ends_at OR DELETE ON press_conferences
    FOR EACH ROW EXECUTE FUNCTION keep_entry_span('press_conference');

-- The bound as the repaired data has it.
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM itinerary_items
) WHERE kind = 'itinerary_item';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM press_activities
) WHERE kind = 'press_activity';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM interviews
) WHERE kind = 'interview';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM press_conferences
) WHERE kind = 'press_conference';
