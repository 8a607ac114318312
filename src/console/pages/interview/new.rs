//! Requesting an interview in two steps: the day and the reporters, then
//! the rest, with the accreditations that cover that day for the foreign
//! reporters chosen offered to choose from. The pieces of the form that the
//! edit page shows too (the reporters to tick, the covering accreditations,
//! the form read into the operation's input) are here.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;

use super::{Fields, accreditation_label, most, reporter_label, status_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::pages::delegation::Choice;
use crate::console::pages::delegation::form::{self, Reader, text};
use crate::console::session::Visit;
use crate::db::{self, AnyConnection};
use crate::domain::ids::{AccreditationId, ReporterId};
use crate::domain::press::{self as rules, Accreditation, Reporter};
use crate::domain::role::Caller;
use crate::error::{ApiError, ApiResult};
use crate::model;
use crate::model::interview::InterviewInput;

/// A reporter to tick.
#[derive(Debug)]
pub struct Tick {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "interview/new.html")]
struct NewPage {
    c: Chrome,
    errors: FormErrors,
    /// The second step: the day and the reporters are chosen.
    step_two: bool,
    date: String,
    day: String,
    reporters: Vec<Tick>,
    chosen: Vec<Tick>,
    change: String,
    covering: Vec<Choice>,
    f: Fields,
}

/// The form's fields in the order it shows them (its error summary's).
pub const ORDER: &[&str] = &[
    "date",
    "reporter_ids",
    "accreditation_id",
    "interviewee_name",
    "interviewee_position",
    "outlet",
    "starts_at",
    "ends_at",
    "place",
    "topics",
    "questions",
];

/// The day and the reporters chosen, or why not.
pub fn step_one(f: &Fields) -> Result<(NaiveDate, Vec<ReporterId>), ApiError> {
    let mut read = Reader::new();
    let day = read.required_date("date", f.get("date"));
    let mut ids = Vec::new();
    for raw in f.all("reporter_ids") {
        if let Some(id) = read.id("reporter_ids", raw) {
            ids.push(ReporterId(id));
        }
    }
    read.finish()?;
    Ok((day.unwrap_or_default(), ids))
}

/// The rest of the form, as the operations read it.
pub fn input(
    f: &Fields,
    day: NaiveDate,
    reporters: Vec<ReporterId>,
) -> Result<InterviewInput, ApiError> {
    let mut read = Reader::new();
    let date = day.to_string();
    let starts_at = read.local_time("starts_at", &date, f.get("starts_at"));
    let ends_at = read.local_time("ends_at", &date, f.get("ends_at"));
    let accreditation_id = text(f.get("accreditation_id"))
        .and_then(|raw| read.id("accreditation_id", &raw))
        .map(AccreditationId);
    let input = InterviewInput {
        interviewee_name: f.get("interviewee_name").to_owned(),
        interviewee_position: f.get("interviewee_position").to_owned(),
        outlet: f.get("outlet").to_owned(),
        reporter_ids: reporters,
        accreditation_id,
        starts_at: starts_at.unwrap_or_default(),
        ends_at: ends_at.unwrap_or_default(),
        time_zone: None,
        place: f.get("place").to_owned(),
        topics: f.get("topics").to_owned(),
        questions: text(f.get("questions")),
        organizing_unit_id: None,
    };
    read.check(&input);
    read.finish()?;
    Ok(input)
}

/// The reporters a form offers (those the caller sees), and, with a day
/// and the reporters chosen, the approved accreditations that cover that
/// day for the foreign ones among them.
pub fn offered(
    conn: &mut AnyConnection,
    caller: Caller,
    chosen: Option<&(NaiveDate, Vec<ReporterId>)>,
) -> ApiResult<(Vec<Reporter>, Option<Vec<Accreditation>>)> {
    let reporters = model::reporter::list(
        conn,
        caller,
        &db::reporter::Filter::default(),
        None,
        most()?,
    )?;
    let covering = match chosen {
        Some((day, ids)) => {
            let foreign: Vec<ReporterId> = reporters
                .iter()
                .filter(|r| ids.contains(&r.id) && r.is_foreign())
                .map(|r| r.id)
                .collect();
            Some(model::accreditation::covering(
                conn, caller, *day, &foreign,
            )?)
        }
        None => None,
    };
    Ok((reporters, covering))
}

