//! Leaders' interviews with the press in the console: the list, requesting
//! one in two steps (the day and the reporters, then the rest, with the
//! accreditations that cover that day offered to choose from), and its page
//! with the actions the workflow opens to the person (`domain::press::
//! interview_allowed`). Each page makes the `model::` calls the JSON routes
//! make; what is allowed is the domain's and the operations' to say.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::delegation::form::{self, Reader, text};
use super::delegation::{Choice, choices, name_of};
use crate::AppState;
use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::{self, Chrome, FormErrors, Nav};
use crate::console::session::Visit;
use crate::db;
use crate::domain::ids::{AccreditationId, InterviewId, ReporterId};
use crate::domain::pagination::{Limit, page as split};
use crate::domain::press::{
    self as rules, Accreditation, InterviewAction, InterviewStatus, Reporter,
};
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiError;
use crate::model;
use crate::model::interview::InterviewInput;

/// This part's routes, under `/interviews`.
pub fn register(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/interviews")
            .service(list)
            .service(new_form)
            .service(create)
            .service(show)
            .service(action_form)
            .service(act),
    );
}

// ---------------------------------------------------------------------------
// What the interview and press conference pages share.

/// A form's or a query's fields as sent, a name possibly repeated (the
/// reporters ticked).
#[derive(Debug, Default, Clone)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name` ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Every value of `name`, blanks left out.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The largest reporter list a form offers (the API's largest page).
pub fn most() -> Result<Limit, PageError> {
    Ok(Limit::parse(Some(i64::from(Limit::MAX))).map_err(ApiError::internal)?)
}

/// A reporter as a form offers them: name and outlet, nothing personal.
pub fn reporter_label(r: &Reporter) -> String {
    format!("{} ({})", r.full_name, r.outlet)
}

/// An accreditation as a choice names it: reference, days, topics.
pub fn accreditation_label(a: &Accreditation, t: Tr) -> String {
    format!(
        "{} · {} – {} · {}",
        a.reference,
        t.date(&a.start_date),
        t.date(&a.end_date),
        a.topics
    )
}

/// The 200 of a page, or the 422 of a form shown again.
pub fn status_of(errors: &FormErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The address a page was asked for (where the language switch returns).
pub fn here(req: &HttpRequest, fallback: &str) -> String {
    req.uri()
        .path_and_query()
        .map_or(fallback, |p| p.as_str())
        .to_owned()
}

/// An action offered on a record's page: where its form is, what it says.
#[derive(Debug)]
pub struct Offer {
    pub href: String,
    pub label: String,
    pub warning: bool,
}

/// A workflow action's confirmation form (`interview/action.html`).
#[derive(Debug, Template)]
#[template(path = "interview/action.html")]
pub struct ActionPage {
    pub c: Chrome,
    pub errors: FormErrors,
    pub back: String,
    pub caption: String,
    pub action: String,
    pub title: String,
    pub intro: String,
    pub button: String,
    pub warning: bool,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub csrf: String,
    pub note: String,
}

// ---------------------------------------------------------------------------
// The list.

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    cursor: String,
}

#[derive(Debug)]
struct Row {
    href: String,
    reference: String,
    interviewee: String,
    position: String,
    outlet: String,
    when: String,
    status: &'static str,
    status_name: String,
}

#[derive(Template)]
#[template(path = "interview/list.html")]
struct ListPage {
    c: Chrome,
    errors: FormErrors,
    statuses: Vec<Choice>,
    may_create: bool,
    rows: Option<Vec<Row>>,
    next: Option<String>,
    first: Option<String>,
    filtered: bool,
}

fn list_href(status: &str, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    if !status.trim().is_empty() {
        url.append_pair("status", status);
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        q if q.is_empty() => "/interviews".to_owned(),
        q => format!("/interviews?{q}"),
    }
}

