//! Calendar subscriptions: the caller's feeds (kinds, created, last used),
//! a form that makes a new one, and a revoke button per feed — the same
//! operations as `/api/v1/calendar/subscriptions`.
//!
//! A feed's address carries its secret token, which the service keeps only
//! as a hash: it is shown once, on the page the creating POST answers
//! (200, not a redirect), so that it never travels in a URL, a cookie or a
//! log line. Reloading that page asks the browser to post again (a second
//! feed, never the first one's address).

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::{Account, Visit};
use crate::db::calendar::Subscription;
use crate::domain::FieldError;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::subscription::{CreateSubscription, FEED_KINDS, FeedAddress};

/// This part's routes.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(create).service(revoke);
}

/// One checkbox of the kinds a feed holds.
#[derive(Debug)]
struct KindChoice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// A feed as the list shows it.
#[derive(Debug)]
struct Row {
    id: i64,
    name: String,
    kinds: String,
    created: String,
    last_used: String,
    revoked: String,
}

/// A feed just made: its address, shown this once.
#[derive(Debug)]
struct Created {
    name: String,
    address: FeedAddress,
}

#[derive(Template)]
#[template(path = "subscriptions.html")]
struct SubscriptionsPage {
    c: Chrome,
    errors: FormErrors,
    name: String,
    choices: Vec<KindChoice>,
    created: Option<Created>,
    notice: Option<String>,
    active: Vec<Row>,
    revoked: Vec<Row>,
}

impl SubscriptionsPage {
    fn new(visit: &Visit, account: &Account, subs: Vec<Subscription>, form: Option<&Form>) -> Self {
        let t = visit.tr();
        let (active, revoked): (Vec<Subscription>, Vec<Subscription>) =
            subs.into_iter().partition(|s| s.revoked_at.is_none());
        Self {
            c: Chrome::new(visit, Some(account), Nav::Subscriptions, "/subscriptions"),
            errors: FormErrors::default(),
            name: form.map(|f| f.name.clone()).unwrap_or_default(),
            choices: FEED_KINDS
                .iter()
                .map(|k| KindChoice {
                    value: k,
                    label: kind_name(t, k),
                    checked: form.is_some_and(|f| f.kinds.iter().any(|c| c == k)),
                })
                .collect(),
            created: None,
            notice: None,
            active: active.iter().map(|s| row(t, s)).collect(),
            revoked: revoked.iter().map(|s| row(t, s)).collect(),
        }
    }
}

fn kind_name(t: Tr, kind: &str) -> String {
    t.name("subscriptions-kind", kind)
}

fn when(t: Tr, at: Option<&DateTime<Utc>>, never: &str) -> String {
    at.map_or_else(|| t.t(never), |at| t.date_time(at, PROVINCE_TZ))
}

fn row(t: Tr, s: &Subscription) -> Row {
    let kinds: Vec<String> = s.kinds.iter().map(|k| kind_name(t, k)).collect();
    Row {
        id: s.id,
        name: s.name.clone(),
        kinds: kinds.join(", "),
        created: t.date_time(&s.created_at, PROVINCE_TZ),
        last_used: when(t, s.last_used_at.as_ref(), "subscriptions-never-used"),
        revoked: s
            .revoked_at
            .map(|at| t.date_time(&at, PROVINCE_TZ))
            .unwrap_or_default(),
    }
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    revoked: Option<i64>,
}

/// `GET /subscriptions`: the caller's feeds and the form for a new one.
#[get("/subscriptions")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let (account, subs) = visit
        .read(&state, |conn, account| {
            model::subscription::list(conn, account.caller)
        })
        .await?;
    let t = visit.tr();
    let gone = query
        .revoked
        .and_then(|id| subs.iter().find(|s| s.id == id && s.revoked_at.is_some()))
        .map(|s| t.t1("subscriptions-revoked-notice", "name", &s.name));
    let mut page = SubscriptionsPage::new(&visit, &account, subs, None);
    page.notice = gone;
    page::html(&visit, &page)
}

