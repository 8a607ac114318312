//! Unit tests of the .docx writer: dates, numbers, section numbers, cleaned
//! text, column widths and a bare report.

use super::table::column_widths;
use super::text::grouped;
use super::*;
use crate::documents::Cell;

#[test]
fn dates_are_padded_as_the_decree_asks() {
    let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    assert_eq!(
        place_and_date("Huế", d(6, 5)),
        "Huế, ngày 05 tháng 6 năm 2026"
    );
    assert_eq!(
        place_and_date("Huế", d(2, 14)),
        "Huế, ngày 14 tháng 02 năm 2026"
    );
    assert_eq!(
        place_and_date("Huế", d(1, 1)),
        "Huế, ngày 01 tháng 01 năm 2026"
    );
    assert_eq!(
        place_and_date("Huế", d(12, 15)),
        "Huế, ngày 15 tháng 12 năm 2026"
    );
}

#[test]
fn numbers_group_thousands_with_a_dot() {
    let cases = [
        (0, "0"),
        (999, "999"),
        (1_000, "1.000"),
        (1_234_567, "1.234.567"),
        (-4_500, "-4.500"),
    ];
    for (n, want) in cases {
        assert_eq!(grouped(n), want);
    }
}

#[test]
fn sections_are_numbered_in_roman() {
    let got: Vec<String> = [1, 2, 3, 4, 5, 9, 14, 39].into_iter().map(roman).collect();
    assert_eq!(got, ["I", "II", "III", "IV", "V", "IX", "XIV", "XXXIX"]);
}

#[test]
fn text_loses_what_xml_forbids() {
    assert_eq!(clean("a\u{0}b\u{c}c\td\r\ne\u{FFFF}"), "abc d\ne");
    assert_eq!(clean("Hà Giang & \"Huế\" <x>"), "Hà Giang & \"Huế\" <x>");
}

#[test]
fn columns_fill_the_text_width_and_keep_their_words() {
    let mut t = Table::new("t", &["Tên đơn vị tiếp đón", "Số đoàn", "Ngày"]);
    t.push(vec![
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Tuyên Quang cùng các đơn vị phối hợp".into(),
        Cell::Number(12_345),
        NaiveDate::from_ymd_opt(2026, 6, 14).into(),
    ]);
    let widths = column_widths(&t);
    let total: i32 = widths.iter().sum();
    assert!((TEXT_WIDTH - 3..=TEXT_WIDTH).contains(&total), "{widths:?}");
    // The long name wraps; the date (10 characters) and "12.345" do not.
    assert!(widths[2] >= CELL_PADDING + 10 * CHAR_WIDTH, "{widths:?}");
    assert!(widths[1] >= CELL_PADDING + 6 * CHAR_WIDTH, "{widths:?}");
    assert!(widths[0] > widths[1] + widths[2], "{widths:?}");
    // Narrow tables are spread over the whole width too.
    let narrow = column_widths(&Table::new("t", &["A", "B"]));
    assert_eq!(narrow, [TEXT_WIDTH / 2, TEXT_WIDTH / 2]);
}

#[test]
fn a_bare_report_is_written() {
    let report = ReportDocument {
        governing_body: String::new(),
        issuing_body: "Ủy ban nhân dân tỉnh Huế".into(),
        number_abbrev: "UBND".into(),
        number: Some(12),
        place: "Huế".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        subject: "Kết quả năm 2026".into(),
        sections: vec![],
        recipients: vec![],
        signer_title: String::new(),
        signer_name: String::new(),
    };
    assert_eq!(&write(&report).unwrap()[..2], b"PK");
}
