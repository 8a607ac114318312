-- A unit merged into another (a reorganisation of the province's
-- departments) is kept, so that history keeps its name, and points at the
-- unit that took over its users and records; it can no longer be chosen.
ALTER TABLE units ADD COLUMN merged_into_id BIGINT REFERENCES units (id);
