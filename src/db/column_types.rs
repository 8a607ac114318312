//! How domain values sit in columns: diesel reads and writes the domain's
//! enums (as their text names), report periods (as text) and id newtypes
//! (as `BigInt`) directly, and reads time zones (by name), so a stored
//! status is never parsed again by hand and a query cannot bind a unit id
//! where a user id is meant.
//!
//! `domain/` knows nothing of diesel; the impls live here. Each type gets
//! what `#[derive(AsExpression, FromSqlRow)]` would give it (through diesel's
//! `foreign_derive`), plus `FromSql`/`ToSql` for both engines and for the
//! combined backend of [`super::AnyConnection`].

use std::borrow::Cow;
use std::io::Write;

use chrono_tz::Tz;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::{Sqlite, SqliteValue};

use super::connection::MultiBackend;

/// A text column read back as a domain value: a value the type does not
/// name is a corrupt row, reported with the text found (diesel's
/// deserialization error, which `ApiError` answers as a logged 500).
fn unknown(what: &str, found: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("a stored {what} reads {found:?}, which it cannot be").into()
}

/// What a text column holds of a domain value, and the value read back.
trait TextForm: Sized {
    fn to_text(&self) -> Cow<'static, str>;
    fn from_text(text: &str) -> Option<Self>;
}

/// Enums stored as their snake_case names (`text_enum!` in `domain/`).
macro_rules! text_enums {
    ($($ty:path),* $(,)?) => {$(
        impl TextForm for $ty {
            fn to_text(&self) -> Cow<'static, str> {
                Cow::Borrowed(self.as_str())
            }

            fn from_text(text: &str) -> Option<Self> {
                <$ty>::parse(text)
            }
        }
    )*
        text_columns!($($ty),*);
    };
}

/// Values stored as their [`TextForm`].
macro_rules! text_columns {
    ($($ty:path),* $(,)?) => {$(
        const _: () = {
            #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
            #[diesel(foreign_derive)]
            #[diesel(sql_type = Text)]
            #[allow(dead_code)]
            struct Column($ty);

            impl FromSql<Text, Sqlite> for $ty {
                fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
                    let text = value.read_text();
                    <$ty as TextForm>::from_text(text).ok_or_else(|| unknown(stringify!($ty), text))
                }
            }

            impl FromSql<Text, Pg> for $ty {
                fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                    let text = std::str::from_utf8(value.as_bytes())?;
                    <$ty as TextForm>::from_text(text).ok_or_else(|| unknown(stringify!($ty), text))
                }
            }

            impl FromSql<Text, MultiBackend> for $ty {
                fn from_sql(
                    value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
                ) -> deserialize::Result<Self> {
                    value.from_sql::<Self, Text>()
                }
            }

            impl ToSql<Text, Sqlite> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                    match self.to_text() {
                        Cow::Borrowed(text) => out.set_value(text),
                        Cow::Owned(text) => out.set_value(text),
                    }
                    Ok(IsNull::No)
                }
            }

            impl ToSql<Text, Pg> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                    out.write_all(self.to_text().as_bytes())?;
                    Ok(IsNull::No)
                }
            }

            impl ToSql<Text, MultiBackend> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                    out.set_value((Text, self));
                    Ok(IsNull::No)
                }
            }
        };
    )*};
}

/// Id newtypes stored as `BigInt`.
macro_rules! id_columns {
    ($($ty:path),* $(,)?) => {$(
        const _: () = {
            #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
            #[diesel(foreign_derive)]
            #[diesel(sql_type = BigInt)]
            #[allow(dead_code)]
            struct Column($ty);

            impl FromSql<BigInt, Sqlite> for $ty {
                fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
                    <i64 as FromSql<BigInt, Sqlite>>::from_sql(value).map(Self)
                }
            }

            impl FromSql<BigInt, Pg> for $ty {
                fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                    <i64 as FromSql<BigInt, Pg>>::from_sql(value).map(Self)
                }
            }

            impl FromSql<BigInt, MultiBackend> for $ty {
                fn from_sql(
                    value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
                ) -> deserialize::Result<Self> {
                    value.from_sql::<Self, BigInt>()
                }
            }

            impl ToSql<BigInt, Sqlite> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                    <i64 as ToSql<BigInt, Sqlite>>::to_sql(&self.0, out)
                }
            }

            impl ToSql<BigInt, Pg> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                    <i64 as ToSql<BigInt, Pg>>::to_sql(&self.0, out)
                }
            }

            impl ToSql<BigInt, MultiBackend> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                    out.set_value((BigInt, self));
                    Ok(IsNull::No)
                }
            }
        };
    )*};
}

text_enums!(
    crate::domain::audit::RecordKind,
    crate::domain::delegation::DelegationAction,
    crate::domain::delegation::DelegationStatus,
    crate::domain::delegation::Direction,
    crate::domain::delegation::Gender,
    crate::domain::delegation::MemberRole,
    crate::domain::delegation::Recommendation,
    crate::domain::expiry::VisaType,
    crate::domain::itinerary::ItemKind,
    crate::domain::itinerary::ItemStatus,
    crate::domain::press::AccreditationStatus,
    crate::domain::press::ActivityKind,
    crate::domain::press::ConferenceKind,
    crate::domain::press::ConferenceStatus,
    crate::domain::press::InterviewStatus,
    crate::domain::press::OrganizerKind,
    crate::domain::report::workflow::ReportStatus,
    crate::domain::review::ReviewStatus,
    crate::domain::role::Role,
    crate::domain::unit::UnitKind,
);

/// A report's period, stored as `2026-h1` or `2026` (`Period::as_text`).
impl TextForm for crate::domain::report::Period {
    fn to_text(&self) -> Cow<'static, str> {
        Cow::Owned(self.as_text())
    }

    fn from_text(text: &str) -> Option<Self> {
        Self::parse(text)
    }
}

text_columns!(crate::domain::report::Period);

// A time zone is read by its IANA name. chrono-tz's `Tz` is foreign to this
// crate as diesel's traits are, so only the impls that name the combined
// backend (ours) are allowed: it is read through `AnyConnection` and written
// as `tz.name()`.
impl FromSql<Text, MultiBackend> for Tz {
    fn from_sql(
        value: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
    ) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, MultiBackend>>::from_sql(value)?;
        text.parse().map_err(|_| unknown("time zone", &text))
    }
}

impl Queryable<Text, MultiBackend> for Tz {
    type Row = Self;

    fn build(row: Self) -> deserialize::Result<Self> {
        Ok(row)
    }
}

id_columns!(
    crate::domain::ids::AccreditationId,
    crate::domain::ids::AttendeeId,
    crate::domain::ids::AuditEntryId,
    crate::domain::ids::DelegationId,
    crate::domain::ids::InterviewId,
    crate::domain::ids::ItineraryItemId,
    crate::domain::ids::MemberId,
    crate::domain::ids::PressActivityId,
    crate::domain::ids::PressConferenceId,
    crate::domain::ids::ReporterId,
    crate::domain::ids::UnitId,
    crate::domain::ids::UnitReportId,
    crate::domain::ids::UserId,
);
