ALTER TABLE press_conferences DROP COLUMN registration_date;
ALTER TABLE press_conferences DROP COLUMN organizer_name;
ALTER TABLE press_conferences DROP COLUMN organizer_kind;
