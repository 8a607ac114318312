//! The report's tables: a table of figures with its column widths, and the
//! fixed-layout table the head and the foot are laid out in.

use docx_rs::{AlignmentType, Paragraph, TableCell, TableLayoutType, TableRow, WidthType};

use super::text::{centred, grouped, text_run, title_run};
use super::{CELL_PADDING, CHAR_WIDTH, PT12, TEXT_WIDTH};
use crate::documents::{Cell, Table};

/// A table of figures: the caption is written before it; the heading row
/// bold and centred, every cell bordered, numbers and dates centred.
pub(super) fn data_table(table: &Table) -> docx_rs::Table {
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

pub(super) fn cell_paragraph(cell: &Cell) -> Paragraph {
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
pub(super) fn column_widths(table: &Table) -> Vec<i32> {
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
pub(super) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => grouped(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Empty => String::new(),
    }
}

pub(super) fn fixed_table(rows: Vec<TableRow>, widths: &[i32], borders: bool) -> docx_rs::Table {
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

pub(super) fn width(cell: TableCell, w: i32) -> TableCell {
    cell.width(usize::try_from(w).unwrap_or(0), WidthType::Dxa)
}
