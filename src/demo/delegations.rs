//! Demo delegations: each is registered, staffed, scheduled and taken
//! through the workflow with the same checks, effects and audit entries as
//! the API's requests, all in one transaction per delegation.

use chrono::{NaiveDate, TimeDelta};

use super::effects::{add_item, add_member, cancel_item, review_delegation, transition};
use super::spec::{Spec, Step};
use crate::db::delegation::Filter;
use crate::db::{self, Actor, AnyConnection, Audited, Db};
use crate::domain::audit::AuditEvent;
use crate::domain::delegation::{DelegationAction as A, TransitionInput};
use crate::domain::ids::{DelegationId, ItineraryItemId, UnitId, UserId};
use crate::domain::pagination::Limit;
use crate::domain::review::SecurityReview;
use crate::domain::role::{Caller, Role};
use crate::domain::text::fold;
use crate::domain::time::province_today;
use crate::error::{ApiError, ApiResult};
use crate::model::delegation::CreateDelegation;

/// Loads the demo delegations that are not there yet; returns how many it made.
pub(super) fn load(db: &Db, actor: &Actor) -> ApiResult<usize> {
    let today = province_today();
    let mut specs: Vec<&Spec> = super::spec::all().collect();
    // Older visits first, so that references run with the calendar.
    specs.sort_by_key(|s| s.starts_in);
    let mut created = 0;
    for spec in specs {
        let made = db.write_blocking(actor, |conn| load_one(conn, spec, today))?;
        created += usize::from(made);
    }
    Ok(created)
}

/// Who acts in the demo's story: the demo users where they exist.
pub(super) struct Cast {
    pub today: NaiveDate,
    /// Sở Ngoại vụ's user, who registers the delegations.
    pub registered_by: Option<UserId>,
    /// The host unit's user, who adds members and items and submits.
    pub host: Option<UserId>,
    /// The Provincial Office's user, who records the decisions.
    pub decided_by: Option<UserId>,
    /// The police user, who records the reviews.
    pub reviewed_by: Option<UserId>,
}

impl Cast {
    /// The demo user of `role` acting on a delegation of `unit` (a host
    /// unit's user acts for whichever unit hosts it: the demo has one).
    pub fn caller(&self, role: Role, unit: UnitId) -> ApiResult<Caller> {
        let id = match role {
            Role::ForeignAffairs => self.registered_by,
            Role::ProvincialOffice => self.decided_by,
            Role::Police => self.reviewed_by,
            Role::HostUnit => self.host,
            Role::Admin | Role::Viewer => None,
        }
        .ok_or_else(|| ApiError::internal(format_args!("the demo has no `{role}` user")))?;
        Ok(Caller {
            id,
            role,
            unit: Some(unit),
        })
    }
}

fn user(conn: &mut AnyConnection, username: &str) -> ApiResult<Option<UserId>> {
    Ok(db::user::find_for_login(conn, username)?.map(|(u, _)| u.id))
}

/// Whether a delegation with exactly this title exists (from an earlier load).
fn exists(conn: &mut AnyConnection, title: &str) -> ApiResult<bool> {
    let filter = Filter {
        words: fold(title).split_whitespace().map(str::to_owned).collect(),
        ..Default::default()
    };
    let limit = Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?;
    Ok(db::delegation::list(conn, &filter, None, limit)?
        .iter()
        .any(|d| d.title == title))
}

fn load_one(conn: &mut AnyConnection, spec: &Spec, today: NaiveDate) -> ApiResult<Audited<bool>> {
    if exists(conn, spec.title)? {
        return Ok(Audited::unchanged(false));
    }
    let cast = Cast {
        today,
        registered_by: user(conn, "ngoaivu")?,
        decided_by: user(conn, "vanphong")?,
        reviewed_by: user(conn, "congan")?,
        host: user(conn, "donvi")?,
    };
    let (start, end) = spec.dates(today);
    let members = spec.members().map_err(ApiError::internal)?;
    let items = spec.items(today).map_err(ApiError::internal)?;
    let new = CreateDelegation {
        direction: spec.direction,
        title: spec.title.to_owned(),
        purpose: spec.purpose.to_owned(),
        partner_organization: spec.partner.to_owned(),
        countries: spec.countries.iter().map(|c| (*c).to_owned()).collect(),
        host_unit_id: super::unit_id(conn, spec.host)?,
        head_of_delegation: spec.head(&members).map_err(ApiError::internal)?,
        start_date: start,
        end_date: end,
    };
    let by = cast.caller(Role::ForeignAffairs, new.host_unit_id)?;
    let (d, created) = crate::model::delegation::create(conn, by, new)?.into_parts();
    let created = created
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("no creation event"))?;
    let mut events = vec![created];
    for member in &members {
        events.push(add_member(conn, d.id, member, &cast)?);
    }
    let mut item_ids = Vec::new();
    for item in &items {
        let (id, event) = add_item(conn, d.id, item, &cast)?;
        item_ids.push(id);
        events.push(event);
    }
    for step in spec.steps {
        events.push(take(conn, d.id, step, &cast, &item_ids, start)?);
    }
    let mut events = events.into_iter();
    let first = events
        .next()
        .ok_or_else(|| ApiError::internal("no creation event"))?;
    Ok(events.fold(Audited::new(true, first), Audited::and))
}

/// One step of a delegation's story.
fn take(
    conn: &mut AnyConnection,
    id: DelegationId,
    step: &Step,
    cast: &Cast,
    items: &[ItineraryItemId],
    start: NaiveDate,
) -> ApiResult<AuditEvent> {
    let note = |text: &str| TransitionInput {
        note: Some(text.to_owned()),
        ..Default::default()
    };
    // The province decides ten days ahead, or today for what starts sooner.
    let decision = |number: &str| TransitionInput {
        decision_number: Some(number.to_owned()),
        decision_date: Some((start - TimeDelta::days(10)).min(cast.today)),
        ..Default::default()
    };
    match *step {
        Step::Submit => transition(conn, id, A::Submit, TransitionInput::default(), cast),
        Step::Return(why) => transition(conn, id, A::Return, note(why), cast),
        Step::Appraise(recommendation, why) => {
            let input = TransitionInput {
                recommendation: Some(recommendation),
                ..note(why)
            };
            transition(conn, id, A::Appraise, input, cast)
        }
        Step::Approve(number) => transition(conn, id, A::Approve, decision(number), cast),
        Step::Reject(number) => transition(conn, id, A::Reject, decision(number), cast),
        Step::Complete => transition(conn, id, A::Complete, TransitionInput::default(), cast),
        Step::Report(text) => {
            let input = TransitionInput {
                report: Some(text.to_owned()),
                ..Default::default()
            };
            transition(conn, id, A::Report, input, cast)
        }
        Step::Cancel(why) => transition(conn, id, A::Cancel, note(why), cast),
        Step::Review(status, officer, notes) => {
            let review = SecurityReview {
                status,
                officer: Some(officer.to_owned()),
                notes: Some(notes.to_owned()),
                reviewed_at: None,
                reviewed_by: cast.reviewed_by,
            };
            review_delegation(conn, id, &review, cast)
        }
        Step::CancelItem(n) => {
            let item = *items
                .get(n)
                .ok_or_else(|| ApiError::internal(format_args!("demo item {n} is missing")))?;
            cancel_item(conn, id, item, cast)
        }
    }
}