/// `GET /interviews`: newest first, by status.
#[get("")]
pub async fn list(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    let q = query.into_inner();
    let t = visit.tr();
    let mut read = Reader::new();
    let status = read.choice("status", &q.status, InterviewStatus::parse);
    let search = read.finish().and_then(|()| {
        let after = model::input::cursor::<db::interview::Cursor>(text(&q.cursor).as_deref())?;
        Ok(after)
    });
    let (errors, search) = match search {
        Ok(after) => (FormErrors::default(), Some(after)),
        Err(e) => (form::errors(e, t, &["status"])?, None),
    };
    let limit = Limit::parse(None).map_err(ApiError::internal)?;
    let (account, rows) = visit
        .read(&state, move |conn, account| {
            let filter = db::interview::Filter {
                status,
                ..Default::default()
            };
            search
                .map(|after| model::interview::list(conn, account.caller, &filter, after, limit))
                .transpose()
        })
        .await?;
    let (rows, next) = match rows {
        Some(rows) => {
            let (rows, next) = split(rows, limit, |i| (i.starts_at.naive_utc(), i.id.get()));
            let rows = rows
                .into_iter()
                .map(|i| Row {
                    href: format!("/interviews/{}", i.id),
                    reference: i.reference.clone(),
                    interviewee: i.interviewee_name.clone(),
                    position: i.interviewee_position.clone(),
                    outlet: i.outlet.clone(),
                    when: t.date_time(&i.starts_at, i.time_zone),
                    status: i.status.as_str(),
                    status_name: t.name("meetings-interview-status", i.status.as_str()),
                })
                .collect();
            (Some(rows), next.map(|c| list_href(&q.status, Some(&c))))
        }
        None => (None, None),
    };
    page::html_with(
        &visit,
        status_of(&errors),
        &ListPage {
            c: Chrome::new(
                &visit,
                Some(&account),
                Nav::Press,
                &here(&req, "/interviews"),
            ),
            errors,
            statuses: choices(
                InterviewStatus::ALL,
                InterviewStatus::as_str,
                "meetings-interview-status",
                &q.status,
                t,
            ),
            may_create: rules::writes_interviews(account.caller.role),
            rows,
            next,
            first: text(&q.cursor).map(|_| list_href(&q.status, None)),
            filtered: !q.status.trim().is_empty(),
        },
    )
}

// ---------------------------------------------------------------------------
// Requesting one: the day and reporters, then the rest.

