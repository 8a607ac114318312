//! `/reporters`: the foreign reporters, searched as the API's list is
//! (words, nationality, the outlet's country) and paged; a reporter's page
//! with the accreditations and interviews it appears in, its travel
//! documents and its expiry warnings from each open accreditation (worded
//! by the model for the caller's role); registering and changing one is
//! `edit`'s. Passport numbers and expiry, visas, e-mail addresses and phone
//! numbers are shown only where the API's view keeps them; the press
//! card's end date is not personal data.

mod edit;

pub use edit::{create, edit_form, new_form, update};

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::reporter_href;
use crate::AppState;
use crate::console::error::PageError;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::form::text;
use crate::console::pages::inbox::{WarningRow, deadline_rows};
use crate::console::pages::list_page::{self, Frame, Listing, Query as _};
use crate::console::session::Visit;
use crate::domain::ids::ReporterId;
use crate::domain::press::{self, AccreditationStatus};
use crate::domain::time::PROVINCE_TZ;
use crate::model;
use crate::routes::reporter::ReporterView;

/// The search as the form sends it (every field may be blank).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    nationality: String,
    outlet_country: String,
    cursor: String,
}

const FRAME: Frame = Frame {
    path: "/reporters",
    export: "reporters",
    filters: "press-reporters-search",
    filter: "press-search",
    clear: "press-search-clear",
    none: "press-reporters-none",
    none_found: "press-reporters-none-found",
    pages: "press-pages",
    first_page: "press-first-page",
    next_page: "press-next-page",
};

impl list_page::Query for ListQuery {
    const FRAME: &'static Frame = &FRAME;

    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("q", self.q.trim()),
            ("nationality", self.nationality.trim()),
            ("outlet_country", self.outlet_country.trim()),
        ]
    }

    fn cursor(&self) -> &str {
        &self.cursor
    }
}

/// A reporter as a row of the list: personal data only where the view kept it.
#[derive(Debug)]
struct Row {
    href: String,
    view: ReporterView,
    position: String,
}

#[derive(Template)]
#[template(path = "press/reporters.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    list: Listing<Row>,
    query: ListQuery,
    may_create: bool,
    personal: bool,
}

/// `GET /reporters`.
#[get("")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let search = model::reporter::filter(
        text(&q.q).as_deref(),
        text(&q.nationality).as_deref().map(str::trim),
        text(&q.outlet_country).as_deref().map(str::trim),
    )
    .and_then(|filter| {
        let after = q.after::<(i64,)>()?;
        Ok((filter, after.map(|(id,)| id)))
    });
    let (errors, search) = list_page::read(&q, search, t)?;
    let limit = list_page::page_size()?;
    let (account, found) = visit
        .read(&state, move |conn, account| {
            model::reporter::require_press(account.caller)?;
            search
                .map(|(filter, after)| {
                    model::reporter::list(conn, account.caller, &filter, after, limit)
                })
                .transpose()
        })
        .await?;
    let caller = account.caller;
    let list = Listing::new(
        &q,
        found,
        limit,
        |r| (r.id.get(),),
        |r| Row {
            href: reporter_href(r.id),
            position: r.position.clone(),
            view: ReporterView::new(r, caller),
        },
    );
    let shown = ListPage {
        c: Chrome::new(
            &visit,
            Some(&account),
            Nav::Press,
            &page::here(&req, FRAME.path),
        ),
        errors,
        list,
        may_create: press::writes_accreditations(caller.role),
        personal: caller.role.sees_personal_data(),
        query: q,
    };
    page::form(&visit, &shown.errors, &shown)
}

/// An accreditation a reporter appears in, as a row.
#[derive(Debug)]
struct AccreditationRow {
    href: String,
    reference: String,
    dates: String,
    status: &'static str,
    status_name: String,
}

/// An interview a reporter appears in, as a row.
#[derive(Debug)]
struct InterviewRow {
    href: String,
    reference: String,
    interviewee: String,
    at: String,
    status_name: String,
}

/// An expiry warning about the reporter, with the accreditation it is on.
#[derive(Debug)]
struct ReporterWarning {
    href: String,
    reference: String,
    w: WarningRow,
}

