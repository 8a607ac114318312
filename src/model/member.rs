//! A delegation's members: each change as one operation on the delegation
//! (its version, its search text, its audit entry).

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::delegation::{editable, event, touch};
use super::input::{check_country, check_date, check_passport, not_blank, rule, trimmed};
use crate::db::member::MemberFields;
use crate::db::{self, AnyConnection, Audited};
use crate::domain::audit::Changes;
use crate::domain::delegation::{Gender, Member, MemberRole};
use crate::domain::expiry::{TravelDocuments, VisaType};
use crate::domain::ids::{DelegationId, MemberId};
use crate::domain::role::Caller;
use crate::domain::text::{CountryCode, parse_passport};
use crate::error::{ApiError, ApiResult};

fn check_birth(date: &NaiveDate) -> Result<(), validator::ValidationError> {
    let today = crate::domain::time::province_today();
    rule(if date.year() < 1900 || *date > today {
        Err("must be a past date after 1900")
    } else {
        Ok(())
    })
}

fn check_phone(raw: &str) -> Result<(), validator::ValidationError> {
    let ok = raw
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && raw.chars().any(|c| c.is_ascii_digit());
    rule(if ok {
        Ok(())
    } else {
        Err("must be a phone number (digits, spaces, + - ( ) .)")
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberInput {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, example = "Tanaka Hiroshi")]
    pub full_name: String,
    pub gender: Option<Gender>,
    #[validate(custom(function = "check_birth"))]
    pub date_of_birth: Option<NaiveDate>,
    /// ISO 3166-1 alpha-2.
    #[validate(custom(function = "check_country"))]
    #[schema(
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$",
        example = "JP"
    )]
    pub nationality: String,
    /// 5–20 letters and digits.
    #[validate(custom(function = "check_passport"))]
    #[schema(max_length = 30, example = "TR1234567")]
    pub passport_number: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub organization: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub position: Option<String>,
    pub role: MemberRole,
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = Email)]
    pub email: Option<String>,
    #[validate(length(max = 40), custom(function = "check_phone"))]
    #[schema(max_length = 40)]
    pub phone: Option<String>,
    /// The passport's last day of validity (personal data).
    #[validate(custom(function = "check_date"))]
    pub passport_expiry: Option<NaiveDate>,
    /// `pv1` (resident press), `pv2` (short-term press) or `other`.
    pub visa_type: Option<VisaType>,
    /// The visa's number (personal data).
    #[validate(length(max = 30))]
    #[schema(max_length = 30)]
    pub visa_number: Option<String>,
    /// The visa's last day (personal data).
    #[validate(custom(function = "check_date"))]
    pub visa_end: Option<NaiveDate>,
}

/// Fields to change; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub full_name: Option<String>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<Gender>)]
    pub gender: Option<Option<Gender>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub date_of_birth: Option<Option<NaiveDate>>,
    #[validate(custom(function = "check_country"))]
    #[schema(
        nullable = false,
        min_length = 2,
        max_length = 2,
        pattern = "^[A-Za-z]{2}$"
    )]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub nationality: Option<String>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 30)]
    #[validate(custom(function = "check_passport"))]
    pub passport_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 200)]
    #[validate(length(max = 200))]
    pub organization: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 200)]
    #[validate(length(max = 200))]
    pub position: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub role: Option<MemberRole>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 200, format = Email)]
    #[validate(email, length(max = 200))]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 40)]
    #[validate(length(max = 40))]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    #[validate(custom(function = "check_date"))]
    pub passport_expiry: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<VisaType>)]
    pub visa_type: Option<Option<VisaType>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<String>, max_length = 30)]
    #[validate(length(max = 30))]
    pub visa_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::input::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    #[validate(custom(function = "check_date"))]
    pub visa_end: Option<Option<NaiveDate>>,
}

impl MemberInput {
    /// The travel documents given (read before [`fields`](Self::fields) takes the input).
    pub fn documents(&self) -> TravelDocuments {
        TravelDocuments {
            passport_expiry: self.passport_expiry,
            visa_type: self.visa_type,
            visa_number: trimmed(self.visa_number.clone()),
            visa_end: self.visa_end,
            press_card_end: None,
        }
    }

    pub fn fields(self) -> ApiResult<MemberFields> {
        Ok(MemberFields {
            full_name: self.full_name.trim().to_owned(),
            gender: self.gender.map(|g| g.as_str().to_owned()),
            date_of_birth: self.date_of_birth,
            nationality: CountryCode::parse(&self.nationality)
                .map_err(|m| ApiError::invalid("nationality", m))?
                .as_str()
                .to_owned(),
            passport_number: trimmed(self.passport_number)
                .map(|p| parse_passport(&p).map_err(|m| ApiError::invalid("passport_number", m)))
                .transpose()?,
            organization: trimmed(self.organization),
            position: trimmed(self.position),
            role: self.role.as_str().to_owned(),
            email: trimmed(self.email),
            phone: trimmed(self.phone),
        })
    }
}

