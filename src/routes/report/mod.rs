//! The reports' JSON faces: the units' reports and the compiling unit's
//! overview, and the figures of a period.

pub mod documents;
pub mod figures;
pub mod unit_reports;
