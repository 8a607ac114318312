//! Half-year and annual reports: their periods, the settings that place
//! them, and the figures of a period (pure types; the counting is in
//! `db::report`, who may see them in `model::report`).

pub mod figures;
pub mod period;
pub mod settings;
pub mod workflow;

pub use period::{Period, PeriodKind};
pub use settings::{DayOfYear, ReportSettings};
