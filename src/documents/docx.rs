//! A report as a .docx laid out as Decree 30/2020/NĐ-CP lays out an
//! administrative document (Appendix I: the format; Appendix III: the model
//! of a report), so an office files it as it is.
//!
//! What the decree asks and where it is below:
//! - A4, margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm:
//!   [`page`] takes 20 / 20 / 30 / 15, the widest text the decree allows.
//! - Times New Roman (TCVN 6909:2001 Unicode), the text 13–14 pt: 14 pt;
//!   tables of figures 12 pt, their captions 13 pt, so a table of five or
//!   six columns fits the 165 mm between the margins.
//! - The head, a two-column table without borders: left the governing body
//!   (uppercase, 12 pt; the decree lets it abbreviate "UBND") over the
//!   issuing body (uppercase, bold, 12 pt, a rule below it a third to a half
//!   of its length), then "Số: …/BC-…" (13 pt); right the national title
//!   (uppercase, bold, 12 pt: at 13 pt it no longer fits its column on one
//!   line) over the motto (bold, 13 pt, a rule as long as it), then place
//!   and date in italics (14 pt). The day below 10 and the months 1 and 2
//!   take a leading zero ("ngày 05 tháng 02", but "tháng 6"), as the decree
//!   writes them.
//! - "BÁO CÁO" bold and centred, the subject bold and centred below it, a
//!   short rule under the subject.
//! - The text justified, first lines indented 1 cm, 6 pt between paragraphs;
//!   sections numbered I., II., … in bold.
//! - "Nơi nhận:" bold italic 12 pt, each recipient 11 pt on its own line
//!   ("- …;", the last ending "."), beside the signature block: the title
//!   bold and uppercase, room to sign, the name bold.
//! - Page numbers centred at the top from the second page on.

mod table;
mod text;
pub use text::place_and_date;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Docx, Header, PageMargin, PageNum, Paragraph, Run, RunFonts, TableCell, TableRow,
};

use super::{DocumentError, Table};
use table::{data_table, fixed_table, width};
use text::{body, centred, clean, line_width, roman, rule, spacing, text_run, title_run};

/// What a report says, in the order the decree places it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    /// The body the issuer answers to ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG");
    /// empty when the issuer has none above it.
    pub governing_body: String,
    /// The issuer ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"); written uppercase.
    pub issuing_body: String,
    /// The issuer's abbreviation in the number: "SVHTTDL" in "Số: …/BC-SVHTTDL".
    pub number_abbrev: String,
    /// The registry number. The clerk gives it when the signed report is
    /// registered, so a draft leaves `None`: the space the clerk writes in.
    pub number: Option<u32>,
    pub place: String,
    pub date: NaiveDate,
    /// What the report is about ("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2026").
    pub subject: String,
    pub sections: Vec<Section>,
    /// Who receives it, in order; the last is by custom "Lưu: VT, …".
    pub recipients: Vec<String>,
    /// The signer's title, one line per `\n` ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC").
    pub signer_title: String,
    pub signer_name: String,
}

/// A numbered part of the report: its title, its paragraphs, then its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
}

const FONT: &str = "Times New Roman";
/// Sizes in half-points, as Word counts them.
const PT11: usize = 22;
const PT12: usize = 24;
const PT13: usize = 26;
const PT14: usize = 28;
/// A4 in twips (1/20 pt): 210 × 297 mm.
const A4: (i32, i32) = (11_906, 16_838);
/// `n` millimetres in twips (1 inch = 25.4 mm = 1440 twips), rounded.
const fn mm(n: i32) -> i32 {
    (n * 14_400 + 127) / 254
}
const MARGIN_TOP: i32 = mm(20);
const MARGIN_BOTTOM: i32 = mm(20);
const MARGIN_LEFT: i32 = mm(30);
const MARGIN_RIGHT: i32 = mm(15);
/// The width of the text between the margins (165 mm).
const TEXT_WIDTH: i32 = A4.0 - MARGIN_LEFT - MARGIN_RIGHT;
/// The head's left column; the right one takes the rest, which the national
/// title in 12 pt bold needs on one line (the issuer's names may wrap, as
/// they do in the decree's models).
const HEAD_LEFT: i32 = mm(62);
/// A character of 12 pt Times New Roman, generously (bold capitals are
/// wider than the 6 pt average), and a cell's left and right padding.
const CHAR_WIDTH: i32 = 130;
const CELL_PADDING: i32 = 2 * 108 + 20;
/// The first-line indent of the text (1 cm; the decree allows 1–1.27 cm).
const INDENT: i32 = mm(10);

