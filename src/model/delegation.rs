//! A delegation: who sees it, and each change to it as one operation that
//! decides (visibility → permission → state → version → rules), writes and
//! returns its audit entry. The JSON routes and the demo call these; a
//! console page will too.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::input::{CountryCodeDoc, check_date, not_blank};
use crate::db::delegation::{Cursor, Filter, NewDelegation};
use crate::db::{self, AnyConnection, Audited};
use crate::domain::FieldError;
use crate::domain::audit::{AuditEntry, AuditEvent, Changes, RecordKind, redact_changes};
use crate::domain::delegation::{
    self as rules, Delegation, DelegationAction, DelegationStatus, Direction, EditVerdict, Facts,
    Recommendation, TransitionInput, Unmet,
};
use crate::domain::ids::{DelegationId, UnitId};
use crate::domain::pagination::Limit;
use crate::domain::review::SecurityReview;
use crate::domain::role::Caller;
use crate::domain::text::{CountryCode, fold};
use crate::domain::time::Bound;
use crate::domain::unit::Unit;
use crate::error::{ApiError, ApiResult};

// A new delegation as a client or a form gives it (not in the document:
// its description there is the operation's).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDelegation {
    pub direction: Direction,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Đoàn doanh nghiệp tỉnh Shizuoka"
    )]
    pub title: String,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000)]
    pub purpose: String,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500)]
    pub partner_organization: String,
    /// ISO 3166-1 alpha-2: where the delegation comes from (incoming) or goes to (outgoing).
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(value_type = Vec<CountryCodeDoc>, min_items = 1, max_items = 30, example = json!(["JP"]))]
    pub countries: Vec<String>,
    /// Incoming: the unit that receives it; outgoing: the unit that sends it.
    pub host_unit_id: UnitId,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200)]
    pub head_of_delegation: String,
    #[validate(custom(function = "check_date"))]
    pub start_date: NaiveDate,
    #[validate(custom(function = "check_date"))]
    pub end_date: NaiveDate,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDelegation {
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub title: Option<String>,
    #[validate(length(max = 5000), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 5000)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub purpose: Option<String>,
    #[validate(length(max = 500), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 500)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub partner_organization: Option<String>,
    #[validate(length(min = 1, max = 30), custom(function = "check_countries"))]
    #[schema(nullable = false, value_type = Option<Vec<CountryCodeDoc>>, min_items = 1, max_items = 30)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub countries: Option<Vec<String>>,
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub host_unit_id: Option<UnitId>,
    #[validate(length(max = 200), custom(function = "not_blank"))]
    #[schema(nullable = false, min_length = 1, max_length = 200)]
    #[serde(default, deserialize_with = "super::input::not_null")]
    pub head_of_delegation: Option<String>,
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub start_date: Option<NaiveDate>,
    #[validate(custom(function = "check_date"))]
    #[serde(default, deserialize_with = "super::input::not_null")]
    #[schema(nullable = false)]
    pub end_date: Option<NaiveDate>,
}

fn check_countries(codes: &[String]) -> Result<(), validator::ValidationError> {
    codes
        .iter()
        .try_for_each(|c| super::input::check_country(c))
}

/// The codes as stored: upper case, each once, in the order given.
fn countries(codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in codes.iter().filter_map(|c| CountryCode::parse(c).ok()) {
        if !out.iter().any(|c| c == code.as_str()) {
            out.push(code.as_str().to_owned());
        }
    }
    out
}

fn check_span(start: NaiveDate, end: NaiveDate) -> ApiResult<()> {
    if end < start {
        return Err(ApiError::invalid(
            "end_date",
            "must not be before start_date",
        ));
    }
    Ok(())
}

/// The fields a PATCH may change, as one value, so that a change is the
/// difference between two of them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Editable {
    title: String,
    purpose: String,
    partner_organization: String,
    countries: Vec<String>,
    host_unit_id: UnitId,
    head_of_delegation: String,
    start_date: NaiveDate,
    end_date: NaiveDate,
}

impl Editable {
    fn of(d: &Delegation) -> Self {
        Self {
            title: d.title.clone(),
            purpose: d.purpose.clone(),
            partner_organization: d.partner_organization.clone(),
            countries: d.countries.clone(),
            host_unit_id: d.host_unit_id,
            head_of_delegation: d.head_of_delegation.clone(),
            start_date: d.start_date,
            end_date: d.end_date,
        }
    }

