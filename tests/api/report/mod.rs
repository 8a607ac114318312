//! `/api/v1/reports` (src/routes/report/): a unit's reports and their
//! workflow, the figures, the documents.

mod documents;
mod figures;
mod unit_reports;
