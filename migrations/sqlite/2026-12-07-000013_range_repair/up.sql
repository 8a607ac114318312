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
--
-- SQLite keeps instants and dates as text ('2026-12-02 08:00:00',
-- '2026-12-02'): a year past 9999 is written '+10000-...' and sorts before
-- 1990, so the text comparisons below find it out of range too (and a
-- value julianday() cannot read is shown in the audit as it was stored).

-- Entries of every kind, with the record their audit entry names.
CREATE TEMP TABLE entry_repairs (
    entry_table TEXT NOT NULL,
    id INTEGER NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    -- The key naming the entry inside its record's audit entry, as the
    -- record's own changes do ('item_id', 'activity_id'); NULL when the
    -- entry is the record.
    id_key TEXT,
    created_at TEXT NOT NULL,
    old_start TEXT NOT NULL,
    old_end TEXT NOT NULL,
    new_start TEXT,
    new_end TEXT
);
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'itinerary_items', id, 'delegation', delegation_id, 'item_id', created_at, starts_at, ends_at
FROM itinerary_items
WHERE NOT ((starts_at >= '1989-12-31 10:00:00' AND starts_at < '2101-01-01 12:00:00') AND (ends_at >= '1989-12-31 10:00:00' AND ends_at < '2101-01-01 12:00:00'));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'press_activities', id, 'accreditation', accreditation_id, 'activity_id', created_at, starts_at, ends_at
FROM press_activities
WHERE NOT ((starts_at >= '1989-12-31 10:00:00' AND starts_at < '2101-01-01 12:00:00') AND (ends_at >= '1989-12-31 10:00:00' AND ends_at < '2101-01-01 12:00:00'));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'interviews', id, 'interview', id, NULL, created_at, starts_at, ends_at
FROM interviews
WHERE NOT ((starts_at >= '1989-12-31 10:00:00' AND starts_at < '2101-01-01 12:00:00') AND (ends_at >= '1989-12-31 10:00:00' AND ends_at < '2101-01-01 12:00:00'));
INSERT INTO entry_repairs (entry_table, id, record_kind, record_id, id_key, created_at, old_start, old_end)
SELECT 'press_conferences', id, 'press_conference', id, NULL, created_at, starts_at, ends_at
FROM press_conferences
WHERE NOT ((starts_at >= '1989-12-31 10:00:00' AND starts_at < '2101-01-01 12:00:00') AND (ends_at >= '1989-12-31 10:00:00' AND ends_at < '2101-01-01 12:00:00'));

UPDATE entry_repairs SET new_start = CASE
    WHEN (old_start >= '1989-12-31 10:00:00' AND old_start < '2101-01-01 12:00:00') THEN old_start
    WHEN (old_end >= '1989-12-31 10:00:00' AND old_end < '2101-01-01 12:00:00') THEN datetime(old_end, '-1 hour')
    ELSE datetime(created_at)
END;
UPDATE entry_repairs SET new_end = CASE
    WHEN (old_end >= '1989-12-31 10:00:00' AND old_end < '2101-01-01 12:00:00') THEN old_end
    ELSE datetime(new_start, '+1 hour')
END;

INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', record_kind, record_id,
       json_remove(
           json_object(COALESCE(id_key, 'entry_id'), id,
                       'starts_at', json_object('from', COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ', old_start), old_start), 'to', COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ', new_start), new_start)),
                       'ends_at', json_object('from', COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ', old_end), old_end), 'to', COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ', new_end), new_end))),
           CASE WHEN id_key IS NULL THEN '$.entry_id' ELSE '$.unchanged' END,
           CASE WHEN old_start IS new_start THEN '$.starts_at' ELSE '$.unchanged' END,
           CASE WHEN old_end IS new_end THEN '$.ends_at' ELSE '$.unchanged' END),
       'Times outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM entry_repairs
