//! The `delegations` table.

mod listing;
pub use listing::{Cursor, Filter, all, list};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::connection::on_engine;
use super::schema::{delegation_members, delegations as d, security_reviews as sr};
use super::stamp::Stamp;
use super::{AnyConnection, review};
use crate::domain::delegation::{
    Decision, Delegation, DelegationStatus, Direction, Recommendation,
};
use crate::domain::ids::{DelegationId, UnitId, UserId};
use crate::domain::review::SecurityReview;
use crate::domain::text::fold;
use crate::error::ApiResult;

/// The record kind under which delegations' reviews and audit entries are kept.
pub const KIND: &str = "delegation";

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = d)]
struct Row {
    id: DelegationId,
    reference: String,
    direction: Direction,
    title: String,
    purpose: String,
    partner_organization: String,
    countries: String,
    host_unit_id: UnitId,
    head_of_delegation: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
    status: DelegationStatus,
    itinerary_changed_at: Option<Stamp>,
    appraisal_recommendation: Option<Recommendation>,
    appraisal_note: Option<String>,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    decided_by: Option<UserId>,
    returned_note: Option<String>,
    report: Option<String>,
    report_submitted_at: Option<Stamp>,
    #[expect(dead_code, reason = "written for search, never read back")]
    search_text: String,
    created_by: Option<UserId>,
    created_at: Stamp,
    updated_at: Stamp,
    version: i64,
}

impl Row {
    fn into_delegation(self, review: SecurityReview) -> Delegation {
        Delegation {
            id: self.id,
            direction: self.direction,
            status: self.status,
            countries: self
                .countries
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            appraisal: self
                .appraisal_recommendation
                .map(|r| (r, self.appraisal_note.unwrap_or_default())),
            decision: match (self.decision_number, self.decision_date) {
                (Some(number), Some(date)) => Some(Decision {
                    number,
                    date,
                    by: self.decided_by,
                }),
                _ => None,
            },
            report: self
                .report
                .zip(self.report_submitted_at.map(|t| t.and_utc())),
            reference: self.reference,
            title: self.title,
            purpose: self.purpose,
            partner_organization: self.partner_organization,
            host_unit_id: self.host_unit_id,
            head_of_delegation: self.head_of_delegation,
            start_date: self.start_date,
            end_date: self.end_date,
            review,
            itinerary_changed_at: self.itinerary_changed_at.map(|t| t.and_utc()),
            returned_note: self.returned_note,
            created_by: self.created_by,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            version: self.version,
        }
    }
}

/// Stored as ",JP,KR," so that `LIKE '%,JP,%'` finds one country.
pub fn encode_countries(countries: &[String]) -> String {
    format!(",{},", countries.join(","))
}

/// The fields of a new delegation.
#[derive(Debug, Clone)]
pub struct NewDelegation {
    pub direction: Direction,
    pub title: String,
    pub purpose: String,
    pub partner_organization: String,
    pub countries: Vec<String>,
    pub host_unit_id: UnitId,
    pub head_of_delegation: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// Columns a change may set; `None` keeps the stored value.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = d)]
pub struct Changes {
    pub title: Option<String>,
    pub purpose: Option<String>,
    pub partner_organization: Option<String>,
    pub countries: Option<String>,
    pub host_unit_id: Option<UnitId>,
    pub head_of_delegation: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub status: Option<DelegationStatus>,
    pub itinerary_changed_at: Option<Option<NaiveDateTime>>,
    pub appraisal_recommendation: Option<Option<Recommendation>>,
    pub appraisal_note: Option<Option<String>>,
    pub decision_number: Option<Option<String>>,
    pub decision_date: Option<Option<NaiveDate>>,
    pub decided_by: Option<Option<UserId>>,
    pub returned_note: Option<Option<String>>,
    pub report: Option<Option<String>>,
    pub report_submitted_at: Option<Option<NaiveDateTime>>,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: &NewDelegation,
    reference: &str,
    created_by: Option<UserId>,
    at: DateTime<Utc>,
) -> ApiResult<Delegation> {
    let at = at.naive_utc();
    let search = fold(&format!(
        "{reference} {} {} {}",
        new.title, new.partner_organization, new.head_of_delegation
    ));
    let row = diesel::insert_into(d::table)
        .values((
            d::reference.eq(reference),
            d::direction.eq(new.direction),
            d::title.eq(&new.title),
            d::purpose.eq(&new.purpose),
            d::partner_organization.eq(&new.partner_organization),
            d::countries.eq(encode_countries(&new.countries)),
            d::host_unit_id.eq(new.host_unit_id),
            d::head_of_delegation.eq(&new.head_of_delegation),
            d::start_date.eq(new.start_date),
            d::end_date.eq(new.end_date),
            d::status.eq(DelegationStatus::Draft),
            d::search_text.eq(search),
            d::created_by.eq(created_by),
            d::created_at.eq(at),
            d::updated_at.eq(at),
            d::version.eq(1_i64),
        ))
        .returning(d::all_columns)
        .get_result::<Row>(conn)?;
    Ok(row.into_delegation(SecurityReview::default()))
}

pub fn find(conn: &mut AnyConnection, id: DelegationId) -> ApiResult<Option<Delegation>> {
    // One statement, with its review joined (one in three of a request's
    // reads once the account and the calendar are kept).
    let found = on_engine!(conn, |c| d::table
        .left_join(sr::table.on(sr::record_kind.eq(KIND).and(sr::record_id.eq(d::id))))
        .filter(d::id.eq(id))
        .select((Row::as_select(), review::COLUMNS.nullable()))
        .first::<(Row, Option<review::Row>)>(c)
        .optional())?;
    Ok(found.map(|(row, review)| row.into_delegation(review::from_row(review))))
}

/// The delegations with these ids, with their reviews, in two queries.
pub fn find_many(conn: &mut AnyConnection, ids: &[i64]) -> ApiResult<HashMap<i64, Delegation>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<Row> = d::table
        .filter(d::id.eq_any(ids))
        .select(Row::as_select())
        .load(conn)?;
    let mut reviews = super::review::for_records(conn, KIND, ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id.get();
            let review = reviews.remove(&id).unwrap_or_default();
            (id, row.into_delegation(review))
        })
        .collect())
}