/// The report as .docx bytes.
pub fn write(report: &ReportDocument) -> Result<Vec<u8>, DocumentError> {
    let mut doc = page()
        .add_table(head(report))
        .add_paragraph(centred(title_run("BÁO CÁO", PT14)).line_spacing(spacing(240, 0)))
        .add_paragraph(centred(title_run(&report.subject, PT14)))
        .add_paragraph(rule(
            line_width(&report.subject, PT14, TEXT_WIDTH) / 3,
            TEXT_WIDTH,
        ));
    for (n, section) in report.sections.iter().enumerate() {
        doc = doc.add_paragraph(
            body(title_run(
                &format!("{}. {}", roman(n + 1), section.title),
                PT14,
            ))
            .keep_next(true),
        );
        for p in &section.paragraphs {
            doc = doc.add_paragraph(body(text_run(p)));
        }
        for table in &section.tables {
            doc = doc
                .add_paragraph(
                    centred(title_run(&table.title, PT13))
                        .line_spacing(spacing(120, 60))
                        .keep_next(true),
                )
                .add_table(data_table(table));
        }
    }
    let doc = doc
        .add_paragraph(Paragraph::new().line_spacing(spacing(0, 0)))
        .add_table(foot(report));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| DocumentError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// The page, the fonts and the numbers at the top from page 2 on.
fn page() -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let number = Paragraph::new()
        .align(AlignmentType::Center)
        .add_page_num(PageNum::new())
        .size(PT14);
    Docx::new()
        .page_size(A4.0.unsigned_abs(), A4.1.unsigned_abs())
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(mm(10))
                .footer(mm(10)),
        )
        .default_fonts(fonts)
        .default_size(PT14)
        .default_line_spacing(spacing(0, 0))
        .header(Header::new().add_paragraph(number))
        .title_pg()
}

/// The two-column head: issuer and number left, national title and date right.
fn head(r: &ReportDocument) -> docx_rs::Table {
    let right = TEXT_WIDTH - HEAD_LEFT;
    let issuer = r.issuing_body.to_uppercase();
    let mut left_cell = TableCell::new();
    if !r.governing_body.trim().is_empty() {
        left_cell = left_cell.add_paragraph(centred(
            Run::new()
                .add_text(clean(&r.governing_body.to_uppercase()))
                .size(PT12),
        ));
    }
    let left_cell = left_cell
        .add_paragraph(centred(title_run(&issuer, PT12)))
        .add_paragraph(rule(
            line_width(&issuer, PT12, HEAD_LEFT) * 2 / 5,
            HEAD_LEFT,
        ));
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let right_cell = TableCell::new()
        .add_paragraph(centred(title_run(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            PT12,
        )))
        .add_paragraph(centred(title_run(motto, PT13)))
        .add_paragraph(rule(line_width(motto, PT13, right), right));
    let number = match r.number {
        Some(n) => format!("Số: {n}/BC-{}", clean(&r.number_abbrev)),
        None => format!("Số:       /BC-{}", clean(&r.number_abbrev)),
    };
    let number_cell =
        TableCell::new().add_paragraph(centred(Run::new().add_text(number).size(PT13)));
    let date_cell = TableCell::new().add_paragraph(centred(
        Run::new()
            .add_text(place_and_date(&r.place, r.date))
            .italic()
            .size(PT14),
    ));
    fixed_table(
        vec![
            TableRow::new(vec![width(left_cell, HEAD_LEFT), width(right_cell, right)]),
            TableRow::new(vec![width(number_cell, HEAD_LEFT), width(date_cell, right)]),
        ],
        &[HEAD_LEFT, right],
        false,
    )
}

/// "Nơi nhận" left, the signature block right.
fn foot(r: &ReportDocument) -> docx_rs::Table {
    let left = TEXT_WIDTH * 9 / 20;
    let right = TEXT_WIDTH - left;
    let mut recipients = TableCell::new().add_paragraph(
        Paragraph::new().add_run(Run::new().add_text("Nơi nhận:").bold().italic().size(PT12)),
    );
    let last = r.recipients.len().saturating_sub(1);
    for (i, name) in r.recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        let line = format!("- {}{end}", clean(name).trim_end_matches(['.', ';']));
        recipients = recipients
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(line).size(PT11)));
    }
    let mut signature = TableCell::new();
    for line in r.signer_title.lines() {
        signature = signature.add_paragraph(centred(title_run(&line.to_uppercase(), PT14)));
    }
    // Room to sign and stamp: four empty lines, as the decree's models leave.
    for _ in 0..4 {
        signature = signature.add_paragraph(Paragraph::new().size(PT14));
    }
    let signature = signature.add_paragraph(centred(title_run(&r.signer_name, PT14)));
    fixed_table(
        // One row that does not split: the title and the name stay together.
        vec![TableRow::new(vec![width(recipients, left), width(signature, right)]).cant_split()],
        &[left, right],
        false,
    )
}

#[cfg(test)]
mod tests;