/// `reporters` to tick, those the form sent ticked.
pub fn ticks(reporters: &[Reporter], f: &Fields) -> Vec<Tick> {
    let ticked: Vec<&str> = f.all("reporter_ids").iter().map(|s| s.trim()).collect();
    reporters
        .iter()
        .map(|r| Tick {
            value: r.id.to_string(),
            label: reporter_label(r),
            chosen: ticked.contains(&r.id.to_string().as_str()),
        })
        .collect()
}

/// The covering accreditations as choices, the one the form sent chosen.
pub fn covering_choices(covering: &[Accreditation], f: &Fields, t: Tr) -> Vec<Choice> {
    let picked = f.get("accreditation_id").trim();
    covering
        .iter()
        .map(|a| Choice {
            value: a.id.to_string(),
            label: accreditation_label(a, t),
            chosen: a.id.to_string() == picked,
        })
        .collect()
}

/// Renders the request form: the first step, or (with the day read) the
/// second with the accreditations covering the day offered.
async fn render_new(
    state: &AppState,
    visit: &Visit,
    f: Fields,
    chosen_step: Option<(NaiveDate, Vec<ReporterId>)>,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let wanted = chosen_step.clone();
    let (account, (reporters, covering)) = visit
        .read(state, move |conn, account| {
            offered(conn, account.caller, wanted.as_ref())
        })
        .await?;
    if !rules::writes_interviews(account.caller.role) {
        return Err(form::not_open());
    }
    let (chosen, others): (Vec<Tick>, Vec<Tick>) =
        ticks(&reporters, &f).into_iter().partition(|t| t.chosen);
    let mut change = form_urlencoded::Serializer::new(String::new());
    change.append_pair("date", f.get("date"));
    for r in &chosen {
        change.append_pair("reporter_ids", &r.value);
    }
    let covering = covering_choices(&covering.unwrap_or_default(), &f, t);
    let step_two = chosen_step.is_some();
    let (reporters, chosen) = if step_two {
        (Vec::new(), chosen)
    } else {
        (chosen.into_iter().chain(others).collect(), Vec::new())
    };
    let page = NewPage {
        c: Chrome::new(visit, Some(&account), Nav::Press, "/interviews/new"),
        errors,
        step_two,
        date: form::iso(f.get("date")),
        day: chosen_step
            .as_ref()
            .map_or_else(String::new, |(d, _)| t.date(d)),
        reporters,
        chosen,
        change: format!("/interviews/new?{}", change.finish()),
        covering,
        f,
    };
    let status = status_of(&page.errors);
    page::html_with(visit, status, &page)
}

/// `GET /interviews/new`: the first step; with `step=2` and the day read,
/// the second.
#[get("/new")]
pub async fn new_form(
    state: web::Data<AppState>,
    visit: Visit,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let f = Fields(query.into_inner());
    if f.get("step") != "2" {
        return render_new(&state, &visit, f, None, FormErrors::default()).await;
    }
    match step_one(&f) {
        Ok(chosen) => render_new(&state, &visit, f, Some(chosen), FormErrors::default()).await,
        Err(e) => {
            let errors = form::errors(e, visit.tr(), ORDER)?;
            render_new(&state, &visit, f, None, errors).await
        }
    }
}

/// `POST /interviews`: requests the interview.
#[post("")]
pub async fn create(
    state: web::Data<AppState>,
    visit: Visit,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let f = Fields(body.into_inner());
    visit.check_csrf(f.get("csrf"))?;
    let t = visit.tr();
    let (day, reporters) = match step_one(&f) {
        Ok(chosen) => chosen,
        Err(e) => {
            let errors = form::errors(e, t, ORDER)?;
            return render_new(&state, &visit, f, None, errors).await;
        }
    };
    let done = match input(&f, day, reporters.clone()) {
        Ok(input) => {
            visit
                .write(&state.db, move |conn, caller| {
                    model::interview::create(conn, caller, input)
                })
                .await
        }
        Err(e) => Err(PageError::Api(e)),
    };
    match done {
        Ok(i) => Ok(page::see_other(&format!(
            "/interviews/{}?done=created",
            i.id
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, t, ORDER)?;
            render_new(&state, &visit, f, Some((day, reporters)), errors).await
        }
        Err(other) => Err(other),
    }
}
