DROP TRIGGER itinerary_items_span ON itinerary_items;
DROP TRIGGER press_activities_span ON press_activities;
DROP TRIGGER interviews_span ON interviews;
DROP TRIGGER press_conferences_span ON press_conferences;
DROP FUNCTION note_entry_span();
DROP TABLE entry_spans;
