//! `/api/v1/calendar/subscriptions`: a user's calendar feeds (the feeds
//! themselves are `calendar.rs`'s).

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::db::calendar::Subscription;
use crate::domain::ids::{DelegationId, UnitId};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidJson;
use crate::model;
pub use crate::model::subscription::CreateSubscription;
use crate::model::subscription::FeedAddress;

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionView {
    pub id: i64,
    pub name: String,
    #[schema(value_type = Vec<crate::model::subscription::FeedKindDoc>)]
    pub kinds: Vec<String>,
    #[schema(required = true)]
    pub unit_id: Option<UnitId>,
    #[schema(required = true)]
    pub delegation_id: Option<DelegationId>,
    pub created_at: DateTime<Utc>,
    #[schema(required = true)]
    pub last_used_at: Option<DateTime<Utc>>,
    #[schema(required = true)]
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<Subscription> for SubscriptionView {
    fn from(s: Subscription) -> Self {
        Self {
            id: s.id,
            name: s.name,
            kinds: s.kinds,
            unit_id: s.unit_id,
            delegation_id: s.delegation_id,
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            revoked_at: s.revoked_at,
        }
    }
}

/// A new subscription: its address, with the secret token, is shown only here.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewSubscriptionView {
    pub id: i64,
    pub name: String,
    #[schema(value_type = Vec<crate::model::subscription::FeedKindDoc>)]
    pub kinds: Vec<String>,
    /// `https://…/calendar/{token}.ics`: paste into Google Calendar, Outlook, Thunderbird.
    pub url: String,
    /// The same as `webcal://…` (Apple Calendar, Outlook on the desktop).
    pub webcal_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionList {
    pub items: Vec<SubscriptionView>,
}

/// The caller's calendar subscriptions (never their tokens).
#[utoipa::path(
    tag = "calendar", security(("bearer" = [])),
    responses((status = 200, body = SubscriptionList, description = "The caller's subscriptions"), UnauthorizedProblem)
)]
#[get("/calendar/subscriptions")]
pub async fn list_subscriptions(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> ApiResult<web::Json<SubscriptionList>> {
    let caller = signed_in.caller();
    let subs = signed_in
        .read(&state.db, move |conn| {
            model::subscription::list(conn, caller)
        })
        .await?;
    Ok(web::Json(SubscriptionList {
        items: subs.into_iter().map(SubscriptionView::from).collect(),
    }))
}

/// Subscribe: answers the feed's address with a secret token (256 random bits,
/// stored only as a hash, shown once).
#[utoipa::path(
    tag = "calendar", security(("bearer" = [])), request_body = CreateSubscription,
    responses((status = 201, body = NewSubscriptionView, description = "The feed's address, shown once"), UnauthorizedProblem, JsonBodyProblems)
)]
#[post("/calendar/subscriptions")]
pub async fn create_subscription(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: ValidJson<CreateSubscription>,
) -> ApiResult<HttpResponse> {
    let token = model::subscription::new_token();
    let caller = signed_in.caller();
    let new = body.0.into_new(caller.id);
    let secret = token.clone();
    let sub = signed_in
        .write(&state.db, move |conn| {
            model::subscription::create(conn, caller, &new, &secret)
        })
        .await?;
    let FeedAddress { url, webcal_url } =
        model::subscription::feed_address(&state.config.public_url, &token);
    Ok(HttpResponse::Created().json(NewSubscriptionView {
        id: sub.id,
        name: sub.name,
        kinds: sub.kinds,
        url,
        webcal_url,
    }))
}

/// Revoke a subscription: its address answers 404 from now on.
#[utoipa::path(
    tag = "calendar", security(("bearer" = [])), params(("id" = i64, Path, description = "Subscription id")),
    responses((status = 204, description = "Revoked"), UnauthorizedProblem, NotFoundProblem)
)]
#[delete("/calendar/subscriptions/{id}")]
pub async fn revoke_subscription(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = signed_in.caller();
    signed_in
        .write(&state.db, move |conn| {
            model::subscription::revoke(conn, caller, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
