//! Half-year and annual reports: a unit's report and its workflow, the
//! compiling unit's overview, and the figures of a period.

pub mod document;
pub mod figures;
pub mod unit_report;
