//! The report's paragraphs and runs: the body text, centred titles, rules,
//! the place and date, and the text cleaned of what XML forbids.

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType,
};

use super::{CELL_PADDING, INDENT, mm};

/// A paragraph of the text: justified, first line indented, 6 pt before,
/// lines at 1.2 (the decree: 6 pt or more, lines single to 1.5).
pub(super) fn body(run: Run) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(spacing(120, 0).line(288).line_rule(LineSpacingType::Auto))
}

pub(super) fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

pub(super) fn title_run(text: &str, size: usize) -> Run {
    text_run(text).bold().size(size)
}

/// `text` as a run; a `\n` in it becomes a line break (docx-rs would drop it).
pub(super) fn text_run(text: &str) -> Run {
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
pub(super) fn rule(length: i32, within: i32) -> Paragraph {
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
pub(super) fn line_width(text: &str, size: usize, within: i32) -> i32 {
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
pub(super) fn grouped(n: i64) -> String {
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
pub(super) fn roman(n: usize) -> String {
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
pub(super) fn clean(text: &str) -> String {
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

pub(super) fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}
