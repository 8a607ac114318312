//! The report's bar chart: the main counts of the figures beside the year
//! before's, on one scale, as the page's SVG draws them.

use crate::console::i18n::Tr;
use crate::domain::report::figures::{Figure, ReportFigures};

/// One count of the chart: a bar for the period, one for the year before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub current: i64,
    pub previous: i64,
    /// Where the pair starts, and the bars' lengths, in the chart's units.
    pub y: u32,
    pub current_width: u32,
    pub previous_width: u32,
}

/// The chart's drawing: bars on a common scale, the longest filling
/// [`BAR_SPACE`]; its height follows the number of bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub height: u32,
    pub bars: Vec<Bar>,
}

/// The chart's width and the room the longest bar takes (the rest is for
/// its number).
pub const CHART_WIDTH: u32 = 320;
pub const BAR_SPACE: u32 = 270;
/// A pair's height: its label, the two bars, and a gap.
const ROW: u32 = 56;
const LEGEND: u32 = 28;

/// Draws `counts` (label, figure) on one scale; a count of zero has no bar
/// but its number. A negative count (none are) would draw as zero.
pub fn chart(counts: Vec<(String, Figure)>) -> Chart {
    let top = counts
        .iter()
        .map(|(_, f)| f.current.max(f.previous))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = |n: i64| -> u32 {
        let scaled = n.max(0).saturating_mul(i64::from(BAR_SPACE)) / top;
        u32::try_from(scaled).unwrap_or(BAR_SPACE)
    };
    let bars: Vec<Bar> = counts
        .into_iter()
        .zip(0u32..)
        .map(|((label, f), i)| Bar {
            label,
            current: f.current,
            previous: f.previous,
            y: LEGEND + i * ROW,
            current_width: width(f.current),
            previous_width: width(f.previous),
        })
        .collect();
    let rows = u32::try_from(bars.len()).unwrap_or(0);
    Chart {
        height: LEGEND + rows * ROW,
        bars,
    }
}

/// The main counts of the figures, as the chart shows them.
pub(super) fn main_counts(t: Tr, f: &ReportFigures) -> Vec<(String, Figure)> {
    let mut out = vec![
        (t.t("reports-chart-incoming"), f.incoming.total),
        (t.t("reports-chart-outgoing"), f.outgoing.total),
        (t.t("reports-chart-members"), f.incoming.members),
        (
            t.t("reports-chart-post-trip-on-time"),
            f.post_trip_reports.on_time,
        ),
        (t.t("reports-chart-reviews"), f.security_reviews.done),
    ];
    if let Some(i) = &f.interviews {
        out.push((t.t("reports-chart-interviews"), i.foreign_press));
    }
    if let Some(p) = &f.press {
        out.push((t.t("reports-chart-reporters"), p.reporters));
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    fn fig(current: i64, previous: i64) -> Figure {
        Figure { current, previous }
    }

    #[test]
    fn the_longest_bar_fills_the_space_and_the_rest_keep_the_scale() {
        let c = chart(vec![("a".into(), fig(10, 5)), ("b".into(), fig(0, 20))]);
        assert_eq!(c.bars[0].current_width, BAR_SPACE / 2);
        assert_eq!(c.bars[0].previous_width, BAR_SPACE / 4);
        assert_eq!(c.bars[1].current_width, 0);
        assert_eq!(c.bars[1].previous_width, BAR_SPACE);
        assert_eq!(c.bars[1].y, c.bars[0].y + ROW);
        assert_eq!(c.height, LEGEND + 2 * ROW);
    }

    #[test]
    fn an_empty_period_draws_no_bars_and_no_division_by_zero() {
        let c = chart(vec![("a".into(), fig(0, 0))]);
        assert_eq!(c.bars[0].current_width, 0);
        assert_eq!(c.bars[0].previous_width, 0);
    }
}