impl MemberPatch {
    /// The member's fields and documents after this patch, checked as a whole.
    fn apply(
        self,
        current: &Member,
        docs: &TravelDocuments,
    ) -> ApiResult<(MemberFields, TravelDocuments)> {
        let base = MemberFields::from(current);
        let input = MemberInput {
            full_name: self.full_name.unwrap_or(base.full_name),
            gender: self.gender.unwrap_or(current.gender),
            date_of_birth: self.date_of_birth.unwrap_or(base.date_of_birth),
            nationality: self.nationality.unwrap_or(base.nationality),
            passport_number: self.passport_number.unwrap_or(base.passport_number),
            organization: self.organization.unwrap_or(base.organization),
            position: self.position.unwrap_or(base.position),
            role: self.role.unwrap_or(current.role),
            email: self.email.unwrap_or(base.email),
            phone: self.phone.unwrap_or(base.phone),
            passport_expiry: self.passport_expiry.unwrap_or(docs.passport_expiry),
            visa_type: self.visa_type.unwrap_or(docs.visa_type),
            visa_number: self.visa_number.unwrap_or(docs.visa_number.clone()),
            visa_end: self.visa_end.unwrap_or(docs.visa_end),
        };
        super::input::validate(&input)?;
        let docs = input.documents();
        Ok((input.fields()?, docs))
    }
}

/// A new member's fields, for the audit trail.
fn snapshot(f: &MemberFields) -> Changes {
    let mut changes = Changes::new()
        .set("full_name", &f.full_name)
        .set("nationality", &f.nationality)
        .set("role", &f.role);
    for (key, value) in [
        ("gender", &f.gender),
        ("passport_number", &f.passport_number),
        ("organization", &f.organization),
        ("position", &f.position),
        ("email", &f.email),
        ("phone", &f.phone),
    ] {
        if let Some(value) = value {
            changes = changes.set(key, value);
        }
    }
    if let Some(born) = f.date_of_birth {
        changes = changes.set("date_of_birth", born);
    }
    changes
}

/// The travel documents on top of a new record's audit snapshot.
pub(crate) fn documents_snapshot(mut changes: Changes, docs: &TravelDocuments) -> Changes {
    if let Some(d) = docs.passport_expiry {
        changes = changes.set("passport_expiry", d);
    }
    if let Some(v) = docs.visa_type {
        changes = changes.set("visa_type", v);
    }
    if let Some(n) = &docs.visa_number {
        changes = changes.set("visa_number", n);
    }
    if let Some(d) = docs.visa_end {
        changes = changes.set("visa_end", d);
    }
    if let Some(d) = docs.press_card_end {
        changes = changes.set("press_card_end", d);
    }
    changes
}

/// The members of a delegation `caller` may see, with their travel documents.
pub fn list_with_documents(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Vec<(Member, TravelDocuments)>> {
    super::delegation::visible(conn, caller, id)?;
    db::member::list_with_documents(conn, id)
}

/// The members of a delegation `caller` may see, in the order they were added.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn list(conn: &mut AnyConnection, caller: Caller, id: DelegationId) -> ApiResult<Vec<Member>> {
    super::delegation::visible(conn, caller, id)?;
    db::member::list(conn, id)
}

/// Adds a member without travel documents (the demo's members).
pub fn add(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    fields: &MemberFields,
) -> ApiResult<Audited<Member>> {
    add_with_documents(conn, caller, id, fields, &TravelDocuments::default())
}

/// Adds a member to a delegation open to `caller`'s changes.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn add_with_documents(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    fields: &MemberFields,
    docs: &TravelDocuments,
) -> ApiResult<Audited<Member>> {
    let d = editable(conn, caller, id)?;
    let member = db::member::insert(conn, d.id, fields, db::now())?;
    db::member::set_documents(conn, member.id, docs)?;
    touch(conn, &d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    let changes = documents_snapshot(snapshot(fields), docs).set("member_id", member.id);
    Ok(Audited::new(member, event("add_member", &d, changes)))
}

/// Changes a member; nothing is written when nothing would change.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    member_id: MemberId,
    if_match: Option<i64>,
    patch: MemberPatch,
) -> ApiResult<Audited<(Member, TravelDocuments)>> {
    let d = editable(conn, caller, id)?;
    let current = db::member::find(conn, id, member_id)?.ok_or(ApiError::NotFound)?;
    db::check_version(if_match, current.version)?;
    let old_docs = db::member::documents(conn, member_id)?;
    let (fields, docs) = patch.apply(&current, &old_docs)?;
    let mut changes = Changes::between(&MemberFields::from(&current), &fields);
    for (field, change) in Changes::between(&old_docs, &docs)
        .into_value()
        .as_object()
        .into_iter()
        .flatten()
    {
        changes = changes.set(field, change);
    }
    if changes.is_empty() {
        return Ok(Audited::unchanged((current, old_docs)));
    }
    let member = db::member::update(conn, &current, &fields, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    db::member::set_documents(conn, member.id, &docs)?;
    touch(conn, &d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    let changes = changes.set("member_id", current.id);
    Ok(Audited::new(
        (member, docs),
        event("update_member", &d, changes),
    ))
}

/// Removes a member.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn remove(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    member_id: MemberId,
) -> ApiResult<Audited<()>> {
    let d = editable(conn, caller, id)?;
    let member = db::member::find(conn, id, member_id)?.ok_or(ApiError::NotFound)?;
    db::member::delete(conn, member.id)?;
    touch(conn, &d, false)?;
    db::delegation::refresh_search(conn, d.id)?;
    let changes = Changes::new()
        .set("member_id", member.id)
        .set("full_name", &member.full_name);
    Ok(Audited::new((), event("remove_member", &d, changes)))
}