/// Takes the delegation's row lock for the rest of the transaction, so that
/// two changes at once are applied one after the other, the second seeing
/// the first (on SQLite writes are serial anyway). Returns whether it exists.
pub fn lock(conn: &mut AnyConnection, id: DelegationId) -> ApiResult<bool> {
    Ok(diesel::update(d::table.find(id))
        .set(d::version.eq(d::version))
        .execute(conn)?
        > 0)
}

/// Applies `changes` (and a new version) if the delegation is still at `version`.
pub fn update(
    conn: &mut AnyConnection,
    id: DelegationId,
    version: i64,
    changes: &Changes,
    at: DateTime<Utc>,
) -> ApiResult<Option<Delegation>> {
    let updated = diesel::update(d::table.filter(d::id.eq(id)).filter(d::version.eq(version)))
        .set((
            changes,
            d::updated_at.eq(at.naive_utc()),
            d::version.eq(d::version + 1),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Ok(None);
    }
    if changes.title.is_some()
        || changes.partner_organization.is_some()
        || changes.head_of_delegation.is_some()
    {
        // Only these of its own fields are searched (members refresh it themselves).
        refresh_search(conn, id)?;
    }
    find(conn, id)
}

/// A change to a delegation's members, itinerary or review is a change to
/// the delegation: a new version (and, for an approved itinerary, the mark
/// that the police should look again).
pub fn touch(
    conn: &mut AnyConnection,
    id: DelegationId,
    at: DateTime<Utc>,
    itinerary_changed: bool,
) -> ApiResult<()> {
    let at = at.naive_utc();
    let target = d::table.filter(d::id.eq(id));
    if itinerary_changed {
        diesel::update(target)
            .set((
                d::updated_at.eq(at),
                d::version.eq(d::version + 1),
                d::itinerary_changed_at.eq(Some(at)),
            ))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set((d::updated_at.eq(at), d::version.eq(d::version + 1)))
            .execute(conn)?;
    }
    Ok(())
}

/// Recomputes the folded search text from the delegation and its members.
pub fn refresh_search(conn: &mut AnyConnection, id: DelegationId) -> ApiResult<()> {
    let (reference, title, partner, head): (String, String, String, String) = d::table
        .find(id)
        .select((
            d::reference,
            d::title,
            d::partner_organization,
            d::head_of_delegation,
        ))
        .first(conn)?;
    let names: Vec<String> = delegation_members::table
        .filter(delegation_members::delegation_id.eq(id))
        .order(delegation_members::id.asc())
        .select(delegation_members::full_name)
        .load(conn)?;
    let text = fold(&format!(
        "{reference} {title} {partner} {head} {}",
        names.join(" ")
    ));
    diesel::update(d::table.find(id))
        .set(d::search_text.eq(text))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut AnyConnection, id: DelegationId) -> ApiResult<()> {
    super::review::delete(conn, KIND, id.get())?;
    diesel::delete(d::table.find(id)).execute(conn)?;
    Ok(())
}
