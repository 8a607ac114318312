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

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BreakType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::{Cell, DocumentError, Table};

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

/// A table of figures: the caption is written before it; the heading row
/// bold and centred, every cell bordered, numbers and dates centred.
fn data_table(table: &Table) -> docx_rs::Table {
    let widths = column_widths(table);
    let heading = TableRow::new(
        table
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                width(
                    TableCell::new().add_paragraph(centred(title_run(h, PT12))),
                    *w,
                )
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![heading];
    for cells in &table.rows {
        rows.push(
            TableRow::new(
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| width(TableCell::new().add_paragraph(cell_paragraph(c)), *w))
                    .collect(),
            )
            .cant_split(),
        );
    }
    fixed_table(rows, &widths, true)
}

fn cell_paragraph(cell: &Cell) -> Paragraph {
    let align = match cell {
        Cell::Number(_) | Cell::Date(_) => AlignmentType::Center,
        Cell::Text(_) | Cell::Empty => AlignmentType::Left,
    };
    Paragraph::new()
        .align(align)
        .add_run(text_run(&cell_text(cell)).size(PT12))
}

/// Column widths in twips. Each column needs its longest word (a heading
/// may wrap between words, a number or a date may not) and wants its
/// longest line; all wants are given when they fit the page, else every
/// need and the rest shared by how much more each wants.
fn column_widths(table: &Table) -> Vec<i32> {
    let width_of = |n: Option<usize>| {
        CELL_PADDING + CHAR_WIDTH * i32::try_from(n.unwrap_or(0).min(60)).unwrap_or(60)
    };
    let (need, want): (Vec<i32>, Vec<i32>) = (0..table.headers.len())
        .map(|col| {
            let mut texts: Vec<String> = table
                .rows
                .iter()
                .filter_map(|r| r.get(col))
                .map(cell_text)
                .collect();
            texts.push(table.headers[col].clone());
            let word = texts
                .iter()
                .flat_map(|t| t.split_whitespace())
                .map(|w| w.chars().count())
                .max();
            let line = texts
                .iter()
                .flat_map(|t| t.lines())
                .map(|l| l.chars().count())
                .max();
            (width_of(word), width_of(line))
        })
        .unzip();
    let (need_sum, want_sum) = (need.iter().sum::<i32>(), want.iter().sum::<i32>());
    if want_sum <= TEXT_WIDTH || need_sum >= TEXT_WIDTH {
        let base = if want_sum <= TEXT_WIDTH { &want } else { &need };
        let sum = base.iter().sum::<i32>().max(1);
        return base.iter().map(|w| TEXT_WIDTH * w / sum).collect();
    }
    let spare = TEXT_WIDTH - need_sum;
    let more = (want_sum - need_sum).max(1);
    need.iter()
        .zip(&want)
        .map(|(n, w)| n + spare * (w - n) / more)
        .collect()
}

/// What a cell shows: numbers grouped, dates as dd/mm/yyyy.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => grouped(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Empty => String::new(),
    }
}

fn fixed_table(rows: Vec<TableRow>, widths: &[i32], borders: bool) -> docx_rs::Table {
    let table = if borders {
        docx_rs::Table::new(rows)
    } else {
        docx_rs::Table::without_borders(rows)
    };
    table
        .set_grid(
            widths
                .iter()
                .map(|w| usize::try_from(*w).unwrap_or(0))
                .collect(),
        )
        .width(
            usize::try_from(widths.iter().sum::<i32>()).unwrap_or(0),
            WidthType::Dxa,
        )
        .layout(TableLayoutType::Fixed)
}

fn width(cell: TableCell, w: i32) -> TableCell {
    cell.width(usize::try_from(w).unwrap_or(0), WidthType::Dxa)
}

/// A paragraph of the text: justified, first line indented, 6 pt before,
/// lines at 1.2 (the decree: 6 pt or more, lines single to 1.5).
fn body(run: Run) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(spacing(120, 0).line(288).line_rule(LineSpacingType::Auto))
}

fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

fn title_run(text: &str, size: usize) -> Run {
    text_run(text).bold().size(size)
}

/// `text` as a run; a `\n` in it becomes a line break (docx-rs would drop it).
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// A horizontal rule `length` twips long, centred in `within`: an empty
/// paragraph of a 1 pt font whose top border is the line, 4 pt below the
/// text above and 3 pt above the next.
fn rule(length: i32, within: i32) -> Paragraph {
    let length = length.clamp(mm(10), within);
    let side = (within - length) / 2;
    let mut p = Paragraph::new()
        .size(2)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(spacing(80, 60).line(20).line_rule(LineSpacingType::Exact));
    // Only the top: docx-rs's default borders are a box.
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(ParagraphBorder::new(ParagraphBorderPosition::Top).size(6)),
    );
    p
}

/// The width in twips of the widest line `text` makes at `size`
/// half-points in a column `within` wide (a longer text wraps), near enough
/// to size a rule: Times New Roman bold averages about 0.6 em a letter in
/// capitals and 0.5 em in mixed case.
fn line_width(text: &str, size: usize, within: i32) -> i32 {
    let em = i32::try_from(size * 10).unwrap_or(280);
    let chars = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    // Past 1000 letters any text fills its column: the cap keeps the
    // arithmetic far from overflowing.
    let chars = i32::try_from(chars.min(1000)).unwrap_or(1000);
    let caps = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let width = if caps {
        chars * em * 6 / 10
    } else {
        chars * em / 2
    };
    width.min(within - CELL_PADDING)
}

/// "Hà Giang, ngày 05 tháng 6 năm 2026": the decree pads the day below 10
/// and the months 1 and 2 (so that nobody can add a digit before them).
pub fn place_and_date(place: &str, date: NaiveDate) -> String {
    let month = if date.month() < 3 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!(
        "{}, ngày {:02} tháng {month} năm {}",
        clean(place),
        date.day(),
        date.year()
    )
}

/// 12345 → "12.345": Vietnamese groups thousands with a dot.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// I, II, … as sections are numbered (a report has a handful; past 39 the
/// tens simply repeat).
fn roman(n: usize) -> String {
    const DIGITS: [(usize, &str); 5] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (value, digit) in DIGITS {
        while n >= value {
            out.push_str(digit);
            n -= value;
        }
    }
    out
}

/// `text` without the control characters XML 1.0 forbids (a pasted form
/// feed would make Word refuse the whole file); tabs become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
