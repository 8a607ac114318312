//! The `delegation_members` table.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::delegation_members as m;
use crate::domain::delegation::{Gender, Member, MemberRole};
use crate::domain::expiry::{TravelDocuments, VisaType};
use crate::domain::ids::{DelegationId, MemberId};
use crate::error::ApiResult;

// Field order is the table's (RETURNING loads by position).
#[derive(Queryable, Selectable)]
#[diesel(table_name = m)]
struct Row {
    id: MemberId,
    delegation_id: DelegationId,
    full_name: String,
    gender: Option<Gender>,
    date_of_birth: Option<NaiveDate>,
    nationality: String,
    passport_number: Option<String>,
    organization: Option<String>,
    position: Option<String>,
    role: MemberRole,
    email: Option<String>,
    phone: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
    passport_expiry: Option<NaiveDate>,
    visa_type: Option<VisaType>,
    visa_number: Option<String>,
    visa_end: Option<NaiveDate>,
}

impl Row {
    /// The member and their travel documents.
    fn split(self) -> (Member, TravelDocuments) {
        let docs = TravelDocuments {
            passport_expiry: self.passport_expiry,
            visa_type: self.visa_type,
            visa_number: self.visa_number.clone(),
            visa_end: self.visa_end,
            press_card_end: None,
        };
        (Member::from(self), docs)
    }
}

impl From<Row> for Member {
    fn from(row: Row) -> Member {
        Member {
            id: row.id,
            delegation_id: row.delegation_id,
            gender: row.gender,
            role: row.role,
            full_name: row.full_name,
            date_of_birth: row.date_of_birth,
            nationality: row.nationality,
            passport_number: row.passport_number,
            organization: row.organization,
            position: row.position,
            email: row.email,
            phone: row.phone,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            version: row.version,
        }
    }
}

/// A member's fields, for a new member or in full for a change (serialized
/// as the audit trail names them, for `Changes::between`).
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = m, treat_none_as_null = true)]
pub struct MemberFields {
    pub full_name: String,
    pub gender: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub passport_number: Option<String>,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<&Member> for MemberFields {
    fn from(x: &Member) -> Self {
        Self {
            full_name: x.full_name.clone(),
            gender: x.gender.map(|g| g.as_str().to_owned()),
            date_of_birth: x.date_of_birth,
            nationality: x.nationality.clone(),
            passport_number: x.passport_number.clone(),
            organization: x.organization.clone(),
            position: x.position.clone(),
            role: x.role.as_str().to_owned(),
            email: x.email.clone(),
            phone: x.phone.clone(),
        }
    }
}

pub fn list(conn: &mut AnyConnection, delegation: DelegationId) -> ApiResult<Vec<Member>> {
    Ok(m::table
        .filter(m::delegation_id.eq(delegation))
        .order(m::id.asc())
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(Member::from)
        .collect())
}

/// The members of a delegation with their travel documents.
pub fn list_with_documents(
    conn: &mut AnyConnection,
    delegation: DelegationId,
) -> ApiResult<Vec<(Member, TravelDocuments)>> {
    Ok(m::table
        .filter(m::delegation_id.eq(delegation))
        .order(m::id.asc())
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(Row::split)
        .collect())
}

/// The members of these delegations with their travel documents, by delegation.
pub fn documents_of(
    conn: &mut AnyConnection,
    delegations: &[DelegationId],
) -> ApiResult<Vec<(Member, TravelDocuments)>> {
    Ok(m::table
        .filter(m::delegation_id.eq_any(delegations))
        .filter(
            m::passport_expiry
                .is_not_null()
                .or(m::visa_end.is_not_null()),
        )
        .order(m::id.asc())
        .select(Row::as_select())
        .load::<Row>(conn)?
        .into_iter()
        .map(Row::split)
        .collect())
}

/// One member's travel documents.
pub fn documents(conn: &mut AnyConnection, id: MemberId) -> ApiResult<TravelDocuments> {
    let row = m::table
        .find(id)
        .select(Row::as_select())
        .first::<Row>(conn)?;
    Ok(row.split().1)
}

/// Writes one member's travel documents (in the change's transaction).
pub fn set_documents(
    conn: &mut AnyConnection,
    id: MemberId,
    docs: &TravelDocuments,
) -> ApiResult<()> {
    diesel::update(m::table.find(id))
        .set((
            m::passport_expiry.eq(docs.passport_expiry),
            m::visa_type.eq(docs.visa_type),
            m::visa_number.eq(docs.visa_number.as_deref()),
            m::visa_end.eq(docs.visa_end),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn count(conn: &mut AnyConnection, delegation: DelegationId) -> ApiResult<i64> {
    Ok(m::table
        .filter(m::delegation_id.eq(delegation))
        .count()
        .get_result(conn)?)
}

pub fn find(
    conn: &mut AnyConnection,
    delegation: DelegationId,
    id: MemberId,
) -> ApiResult<Option<Member>> {
    Ok(m::table
        .filter(m::delegation_id.eq(delegation))
        .filter(m::id.eq(id))
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(Member::from))
}

pub fn insert(
    conn: &mut AnyConnection,
    delegation: DelegationId,
    fields: &MemberFields,
    at: DateTime<Utc>,
) -> ApiResult<Member> {
    let at = at.naive_utc();
    let row = diesel::insert_into(m::table)
        .values((
            m::delegation_id.eq(delegation),
            fields,
            m::created_at.eq(at),
            m::updated_at.eq(at),
            m::version.eq(1_i64),
        ))
        .returning(m::all_columns)
        .get_result::<Row>(conn)?;
    Ok(Member::from(row))
}

pub fn update(
    conn: &mut AnyConnection,
    member: &Member,
    fields: &MemberFields,
    at: DateTime<Utc>,
) -> ApiResult<Option<Member>> {
    Ok(diesel::update(
        m::table
            .filter(m::id.eq(member.id))
            .filter(m::version.eq(member.version)),
    )
    .set((
        fields,
        m::updated_at.eq(at.naive_utc()),
        m::version.eq(m::version + 1),
    ))
    .returning(m::all_columns)
    .get_result::<Row>(conn)
    .optional()?
    .map(Member::from))
}

pub fn delete(conn: &mut AnyConnection, id: MemberId) -> ApiResult<()> {
    diesel::delete(m::table.find(id)).execute(conn)?;
    Ok(())
}
