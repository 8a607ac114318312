//! The VTIMEZONE of a zone for the years a feed's events span: its state at
//! the start, then every transition, found from the zone database.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{Out, push_local};

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s % 3600) / 60, s % 60)
    }
}

/// The zone's state at an instant: offset in seconds, daylight or not.
fn state(tz: Tz, t: DateTime<Utc>) -> (i32, bool) {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc());
    let total = offset.base_utc_offset() + offset.dst_offset();
    let seconds = i32::try_from(total.num_seconds()).unwrap_or(0);
    (seconds, !offset.dst_offset().is_zero())
}

/// The zone's name for its state at an instant (`+07` where it has none).
fn zone_name(tz: Tz, t: DateTime<Utc>) -> String {
    let offset = tz.offset_from_utc_datetime(&t.naive_utc());
    offset
        .abbreviation()
        .map_or_else(|| offset_text(state(tz, t).0), str::to_owned)
}

/// The VTIMEZONE of `tz` for the years `first..=last`: the state at the start
/// of the range, then every transition in it (found from the zone database,
/// to the second).
pub(super) fn vtimezone(out: &mut Out, tz: Tz, first: i32, last: i32) {
    let start = Utc
        .with_ymd_and_hms(first, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let end = Utc
        .with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(start);
    out.plain("BEGIN:VTIMEZONE");
    out.text("TZID", tz.name());
    let (mut offset, mut dst) = state(tz, start);
    let observance =
        |out: &mut Out, onset: NaiveDateTime, from: i32, to: i32, dst: bool, name: &str| {
            let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
            out.line(|l| {
                l.push_str("BEGIN:");
                l.push_str(kind);
            });
            out.line(|l| {
                l.push_str("DTSTART:");
                push_local(l, onset);
            });
            out.line(|l| {
                l.push_str("TZOFFSETFROM:");
                l.push_str(&offset_text(from));
            });
            out.line(|l| {
                l.push_str("TZOFFSETTO:");
                l.push_str(&offset_text(to));
            });
            out.text("TZNAME", name);
            out.line(|l| {
                l.push_str("END:");
                l.push_str(kind);
            });
        };
    let local =
        |t: DateTime<Utc>, offset: i32| t.naive_utc() + Duration::seconds(i64::from(offset));
    observance(
        out,
        local(start, offset),
        offset,
        offset,
        dst,
        &zone_name(tz, start),
    );
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let (o, d) = state(tz, next);
        if o != offset || d != dst {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if state(tz, mid) == (offset, dst) {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            observance(out, local(hi, offset), offset, o, d, &zone_name(tz, next));
            (offset, dst) = (o, d);
        }
        day = next;
    }
    out.plain("END:VTIMEZONE");
}
