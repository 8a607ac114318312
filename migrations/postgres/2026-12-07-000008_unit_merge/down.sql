ALTER TABLE units DROP COLUMN merged_into_id;
