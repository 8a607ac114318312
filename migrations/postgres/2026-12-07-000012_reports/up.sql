-- A unit's half-year or annual report on its foreign-information work
-- (DESIGN.md, "Reports"): the sections only the unit can write, beside the
-- figures worked out from the records (never stored: they are recomputed
-- for the period). One report per unit and period; its workflow is
-- src/domain/report/workflow.rs (draft → submitted → returned / accepted).
CREATE TABLE unit_reports (
    id BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    -- "2026-h1" (half-year) or "2026" (year): src/domain/report/period.rs.
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
    results TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    plan TEXT NOT NULL DEFAULT '',
    -- The compiling unit's note when it last returned the report.
    return_note TEXT,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (unit_id, period)
);
-- The compiling unit's overview and the inbox: every report of a period.
CREATE INDEX unit_reports_period_idx ON unit_reports (period);