    /// These fields after `patch`: text trimmed, countries as stored.
    fn apply(self, patch: UpdateDelegation) -> Self {
        let text = |new: Option<String>, old: String| new.map_or(old, |t| t.trim().to_owned());
        Self {
            title: text(patch.title, self.title),
            purpose: text(patch.purpose, self.purpose),
            partner_organization: text(patch.partner_organization, self.partner_organization),
            countries: patch.countries.map_or(self.countries, |c| countries(&c)),
            host_unit_id: patch.host_unit_id.unwrap_or(self.host_unit_id),
            head_of_delegation: text(patch.head_of_delegation, self.head_of_delegation),
            start_date: patch.start_date.unwrap_or(self.start_date),
            end_date: patch.end_date.unwrap_or(self.end_date),
        }
    }
}

pub(super) fn event(action: &'static str, d: &Delegation, changes: Changes) -> AuditEvent {
    AuditEvent::new(action, RecordKind::Delegation, d.id.get(), changes)
}

/// A change to a delegation's members, itinerary or review is a change to the
/// delegation: a new version, and for an approved itinerary the mark that the
/// police should look again.
pub(super) fn touch(conn: &mut AnyConnection, d: &Delegation, itinerary: bool) -> ApiResult<()> {
    db::delegation::touch(
        conn,
        d.id,
        db::now(),
        itinerary && d.status == DelegationStatus::Approved,
    )
}

/// Turns an edit verdict into 403 / 409.
pub(super) fn edit_allowed(verdict: EditVerdict, caller: Caller) -> ApiResult<()> {
    match verdict {
        EditVerdict::Allowed => Ok(()),
        EditVerdict::Forbidden => Err(ApiError::forbidden(format!(
            "the role `{}` may not change this delegation",
            caller.role
        ))),
        EditVerdict::Locked(why) => Err(ApiError::conflict(why)),
    }
}

/// The delegation `id` if `caller` may see it; 404 otherwise, exactly as for
/// one that does not exist.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn visible(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    db::delegation::find(conn, id)?
        .filter(|d| rules::visible_to(d.host_unit_id, caller.role, caller.unit))
        .ok_or(ApiError::NotFound)
}

/// [`visible`] for a change: the row is locked first, so that the change is
/// decided on the delegation as the previous change left it.
pub(super) fn for_change(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    db::delegation::lock(conn, id)?;
    visible(conn, caller, id)
}

/// The delegation for a change to itself or its members: visible, and open
/// to this caller in its state.
pub(super) fn editable(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Delegation> {
    let d = for_change(conn, caller, id)?;
    edit_allowed(
        rules::may_edit(d.status, caller.facing(d.host_unit_id)),
        caller,
    )?;
    Ok(d)
}

/// What `caller` may do to `d` now: what a page offers (each operation
/// decides again when asked).
pub fn allowed(d: &Delegation, caller: Caller) -> rules::Allowed {
    rules::allowed(d.status, caller.facing(d.host_unit_id))
}

/// The units `caller` may register a delegation for (none: they may not
/// register any); never one merged into another.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn host_units(conn: &mut AnyConnection, caller: Caller) -> ApiResult<Vec<Unit>> {
    let mut units = super::unit::all(conn)?;
    // A unit merged into another takes no new records.
    units.retain(|u| u.merged_into.is_none() && rules::may_create(u.id, caller.role, caller.unit));
    Ok(units)
}

/// A search of the delegations as a client or a form asks for it, before
/// it is read: the API's query parameters, the console's filters.
#[derive(Debug, Default)]
pub struct Search<'a> {
    pub direction: Option<Direction>,
    pub status: Option<DelegationStatus>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub q: Option<&'a str>,
    pub country: Option<&'a str>,
    pub host_unit_id: Option<i64>,
}

impl Search<'_> {
    /// The filter it asks for, or 422 naming the parameter at fault.
    pub fn filter(&self) -> ApiResult<Filter> {
        let country = self
            .country
            .map(|c| {
                CountryCode::parse(c)
                    .map(|c| c.as_str().to_owned())
                    .map_err(|m| ApiError::invalid("country", m))
            })
            .transpose()?;
        Ok(Filter {
            direction: self.direction,
            status: self.status,
            from: super::input::day("from", self.from, Bound::Start)?,
            to: super::input::day("to", self.to, Bound::End)?,
            words: self
                .q
                .map(fold)
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            country,
            host_unit_id: self.host_unit_id.map(UnitId),
            only_unit: None,
            statuses: Vec::new(),
        })
    }
}

/// A page of the delegations `caller` may see that match `filter`.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn list(
    conn: &mut AnyConnection,
    caller: Caller,
    mut filter: Filter,
    after: Option<Cursor>,
    limit: Limit,
) -> ApiResult<Vec<Delegation>> {
    filter.only_unit = rules::list_scope(caller);
    db::delegation::list(conn, &filter, after, limit)
}

