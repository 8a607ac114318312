//! Documents an office files and opens in Word and Excel: tables of figures
//! and lists, written as CSV (UTF-8 with BOM), .xlsx and, for reports, a
//! .docx laid out as Decree 30/2020/NĐ-CP lays out an administrative report.
//!
//! Pure: these types hold what a document says; the writers turn them into
//! bytes. Nothing here reads the database or knows about HTTP.

pub mod csv;
pub mod docx;
pub mod xlsx;

use chrono::NaiveDate;

/// A document the writer could not make. Only the .xlsx and .docx writers
/// fail (their crates report bad input such as an over-long sheet); CSV into
/// memory cannot.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the workbook could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the report could not be written: {0}")]
    Docx(String),
}

/// One value in a table cell, typed so the spreadsheet stores numbers as
/// numbers and dates as dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A table: a title (the sheet's name in a workbook, the caption in a
/// report), its column headings and its rows, each as long as `headers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, headers: &[&str]) -> Self {
        Table {
            title: title.into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one cell per heading.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "row width in {}", self.title);
        self.rows.push(row);
    }
}
