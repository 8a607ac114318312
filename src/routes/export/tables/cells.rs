//! What every table is made of: an empty table headed from the catalogue,
//! closed values named from it, counts, unit names and times as the office
//! writes them.

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use crate::console::i18n::Tr;
use crate::documents::{Cell, Table};
use crate::domain::time::PROVINCE_TZ;
use crate::domain::unit::Unit;

/// An empty table titled and headed from the catalogue (`export-title-*`,
/// `export-column-*`).
pub(super) fn table(t: Tr, list: &str, columns: &[&str]) -> Table {
    Table {
        title: t.t(&format!("export-title-{list}")),
        headers: columns
            .iter()
            .map(|c| t.t(&format!("export-column-{c}")))
            .collect(),
        rows: Vec::new(),
    }
}

/// A closed value as the API writes it (`approved`, `incoming`), to name
/// it from the catalogue.
pub(super) fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub(super) fn count(n: usize) -> Cell {
    i64::try_from(n).map_or(Cell::Empty, Cell::Number)
}

pub(super) fn unit_name(units: &[Unit], id: crate::domain::ids::UnitId) -> String {
    units
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| id.to_string(), |u| u.name.clone())
}

/// A time in its own zone, as the office writes it.
pub(super) fn local(t: Tr, at: &DateTime<FixedOffset>) -> String {
    format!("{} {}", t.date(&at.date_naive()), at.format("%H:%M"))
}

/// An instant in the province's time.
pub(super) fn at(t: Tr, at: &DateTime<Utc>) -> String {
    t.date_time(at, PROVINCE_TZ)
}