/// The delegation's own timeline, oldest first; personal data and police
/// notes only for those who may see them.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn history(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Vec<AuditEntry>> {
    visible(conn, caller, id)?;
    let filter = db::audit::AuditFilter {
        record_kind: Some(RecordKind::Delegation),
        record_id: Some(id.get()),
        ..Default::default()
    };
    let max = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    let mut entries = db::audit::list(conn, &filter, None, max)?;
    entries.reverse();
    for e in &mut entries {
        redact_changes(&mut e.changes, caller.role);
    }
    Ok(entries)
}

/// Registers a delegation as a draft (Sở Ngoại vụ for any unit, a host unit
/// for its own), numbered in its direction's series for the current year.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id))]
pub fn create(
    conn: &mut AnyConnection,
    caller: Caller,
    input: CreateDelegation,
) -> ApiResult<Audited<Delegation>> {
    use chrono::Datelike;
    super::require(
        caller,
        rules::may_create(input.host_unit_id, caller.role, caller.unit),
        "register delegations for this unit",
    )?;
    check_span(input.start_date, input.end_date)?;
    let new = NewDelegation {
        direction: input.direction,
        title: input.title.trim().to_owned(),
        purpose: input.purpose.trim().to_owned(),
        partner_organization: input.partner_organization.trim().to_owned(),
        countries: countries(&input.countries),
        host_unit_id: input.host_unit_id,
        head_of_delegation: input.head_of_delegation.trim().to_owned(),
        start_date: input.start_date,
        end_date: input.end_date,
    };
    crate::model::unit::require_open(conn, "host_unit_id", new.host_unit_id)?;
    let now = db::now();
    let year = now.with_timezone(&crate::domain::time::PROVINCE_TZ).year();
    let reference = db::references::next(conn, new.direction.series(), year)?;
    let d = db::delegation::insert(conn, &new, &reference, Some(caller.id), now)?;
    let changes = Changes::new()
        .set("reference", &d.reference)
        .set("direction", d.direction)
        .set("title", &d.title)
        .set("partner_organization", &d.partner_organization)
        .set("countries", &d.countries)
        .set("host_unit_id", d.host_unit_id)
        .set("head_of_delegation", &d.head_of_delegation)
        .set("start_date", d.start_date)
        .set("end_date", d.end_date);
    let entry = event("create", &d, changes);
    Ok(Audited::new(d, entry))
}

/// Changes a delegation: the host unit while it is a draft, Sở Ngoại vụ
/// until it is approved. Moving its dates may not leave an itinerary item
/// outside them; a host unit cannot hand it to another unit.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn update(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    if_match: Option<i64>,
    patch: UpdateDelegation,
) -> ApiResult<Audited<Delegation>> {
    let current = editable(conn, caller, id)?;
    db::check_version(if_match, current.version)?;
    let old = Editable::of(&current);
    let new = old.clone().apply(patch);
    check_span(new.start_date, new.end_date)?;
    if new.host_unit_id != old.host_unit_id {
        if !rules::may_create(new.host_unit_id, caller.role, caller.unit) {
            return Err(ApiError::forbidden(
                "a host unit cannot hand a delegation to another unit",
            ));
        }
        crate::model::unit::require_open(conn, "host_unit_id", new.host_unit_id)?;
    }
    let (start, end) = (new.start_date, new.end_date);
    if (start, end) != (old.start_date, old.end_date) {
        let outside = db::itinerary::list(conn, current.id)?
            .into_iter()
            .filter(|item| {
                crate::domain::itinerary::check_span(
                    item.starts_at,
                    item.ends_at,
                    item.time_zone,
                    start,
                    end,
                )
                .is_err()
            })
            .count();
        if outside > 0 {
            return Err(ApiError::conflict(format!(
                "{outside} itinerary item(s) would lie outside {start} – {end}; move or delete them first"
            )));
        }
    }
    let changes = Changes::between(&old, &new);
    if changes.is_empty() {
        return Ok(Audited::unchanged(current));
    }
    let set = db::delegation::Changes {
        countries: Some(db::delegation::encode_countries(&new.countries)),
        host_unit_id: Some(new.host_unit_id.get()),
        title: Some(new.title),
        purpose: Some(new.purpose),
        partner_organization: Some(new.partner_organization),
        head_of_delegation: Some(new.head_of_delegation),
        start_date: Some(start),
        end_date: Some(end),
        ..Default::default()
    };
    let d = db::delegation::update(conn, current.id, current.version, &set, db::now())?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    Ok(Audited::new(d, event("update", &current, changes)))
}

