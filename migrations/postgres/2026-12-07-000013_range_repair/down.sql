-- The bound goes back to only growing (migration 000006). The repaired
-- values stay: putting them back would break the schedule again, and the
-- audit keeps what they were.
DROP TRIGGER itinerary_items_span ON itinerary_items;
DROP TRIGGER press_activities_span ON press_activities;
DROP TRIGGER interviews_span ON interviews;
DROP TRIGGER press_conferences_span ON press_conferences;
DROP FUNCTION keep_entry_span();
CREATE TRIGGER itinerary_items_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON itinerary_items
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('itinerary_item');
CREATE TRIGGER press_activities_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON press_activities
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('press_activity');
CREATE TRIGGER interviews_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON interviews
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('interview');
CREATE TRIGGER press_conferences_span AFTER INSERT OR UPDATE OF starts_at, ends_at ON press_conferences
    FOR EACH ROW EXECUTE FUNCTION note_entry_span('press_conference');