ORDER BY entry_table, id;
UPDATE itinerary_items
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = itinerary_items.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'itinerary_items' AND itinerary_items.id = r.id;
UPDATE press_activities
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = press_activities.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'press_activities' AND press_activities.id = r.id;
UPDATE interviews
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = interviews.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'interviews' AND interviews.id = r.id;
UPDATE press_conferences
SET starts_at = r.new_start, ends_at = r.new_end, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = press_conferences.version + 1
FROM entry_repairs AS r WHERE r.entry_table = 'press_conferences' AND press_conferences.id = r.id;
DROP TABLE entry_repairs;

-- Delegations: their dates and the date of the province's decision.
CREATE TEMP TABLE delegation_repairs AS
SELECT id, start_date AS old_start, end_date AS old_end, decision_date AS old_decision,
       CASE WHEN (start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) THEN start_date
            WHEN (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) THEN end_date
            ELSE date(created_at) END AS new_start,
       CASE WHEN (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) THEN end_date
            WHEN (start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) THEN start_date
            ELSE date(created_at) END AS new_end,
       CASE WHEN (decision_date IS NULL OR (decision_date >= '1990-01-01' AND decision_date <= '2100-12-31')) THEN decision_date END AS new_decision
FROM delegations
WHERE NOT ((start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) AND (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) AND (decision_date IS NULL OR (decision_date >= '1990-01-01' AND decision_date <= '2100-12-31')));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', 'delegation', id,
       json_remove(
           json_object('start_date', json_object('from', old_start, 'to', new_start),
                       'end_date', json_object('from', old_end, 'to', new_end),
                       'decision_date', json_object('from', old_decision, 'to', new_decision)),
           CASE WHEN old_start IS new_start THEN '$.start_date' ELSE '$.unchanged' END,
           CASE WHEN old_end IS new_end THEN '$.end_date' ELSE '$.unchanged' END,
           CASE WHEN old_decision IS new_decision THEN '$.decision_date' ELSE '$.unchanged' END),
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM delegation_repairs ORDER BY id;
UPDATE delegations
SET start_date = r.new_start, end_date = r.new_end, decision_date = r.new_decision,
    updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = delegations.version + 1
FROM delegation_repairs AS r WHERE delegations.id = r.id;
DROP TABLE delegation_repairs;

-- Accreditations: their dates and the referral's.
CREATE TEMP TABLE accreditation_repairs AS
SELECT id, start_date AS old_start, end_date AS old_end, referral_date AS old_referral,
       CASE WHEN (start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) THEN start_date
            WHEN (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) THEN end_date
            ELSE date(created_at) END AS new_start,
       CASE WHEN (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) THEN end_date
            WHEN (start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) THEN start_date
            ELSE date(created_at) END AS new_end,
       CASE WHEN (referral_date IS NULL OR (referral_date >= '1990-01-01' AND referral_date <= '2100-12-31')) THEN referral_date ELSE date(created_at) END AS new_referral
FROM accreditations
WHERE NOT ((start_date IS NULL OR (start_date >= '1990-01-01' AND start_date <= '2100-12-31')) AND (end_date IS NULL OR (end_date >= '1990-01-01' AND end_date <= '2100-12-31')) AND (referral_date IS NULL OR (referral_date >= '1990-01-01' AND referral_date <= '2100-12-31')));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', 'accreditation', id,
       json_remove(
           json_object('start_date', json_object('from', old_start, 'to', new_start),
                       'end_date', json_object('from', old_end, 'to', new_end),
                       'referral_date', json_object('from', old_referral, 'to', new_referral)),
           CASE WHEN old_start IS new_start THEN '$.start_date' ELSE '$.unchanged' END,
           CASE WHEN old_end IS new_end THEN '$.end_date' ELSE '$.unchanged' END,
           CASE WHEN old_referral IS new_referral THEN '$.referral_date' ELSE '$.unchanged' END),
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM accreditation_repairs ORDER BY id;
UPDATE accreditations
SET start_date = r.new_start, end_date = r.new_end, referral_date = r.new_referral,
    updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = accreditations.version + 1
FROM accreditation_repairs AS r WHERE accreditations.id = r.id;
DROP TABLE accreditation_repairs;

