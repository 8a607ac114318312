-- The longest any entry of each kind has lasted (in whole seconds, rounded
-- up), kept by triggers on every insert and change of its times. The
-- schedule and the feeds ask for entries overlapping a window: with this
-- bound, `starts_at` between (window start - longest) and window end is an
-- index range of what the window holds, instead of every entry that started
-- before its end (years of records). It only grows; a deleted long entry
-- leaves the bound wider than needed, never too narrow. The trigger's
-- UPDATE matches no row unless the bound grows, so ordinary writes take no
-- lock on it.
CREATE TABLE entry_spans (
    kind TEXT PRIMARY KEY NOT NULL,
    longest_seconds BIGINT NOT NULL
);

INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'itinerary_item', COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM itinerary_items;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'press_activity', COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM press_activities;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'interview', COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM interviews;
INSERT INTO entry_spans (kind, longest_seconds)
SELECT 'press_conference', COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (ends_at - starts_at)))::BIGINT), 0) + 1 FROM press_conferences;

CREATE FUNCTION note_entry_span() RETURNS trigger AS $$
DECLARE
    span BIGINT := CEIL(EXTRACT(EPOCH FROM (NEW.ends_at - NEW.starts_at)))::BIGINT + 1;
BEGIN
    UPDATE entry_spans SET longest_seconds = span
    WHERE kind = TG_ARGV[0] AND longest_seconds < span;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER itinerary_items_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON itinerary_items
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('itinerary_item');
CREATE TRIGGER press_activities_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON press_activities
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('press_activity');
CREATE TRIGGER interviews_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON interviews
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('interview');
CREATE TRIGGER press_conferences_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON press_conferences
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('press_conference');
