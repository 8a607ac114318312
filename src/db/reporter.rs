//! The `reporters` table.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::filters::contains;
use super::schema::reporters as r;
use crate::domain::expiry::{TravelDocuments, VisaType};
use crate::domain::ids::ReporterId;
use crate::domain::pagination::Limit;
use crate::domain::press::Reporter;
use crate::domain::text::fold;
use crate::error::ApiResult;

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = r)]
struct Row {
    id: ReporterId,
    full_name: String,
    nationality: String,
    passport_number: Option<String>,
    outlet: String,
    outlet_country: String,
    position: String,
    press_card_number: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    #[expect(dead_code, reason = "written for search, never read back")]
    search_text: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
    passport_expiry: Option<NaiveDate>,
    /// Text, not [`VisaType`]: an unknown stored type reads as `other`.
    visa_type: Option<String>,
    visa_number: Option<String>,
    visa_end: Option<NaiveDate>,
    press_card_end: Option<NaiveDate>,
}

impl Row {
    /// The reporter and their travel documents; an unknown stored visa
    /// type reads as `other` (the column is only written from the enum).
    fn split(self) -> (Reporter, TravelDocuments) {
        let docs = TravelDocuments {
            passport_expiry: self.passport_expiry,
            visa_type: self
                .visa_type
                .as_deref()
                .map(|v| VisaType::parse(v).unwrap_or(VisaType::Other)),
            visa_number: self.visa_number.clone(),
            visa_end: self.visa_end,
            press_card_end: self.press_card_end,
        };
        (Reporter::from(self), docs)
    }
}

impl From<Row> for Reporter {
    fn from(row: Row) -> Reporter {
        Reporter {
            id: row.id,
            full_name: row.full_name,
            nationality: row.nationality,
            passport_number: row.passport_number,
            outlet: row.outlet,
            outlet_country: row.outlet_country,
            position: row.position,
            press_card_number: row.press_card_number,
            email: row.email,
            phone: row.phone,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

/// A reporter's fields, for a new one or in full for a change (serialized
/// as the audit trail names them, for `Changes::between`; the search text
/// is derived, not a change of its own).
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = r, treat_none_as_null = true)]
pub struct ReporterFields {
    pub full_name: String,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub outlet: String,
    pub outlet_country: String,
    pub position: String,
    pub press_card_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[serde(skip)]
    pub search_text: String,
}

impl ReporterFields {
    /// The folded search text of these fields (name, outlet, press card).
    pub fn with_search(mut self) -> Self {
        self.search_text = fold(&format!(
            "{} {} {}",
            self.full_name,
            self.outlet,
            self.press_card_number.as_deref().unwrap_or("")
        ));
        self
    }
}

impl From<&Reporter> for ReporterFields {
    fn from(x: &Reporter) -> Self {
        Self {
            full_name: x.full_name.clone(),
            nationality: x.nationality.clone(),
            passport_number: x.passport_number.clone(),
            outlet: x.outlet.clone(),
            outlet_country: x.outlet_country.clone(),
            position: x.position.clone(),
            press_card_number: x.press_card_number.clone(),
            email: x.email.clone(),
            phone: x.phone.clone(),
            search_text: String::new(),
        }
        .with_search()
    }
}

pub fn find(conn: &mut AnyConnection, id: ReporterId) -> ApiResult<Option<Reporter>> {
    Ok(r::table
        .find(id)
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(Reporter::from))
}

/// The reporters with these ids (those that exist).
pub fn find_many(conn: &mut AnyConnection, ids: &[ReporterId]) -> ApiResult<Vec<Reporter>> {
    Ok(r::table
        .filter(r::id.eq_any(ids))
        .order(r::id.asc())
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(Reporter::from)
        .collect())
}

/// The reporters with these ids and their travel documents.
pub fn documents_of(
    conn: &mut AnyConnection,
    ids: &[ReporterId],
) -> ApiResult<Vec<(Reporter, TravelDocuments)>> {
    Ok(r::table
        .filter(r::id.eq_any(ids))
        .order(r::id.asc())
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(Row::split)
        .collect())
}

/// One reporter's travel documents.
pub fn documents(conn: &mut AnyConnection, id: ReporterId) -> ApiResult<TravelDocuments> {
    let row = r::table
        .find(id)
        .select(Row::as_select())
        .first::<Row>(conn)?;
    Ok(row.split().1)
}

/// Writes one reporter's travel documents (in the change's transaction).
pub fn set_documents(
    conn: &mut AnyConnection,
    id: ReporterId,
    docs: &TravelDocuments,
) -> ApiResult<()> {
    diesel::update(r::table.find(id))
        .set((
            r::passport_expiry.eq(docs.passport_expiry),
            r::visa_type.eq(docs.visa_type),
            r::visa_number.eq(docs.visa_number.as_deref()),
            r::visa_end.eq(docs.visa_end),
            r::press_card_end.eq(docs.press_card_end),
        ))
        .execute(conn)?;
    Ok(())
}

/// Filters of the reporter list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub words: Vec<String>,
    pub nationality: Option<String>,
    pub outlet_country: Option<String>,
}

pub fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    after: Option<i64>,
    limit: Limit,
) -> ApiResult<Vec<Reporter>> {
    let mut query = r::table
        .select(Row::as_select())
        .order(r::id.asc())
        .limit(limit.probe())
        .into_boxed();
    for word in &filter.words {
        query = query.filter(contains(r::search_text, word));
    }
    if let Some(n) = &filter.nationality {
        query = query.filter(r::nationality.eq(n.clone()));
    }
    if let Some(c) = &filter.outlet_country {
        query = query.filter(r::outlet_country.eq(c.clone()));
    }
    if let Some(after) = after {
        query = query.filter(r::id.gt(after));
    }
    Ok(query
        .load::<Row>(conn)?
        .into_iter()
        .map(Reporter::from)
        .collect())
}

pub fn insert(
    conn: &mut AnyConnection,
    fields: &ReporterFields,
    at: DateTime<Utc>,
) -> ApiResult<Reporter> {
    let at = at.naive_utc();
    let row = diesel::insert_into(r::table)
        .values((
            fields,
            r::created_at.eq(at),
            r::updated_at.eq(at),
            r::version.eq(1_i64),
        ))
        .returning(r::all_columns)
        .get_result::<Row>(conn)?;
    Ok(row.into())
}

/// Takes the row lock for the rest of the transaction, so that two changes
/// at once are applied one after the other (see `delegations::lock`).
pub fn lock(conn: &mut AnyConnection, id: ReporterId) -> ApiResult<bool> {
    Ok(diesel::update(r::table.find(id))
        .set(r::version.eq(r::version))
        .execute(conn)?
        > 0)
}

pub fn update(
    conn: &mut AnyConnection,
    current: &Reporter,
    fields: &ReporterFields,
    at: DateTime<Utc>,
) -> ApiResult<Option<Reporter>> {
    Ok(diesel::update(
        r::table
            .filter(r::id.eq(current.id))
            .filter(r::version.eq(current.version)),
    )
    .set((
        fields,
        r::updated_at.eq(at.naive_utc()),
        r::version.eq(r::version + 1),
    ))
    .returning(r::all_columns)
    .get_result::<Row>(conn)
    .optional()?
    .map(Reporter::from))
}