-- Members' travel documents (audited on their delegation, as member changes are).
CREATE TEMP TABLE member_repairs AS
SELECT id, delegation_id, passport_expiry AS old_passport_expiry, visa_end AS old_visa_end
FROM delegation_members
WHERE NOT ((passport_expiry IS NULL OR (passport_expiry >= '1990-01-01' AND passport_expiry <= '2100-12-31')) AND (visa_end IS NULL OR (visa_end >= '1990-01-01' AND visa_end <= '2100-12-31')));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', 'delegation', delegation_id,
       json_remove(
           json_object('member_id', id,
                       'passport_expiry', json_object('from', old_passport_expiry, 'to', CASE WHEN (old_passport_expiry IS NULL OR (old_passport_expiry >= '1990-01-01' AND old_passport_expiry <= '2100-12-31')) THEN old_passport_expiry END),
                       'visa_end', json_object('from', old_visa_end, 'to', CASE WHEN (old_visa_end IS NULL OR (old_visa_end >= '1990-01-01' AND old_visa_end <= '2100-12-31')) THEN old_visa_end END)),
           CASE WHEN (old_passport_expiry IS NULL OR (old_passport_expiry >= '1990-01-01' AND old_passport_expiry <= '2100-12-31')) THEN '$.passport_expiry' ELSE '$.unchanged' END,
           CASE WHEN (old_visa_end IS NULL OR (old_visa_end >= '1990-01-01' AND old_visa_end <= '2100-12-31')) THEN '$.visa_end' ELSE '$.unchanged' END),
       'Document dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM member_repairs ORDER BY id;
UPDATE delegation_members
SET passport_expiry = CASE WHEN (delegation_members.passport_expiry IS NULL OR (delegation_members.passport_expiry >= '1990-01-01' AND delegation_members.passport_expiry <= '2100-12-31')) THEN delegation_members.passport_expiry END,
    visa_end = CASE WHEN (delegation_members.visa_end IS NULL OR (delegation_members.visa_end >= '1990-01-01' AND delegation_members.visa_end <= '2100-12-31')) THEN delegation_members.visa_end END,
    updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = delegation_members.version + 1
FROM member_repairs AS r WHERE delegation_members.id = r.id;
DROP TABLE member_repairs;

-- Reporters' travel documents and press cards.
CREATE TEMP TABLE reporter_repairs AS
SELECT id, passport_expiry AS old_passport_expiry, visa_end AS old_visa_end, press_card_end AS old_press_card_end
FROM reporters
WHERE NOT ((passport_expiry IS NULL OR (passport_expiry >= '1990-01-01' AND passport_expiry <= '2100-12-31')) AND (visa_end IS NULL OR (visa_end >= '1990-01-01' AND visa_end <= '2100-12-31')) AND (press_card_end IS NULL OR (press_card_end >= '1990-01-01' AND press_card_end <= '2100-12-31')));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', 'reporter', id,
       json_remove(
           json_object('passport_expiry', json_object('from', old_passport_expiry, 'to', CASE WHEN (old_passport_expiry IS NULL OR (old_passport_expiry >= '1990-01-01' AND old_passport_expiry <= '2100-12-31')) THEN old_passport_expiry END),
                       'visa_end', json_object('from', old_visa_end, 'to', CASE WHEN (old_visa_end IS NULL OR (old_visa_end >= '1990-01-01' AND old_visa_end <= '2100-12-31')) THEN old_visa_end END),
                       'press_card_end', json_object('from', old_press_card_end, 'to', CASE WHEN (old_press_card_end IS NULL OR (old_press_card_end >= '1990-01-01' AND old_press_card_end <= '2100-12-31')) THEN old_press_card_end END)),
           CASE WHEN (old_passport_expiry IS NULL OR (old_passport_expiry >= '1990-01-01' AND old_passport_expiry <= '2100-12-31')) THEN '$.passport_expiry' ELSE '$.unchanged' END,
           CASE WHEN (old_visa_end IS NULL OR (old_visa_end >= '1990-01-01' AND old_visa_end <= '2100-12-31')) THEN '$.visa_end' ELSE '$.unchanged' END,
           CASE WHEN (old_press_card_end IS NULL OR (old_press_card_end >= '1990-01-01' AND old_press_card_end <= '2100-12-31')) THEN '$.press_card_end' ELSE '$.unchanged' END),
       'Document dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM reporter_repairs ORDER BY id;
