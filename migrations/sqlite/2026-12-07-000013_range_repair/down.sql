-- The bound goes back to only growing (migration 000006). The repaired
-- values stay: putting them back would break the schedule again, and the
-- audit keeps what they were.
DROP TRIGGER itinerary_items_span_shrink_update;
DROP TRIGGER itinerary_items_span_shrink_delete;
DROP TRIGGER press_activities_span_shrink_update;
DROP TRIGGER press_activities_span_shrink_delete;
DROP TRIGGER interviews_span_shrink_update;
DROP TRIGGER interviews_span_shrink_delete;
DROP TRIGGER press_conferences_span_shrink_update;
DROP TRIGGER press_conferences_span_shrink_delete;
