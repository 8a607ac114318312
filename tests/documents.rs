//! Writes a sample report (.docx), workbook (.xlsx) and CSV through
//! `visitdesk::documents`, for readers that are not ours to check:
//! `tests/documents/run` runs this, then reads the files back with
//! python-docx, openpyxl and Python's csv module (`tests/documents/check.py`)
//! and converts the report with LibreOffice. The expected contents are
//! written out again, literally, in check.py: the two must agree.
//!
//! The files go to `$VISITDESK_DOCUMENTS_DIR`, or `target/documents-check/`.

#![expect(clippy::unwrap_used, reason = "a test: a failure should stop it")]

use std::path::PathBuf;

use chrono::NaiveDate;
use visitdesk::documents::docx::{ReportDocument, Section};
use visitdesk::documents::{Cell, Table, csv, docx, xlsx};

fn out_dir() -> PathBuf {
    let dir = std::env::var_os("VISITDESK_DOCUMENTS_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/documents-check"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Delegations by country: text with diacritics, numbers above a thousand,
/// an empty cell.
fn by_country() -> Table {
    let mut t = Table::new(
        "Đoàn vào theo quốc gia",
        &["Quốc gia", "Số đoàn", "Số thành viên", "Cùng kỳ năm trước"],
    );
    t.push(vec!["Hàn Quốc".into(), 12.into(), 1_234.into(), 9.into()]);
    t.push(vec!["Nhật Bản".into(), 7.into(), 41.into(), Cell::Empty]);
    t.push(vec!["Cộng hòa Pháp".into(), 0.into(), 0.into(), 2.into()]);
    t
}

/// Delegations one by one: what a CSV must quote (commas, quotes, a line
/// break), a text a spreadsheet would take for a formula, dates.
fn delegations() -> Table {
    let mut t = Table::new(
        "Danh sách đoàn: 6 tháng đầu năm 2026 [bản nháp]",
        &["Tên đoàn", "Ngày đến", "Ngày đi", "Số người", "Ghi chú"],
    );
    t.push(vec![
        "Đoàn Sở Ngoại vụ Gyeonggi, Hàn Quốc".into(),
        date(2026, 2, 3).into(),
        date(2026, 2, 5).into(),
        8.into(),
        "Làm việc về \"hợp tác du lịch\"".into(),
    ]);
    t.push(vec![
        "Phóng viên NHK".into(),
        date(2026, 6, 14).into(),
        date(2026, 6, 20).into(),
        3.into(),
        "Dòng một\nDòng hai".into(),
    ]);
    t.push(vec![
        "=HYPERLINK(\"http://x\")".into(),
        Cell::Empty,
        Cell::Empty,
        (-1).into(),
        "".into(),
    ]);
    t
}

/// A paragraph of several lines; three of them push the report onto a
/// second page, where the page number must show.
const LONG: &str = "Việc phối hợp giữa các sở, ban, ngành trong cung cấp thông tin cho phóng \
                    viên nước ngoài có lúc chưa kịp thời; một số đơn vị chưa gửi báo cáo kết \
                    quả chuyến đi đúng hạn, báo cáo còn sơ sài, chưa nêu rõ kết quả làm việc \
                    và đề xuất sau chuyến đi.";

fn report() -> ReportDocument {
    ReportDocument {
        // Abbreviated as the decree allows for the governing body.
        governing_body: "UBND tỉnh Tuyên Quang".into(),
        issuing_body: "Sở Văn hóa, Thể thao và Du lịch".into(),
        number_abbrev: "SVHTTDL".into(),
        number: None,
        place: "Tuyên Quang".into(),
        date: date(2026, 6, 5),
        subject: "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2026".into(),
        sections: vec![
            Section {
                title: "KẾT QUẢ THỰC HIỆN".into(),
                paragraphs: vec![
                    "Trong 6 tháng đầu năm 2026, Sở đã tiếp 19 đoàn khách quốc tế với 1.275 \
                     thành viên, tăng 8 đoàn so với cùng kỳ năm trước."
                        .into(),
                    "Các hoạt động báo chí nước ngoài được quản lý chặt chẽ, đúng quy định.".into(),
                ],
                tables: vec![by_country(), delegations()],
            },
            Section {
                title: "KHÓ KHĂN, HẠN CHẾ".into(),
                // Long enough that the report runs onto a second page,
                // where the page number must show.
                paragraphs: vec![
                    "Nhân lực làm công tác thông tin đối ngoại còn mỏng.".into(),
                    LONG.into(),
                    LONG.into(),
                    LONG.into(),
                ],
                tables: vec![],
            },
            Section {
                title: "ĐỀ XUẤT, KIẾN NGHỊ".into(),
                paragraphs: vec![
                    "Đề nghị bổ sung kinh phí cho công tác thông tin đối ngoại.".into(),
                ],
                tables: vec![],
            },
            Section {
                title: "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM".into(),
                paragraphs: vec!["Tiếp tục đẩy mạnh quảng bá hình ảnh tỉnh ra nước ngoài.".into()],
                tables: vec![],
            },
        ],
        recipients: vec![
            "UBND tỉnh (b/c)".into(),
            "Sở Ngoại vụ".into(),
            "Lưu: VT, VP".into(),
        ],
        signer_title: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC".into(),
        signer_name: "Nguyễn Văn An".into(),
    }
}

#[test]
fn writes_the_sample_documents() {
    let dir = out_dir();

    let report = docx::write(&report()).unwrap();
    assert_eq!(&report[..2], b"PK", "a .docx is a zip");
    std::fs::write(dir.join("report.docx"), report).unwrap();

    // Two tables of the same long title: the sheet names must still differ.
    let book = xlsx::workbook(&[by_country(), delegations(), delegations()]).unwrap();
    assert_eq!(&book[..2], b"PK", "an .xlsx is a zip");
    std::fs::write(dir.join("tables.xlsx"), book).unwrap();

    let list = csv::write(&delegations());
    assert!(list.starts_with(b"\xEF\xBB\xBF"), "BOM first");
    std::fs::write(dir.join("delegations.csv"), list).unwrap();
}
