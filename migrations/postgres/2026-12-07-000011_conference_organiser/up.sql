-- Who holds a press conference: the province's own (the Provincial Office,
-- a department: 'province', every conference before this migration) or a
-- foreign body (an embassy, consulate, foreign organisation or enterprise:
-- 'foreign_body'), which registers it with the province ahead; for a
-- foreign body its name and the day its registration reached the province.
-- The pair is required for a foreign body by the type the API parses into
-- (domain::press::Organizer), and by the table's constraint here.
ALTER TABLE press_conferences ADD COLUMN organizer_kind TEXT NOT NULL DEFAULT 'province'
    CHECK (organizer_kind IN ('province', 'foreign_body'));
ALTER TABLE press_conferences ADD COLUMN organizer_name TEXT;
ALTER TABLE press_conferences ADD COLUMN registration_date DATE;
ALTER TABLE press_conferences ADD CONSTRAINT press_conferences_foreign_body_registered
    CHECK (organizer_kind = 'province'
           OR (organizer_name IS NOT NULL AND registration_date IS NOT NULL));
