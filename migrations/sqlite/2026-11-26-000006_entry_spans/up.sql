-- The longest any entry of each kind has lasted (in whole seconds, rounded
-- up), kept by triggers on every insert and change of its times. The
-- schedule and the feeds ask for entries overlapping a window: with this
-- bound, `starts_at` between (window start - longest) and window end is an
-- index range of what the window holds, instead of every entry that started
-- before its end (years of records). It only grows; a deleted long entry
-- leaves the bound wider than needed, never too narrow.
CREATE TABLE entry_spans (
    kind TEXT PRIMARY KEY NOT NULL,
    longest_seconds BIGINT NOT NULL
);

INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'itinerary_item', COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1
FROM itinerary_items;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'press_activity', COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1
FROM press_activities;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'interview', COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1
FROM interviews;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'press_conference', COALESCE(MAX(CAST(ROUND((julianday(ends_at) - julianday(starts_at)) * 86400) AS INTEGER)), 0) + 1
FROM press_conferences;

CREATE TRIGGER itinerary_items_span_insert AFTER INSERT ON itinerary_items
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'itinerary_item'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER itinerary_items_span_update AFTER UPDATE OF starts_at, ends_at ON itinerary_items
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'itinerary_item'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_activities_span_insert AFTER INSERT ON press_activities
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'press_activity'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_activities_span_update AFTER UPDATE OF starts_at, ends_at ON press_activities
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'press_activity'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER interviews_span_insert AFTER INSERT ON interviews
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'interview'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER interviews_span_update AFTER UPDATE OF starts_at, ends_at ON interviews
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'interview'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_conferences_span_insert AFTER INSERT ON press_conferences
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'press_conference'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
CREATE TRIGGER press_conferences_span_update AFTER UPDATE OF starts_at, ends_at ON press_conferences
BEGIN
    UPDATE entry_spans
    SET longest_seconds = CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1
    WHERE kind = 'press_conference'
      AND longest_seconds < CAST(ROUND((julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400) AS INTEGER) + 1;
END;
