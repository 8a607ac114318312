//! How domain values sit in columns: diesel reads and writes the domain's
//! enums (as their text names) and id newtypes (as `BigInt`) directly, so a
//! stored status is never parsed again by hand and a query cannot bind a
//! unit id where a user id is meant.
//!
//! `domain/` knows nothing of diesel; the impls live here. Each type gets
//! what `#[derive(AsExpression, FromSqlRow)]` would give it (through diesel's
//! `foreign_derive`), plus `FromSql`/`ToSql` for both engines and for the
//! combined backend of [`super::AnyConnection`].

use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::{Sqlite, SqliteValue};

use super::connection::MultiBackend;

/// A text column read back as a domain enum: a value the enum does not
/// name is a corrupt row, reported with the text found.
fn unknown(what: &str, found: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("a stored {what} reads {found:?}, which it cannot be").into()
}

/// Enums stored as their snake_case names (`text_enum!` in `domain/`).
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
                    <$ty>::parse(text).ok_or_else(|| unknown(stringify!($ty), text))
                }
            }

            impl FromSql<Text, Pg> for $ty {
                fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                    let text = std::str::from_utf8(value.as_bytes())?;
                    <$ty>::parse(text).ok_or_else(|| unknown(stringify!($ty), text))
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
                    out.set_value(self.as_str());
                    Ok(IsNull::No)
                }
            }

            impl ToSql<Text, Pg> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                    <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
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

text_columns!(
    crate::domain::audit::RecordKind,
    crate::domain::delegation::DelegationAction,
    crate::domain::delegation::DelegationStatus,
    crate::domain::delegation::Direction,
    crate::domain::delegation::Gender,
    crate::domain::delegation::MemberRole,
    crate::domain::delegation::Recommendation,
    crate::domain::itinerary::ItemKind,
    crate::domain::itinerary::ItemStatus,
    crate::domain::press::AccreditationStatus,
    crate::domain::press::ActivityKind,
    crate::domain::press::ConferenceKind,
    crate::domain::press::ConferenceStatus,
    crate::domain::press::InterviewStatus,
    crate::domain::review::ReviewStatus,
    crate::domain::role::Role,
    crate::domain::unit::UnitKind,
);

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
    crate::domain::ids::UserId,
);