/// The new-feed form as posted: `kinds` may repeat (one per checkbox).
#[derive(Debug, Default)]
struct Form {
    csrf: String,
    name: String,
    kinds: Vec<String>,
}

impl Form {
    fn parse(body: &[u8]) -> Self {
        let mut form = Form::default();
        for (key, value) in form_urlencoded::parse(body) {
            match &*key {
                "csrf" => form.csrf = value.into_owned(),
                "name" => form.name = value.into_owned(),
                "kinds" => form.kinds.push(value.into_owned()),
                _ => {}
            }
        }
        form
    }
}

/// `POST /subscriptions`: a new feed, its address shown on the page this
/// answers (once); the form again with 422 when it is refused.
#[post("/subscriptions")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form = Form::parse(&body);
    visit.check_csrf(&form.csrf)?;
    let request = CreateSubscription {
        name: form.name.clone(),
        kinds: form.kinds.clone(),
        unit_id: None,
        delegation_id: None,
    };
    let token = model::subscription::new_token();
    let made = match model::input::validate(&request) {
        Ok(()) => {
            let secret = token.clone();
            visit
                .write(&state.db, move |conn, caller| {
                    let new = request.into_new(caller.id);
                    model::subscription::create(conn, caller, &new, &secret)
                })
                .await
        }
        Err(refused) => Err(PageError::Api(refused)),
    };
    let t = visit.tr();
    let (sub, errors) = match made {
        Ok(sub) => (Some(sub), FormErrors::default()),
        Err(PageError::Api(e @ (ApiError::Invalid(_) | ApiError::Conflict { .. }))) => {
            (None, field_errors(FormErrors::from_api(e, t)?, t))
        }
        Err(other) => return Err(other),
    };
    let (account, subs) = visit
        .read(&state, |conn, account| {
            model::subscription::list(conn, account.caller)
        })
        .await?;
    match sub {
        Some(sub) => {
            let mut page = SubscriptionsPage::new(&visit, &account, subs, None);
            page.created = Some(Created {
                name: sub.name,
                address: model::subscription::feed_address(&state.config.public_url, &token),
            });
            page::html(&visit, &page)
        }
        None => {
            let mut page = SubscriptionsPage::new(&visit, &account, subs, Some(&form));
            page.errors = errors;
            page::html_with(
                &visit,
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            )
        }
    }
}

/// The refusal of a field of this form in the catalogue's words for it
/// (the checks are `CreateSubscription`'s; `validator` names some of them
/// only by a code such as `length`).
fn field_errors(errors: FormErrors, t: Tr) -> FormErrors {
    FormErrors(
        errors
            .0
            .into_iter()
            .map(|e| {
                let said = t.find(&format!("subscriptions-error-{}", e.field));
                FieldError::new(e.field, said.unwrap_or(e.message))
            })
            .collect(),
    )
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /subscriptions/{id}/revoke`: the feed's address answers 404 from
/// now on.
#[post("/subscriptions/{id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    visit.check_csrf(&form.csrf)?;
    let id = id.into_inner();
    visit
        .write(&state.db, move |conn, caller| {
            model::subscription::revoke(conn, caller, id)
        })
        .await?;
    Ok(page::see_other(&format!("/subscriptions?revoked={id}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::i18n::Lang;

    #[test]
    fn every_kind_a_feed_holds_and_every_field_has_its_words() {
        for lang in Lang::ALL {
            let t = Tr::new(lang);
            for kind in FEED_KINDS {
                assert!(
                    t.find(&format!("subscriptions-kind-{kind}")).is_some(),
                    "{kind}"
                );
            }
            for field in ["name", "kinds"] {
                assert!(t.find(&format!("subscriptions-error-{field}")).is_some());
            }
        }
    }
}
