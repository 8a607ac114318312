//! A table as CSV that Excel opens with Vietnamese intact: UTF-8 with a byte
//! order mark, CRLF records, RFC 4180 quoting, and no cell a spreadsheet
//! would run as a formula.
//!
//! The quoting and record ends are the `csv` crate's (`QuoteStyle::Necessary`
//! quotes a field holding a comma, a quote, CR or LF and doubles its quotes;
//! `Terminator::CRLF`). What it cannot know is the formula guard: OWASP's
//! "CSV Injection" advice is to prefix a text cell that starts with `=`, `+`,
//! `-`, `@`, TAB or CR with a single quote, so a spreadsheet shows it as text
//! instead of evaluating it (`=HYPERLINK(…)` typed into a delegation's name
//! must not become a link in a clerk's Excel). Numbers and dates are written
//! by us, never guarded: `-5` stays a number.

use super::{Cell, Table};

/// The UTF-8 byte order mark: without it Excel reads the file as the local
/// ANSI code page and shows "Hà Giang" as "HÃ  Giang".
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table's headings then its rows, as CSV bytes.
pub fn write(table: &Table) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(BOM.to_vec());
    let headers = table.headers.iter().map(|h| guard(h));
    // Writing into a Vec cannot fail: the only errors are the writer's I/O.
    let mut record = |fields: Vec<String>| {
        if let Err(e) = out.write_record(&fields) {
            tracing::error!(error = %e, "CSV into memory failed");
        }
    };
    record(headers.collect());
    for row in &table.rows {
        record(row.iter().map(field).collect());
    }
    match out.into_inner() {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e.error(), "CSV into memory failed");
            e.into_inner().get_ref().clone()
        }
    }
}

/// One cell's text: dates as YYYY-MM-DD (ISO 8601, which every spreadsheet
/// reads as a date whatever its locale), numbers plain, text guarded.
fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => guard(s),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Empty => String::new(),
    }
}

/// Prefixes `'` to text a spreadsheet would take for a formula (OWASP).
fn guard(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn text(table: &Table) -> String {
        let bytes = write(table);
        assert!(bytes.starts_with(BOM), "BOM first");
        String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap()
    }

    #[test]
    fn headings_rows_crlf_and_vietnamese() {
        let mut t = Table::new("Đoàn vào", &["Tên đoàn", "Số người", "Ngày đến"]);
        t.push(vec![
            "Đoàn Hàn Quốc".into(),
            Cell::Number(12),
            NaiveDate::from_ymd_opt(2026, 6, 5).unwrap().into(),
        ]);
        t.push(vec![Cell::Empty, Cell::Number(-3), Cell::Empty]);
        assert_eq!(
            text(&t),
            "Tên đoàn,Số người,Ngày đến\r\nĐoàn Hàn Quốc,12,2026-06-05\r\n,-3,\r\n"
        );
    }

    #[test]
    fn quotes_what_rfc_4180_asks() {
        let mut t = Table::new("t", &["a"]);
        for s in ["x,y", "say \"hi\"", "line\nbreak", "cr\rhere", "plain"] {
            t.push(vec![s.into()]);
        }
        assert_eq!(
            text(&t),
            "a\r\n\"x,y\"\r\n\"say \"\"hi\"\"\"\r\n\"line\nbreak\"\r\n\"cr\rhere\"\r\nplain\r\n"
        );
    }

    #[test]
    fn guards_formulas_in_text_only() {
        let mut t = Table::new("t", &["=head", "b"]);
        for s in ["=1+1", "+84 912", "-x", "@SUM(A1)", "\tTab", "\rCR", "a=b"] {
            t.push(vec![s.into(), Cell::Number(-1)]);
        }
        let out = text(&t);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], "'=head,b");
        assert_eq!(lines[1], "'=1+1,-1");
        assert_eq!(lines[2], "'+84 912,-1");
        assert_eq!(lines[3], "'-x,-1");
        assert_eq!(lines[4], "'@SUM(A1),-1");
        assert_eq!(lines[5], "'\tTab,-1");
        assert_eq!(lines[6], "\"'\rCR\",-1");
        assert_eq!(lines[7], "a=b,-1");
    }

    #[test]
    fn an_empty_table_is_its_headings() {
        assert_eq!(text(&Table::new("t", &["Một", "Hai"])), "Một,Hai\r\n");
    }
}
