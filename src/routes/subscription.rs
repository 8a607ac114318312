//! `/api/v1/calendar/subscriptions`: a user's calendar feeds (the feeds
//! themselves are `calendar.rs`'s).

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::AppState;
use crate::db;
use crate::db::calendar::Subscription;
use crate::domain::ids::{DelegationId, UnitId};
use crate::error::*;
use crate::http::auth::SignedIn;
use crate::http::extract::ValidJson;
use crate::model;

/// What a feed can hold: a delegation's own dates, or its entries of each kind.
pub(crate) const FEED_KINDS: [&str; 5] = [
    "delegation",
    "itinerary_item",
    "press_activity",
    "interview",
    "press_conference",
];

// For the document only (the field is a list of strings, checked against
// `FEED_KINDS`).
/// What a calendar feed can hold.
#[derive(Debug, ToSchema)]
#[schema(as = FeedKind, rename_all = "snake_case")]
pub enum FeedKindDoc {
    Delegation,
    ItineraryItem,
    PressActivity,
    Interview,
    PressConference,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionView {
    pub id: i64,
    pub name: String,
    pub kinds: Vec<String>,
    pub unit_id: Option<UnitId>,
    pub delegation_id: Option<DelegationId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
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
    pub kinds: Vec<String>,
    /// `https://…/calendar/{token}.ics`: paste into Google Calendar, Outlook, Thunderbird.
    pub url: String,
    /// The same as `webcal://…` (Apple Calendar, Outlook on the desktop).
    pub webcal_url: String,
}

fn check_kinds(kinds: &[String]) -> Result<(), validator::ValidationError> {
    super::rule(if kinds.iter().all(|k| FEED_KINDS.contains(&k.as_str())) {
        Ok(())
    } else {
        Err("must list delegation, itinerary_item, press_activity, interview or press_conference")
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSubscription {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Lịch đoàn vào")]
    pub name: String,
    /// What the feed holds (default: everything).
    #[validate(length(max = 5), custom(function = "check_kinds"))]
    #[schema(value_type = Vec<FeedKindDoc>, max_items = 5)]
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Only this host unit's delegations.
    pub unit_id: Option<UnitId>,
    /// Only this delegation.
    pub delegation_id: Option<DelegationId>,
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
    let req = body.0;
    let mut kinds: Vec<String> = if req.kinds.is_empty() {
        FEED_KINDS.iter().map(|k| (*k).to_owned()).collect()
    } else {
        req.kinds
    };
    kinds.sort();
    kinds.dedup();
    let token = crate::config::random_hex(32);
    let caller = signed_in.caller();
    let new = db::calendar::NewSubscription {
        owner: caller.id,
        name: req.name.trim().to_owned(),
        kinds,
        unit: req.unit_id,
        delegation: req.delegation_id,
    };
    let secret = token.clone();
    let sub = signed_in
        .write(&state.db, move |conn| {
            model::subscription::create(conn, caller, &new, &secret)
        })
        .await?;
    let url = format!("{}/calendar/{token}.ics", state.config.public_url);
    let webcal_url = format!(
        "webcal://{}",
        url.split_once("://").map_or(url.as_str(), |(_, rest)| rest)
    );
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
