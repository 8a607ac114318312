//! A stored instant read back quickly.
//!
//! diesel reads a SQLite timestamp by trying chrono's format parser on up to
//! eighteen patterns, parsing each pattern again every time: a tenth of a
//! feed's time went there (perf, bench/run). [`Stamp`] reads the one form
//! diesel writes (`YYYY-MM-DD HH:MM:SS` with up to nine digits of fraction)
//! field by field, and hands anything else to diesel's own reading.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::Pg;
use diesel::sql_types::Timestamp;
use diesel::sqlite::{Sqlite, SqliteValue};

use super::connection::MultiBackend;

/// A `Timestamp` column as loaded (UTC, as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, FromSqlRow)]
pub struct Stamp(pub NaiveDateTime);

impl Stamp {
    pub fn and_utc(self) -> DateTime<Utc> {
        self.0.and_utc()
    }
}

impl FromSql<Timestamp, Sqlite> for Stamp {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        if let Some(t) = parse_stored(value.read_text().as_bytes()) {
            return Ok(Self(t));
        }
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(Self)
    }
}

impl FromSql<Timestamp, Pg> for Stamp {
    fn from_sql(value: diesel::pg::PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Self)
    }
}

impl FromSql<Timestamp, MultiBackend> for Stamp {
    fn from_sql(
        value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
    ) -> deserialize::Result<Self> {
        value.from_sql::<Self, Timestamp>()
    }
}

/// `YYYY-MM-DD HH:MM:SS[.f…]`, or `None` for any other text.
fn parse_stored(text: &[u8]) -> Option<NaiveDateTime> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range)?.iter().try_fold(0_u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if text.len() < 19
        || text[4] != b'-'
        || text[7] != b'-'
        || text[10] != b' '
        || text[13] != b':'
        || text[16] != b':'
    {
        return None;
    }
    let nanos = match &text[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            let n = digits(20..text.len())?;
            n * 10_u32.pow(u32::try_from(9 - fraction.len()).ok()?)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(digits(0..4)?).ok()?,
        digits(5..7)?,
        digits(8..10)?,
    )?;
    let time =
        NaiveTime::from_hms_nano_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?, nanos)?;
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_diesel_writes_and_refuses_the_rest() {
        for text in [
            "2026-11-26 09:30:00",
            "2026-11-26 09:30:00.5",
            "2026-11-26 09:30:00.123456",
            "2026-11-26 09:30:00.123456789",
            "0001-01-01 00:00:00",
            "2024-02-29 23:59:59.000001",
        ] {
            let expected = NaiveDateTime::parse_from_str(text, "%F %T%.f").unwrap();
            assert_eq!(parse_stored(text.as_bytes()), Some(expected), "{text}");
        }
        for text in [
            "",
            "2026-11-26",
            "2026-11-26T09:30:00",
            "2026-11-26 09:30:00Z",
            "2026-11-26 09:30:00.",
            "2026-11-26 09:30:00.1234567890",
            "2026-02-30 09:30:00",
            "2026-11-26 24:00:00",
            "2026-1x-26 09:30:00",
            "2461005.5",
        ] {
            assert_eq!(parse_stored(text.as_bytes()), None, "{text}");
        }
    }
}
