//! Security reviews, one per reviewed record (delegation or accreditation).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::security_reviews as sr;
use super::stamp::Stamp;
use crate::domain::ids::UserId;
use crate::domain::review::{ReviewStatus, SecurityReview};
use crate::error::ApiResult;

pub(super) type Row = (
    i64,
    ReviewStatus,
    Option<String>,
    Option<String>,
    Stamp,
    Option<UserId>,
);

/// The review in `row`, or none yet (a record never reviewed has no row).
pub(super) fn from_row(row: Option<Row>) -> SecurityReview {
    row.map(|row| to_review(row).1).unwrap_or_default()
}

fn to_review(row: Row) -> (i64, SecurityReview) {
    let (record_id, status, officer, notes, reviewed_at, reviewed_by) = row;
    (
        record_id,
        SecurityReview {
            status,
            officer,
            notes,
            reviewed_at: Some(reviewed_at.and_utc()),
            reviewed_by,
        },
    )
}

/// The columns of a [`Row`].
pub(super) const COLUMNS: (
    sr::record_id,
    sr::status,
    sr::officer,
    sr::notes,
    sr::reviewed_at,
    sr::reviewed_by,
) = (
    sr::record_id,
    sr::status,
    sr::officer,
    sr::notes,
    sr::reviewed_at,
    sr::reviewed_by,
);

/// The reviews of these records of `kind`; records never reviewed are absent.
pub fn for_records(
    conn: &mut AnyConnection,
    kind: &str,
    ids: &[i64],
) -> ApiResult<HashMap<i64, SecurityReview>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(sr::table
        .filter(sr::record_kind.eq(kind))
        .filter(sr::record_id.eq_any(ids))
        .select(COLUMNS)
        .load::<Row>(conn)?
        .into_iter()
        .map(to_review)
        .collect())
}

pub fn for_record(conn: &mut AnyConnection, kind: &str, id: i64) -> ApiResult<SecurityReview> {
    // An equality, not `IN (…)`: diesel caches this statement's prepared
    // form, where a list of any length is parsed again on every request.
    let row = sr::table
        .filter(sr::record_kind.eq(kind))
        .filter(sr::record_id.eq(id))
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?;
    Ok(row.map(|row| to_review(row).1).unwrap_or_default())
}

/// Records the police's review of a record, replacing the last one.
pub fn put(
    conn: &mut AnyConnection,
    kind: &str,
    id: i64,
    review: &SecurityReview,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let values = (
        sr::status.eq(review.status),
        sr::officer.eq(review.officer.as_deref()),
        sr::notes.eq(review.notes.as_deref()),
        sr::reviewed_at.eq(at.naive_utc()),
        sr::reviewed_by.eq(review.reviewed_by),
    );
    let target = sr::table
        .filter(sr::record_kind.eq(kind))
        .filter(sr::record_id.eq(id));
    if diesel::update(target).set(values).execute(conn)? == 0 {
        diesel::insert_into(sr::table)
            .values((sr::record_kind.eq(kind), sr::record_id.eq(id), values))
            .execute(conn)?;
    }
    Ok(())
}

pub fn delete(conn: &mut AnyConnection, kind: &str, id: i64) -> ApiResult<()> {
    diesel::delete(
        sr::table
            .filter(sr::record_kind.eq(kind))
            .filter(sr::record_id.eq(id)),
    )
    .execute(conn)?;
    Ok(())
}