UPDATE reporters
SET passport_expiry = CASE WHEN (reporters.passport_expiry IS NULL OR (reporters.passport_expiry >= '1990-01-01' AND reporters.passport_expiry <= '2100-12-31')) THEN reporters.passport_expiry END,
    visa_end = CASE WHEN (reporters.visa_end IS NULL OR (reporters.visa_end >= '1990-01-01' AND reporters.visa_end <= '2100-12-31')) THEN reporters.visa_end END,
    press_card_end = CASE WHEN (reporters.press_card_end IS NULL OR (reporters.press_card_end >= '1990-01-01' AND reporters.press_card_end <= '2100-12-31')) THEN reporters.press_card_end END,
    updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = reporters.version + 1
FROM reporter_repairs AS r WHERE reporters.id = r.id;
DROP TABLE reporter_repairs;

-- A conference's registration date.
CREATE TEMP TABLE registration_repairs AS
SELECT id, registration_date AS old_registration,
       CASE WHEN organizer_kind = 'province' THEN NULL ELSE date(created_at) END AS new_registration
FROM press_conferences
WHERE NOT (registration_date IS NULL OR (registration_date >= '1990-01-01' AND registration_date <= '2100-12-31'));
INSERT INTO audit_entries (at, actor_username, action, record_kind, record_id, changes, note)
SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), '(migration)', 'repair', 'press_conference', id,
       json_object('registration_date', json_object('from', old_registration, 'to', new_registration)),
       'Dates outside 1990-2100, stored before they were checked; repaired by migration 2026-12-07-000013_range_repair'
FROM registration_repairs ORDER BY id;
UPDATE press_conferences
SET registration_date = r.new_registration, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now'), version = press_conferences.version + 1
FROM registration_repairs AS r WHERE press_conferences.id = r.id;
DROP TABLE registration_repairs;

-- The longest-span bound (migration 000006) only grew: a deleted or
-- shortened long entry left it wide for good. Now it also shrinks: when
-- the old span of a changed or deleted entry was the longest, the bound is
-- counted again over the table. The UPDATE matches no row otherwise, so
-- only a change of the longest entry scans its table. SQLite has one
-- writer at a time, so no write can slip in between the count and the
-- bound (PostgreSQL needs locks for that).
CREATE TRIGGER itinerary_items_span_shrink_update AFTER UPDATE OF starts_at, ends_at ON itinerary_items
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM itinerary_items)
    WHERE kind = 'itinerary_item'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER itinerary_items_span_shrink_delete AFTER DELETE ON itinerary_items
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM itinerary_items)
    WHERE kind = 'itinerary_item'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_activities_span_shrink_update AFTER UPDATE OF starts_at, ends_at ON press_activities
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_activities)
    WHERE kind = 'press_activity'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_activities_span_shrink_delete AFTER DELETE ON press_activities
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_activities)
    WHERE kind = 'press_activity'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER interviews_span_shrink_update AFTER UPDATE OF starts_at, ends_at ON interviews
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM interviews)
    WHERE kind = 'interview'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER interviews_span_shrink_delete AFTER DELETE ON interviews
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM interviews)
    WHERE kind = 'interview'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_conferences_span_shrink_update AFTER UPDATE OF starts_at, ends_at ON press_conferences
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_conferences)
    WHERE kind = 'press_conference'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_conferences_span_shrink_delete AFTER DELETE ON press_conferences
BEGIN
    UPDATE entry_spans
    SET longest_seconds = (SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_conferences)
    WHERE kind = 'press_conference'
      AND longest_seconds <= CAST(ROUND((julianday(OLD.ends_at) - julianday(OLD.starts_at)) * 86400) AS INTEGER) + 1;
END;

-- The bound as the repaired data has it.
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM itinerary_items
) WHERE kind = 'itinerary_item';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_activities
) WHERE kind = 'press_activity';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM interviews
) WHERE kind = 'interview';
UPDATE entry_spans SET longest_seconds = (
    SELECT COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1 FROM press_conferences
) WHERE kind = 'press_conference';
