//! Tables as an .xlsx workbook: one sheet per table, its headings bold and
//! frozen, numbers stored as numbers and dates as dates (d/m/yyyy, as an
//! office in Vietnam writes them), so Excel sums and sorts them.

use std::collections::HashSet;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Cell, DocumentError, Table};

/// Excel's limit on a sheet's name.
const SHEET_NAME_MAX: usize = 31;
/// Excel refuses these in a sheet's name.
const SHEET_NAME_FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];
/// The widest a column is made by fitting it to its text (characters).
const COLUMN_WIDTH_MAX: u32 = 60;

/// A workbook holding `tables`, one sheet each, in order.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, DocumentError> {
    let mut book = Workbook::new();
    let formats = Formats {
        heading: Format::new().set_bold().set_text_wrap(),
        date: Format::new().set_num_format("d/m/yyyy"),
        lines: Format::new().set_text_wrap(),
    };
    let mut taken = HashSet::new();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.title, &mut taken))?;
        write_table(sheet, table, &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

/// The cell formats of a workbook: made once, shared by its sheets.
struct Formats {
    heading: Format,
    date: Format,
    /// Text of several lines: without wrapping Excel shows them as one.
    lines: Format,
}

fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    for (col, h) in (0u16..).zip(&table.headers) {
        sheet.write_string_with_format(0, col, h, &formats.heading)?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(s) if s.contains('\n') => {
                    sheet.write_string_with_format(row, col, s, &formats.lines)?;
                }
                Cell::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                // Counts and ids: exact in an f64 far beyond any the
                // province holds (2^53).
                #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^53")]
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Cell::Date(d) => {
                    sheet.write_date_with_format(row, col, d, &formats.date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_autofit_max_width(COLUMN_WIDTH_MAX * 7).autofit();
    Ok(())
}

/// `title` made a name Excel accepts (no forbidden characters, at most 31
/// characters) and unique in the workbook (" (2)", " (3)", … when taken;
/// Excel compares names without case).
fn sheet_name(title: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| {
            if SHEET_NAME_FORBIDDEN.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base = if clean.is_empty() { "Sheet" } else { clean };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = SHEET_NAME_MAX - suffix.chars().count();
        let name: String = base.chars().take(room).collect::<String>() + &suffix;
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cut_cleaned_and_unique() {
        let mut taken = HashSet::new();
        let long = "Đoàn vào theo quốc gia và đơn vị tiếp đón năm 2026";
        let first = sheet_name(long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, &mut taken);
        assert!(
            second.ends_with(" (2)") && second.chars().count() == 31,
            "{second}"
        );
        assert_eq!(sheet_name("a/b:c", &mut taken), "a-b-c");
        assert_eq!(sheet_name("A-B-C", &mut taken), "A-B-C (2)");
        assert_eq!(sheet_name("  ", &mut taken), "Sheet");
    }

    #[test]
    fn a_workbook_is_a_zip() {
        let mut t = Table::new("Đoàn", &["Tên", "Số", "Ngày"]);
        t.push(vec![
            "Đoàn Nhật Bản".into(),
            3.into(),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 15).into(),
        ]);
        let bytes = workbook(&[t]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
