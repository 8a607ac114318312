//! The police's security review of an accreditation: its form and saving it.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::{Reader, text};
use crate::console::pages::delegation::{Choice, Head, choices};
use crate::console::pages::press::accreditation_href;
use crate::console::session::{Account, Visit};
use crate::domain::ids::AccreditationId;
use crate::domain::press::Accreditation;
use crate::domain::review::ReviewStatus;
use crate::model;
use crate::routes::review::{PutReview, ReviewView};

use super::{head, open, refused, status_of};

/// What the review form sends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    csrf: String,
    status: String,
    officer: String,
    notes: String,
}

#[derive(Template)]
#[template(path = "press/review.html")]
struct ReviewPage {
    c: Chrome,
    errors: FormErrors,
    head: Head,
    action: String,
    statuses: Vec<Choice>,
    form: ReviewForm,
}

fn review_page(
    visit: &Visit,
    account: &Account,
    a: &Accreditation,
    form: ReviewForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let head = head(a);
    let action = format!("{}/review", head.href);
    let page = ReviewPage {
        c: Chrome::new(visit, Some(account), Nav::Press, &action),
        statuses: choices(
            ReviewStatus::ALL,
            ReviewStatus::as_str,
            "press-review",
            &form.status,
            visit.tr(),
        ),
        errors,
        head,
        action,
        form,
    };
    page::html_with(visit, status_of(&page.errors), &page)
}

/// `GET /accreditations/{id}/review`: the police's review, as recorded.
#[get("/{id}/review")]
pub async fn review_form(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
) -> Result<HttpResponse, PageError> {
    let (account, a) = open(&state, &visit, id.into_inner(), |x| x.review).await?;
    let view = ReviewView::new(a.review.clone(), false, account.caller.role);
    let form = ReviewForm {
        csrf: String::new(),
        status: view.status.as_str().to_owned(),
        officer: view.officer.unwrap_or_default(),
        notes: view.notes.flatten().unwrap_or_default(),
    };
    review_page(&visit, &account, &a, form, FormErrors::default())
}

/// `POST /accreditations/{id}/review`: records it.
#[post("/{id}/review")]
pub async fn save_review(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<AccreditationId>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let form = form.into_inner();
    visit.check_csrf(&form.csrf)?;
    let mut read = Reader::new();
    let status = read.required_choice("status", &form.status, ReviewStatus::parse);
    let request = read.finish().map(|()| PutReview {
        status: status.unwrap_or(ReviewStatus::Pending),
        officer: text(&form.officer),
        notes: text(&form.notes),
    });
    let outcome = match request.and_then(|r| {
        let mut read = Reader::new();
        read.check(&r);
        read.finish().map(|()| r)
    }) {
        Ok(request) => refused(
            visit
                .write(&state.db, move |conn, caller| {
                    let review = request.review(caller.id);
                    model::accreditation::review(conn, caller, id, &review)
                })
                .await,
        )?,
        Err(e) => Err(e),
    };
    let error = match outcome {
        Ok(a) => {
            return Ok(page::see_other(&format!(
                "{}?done=reviewed",
                accreditation_href(a.id)
            )));
        }
        Err(e) => e,
    };
    let errors = super::super::errors(error, visit.tr(), &["status", "officer", "notes"])?;
    let (account, a) = open(&state, &visit, id, |x| x.review).await?;
    review_page(&visit, &account, &a, form, errors)
}
