//! `GET /api/v1/audit`: the audit trail, for the administrator and the police.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Page;
use crate::AppState;
use crate::db;
use crate::domain::audit::{AuditEntry, RecordKind};
use crate::domain::ids::{AuditEntryId, UnitId, UserId};
use crate::domain::pagination::page;
use crate::domain::role::Role;
use crate::domain::time::Bound;
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidQuery;

/// Who made a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorView {
    /// `null` for changes made from the command line or at start.
    #[schema(required = true)]
    pub id: Option<UserId>,
    #[schema(required = true)]
    pub username: Option<String>,
    #[schema(required = true)]
    pub role: Option<Role>,
    #[schema(required = true)]
    pub unit_id: Option<UnitId>,
}

/// The record a change concerns.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditedRecord {
    pub kind: RecordKind,
    pub id: i64,
}

/// What a change changed, for the document (the field is the JSON the
/// audit trail keeps): by field, `{"from": …, "to": …}` for an update, the
/// value set for a creation, `"changed"` for a secret (a password).
#[derive(Debug)]
pub struct ChangesDoc;

impl utoipa::PartialSchema for ChangesDoc {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "By field: `{\"from\": …, \"to\": …}` for an update, the value set for a \
                 creation, `\"changed\"` for a secret. Personal data and police notes only \
                 for those who may see them.",
            ))
            .additional_properties(Some(
                AdditionalProperties::<utoipa::openapi::schema::Schema>::FreeForm(true),
            ))
            .build()
            .into()
    }
}

impl ToSchema for ChangesDoc {
    fn name() -> std::borrow::Cow<'static, str> {
        "Changes".into()
    }
}

/// One change, as the audit trail keeps it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: AuditEntryId,
    pub at: DateTime<Utc>,
    pub actor: ActorView,
    /// `create`, `update`, `deactivate`, a workflow action, …
    pub action: String,
    pub record: AuditedRecord,
    #[schema(value_type = ChangesDoc)]
    pub changes: serde_json::Value,
    #[schema(required = true)]
    pub note: Option<String>,
    /// The id of the request that made the change (its `X-Request-Id`);
    /// `null` for changes made from the command line.
    #[schema(required = true)]
    pub request_id: Option<String>,
}

impl ActorView {
    pub fn of(e: &AuditEntry) -> Self {
        Self {
            id: e.actor_id,
            username: e.actor_username.clone(),
            role: e.actor_role,
            unit_id: e.actor_unit_id,
        }
    }
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor: ActorView::of(&e),
            action: e.action,
            record: AuditedRecord {
                kind: e.record_kind,
                id: e.record_id,
            },
            changes: e.changes,
            note: e.note,
            request_id: e.request_id,
        }
    }
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub record_kind: Option<RecordKind>,
    pub record_id: Option<i64>,
    pub actor_id: Option<i64>,
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub action: Option<String>,
    /// From this instant (RFC 3339) or the start of this date (`2026-12-01`, Vietnam time).
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub from: Option<String>,
    /// Before this instant, or up to the end of this date.
    #[validate(length(max = 64, message = "must be at most 64 characters"))]
    #[param(max_length = 64)]
    pub to: Option<String>,
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(max_length = 1024)]
    pub cursor: Option<String>,
}

impl AuditQuery {
    /// The filter it asks for (the list and its export read the same), or
    /// 422 naming the parameter at fault.
    pub(crate) fn filter(&self) -> ApiResult<db::audit::AuditFilter> {
        Ok(db::audit::AuditFilter {
            record_kind: self.record_kind,
            record_id: self.record_id,
            actor_id: self.actor_id.map(UserId),
            action: self.action.clone(),
            from: super::instant("from", self.from.as_deref(), Bound::Start)?,
            to: super::instant("to", self.to.as_deref(), Bound::End)?,
        })
    }
}

/// The audit trail, newest first (administrator and police).
#[utoipa::path(
    tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Page<AuditEntryView>, description = "A page of audit entries, newest first"), UnauthorizedProblem, ForbiddenProblem, InvalidProblem)
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    query: ValidQuery<AuditQuery>,
) -> ApiResult<web::Json<Page<AuditEntryView>>> {
    let caller = signed_in.caller();
    let q = query.0;
    let limit = super::limit(q.limit)?;
    let before = super::cursor::<(i64,)>(q.cursor.as_deref())?.map(|(id,)| id);
    let filter = q.filter()?;
    let rows = signed_in
        .read(&state.db, move |conn| {
            crate::model::audit::list(conn, caller, &filter, before, limit)
        })
        .await?;
    let (items, next_cursor) = page(rows, limit, |e| (e.id.get(),));
    Ok(web::Json(Page {
        items: items.into_iter().map(AuditEntryView::from).collect(),
        next_cursor,
    }))
}