/// Deletes a draft delegation with its members and itinerary.
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn delete(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
) -> ApiResult<Audited<()>> {
    let d = editable(conn, caller, id)?;
    if !rules::deletable(d.status) {
        return Err(ApiError::conflict(
            "only a draft can be deleted; cancel it instead",
        ));
    }
    db::delegation::delete(conn, id)?;
    let changes = Changes::new()
        .set("reference", &d.reference)
        .set("title", &d.title);
    Ok(Audited::new((), event("delete", &d, changes)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: DelegationAction,
    /// Required to return (what to fix), appraise and cancel; optional otherwise.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
    /// For `appraise`.
    pub recommendation: Option<Recommendation>,
    /// For `approve` and `reject`: the number of the province's decision.
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "1234/QĐ-UBND")]
    pub decision_number: Option<String>,
    /// For `approve` and `reject`.
    #[validate(custom(function = "check_date"))]
    pub decision_date: Option<NaiveDate>,
    /// For `report`: the report's text.
    #[validate(length(max = 100000))]
    #[schema(max_length = 100000)]
    pub report: Option<String>,
}

impl TransitionRequest {
    /// The action and what it carries, as [`transition`] takes them: the
    /// note and the decision's number trimmed, a blank note none.
    pub fn input(self) -> (DelegationAction, TransitionInput) {
        let input = TransitionInput {
            note: self
                .note
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            recommendation: self.recommendation,
            decision_number: self.decision_number.map(|n| n.trim().to_owned()),
            decision_date: self.decision_date,
            report: self.report,
        };
        (self.action, input)
    }
}

/// Takes a workflow action: the table decides (403 / 409), the action's
/// needs are checked (422 / 409), and what it records is written; the
/// caller is recorded as who decided (approve, reject).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn transition(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    action: DelegationAction,
    input: TransitionInput,
    today: NaiveDate,
) -> ApiResult<Audited<Delegation>> {
    let current = for_change(conn, caller, id)?;
    let subject = caller.facing(current.host_unit_id);
    let verdict = rules::decide_transition(action, current.status, subject);
    let to = super::go(verdict, action, subject.role, "delegation")?;
    let facts = Facts {
        members: db::member::count(conn, current.id)?,
        items: db::itinerary::count(conn, current.id)?,
        today,
    };
    rules::check_needs(action, &current, &input, facts).map_err(|unmet| match unmet {
        Unmet::Missing(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(f, m)| FieldError::new(f, m))
                .collect(),
        ),
        Unmet::Condition(why) => ApiError::conflict(why),
    })?;

    let now = db::now();
    let mut set = db::delegation::Changes {
        status: Some(to.as_str().to_owned()),
        ..Default::default()
    };
    let mut changes = Changes::new().diff("status", &current.status, &to);
    match action {
        DelegationAction::Submit => set.returned_note = Some(None),
        DelegationAction::Return => set.returned_note = Some(input.note.clone()),
        DelegationAction::Appraise => {
            set.appraisal_recommendation =
                Some(input.recommendation.map(|r| r.as_str().to_owned()));
            set.appraisal_note = Some(input.note.clone());
            changes = changes.set("recommendation", input.recommendation);
        }
        DelegationAction::Approve | DelegationAction::Reject => {
            set.decision_number = Some(input.decision_number.clone());
            set.decision_date = Some(input.decision_date);
            set.decided_by = Some(Some(caller.id.get()));
            changes = changes
                .set("decision_number", &input.decision_number)
                .set("decision_date", input.decision_date);
        }
        DelegationAction::Report => {
            set.report = Some(input.report.clone());
            set.report_submitted_at = Some(Some(now.naive_utc()));
            changes = changes.set("report", &input.report);
        }
        DelegationAction::Complete | DelegationAction::Cancel => {}
    }
    let d = db::delegation::update(conn, current.id, current.version, &set, now)?.ok_or(
        ApiError::PreconditionFailed {
            current: current.version,
        },
    )?;
    let entry = event(action.as_str(), &current, changes).with_note(input.note);
    Ok(Audited::new(d, entry))
}

/// Records the police's security review of a delegation (police and administrator).
#[tracing::instrument(level = "debug", skip_all, fields(caller = %caller.id, id = %id))]
pub fn review(
    conn: &mut AnyConnection,
    caller: Caller,
    id: DelegationId,
    new: &SecurityReview,
) -> ApiResult<Audited<Delegation>> {
    let current = for_change(conn, caller, id)?;
    super::review::require_reviewer(caller)?;
    // The version first: its row lock orders two reviews at once.
    touch(conn, &current, false)?;
    let changes = super::review::store(
        conn,
        db::delegation::KIND,
        current.id.get(),
        &current.review,
        new,
    )?;
    let d = db::delegation::find(conn, current.id)?.ok_or(ApiError::NotFound)?;
    Ok(Audited::new(d, event("security_review", &current, changes)))
}