/// A reporter's travel documents as the page shows them (dates in the
/// page's language; passport and visa only where the view kept them).
#[derive(Debug, Default)]
struct DocumentRows {
    passport_expiry: Option<String>,
    visa_type: Option<String>,
    visa_number: Option<String>,
    visa_end: Option<String>,
    press_card_end: Option<String>,
}

#[derive(Template)]
#[template(path = "press/reporter.html")]
struct ReporterPage {
    c: Chrome,
    notice: Option<String>,
    r: ReporterView,
    docs: DocumentRows,
    warnings: Vec<ReporterWarning>,
    personal: bool,
    may_edit: bool,
    accreditations: Vec<AccreditationRow>,
    interviews: Vec<InterviewRow>,
}

/// What a change just done left to say.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

/// `GET /reporters/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    id: web::Path<ReporterId>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let today = crate::domain::time::province_today();
    let (account, (reporter, accreditations, interviews, docs, warnings)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let (reporter, accreditations, interviews) = model::reporter::page(conn, caller, id)?;
            let docs = model::reporter::documents(conn, caller, id)?;
            // The warnings are the accreditations' (a document runs out
            // against a programme's dates), kept where they name this
            // reporter; closed programmes give none.
            let mut warnings = Vec::new();
            for a in accreditations.iter().filter(|a| {
                matches!(
                    a.status,
                    AccreditationStatus::Draft
                        | AccreditationStatus::Submitted
                        | AccreditationStatus::Approved
                )
            }) {
                let mut due = model::deadlines::of_accreditation(conn, caller, a.id, today)?;
                due.deadlines.clear();
                due.warnings
                    .retain(|w| w.person.as_deref() == Some(reporter.full_name.as_str()));
                if !due.warnings.is_empty() {
                    warnings.push((a.id, a.reference.clone(), due));
                }
            }
            Ok((reporter, accreditations, interviews, docs, warnings))
        })
        .await?;
    let caller = account.caller;
    let warnings = warnings
        .into_iter()
        .flat_map(|(aid, reference, due)| {
            let (_, rows) = deadline_rows(t, due, today);
            rows.into_iter().map(move |w| ReporterWarning {
                href: super::accreditation_href(aid),
                reference: reference.clone(),
                w,
            })
        })
        .collect();
    let view = ReporterView::new(reporter, caller).with_documents(docs, caller);
    let docs = document_rows(t, &view);
    let notice = match done.done.as_str() {
        "created" | "updated" => Some(t.t(&format!("press-reporter-done-{}", done.done))),
        _ => None,
    };
    let href = reporter_href(id);
    page::html(
        &visit,
        &ReporterPage {
            c: Chrome::new(&visit, Some(&account), Nav::Press, &href),
            notice,
            r: view,
            docs,
            warnings,
            personal: caller.role.sees_personal_data(),
            may_edit: press::writes_accreditations(caller.role),
            accreditations: accreditations
                .into_iter()
                .map(|a| AccreditationRow {
                    href: super::accreditation_href(a.id),
                    reference: a.reference,
                    dates: format!("{} – {}", t.date(&a.start_date), t.date(&a.end_date)),
                    status: a.status.as_str(),
                    status_name: t.name("press-status", a.status.as_str()),
                })
                .collect(),
            interviews: interviews
                .into_iter()
                .map(|i| InterviewRow {
                    href: format!("/interviews/{}", i.id),
                    reference: i.reference,
                    interviewee: i.interviewee_name,
                    at: t.date_time(&i.starts_at, PROVINCE_TZ),
                    status_name: t.name("press-interview-status", i.status.as_str()),
                })
                .collect(),
        },
    )
}

fn document_rows(t: crate::console::i18n::Tr, view: &ReporterView) -> DocumentRows {
    DocumentRows {
        passport_expiry: view.passport_expiry.flatten().map(|d| t.date(&d)),
        visa_type: view
            .visa_type
            .flatten()
            .map(|v| t.name("deadlines-visa", v.as_str())),
        visa_number: view.visa_number.clone().flatten(),
        visa_end: view.visa_end.flatten().map(|d| t.date(&d)),
        press_card_end: view.press_card_end.map(|d| t.date(&d)),
    }
}