/// A reporter to tick.
#[derive(Debug)]
struct Tick {
    value: String,
    label: String,
    chosen: bool,
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

const ORDER: &[&str] = &[
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

/// The day and the reporters of the first step, or why not.
fn step_one(f: &Fields) -> Result<(NaiveDate, Vec<ReporterId>), ApiError> {
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

/// The rest of the form, as the operation reads it.
fn input(
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
    let limit = most()?;
    let wanted = chosen_step.clone();
    let (account, (reporters, covering)) = visit
        .read(state, move |conn, account| {
            let caller = account.caller;
            let reporters =
                model::reporter::list(conn, caller, &db::reporter::Filter::default(), None, limit)?;
            let covering = match &wanted {
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
        })
        .await?;
    if !rules::writes_interviews(account.caller.role) {
        return Err(form::not_open());
    }
    let ticked: Vec<String> = f
        .all("reporter_ids")
        .iter()
        .map(|s| s.trim().to_owned())
        .collect();
    let ticks: Vec<Tick> = reporters
        .iter()
        .map(|r| Tick {
            value: r.id.to_string(),
            label: reporter_label(r),
            chosen: ticked.contains(&r.id.to_string()),
        })
        .collect();
    let (chosen, others): (Vec<Tick>, Vec<Tick>) = ticks.into_iter().partition(|t| t.chosen);
    let mut change = form_urlencoded::Serializer::new(String::new());
    change.append_pair("date", f.get("date"));
    for r in &chosen {
        change.append_pair("reporter_ids", &r.value);
    }
    let picked = f.get("accreditation_id").trim().to_owned();
    let covering: Vec<Choice> = covering
        .unwrap_or_default()
        .iter()
        .map(|a| Choice {
            value: a.id.to_string(),
            label: accreditation_label(a, t),
            chosen: a.id.to_string() == picked,
        })
        .collect();
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

// ---------------------------------------------------------------------------
// Its page, and its actions.

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RecordQuery {
    done: String,
}

#[derive(Template)]
#[template(path = "interview/record.html")]
struct RecordPage {
    c: Chrome,
    notice: Option<String>,
    reference: String,
    interviewee: String,
    position: String,
    outlet: String,
    status: &'static str,
    status_name: String,
    when: String,
    place: String,
    topics: String,
    questions: Option<String>,
    reporters: Vec<String>,
    accreditation: Option<String>,
    revoked: bool,
    organizer: Option<String>,
    created: String,
    actions: Vec<Offer>,
}

/// `GET /interviews/{id}`.
#[get("/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    visit: Visit,
    req: HttpRequest,
    id: web::Path<InterviewId>,
    query: web::Query<RecordQuery>,
) -> Result<HttpResponse, PageError> {
    let id = id.into_inner();
    let t = visit.tr();
    let limit = most()?;
    let (account, (i, reporters, accreditation, units)) = visit
        .read(&state, move |conn, account| {
            let caller = account.caller;
            let i = model::interview::visible(conn, caller, id)?;
            let reporters =
                model::reporter::list(conn, caller, &db::reporter::Filter::default(), None, limit)?;
            let accreditation = i
                .accreditation_id
                .map(|a| model::accreditation::visible(conn, caller, a))
                .transpose()?;
            let units = model::unit::all(conn)?;
            Ok((i, reporters, accreditation, units))
        })
        .await?;
    let when = format!(
        "{} – {}",
        t.date_time(&i.starts_at, i.time_zone),
        t.time(&i.ends_at, i.time_zone)
    );
    let actions = rules::interview_allowed(i.status, account.caller.role)
        .into_iter()
        .map(|a| Offer {
            href: format!("/interviews/{id}/{}", a.as_str()),
            label: t.t(&format!("meetings-interview-do-{}", a.as_str())),
            warning: a == InterviewAction::Cancel,
        })
        .collect();
    let done = query.into_inner().done;
    let notice = InterviewAction::parse(&done)
        .map(|a| t.t(&format!("meetings-interview-done-{}", a.as_str())))
        .or_else(|| (done == "created").then(|| t.t("meetings-interview-done-created")));
    page::html(
        &visit,
        &RecordPage {
            c: Chrome::new(
                &visit,
                Some(&account),
                Nav::Press,
                &here(&req, "/interviews"),
            ),
            notice,
            reference: i.reference.clone(),
            interviewee: i.interviewee_name.clone(),
            position: i.interviewee_position.clone(),
            outlet: i.outlet.clone(),
            status: i.status.as_str(),
            status_name: t.name("meetings-interview-status", i.status.as_str()),
            when,
            place: i.place.clone(),
            topics: i.topics.clone(),
            questions: i.questions.clone(),
            reporters: i
                .reporter_ids
                .iter()
                .map(|r| {
                    reporters
                        .iter()
                        .find(|x| x.id == *r)
                        .map_or_else(|| r.to_string(), reporter_label)
                })
                .collect(),
            accreditation: accreditation.map(|a| accreditation_label(&a, t)),
            revoked: i.accreditation_revoked_at.is_some(),
            organizer: i.organizing_unit_id.map(|u| name_of(&units, u, t)),
            created: t.date_time(&i.created_at, PROVINCE_TZ),
            actions,
        },
    )
}

fn action_of(raw: &str) -> Result<InterviewAction, PageError> {
    InterviewAction::parse(raw).ok_or(PageError::Api(ApiError::NotFound))
}

async fn render_action(
    state: &AppState,
    visit: &Visit,
    id: InterviewId,
    action: InterviewAction,
    note: String,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let t = visit.tr();
    let (account, i) = visit
        .read(state, move |conn, account| {
            model::interview::visible(conn, account.caller, id)
        })
        .await?;
    if !rules::interview_allowed(i.status, account.caller.role).contains(&action) {
        return Err(form::not_open());
    }
    let a = action.as_str();
    let page = ActionPage {
        c: Chrome::new(
            visit,
            Some(&account),
            Nav::Press,
            &format!("/interviews/{id}/{a}"),
        ),
        errors,
        back: format!("/interviews/{id}"),
        caption: format!("{} · {}", i.reference, i.interviewee_name),
        action: format!("/interviews/{id}/{a}"),
        title: t.t(&format!("meetings-interview-{a}-title")),
        intro: t.t(&format!("meetings-interview-{a}-intro")),
        button: t.t(&format!("meetings-interview-do-{a}")),
        warning: action == InterviewAction::Cancel,
        note,
    };
    let status = status_of(&page.errors);
    page::html_with(visit, status, &page)
}

/// `GET /interviews/{id}/{action}`: the action's form.
#[get("/{id}/{action}")]
pub async fn action_form(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(InterviewId, String)>,
) -> Result<HttpResponse, PageError> {
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    render_action(
        &state,
        &visit,
        id,
        action,
        String::new(),
        FormErrors::default(),
    )
    .await
}

/// `POST /interviews/{id}/{action}`: takes it.
#[post("/{id}/{action}")]
pub async fn act(
    state: web::Data<AppState>,
    visit: Visit,
    path: web::Path<(InterviewId, String)>,
    body: web::Form<ActionForm>,
) -> Result<HttpResponse, PageError> {
    let ActionForm { csrf, note } = body.into_inner();
    visit.check_csrf(&csrf)?;
    let (id, raw) = path.into_inner();
    let action = action_of(&raw)?;
    let kept = note.clone();
    let done = visit
        .write(&state.db, move |conn, caller| {
            model::interview::transition(
                conn,
                caller,
                id,
                action,
                model::input::trimmed(Some(note)),
            )
        })
        .await;
    match done {
        Ok(_) => Ok(page::see_other(&format!(
            "/interviews/{id}?done={}",
            action.as_str()
        ))),
        Err(PageError::Api(e)) => {
            let errors = form::errors(e, visit.tr(), &["note"])?;
            render_action(&state, &visit, id, action, kept, errors).await
        }
        Err(other) => Err(other),
    }
}
