//! The authorization matrix (issue 6): every operation of the served OpenAPI
//! document, sent as every role (and without a login) on the caller's own
//! unit's record and on another unit's, against a table written from
//! DESIGN.md's rules ("Roles and what each may see", "Workflows") — not from
//! what the server answers. A route missing from the table, or a table row
//! the document no longer has, fails the test. Every answer a role may read,
//! and every iCal feed, is then searched for personal data and police notes
//! where the design keeps them out.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use awc::http::Method;
use futures_util::future::join_all;
use serde_json::{Value, json};
use visitdesk::domain::ids::UnitId;
use visitdesk::domain::role::Role;
use visitdesk::domain::unit::UnitKind;

use crate::fixtures::{self, Cast, merged};
use crate::helpers::{PASSWORD, Reply, TestApp};
use crate::on_both_engines;
use crate::press_fixtures::{self as press, Reporters};
use crate::schedule_fixtures::{self as schedule, day};

on_both_engines!(
    every_operation_answers_every_role_as_the_design_says,
    a_patch_refuses_null_wherever_the_document_says_a_field_is_not_nullable,
    a_patch_checks_its_body_before_the_version_it_names
);

// ---------------------------------------------------------------------------
// The rules (DESIGN.md), as a table.

/// Every operation the API documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Op {
    Healthz,
    Readyz,
    Metrics,
    PublicFeed,
    SubscriptionFeed,
    Login,
    GetMe,
    ChangePassword,
    GetMailSettings,
    SetMailSettings,
    ListUnits,
    CreateUnit,
    GetUnit,
    UpdateUnit,
    MergeUnit,
    ListUsers,
    CreateUser,
    GetUser,
    UpdateUser,
    ListAudit,
    ListDelegations,
    CreateDelegation,
    GetDelegation,
    UpdateDelegation,
    DeleteDelegation,
    TransitionDelegation,
    ReviewDelegation,
    DelegationHistory,
    ListMembers,
    AddMember,
    UpdateMember,
    RemoveMember,
    ListItems,
    AddItem,
    UpdateItem,
    DeleteItem,
    ImportItinerary,
    Inbox,
    DelegationDeadlines,
    AccreditationDeadlines,
    GetSettings,
    UpdateSettings,
    CalendarDays,
    ListSwaps,
    ReplaceSwaps,
    PutSwap,
    DeleteSwap,
    Schedule,
    ListSubscriptions,
    CreateSubscription,
    RevokeSubscription,
    ListReporters,
    CreateReporter,
    GetReporter,
    UpdateReporter,
    ListAccreditations,
    CoveringAccreditations,
    CreateAccreditation,
    GetAccreditation,
    UpdateAccreditation,
    TransitionAccreditation,
    ReviewAccreditation,
    ListActivities,
    AddActivity,
    UpdateActivity,
    TransitionActivity,
    ListInterviews,
    CreateInterview,
    GetInterview,
    UpdateInterview,
    TransitionInterview,
    ListConferences,
    CreateConference,
    GetConference,
    UpdateConference,
    TransitionConference,
    ListAttendees,
    AddAttendee,
    InterviewDeadlines,
    ConferenceDeadlines,
    GetUserMail,
    ExportDelegations,
    ExportMembers,
    ExportReporters,
    ExportAccreditations,
    ExportInterviews,
    ExportConferences,
    ExportSchedule,
    ExportAudit,
    ReportFigures,
    ReportsOverview,
    ProvinceDocument,
    ListUnitReports,
    CreateUnitReport,
    GetUnitReport,
    UpdateUnitReport,
    UnitReportDocument,
    TransitionUnitReport,
}

use Role::{Admin, ForeignAffairs as FA, HostUnit, Police, ProvincialOffice as PO, Viewer};

/// Who may do what. The administrator writes everything and may take every
/// workflow action (DESIGN.md, "Roles"), so it is in every list of writers.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Needs no login: `user` for a logged-in role, `anonymous` without one
    /// (for the feed, an unknown token; for the login, wrong credentials).
    Public { user: u16, anonymous: u16 },
    /// Any logged-in role.
    Anyone(u16),
    /// These roles; 403 for the others (a route, not a record to hide).
    Only(&'static [Role], u16),
    /// A delegation or something of it: another unit's answers a host unit
    /// 404 (as if it did not exist); these roles get the status (a host unit
    /// on its own unit's draft only), the others 403.
    Delegation(&'static [Role], u16),
    /// A new delegation: Sở Ngoại vụ any, a host unit its own unit's only.
    NewDelegation(u16),
    /// The press side: host units see nothing of it (404); these roles get
    /// the status, the others 403.
    Press(&'static [Role], u16),
    /// A calendar subscription: its owner's (the administrator's too);
    /// someone else's is not there (404).
    Owner(u16),
    /// A period's figures: the province's for every role, one unit's for
    /// whoever asks; a host unit its own unit's only (403 for another's:
    /// the unit is a parameter, not a record to hide). Not `Delegation`:
    /// that one hides with 404.
    UnitFigures(u16),
    /// The rules below are about a unit report, where who acts is the
    /// caller's unit, not its role (DESIGN.md, "Reports"): the reporting
    /// unit writes it, the compiling unit (`COMPILER`'s, in the World) reads
    /// every unit's and compiles, the administrator does all. No existing
    /// variant says that: `Delegation` lets every reader role see another
    /// unit's record, here only the compiling unit does.
    ///
    /// A new report: of the caller's own unit (`Own`) by a member who
    /// writes (not a viewer), of a unit it names (`Other`) by the
    /// administrator only; 403 for the others.
    NewUnitReport(u16),
    /// Reading a unit report: its unit (the host unit on `Own`), the
    /// compiling unit and the administrator; 404 for anyone else.
    UnitReport(u16),
    /// Writing or submitting it: its unit and the administrator; the
    /// compiling unit, which sees it, 403; 404 for anyone else.
    UnitReportChange(u16),
    /// The province's compiled report and who has reported: the
    /// administrator and the compiling unit; 403 for the others.
    Compiling(u16),
}

const EVERY_ROLE: &[Role] = &Role::ALL;
const PRESS_READERS: &[Role] = &[Admin, FA, PO, Police, Viewer];
const DELEGATION_WRITERS: &[Role] = &[Admin, FA, HostUnit];
const REVIEWERS: &[Role] = &[Admin, Police];
const ACCREDITATION_WRITERS: &[Role] = &[Admin, FA];
/// Interviews: the Provincial Office arranges them; Sở Ngoại vụ prepares
/// those with foreign reporters (the fixtures' interview is one).
const INTERVIEW_WRITERS: &[Role] = &[Admin, PO, FA];
const CONFERENCE_WRITERS: &[Role] = &[Admin, PO];
/// The role whose unit the World names the compiling unit
/// (`settings.reports.compiling_unit`): a role that, but for that, would
/// see no other unit's report, so its answers show the setting at work.
const COMPILER: Role = PO;

/// Every documented operation: method, path template, the rule, and the
/// request the matrix sends (see `prepare`).
#[rustfmt::skip]
const OPERATIONS: [(Op, &str, &str, Rule); 98] = [
    (Op::Healthz, "GET", "/healthz", Rule::Public { user: 200, anonymous: 200 }),
    (Op::Readyz, "GET", "/readyz", Rule::Public { user: 200, anonymous: 200 }),
    // Closed unless a metrics token is configured (tests/api/operations/metrics.rs).
    (Op::Metrics, "GET", "/metrics", Rule::Public { user: 404, anonymous: 404 }),
    (Op::PublicFeed, "GET", "/calendar/public/press-conferences.ics", Rule::Public { user: 200, anonymous: 200 }),
    (Op::SubscriptionFeed, "GET", "/calendar/{token}.ics", Rule::Public { user: 200, anonymous: 404 }),
    (Op::Login, "POST", "/api/v1/auth/login", Rule::Public { user: 200, anonymous: 401 }),
    (Op::GetMe, "GET", "/api/v1/me", Rule::Anyone(200)),
    (Op::ChangePassword, "POST", "/api/v1/me/password", Rule::Anyone(200)),
    (Op::GetMailSettings, "GET", "/api/v1/me/mail", Rule::Anyone(200)),
    (Op::SetMailSettings, "PUT", "/api/v1/me/mail", Rule::Anyone(200)),
    // Units are read by everyone (a host unit names itself in a delegation);
    // users and units are written by the administrator only.
    (Op::ListUnits, "GET", "/api/v1/units", Rule::Anyone(200)),
    (Op::CreateUnit, "POST", "/api/v1/units", Rule::Only(&[Admin], 201)),
    (Op::GetUnit, "GET", "/api/v1/units/{id}", Rule::Anyone(200)),
    (Op::UpdateUnit, "PATCH", "/api/v1/units/{id}", Rule::Only(&[Admin], 200)),
    (Op::MergeUnit, "POST", "/api/v1/units/{id}/merge", Rule::Only(&[Admin], 200)),
    // Accounts are the administrator's business: DESIGN.md's "reads
    // everything" is about the province's records, not user accounts
    // (one's own is at /me).
    (Op::ListUsers, "GET", "/api/v1/users", Rule::Only(&[Admin], 200)),
    (Op::CreateUser, "POST", "/api/v1/users", Rule::Only(&[Admin], 201)),
    (Op::GetUser, "GET", "/api/v1/users/{id}", Rule::Only(&[Admin], 200)),
    (Op::UpdateUser, "PATCH", "/api/v1/users/{id}", Rule::Only(&[Admin], 200)),
    (Op::ListAudit, "GET", "/api/v1/audit", Rule::Only(REVIEWERS, 200)),
    (Op::ListDelegations, "GET", "/api/v1/delegations", Rule::Anyone(200)),
    (Op::CreateDelegation, "POST", "/api/v1/delegations", Rule::NewDelegation(201)),
    (Op::GetDelegation, "GET", "/api/v1/delegations/{id}", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::UpdateDelegation, "PATCH", "/api/v1/delegations/{id}", Rule::Delegation(DELEGATION_WRITERS, 200)),
    (Op::DeleteDelegation, "DELETE", "/api/v1/delegations/{id}", Rule::Delegation(DELEGATION_WRITERS, 204)),
    // `submit` from a draft: its host unit, Sở Ngoại vụ.
    (Op::TransitionDelegation, "POST", "/api/v1/delegations/{id}/transitions", Rule::Delegation(DELEGATION_WRITERS, 200)),
    (Op::ReviewDelegation, "PUT", "/api/v1/delegations/{id}/security-review", Rule::Delegation(REVIEWERS, 200)),
    (Op::DelegationHistory, "GET", "/api/v1/delegations/{id}/history", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::ListMembers, "GET", "/api/v1/delegations/{id}/members", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::AddMember, "POST", "/api/v1/delegations/{id}/members", Rule::Delegation(DELEGATION_WRITERS, 201)),
    (Op::UpdateMember, "PATCH", "/api/v1/delegations/{id}/members/{member_id}", Rule::Delegation(DELEGATION_WRITERS, 200)),
    (Op::RemoveMember, "DELETE", "/api/v1/delegations/{id}/members/{member_id}", Rule::Delegation(DELEGATION_WRITERS, 204)),
    (Op::ListItems, "GET", "/api/v1/delegations/{id}/itinerary", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::AddItem, "POST", "/api/v1/delegations/{id}/itinerary", Rule::Delegation(DELEGATION_WRITERS, 201)),
    (Op::UpdateItem, "PATCH", "/api/v1/delegations/{id}/itinerary/{item_id}", Rule::Delegation(DELEGATION_WRITERS, 200)),
    (Op::DeleteItem, "DELETE", "/api/v1/delegations/{id}/itinerary/{item_id}", Rule::Delegation(DELEGATION_WRITERS, 204)),
    (Op::ImportItinerary, "POST", "/api/v1/delegations/{id}/itinerary/import", Rule::Delegation(DELEGATION_WRITERS, 200)),
    (Op::Inbox, "GET", "/api/v1/inbox", Rule::Anyone(200)),
    (Op::DelegationDeadlines, "GET", "/api/v1/delegations/{id}/deadlines", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::AccreditationDeadlines, "GET", "/api/v1/accreditations/{id}/deadlines", Rule::Press(PRESS_READERS, 200)),
    // The calendar and the deadlines are everyone's to read (a due date is
    // no secret); the administrator keeps them.
    (Op::GetSettings, "GET", "/api/v1/settings", Rule::Anyone(200)),
    (Op::UpdateSettings, "PATCH", "/api/v1/settings", Rule::Only(&[Admin], 200)),
    (Op::CalendarDays, "GET", "/api/v1/calendar/days", Rule::Anyone(200)),
    (Op::ListSwaps, "GET", "/api/v1/calendar/swaps", Rule::Anyone(200)),
    (Op::ReplaceSwaps, "PUT", "/api/v1/calendar/swaps", Rule::Only(&[Admin], 200)),
    (Op::PutSwap, "POST", "/api/v1/calendar/swaps", Rule::Only(&[Admin], 200)),
    (Op::DeleteSwap, "DELETE", "/api/v1/calendar/swaps/{date}", Rule::Only(&[Admin], 204)),
    (Op::Schedule, "GET", "/api/v1/schedule", Rule::Anyone(200)),
    (Op::ListSubscriptions, "GET", "/api/v1/calendar/subscriptions", Rule::Anyone(200)),
    (Op::CreateSubscription, "POST", "/api/v1/calendar/subscriptions", Rule::Anyone(201)),
    (Op::RevokeSubscription, "DELETE", "/api/v1/calendar/subscriptions/{id}", Rule::Owner(204)),
    (Op::ListReporters, "GET", "/api/v1/reporters", Rule::Press(PRESS_READERS, 200)),
    (Op::CreateReporter, "POST", "/api/v1/reporters", Rule::Press(ACCREDITATION_WRITERS, 201)),
    (Op::GetReporter, "GET", "/api/v1/reporters/{id}", Rule::Press(PRESS_READERS, 200)),
    (Op::UpdateReporter, "PATCH", "/api/v1/reporters/{id}", Rule::Press(ACCREDITATION_WRITERS, 200)),
    (Op::ListAccreditations, "GET", "/api/v1/accreditations", Rule::Press(PRESS_READERS, 200)),
    (Op::CoveringAccreditations, "GET", "/api/v1/accreditations/covering", Rule::Press(PRESS_READERS, 200)),
    (Op::CreateAccreditation, "POST", "/api/v1/accreditations", Rule::Press(ACCREDITATION_WRITERS, 201)),
    (Op::GetAccreditation, "GET", "/api/v1/accreditations/{id}", Rule::Press(PRESS_READERS, 200)),
    (Op::UpdateAccreditation, "PATCH", "/api/v1/accreditations/{id}", Rule::Press(ACCREDITATION_WRITERS, 200)),
    // `submit` from a draft: Sở Ngoại vụ.
    (Op::TransitionAccreditation, "POST", "/api/v1/accreditations/{id}/transitions", Rule::Press(ACCREDITATION_WRITERS, 200)),
    (Op::ReviewAccreditation, "PUT", "/api/v1/accreditations/{id}/security-review", Rule::Press(REVIEWERS, 200)),
    (Op::ListActivities, "GET", "/api/v1/accreditations/{id}/activities", Rule::Press(PRESS_READERS, 200)),
    (Op::AddActivity, "POST", "/api/v1/accreditations/{id}/activities", Rule::Press(ACCREDITATION_WRITERS, 201)),
    (Op::UpdateActivity, "PATCH", "/api/v1/accreditations/{id}/activities/{activity_id}", Rule::Press(ACCREDITATION_WRITERS, 200)),
    // `cancel` a planned activity: Sở Ngoại vụ.
    (Op::TransitionActivity, "POST", "/api/v1/accreditations/{id}/activities/{activity_id}/transitions", Rule::Press(ACCREDITATION_WRITERS, 200)),
    (Op::ListInterviews, "GET", "/api/v1/interviews", Rule::Press(PRESS_READERS, 200)),
    (Op::CreateInterview, "POST", "/api/v1/interviews", Rule::Press(INTERVIEW_WRITERS, 201)),
    (Op::GetInterview, "GET", "/api/v1/interviews/{id}", Rule::Press(PRESS_READERS, 200)),
    (Op::UpdateInterview, "PATCH", "/api/v1/interviews/{id}", Rule::Press(INTERVIEW_WRITERS, 200)),
    // `approve` a requested interview: the Provincial Office.
    (Op::TransitionInterview, "POST", "/api/v1/interviews/{id}/transitions", Rule::Press(CONFERENCE_WRITERS, 200)),
    (Op::ListConferences, "GET", "/api/v1/press-conferences", Rule::Press(PRESS_READERS, 200)),
    (Op::CreateConference, "POST", "/api/v1/press-conferences", Rule::Press(CONFERENCE_WRITERS, 201)),
    (Op::GetConference, "GET", "/api/v1/press-conferences/{id}", Rule::Press(PRESS_READERS, 200)),
    (Op::UpdateConference, "PATCH", "/api/v1/press-conferences/{id}", Rule::Press(CONFERENCE_WRITERS, 200)),
    // `announce` a planned conference: the Provincial Office.
    (Op::TransitionConference, "POST", "/api/v1/press-conferences/{id}/transitions", Rule::Press(CONFERENCE_WRITERS, 200)),
    (Op::ListAttendees, "GET", "/api/v1/press-conferences/{id}/attendees", Rule::Press(PRESS_READERS, 200)),
    (Op::AddAttendee, "POST", "/api/v1/press-conferences/{id}/attendees", Rule::Press(CONFERENCE_WRITERS, 201)),
    (Op::InterviewDeadlines, "GET", "/api/v1/interviews/{id}/deadlines", Rule::Press(PRESS_READERS, 200)),
    (Op::ConferenceDeadlines, "GET", "/api/v1/press-conferences/{id}/deadlines", Rule::Press(PRESS_READERS, 200)),
    // Where someone's reminders go is an account's setting: the
    // administrator's business, as the account is.
    (Op::GetUserMail, "GET", "/api/v1/users/{id}/mail", Rule::Only(&[Admin], 200)),
    // An export is its list as a file: the list's rule.
    (Op::ExportDelegations, "GET", "/api/v1/exports/delegations", Rule::Anyone(200)),
    (Op::ExportMembers, "GET", "/api/v1/exports/delegations/{id}/members", Rule::Delegation(EVERY_ROLE, 200)),
    (Op::ExportReporters, "GET", "/api/v1/exports/reporters", Rule::Press(PRESS_READERS, 200)),
    (Op::ExportAccreditations, "GET", "/api/v1/exports/accreditations", Rule::Press(PRESS_READERS, 200)),
    (Op::ExportInterviews, "GET", "/api/v1/exports/interviews", Rule::Press(PRESS_READERS, 200)),
    (Op::ExportConferences, "GET", "/api/v1/exports/press-conferences", Rule::Press(PRESS_READERS, 200)),
    (Op::ExportSchedule, "GET", "/api/v1/exports/schedule", Rule::Anyone(200)),
    (Op::ExportAudit, "GET", "/api/v1/exports/audit", Rule::Only(REVIEWERS, 200)),
    (Op::ReportFigures, "GET", "/api/v1/reports/figures", Rule::UnitFigures(200)),
    (Op::ReportsOverview, "GET", "/api/v1/reports/overview", Rule::Compiling(200)),
    (Op::ProvinceDocument, "GET", "/api/v1/reports/province-document", Rule::Compiling(200)),
    // Every caller lists; which reports the list holds is the model's
    // filter (tests/api/report/unit_reports.rs), not a status.
    (Op::ListUnitReports, "GET", "/api/v1/unit-reports", Rule::Anyone(200)),
    (Op::CreateUnitReport, "POST", "/api/v1/unit-reports", Rule::NewUnitReport(201)),
    (Op::GetUnitReport, "GET", "/api/v1/unit-reports/{id}", Rule::UnitReport(200)),
    (Op::UpdateUnitReport, "PATCH", "/api/v1/unit-reports/{id}", Rule::UnitReportChange(200)),
    (Op::UnitReportDocument, "GET", "/api/v1/unit-reports/{id}/document", Rule::UnitReport(200)),
    // `submit` from a draft: its unit.
    (Op::TransitionUnitReport, "POST", "/api/v1/unit-reports/{id}/transitions", Rule::UnitReportChange(200)),
];

/// Whose record a request is about. `Own`: for a host unit, its unit's
/// delegation (for the other roles, the one delegation is the host unit's
/// and the other another unit's; the design gives them the same answer on
/// both); for units and users, the caller's unit and the caller; for
/// subscriptions, one the caller made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The route takes no record that belongs to a unit or a user.
    NoRecord,
    Own,
    Other,
}

impl Side {
    fn label(self) -> &'static str {
        match self {
            Side::NoRecord => "no record",
            Side::Own => "own unit's record",
            Side::Other => "another unit's record",
        }
    }
}

/// The sides an operation is tried on.
fn sides(op: Op, rule: Rule, role: Option<Role>) -> &'static [Side] {
    match (op, rule, role) {
        // Without a login, one request (on another unit's record) will do.
        (_, Rule::Delegation(..) | Rule::NewDelegation(_) | Rule::Owner(_), None) => &[Side::Other],
        (_, Rule::UnitFigures(_) | Rule::NewUnitReport(_), None) => &[Side::Other],
        (_, Rule::UnitReport(_) | Rule::UnitReportChange(_), None) => &[Side::Other],
        (
            Op::GetUnit | Op::UpdateUnit | Op::GetUser | Op::UpdateUser | Op::GetUserMail,
            _,
            None,
        ) => &[Side::Other],
        // The administrator belongs to no unit.
        (Op::GetUnit | Op::UpdateUnit | Op::CreateUnitReport, _, Some(Admin)) => &[Side::Other],
        (Op::GetUnit | Op::UpdateUnit | Op::GetUser | Op::UpdateUser | Op::GetUserMail, _, _) => {
            &[Side::Own, Side::Other]
        }
        (_, Rule::Delegation(..) | Rule::NewDelegation(_) | Rule::Owner(_), _) => {
            &[Side::Own, Side::Other]
        }
        (_, Rule::UnitFigures(_) | Rule::NewUnitReport(_), _) => &[Side::Own, Side::Other],
        (_, Rule::UnitReport(_) | Rule::UnitReportChange(_), _) => &[Side::Own, Side::Other],
        _ => &[Side::NoRecord],
    }
}

/// The status DESIGN.md gives `role` (`None`: no login) on `side`.
fn expected(rule: Rule, role: Option<Role>, side: Side) -> u16 {
    let Some(role) = role else {
        return match rule {
            Rule::Public { anonymous, .. } => anonymous,
            _ => 401,
        };
    };
    let allowed = |roles: &[Role], status| if roles.contains(&role) { status } else { 403 };
    match rule {
        Rule::Public { user, .. } => user,
        Rule::Anyone(status) => status,
        Rule::Only(roles, status) => allowed(roles, status),
        Rule::Delegation(_, _) if role == HostUnit && side == Side::Other => 404,
        Rule::Delegation(roles, status) => allowed(roles, status),
        Rule::NewDelegation(status) => match (role, side) {
            (Admin | FA, _) | (HostUnit, Side::Own) => status,
            _ => 403,
        },
        Rule::Press(_, _) if role == HostUnit => 404,
        Rule::Press(roles, status) => allowed(roles, status),
        Rule::Owner(status) if side == Side::Own || role == Admin => status,
        Rule::Owner(_) => 404,
        Rule::UnitFigures(_) if role == HostUnit && side == Side::Other => 403,
        Rule::UnitFigures(status) => status,
        Rule::NewUnitReport(status) => match (role, side) {
            (Admin, _) => status,
            (Viewer, _) | (_, Side::Other) => 403,
            _ => status,
        },
        // The World's reports: the host unit's (`Own`) and another unit's.
        Rule::UnitReport(status) | Rule::UnitReportChange(status)
            if role == Admin || (role == HostUnit && side == Side::Own) =>
        {
            status
        }
        Rule::UnitReport(status) if role == COMPILER => status,
        Rule::UnitReportChange(_) if role == COMPILER => 403,
        Rule::UnitReport(_) | Rule::UnitReportChange(_) => 404,
        Rule::Compiling(status) if role == Admin || role == COMPILER => status,
        Rule::Compiling(_) => 403,
    }
}

/// Roles that see passport numbers, dates of birth and foreigners' contacts.
const SEES_PERSONAL_DATA: &[Role] = &[Admin, FA, Police];
/// Roles that see the police's notes.
const SEES_NOTES: &[Role] = &[Admin, Police];
const PERSONAL_KEYS: [&str; 4] = ["passport_number", "date_of_birth", "email", "phone"];

/// The police note every review in the matrix carries.
const NOTE: &str = "Ghi chú mật của công an: theo dõi thành viên số 2";
/// The passport the fixtures' members end up with (they start with the
/// fixtures' `TR1234567`, so both are in their history).
const CHANGED_PASSPORT: &str = "TR7654321";
/// The title of the other unit's delegations.
const OTHER_TITLE: &str = "Đoàn khảo sát của đơn vị khác (Busan)";

/// Text an answer may carry only for some roles.
struct Secret {
    what: &'static str,
    text: &'static str,
    readers: &'static [Role],
    /// Kept out of every iCal feed, whoever owns it.
    never_in_feeds: bool,
}

#[rustfmt::skip]
const SECRETS: [Secret; 10] = [
    Secret { what: "a member's passport number", text: "TR1234567", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a member's changed passport number", text: CHANGED_PASSPORT, readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a member's date of birth", text: "1971-04-02", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a member's e-mail", text: "tanaka@example.jp", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a member's phone", text: "+81 54 254 0000", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a reporter's passport number", text: "TZ1234567", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a reporter's e-mail", text: "yamada@nhk.example.jp", readers: SEES_PERSONAL_DATA, never_in_feeds: true },
    Secret { what: "a police note", text: NOTE, readers: SEES_NOTES, never_in_feeds: true },
    Secret { what: "another unit's delegation", text: OTHER_TITLE, readers: PRESS_READERS, never_in_feeds: false },
    Secret { what: "the press side (a reporter)", text: "Yamada Hanako", readers: PRESS_READERS, never_in_feeds: false },
];

// ---------------------------------------------------------------------------
// The records the requests are about.

#[derive(Debug, Clone, Copy)]
struct DelegationRecords {
    id: i64,
    member: i64,
    item: i64,
}

struct World {
    cast: Cast,
    usernames: HashMap<Role, String>,
    /// Each role's unit (the administrator has none).
    units: HashMap<Role, UnitId>,
    /// A department other than the cast's host unit.
    other_unit: UnitId,
    /// A user who is none of the cast, and its token (it makes the
    /// subscriptions that are someone else's).
    stranger: (i64, String),
    own: DelegationRecords,
    other: DelegationRecords,
    reporters: Reporters,
    draft_accreditation: i64,
    approved_accreditation: i64,
    interview: i64,
    conference: i64,
    /// Each role's own calendar feed (path with its token).
    feeds: HashMap<Role, String>,
    /// Draft reports of the host unit and of the other unit.
    own_report: i64,
    other_report: i64,
}

/// The period the World's reports are of.
const PERIOD: &str = "2026-h1";

/// A period no unit has a report for yet (a unit has one per period):
/// each a year of its own, counted down from the last the domain takes.
fn fresh_period() -> String {
    use std::sync::atomic::{AtomicI32, Ordering};
    static NEXT: AtomicI32 = AtomicI32::new(2100);
    format!("{}-h1", NEXT.fetch_sub(1, Ordering::Relaxed))
}

/// A report of `side`'s unit for a fresh period, its results written (so
/// that it may be submitted); the host unit begins its own.
async fn fresh_report(app: &TestApp, w: &World, side: Side) -> i64 {
    let (token, unit) = match side {
        Side::Other => (&w.cast.admin.token, Some(w.other_unit)),
        _ => (&w.cast.host.token, None),
    };
    report(app, token, unit, &fresh_period()).await
}

async fn report(app: &TestApp, token: &str, unit: Option<UnitId>, period: &str) -> i64 {
    let mut body = json!({"period": period, "results": "Đón 3 đoàn vào, cử 1 đoàn ra."});
    if let Some(unit) = unit {
        body["unit_id"] = json!(unit.get());
    }
    json_id(&app.post("/api/v1/unit-reports", token, body).await.ok(201))
}

fn json_id(value: &Value) -> i64 {
    value["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id: {value}"))
}

fn unique(what: &str) -> String {
    format!("{what} {}", &uuid::Uuid::new_v4().simple().to_string()[..8])
}

/// A draft delegation of `unit` on days 10–12 from today.
fn delegation_body(unit: UnitId, side: Side) -> Value {
    let mut body = merged(
        fixtures::delegation_body("incoming", unit),
        json!({"start_date": day(10), "end_date": day(12)}),
    );
    if side == Side::Other {
        body["title"] = json!(OTHER_TITLE);
    }
    body
}

fn item_body(day_offset: i64, from: &str, to: &str) -> Value {
    let on = day(day_offset);
    fixtures::item_body(&format!("{on}T{from}"), &format!("{on}T{to}"))
}

fn review_body() -> Value {
    json!({"status": "concerns", "officer": "Đại úy Trần Văn Hùng", "notes": NOTE})
}

fn accreditation_body(reporters: &Reporters) -> Value {
    merged(
        press::accreditation_body(&[reporters.foreign]),
        json!({"start_date": day(8), "end_date": day(12), "referral_date": day(-10)}),
    )
}

fn interview_body(w: &World) -> Value {
    press::at(
        press::interview_body(&[w.reporters.foreign], Some(w.approved_accreditation)),
        &format!("{}T09:00", day(10)),
        &format!("{}T10:00", day(10)),
    )
}

fn conference_body() -> Value {
    press::conference_at(&format!("{}T14:00", day(10)), &format!("{}T15:30", day(10)))
}

/// An .ics programme of one event on day 11, as a partner sends it.
fn calendar_body() -> String {
    let on = day(11).format("%Y%m%d");
    let uid = uuid::Uuid::new_v4().simple();
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Partner//Programme//EN",
        "BEGIN:VEVENT",
        &format!("UID:{uid}@partner.example"),
        "DTSTAMP:20260101T000000Z",
        &format!("DTSTART:{on}T080000Z"),
        &format!("DTEND:{on}T090000Z"),
        "SUMMARY:Gặp gỡ doanh nghiệp",
        "LOCATION:Trụ sở UBND tỉnh",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

/// A draft of `side`'s unit, with what it needs to be submitted when asked.
async fn fresh_delegation(app: &TestApp, w: &World, side: Side, programme: bool) -> i64 {
    let fa = &w.cast.foreign_affairs.token;
    let unit = w.unit_of(side);
    let id = json_id(&fixtures::create(app, fa, delegation_body(unit, side)).await);
    if programme {
        fixtures::add_member(app, fa, id, fixtures::member_body("Tanaka Hiroshi")).await;
        fixtures::add_item(app, fa, id, item_body(10, "09:00", "11:00")).await;
    }
    id
}

/// A draft of `unit` with a member, an item and a police review with its
/// note; the member's passport changed once (so both are in its history).
async fn delegation_records(
    app: &TestApp,
    cast: &Cast,
    unit: UnitId,
    side: Side,
) -> DelegationRecords {
    let fa = &cast.foreign_affairs.token;
    let id = json_id(&fixtures::create(app, fa, delegation_body(unit, side)).await);
    let member =
        json_id(&fixtures::add_member(app, fa, id, fixtures::member_body("Tanaka Hiroshi")).await);
    let item = json_id(&fixtures::add_item(app, fa, id, item_body(10, "09:00", "11:00")).await);
    let path = fixtures::path(id);
    app.put(
        &format!("{path}/security-review"),
        &cast.police.token,
        review_body(),
    )
    .await
    .ok(200);
    app.patch(
        &format!("{path}/members/{member}"),
        fa,
        json!({"passport_number": CHANGED_PASSPORT}),
    )
    .await
    .ok(200);
    DelegationRecords { id, member, item }
}

impl World {
    async fn new(app: &TestApp) -> World {
        let cast = Cast::new(app).await;
        let mut usernames = HashMap::new();
        let mut units = HashMap::new();
        for role in Role::ALL {
            let me = app.get("/api/v1/me", cast.token(role)).await.ok(200);
            usernames.insert(role, me["username"].as_str().unwrap().to_owned());
            if let Some(unit) = me["unit_id"].as_i64() {
                units.insert(role, UnitId(unit));
            }
        }
        let other_unit = app.make_unit("Sở Y tế", UnitKind::Department).await;
        let stranger_id = app
            .make_user("nguoi-la", Role::Viewer, units.get(&Viewer).copied())
            .await;
        let stranger = (stranger_id, app.token("nguoi-la").await);
        let own = delegation_records(app, &cast, cast.host_unit, Side::Own).await;
        let other = delegation_records(app, &cast, other_unit, Side::Other).await;

        let fa = &cast.foreign_affairs.token;
        let reporters = Reporters::new(app, &cast).await;
        let draft_accreditation =
            json_id(&press::create_accreditation(app, fa, accreditation_body(&reporters)).await);
        app.put(
            &format!(
                "{}/security-review",
                press::accreditation_path(draft_accreditation)
            ),
            &cast.police.token,
            review_body(),
        )
        .await
        .ok(200);
        let approved_accreditation =
            schedule::accreditation(app, &cast, &[reporters.foreign], day(8)).await;
        schedule::activity(
            app,
            &cast,
            approved_accreditation,
            press::activity_body(
                &format!("{}T08:00", day(9)),
                &format!("{}T10:00", day(9)),
                press::PLACES[0],
            ),
        )
        .await;
        let mut world = World {
            cast,
            usernames,
            units,
            other_unit,
            stranger,
            own,
            other,
            reporters,
            draft_accreditation,
            approved_accreditation,
            interview: 0,
            conference: 0,
            feeds: HashMap::new(),
            own_report: 0,
            other_report: 0,
        };
        // The compiling unit is `COMPILER`'s.
        let admin = &world.cast.admin.token;
        app.patch(
            "/api/v1/settings",
            admin,
            json!({"reports": {
                "half_year_cutoff": {"day": 15, "month": 6},
                "year_cutoff": {"day": 15, "month": 12},
                "compiling_unit": world.units[&COMPILER].get(),
            }}),
        )
        .await
        .ok(200);
        world.own_report = report(app, &world.cast.host.token, None, PERIOD).await;
        world.other_report = report(app, admin, Some(world.other_unit), PERIOD).await;
        let po = &world.cast.provincial_office.token;
        world.interview = json_id(&press::create_interview(app, po, interview_body(&world)).await);
        world.conference = json_id(&press::create_conference(app, po, conference_body()).await);
        press::add_attendee(
            app,
            po,
            world.conference,
            press::attendee_body("NHK", "Yamada Hanako", Some(world.reporters.foreign)),
        )
        .await
        .ok(201);
        // A conference in the public feed.
        let announced = json_id(&press::create_conference(app, po, conference_body()).await);
        press::act_on(app, po, &press::conference_path(announced), "announce")
            .await
            .ok(200);
        for role in Role::ALL {
            let sub = app
                .post(
                    "/api/v1/calendar/subscriptions",
                    world.cast.token(role),
                    json!({"name": format!("Lịch của {role}")}),
                )
                .await
                .ok(201);
            let url = sub["url"].as_str().unwrap();
            let path = url.strip_prefix(&app.address).unwrap_or(url).to_owned();
            world.feeds.insert(role, path);
        }
        world
    }

    fn unit_of(&self, side: Side) -> UnitId {
        match side {
            Side::Other => self.other_unit,
            _ => self.cast.host_unit,
        }
    }

    fn delegation(&self, side: Side) -> DelegationRecords {
        match side {
            Side::Other => self.other,
            _ => self.own,
        }
    }
}

// ---------------------------------------------------------------------------
// The requests.

#[derive(Debug)]
enum Body {
    Empty,
    Json(Value),
    Calendar(String),
}

#[derive(Debug)]
struct Case {
    op: Op,
    template: &'static str,
    role: Option<Role>,
    side: Side,
    want: u16,
    method: Method,
    path: String,
    token: Option<String>,
    body: Body,
}

impl Case {
    fn describe(&self) -> String {
        let who = self.role.map_or("no login", Role::as_str);
        format!(
            "{} {} ({}) as {who} on {}",
            self.method,
            self.template,
            self.path,
            self.side.label()
        )
    }
}

/// The request for `op` as `role` on `side`: a valid body, so that only
/// who asks decides the answer. Requests whose success would use up their
/// record (a transition, a delete, a revocation, a new password) get a
/// fresh record of their own.
async fn prepare(
    app: &TestApp,
    w: &World,
    op: Op,
    role: Option<Role>,
    side: Side,
) -> (String, Option<String>, Body) {
    let mut token = role.map(|r| w.cast.token(r).to_owned());
    let d = w.delegation(side);
    let dp = fixtures::path(d.id);
    let fa = w.cast.foreign_affairs.token.as_str();
    let po = w.cast.provincial_office.token.as_str();
    let (path, body) = match op {
        Op::Healthz => ("/healthz".to_owned(), Body::Empty),
        Op::Readyz => ("/readyz".to_owned(), Body::Empty),
        Op::Metrics => ("/metrics".to_owned(), Body::Empty),
        Op::PublicFeed => (
            "/calendar/public/press-conferences.ics".to_owned(),
            Body::Empty,
        ),
        Op::SubscriptionFeed => match role {
            Some(role) => (w.feeds[&role].clone(), Body::Empty),
            None => (format!("/calendar/{}.ics", "0".repeat(64)), Body::Empty),
        },
        Op::Login => {
            token = None;
            let body = match role {
                Some(role) => json!({"username": w.usernames[&role], "password": PASSWORD}),
                None => json!({"username": "khong-co-ai", "password": PASSWORD}),
            };
            ("/api/v1/auth/login".to_owned(), Body::Json(body))
        }
        Op::GetMe => ("/api/v1/me".to_owned(), Body::Empty),
        Op::GetMailSettings => ("/api/v1/me/mail".to_owned(), Body::Empty),
        Op::SetMailSettings => {
            let body = json!({"address": "hop-thu@example.vn", "daily_digest": true});
            ("/api/v1/me/mail".to_owned(), Body::Json(body))
        }
        Op::ChangePassword => {
            // A user of its own: the new password ends its other tokens.
            if let Some(role) = role {
                let name = unique(&format!("doi-mat-khau-{}", role.as_str().replace('_', "-")))
                    .replace(' ', "-");
                let unit = w.units.get(&role).copied();
                app.make_user(&name, role, unit).await;
                token = Some(app.token(&name).await);
            }
            let body =
                json!({"current_password": PASSWORD, "new_password": "a new and long passphrase"});
            ("/api/v1/me/password".to_owned(), Body::Json(body))
        }
        Op::ListUnits => ("/api/v1/units?limit=500".to_owned(), Body::Empty),
        Op::CreateUnit => {
            let body =
                json!({"name": unique("Phòng"), "name_en": "A new office", "kind": "department"});
            ("/api/v1/units".to_owned(), Body::Json(body))
        }
        Op::GetUnit | Op::UpdateUnit => {
            let unit = match (side, role) {
                (Side::Own, Some(role)) => w.units[&role],
                _ => w.other_unit,
            };
            let body = match op {
                Op::UpdateUnit => Body::Json(json!({"name_en": unique("Department")})),
                _ => Body::Empty,
            };
            (format!("/api/v1/units/{}", unit.get()), body)
        }
        Op::MergeUnit => {
            // A unit of its own each time, merged into the other unit: the
            // world's units stay as they are.
            let unit = app.make_unit(&unique("Phòng"), UnitKind::Department).await;
            let body = Body::Json(json!({"into": w.other_unit.get()}));
            (format!("/api/v1/units/{}/merge", unit.get()), body)
        }
        Op::ListUsers => ("/api/v1/users?limit=500".to_owned(), Body::Empty),
        Op::CreateUser => {
            let body = json!({
                "username": unique("nguoi-dung").replace(' ', "-"),
                "display_name": "Người dùng mới",
                "password": PASSWORD,
                "unit_id": w.units[&Viewer].get(),
                "role": "viewer",
            });
            ("/api/v1/users".to_owned(), Body::Json(body))
        }
        Op::GetUser | Op::UpdateUser | Op::GetUserMail => {
            let user = match (side, role) {
                (Side::Own, Some(role)) => w.cast.user(role).id,
                _ => w.stranger.0,
            };
            match op {
                Op::UpdateUser => (
                    format!("/api/v1/users/{user}"),
                    Body::Json(json!({"display_name": unique("Tên hiển thị")})),
                ),
                Op::GetUserMail => (format!("/api/v1/users/{user}/mail"), Body::Empty),
                _ => (format!("/api/v1/users/{user}"), Body::Empty),
            }
        }
        Op::ListAudit => ("/api/v1/audit?limit=500".to_owned(), Body::Empty),
        Op::ListDelegations => ("/api/v1/delegations?limit=500".to_owned(), Body::Empty),
        Op::CreateDelegation => (
            "/api/v1/delegations".to_owned(),
            Body::Json(delegation_body(w.unit_of(side), side)),
        ),
        Op::GetDelegation => (dp, Body::Empty),
        Op::UpdateDelegation => (dp, Body::Json(json!({"purpose": unique("Mục đích")}))),
        Op::DeleteDelegation => {
            let id = fresh_delegation(app, w, side, false).await;
            (fixtures::path(id), Body::Empty)
        }
        Op::TransitionDelegation => {
            let id = fresh_delegation(app, w, side, true).await;
            let path = format!("{}/transitions", fixtures::path(id));
            (path, Body::Json(fixtures::payload("submit")))
        }
        Op::ReviewDelegation => (format!("{dp}/security-review"), Body::Json(review_body())),
        Op::DelegationHistory => (format!("{dp}/history"), Body::Empty),
        Op::ListMembers => (format!("{dp}/members"), Body::Empty),
        Op::AddMember => (
            format!("{dp}/members"),
            Body::Json(fixtures::member_body("Suzuki Ichiro")),
        ),
        Op::UpdateMember => (
            format!("{dp}/members/{}", d.member),
            Body::Json(json!({"position": unique("Chức vụ")})),
        ),
        Op::RemoveMember => {
            let member =
                fixtures::add_member(app, fa, d.id, fixtures::member_body("Park Ji-hoon")).await;
            (format!("{dp}/members/{}", json_id(&member)), Body::Empty)
        }
        Op::ListItems => (format!("{dp}/itinerary"), Body::Empty),
        Op::AddItem => (
            format!("{dp}/itinerary"),
            Body::Json(item_body(11, "13:00", "14:00")),
        ),
        Op::UpdateItem => (
            format!("{dp}/itinerary/{}", d.item),
            Body::Json(json!({"title": unique("Làm việc")})),
        ),
        Op::DeleteItem => {
            let item = fixtures::add_item(app, fa, d.id, item_body(12, "08:00", "09:00")).await;
            (format!("{dp}/itinerary/{}", json_id(&item)), Body::Empty)
        }
        Op::ImportItinerary => (
            format!("{dp}/itinerary/import"),
            Body::Calendar(calendar_body()),
        ),
        Op::Inbox => ("/api/v1/inbox".to_owned(), Body::Empty),
        Op::DelegationDeadlines => (format!("{dp}/deadlines"), Body::Empty),
        Op::AccreditationDeadlines => (
            format!(
                "{}/deadlines",
                press::accreditation_path(w.draft_accreditation)
            ),
            Body::Empty,
        ),
        Op::GetSettings => ("/api/v1/settings".to_owned(), Body::Empty),
        Op::UpdateSettings => (
            "/api/v1/settings".to_owned(),
            Body::Json(json!({"saturday_working": false})),
        ),
        Op::CalendarDays => (
            "/api/v1/calendar/days?from=2027-02-01&to=2027-02-28".to_owned(),
            Body::Empty,
        ),
        Op::ListSwaps => ("/api/v1/calendar/swaps?year=2026".to_owned(), Body::Empty),
        Op::ReplaceSwaps => (
            "/api/v1/calendar/swaps?year=2031".to_owned(),
            Body::Json(
                json!({"items": [{"date": "2031-01-02", "working": false, "note": "Nghỉ hoán đổi"}]}),
            ),
        ),
        Op::PutSwap => (
            "/api/v1/calendar/swaps".to_owned(),
            Body::Json(json!({"date": "2032-01-02", "working": false, "note": "Nghỉ hoán đổi"})),
        ),
        Op::DeleteSwap => {
            // A swap of its own each time, on a day no other case uses.
            let offset = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * 7;
            let date =
                chrono::NaiveDate::from_ymd_opt(2033, 1, 1).unwrap() + chrono::Days::new(offset);
            app.post(
                "/api/v1/calendar/swaps",
                &w.cast.admin.token,
                json!({"date": date, "working": false, "note": "Để xóa"}),
            )
            .await
            .ok(200);
            (format!("/api/v1/calendar/swaps/{date}"), Body::Empty)
        }
        Op::Schedule => (
            format!("/api/v1/schedule?from={}&to={}", day(0), day(30)),
            Body::Empty,
        ),
        Op::ListSubscriptions => ("/api/v1/calendar/subscriptions".to_owned(), Body::Empty),
        Op::CreateSubscription => (
            "/api/v1/calendar/subscriptions".to_owned(),
            Body::Json(json!({"name": "Lịch đoàn vào"})),
        ),
        Op::RevokeSubscription => {
            let owner = match (side, &token) {
                (Side::Own, Some(token)) => token.clone(),
                _ => w.stranger.1.clone(),
            };
            let sub = app
                .post(
                    "/api/v1/calendar/subscriptions",
                    &owner,
                    json!({"name": "Để thu hồi"}),
                )
                .await
                .ok(201);
            (
                format!("/api/v1/calendar/subscriptions/{}", json_id(&sub)),
                Body::Empty,
            )
        }
        Op::ListReporters => (format!("{}?limit=500", press::REPORTERS), Body::Empty),
        Op::CreateReporter => (
            press::REPORTERS.to_owned(),
            Body::Json(press::reporter_body("JP")),
        ),
        Op::GetReporter => (press::reporter_path(w.reporters.foreign), Body::Empty),
        Op::UpdateReporter => (
            press::reporter_path(w.reporters.foreign),
            Body::Json(json!({"position": unique("camera")})),
        ),
        Op::ListAccreditations => (format!("{}?limit=500", press::ACCREDITATIONS), Body::Empty),
        Op::CoveringAccreditations => (
            format!("{}/covering?date={}", press::ACCREDITATIONS, press::DAY),
            Body::Empty,
        ),
        Op::CreateAccreditation => (
            press::ACCREDITATIONS.to_owned(),
            Body::Json(accreditation_body(&w.reporters)),
        ),
        Op::GetAccreditation => (
            press::accreditation_path(w.draft_accreditation),
            Body::Empty,
        ),
        Op::UpdateAccreditation => (
            press::accreditation_path(w.draft_accreditation),
            Body::Json(json!({"topics": unique("Du lịch cộng đồng")})),
        ),
        Op::TransitionAccreditation => {
            let fresh =
                press::create_accreditation(app, fa, accreditation_body(&w.reporters)).await;
            let path = format!("{}/transitions", press::accreditation_path(json_id(&fresh)));
            (path, Body::Json(press::transition("submit")))
        }
        Op::ReviewAccreditation => (
            format!(
                "{}/security-review",
                press::accreditation_path(w.draft_accreditation)
            ),
            Body::Json(review_body()),
        ),
        Op::ListActivities | Op::AddActivity => {
            let path = format!(
                "{}/activities",
                press::accreditation_path(w.approved_accreditation)
            );
            let body = match op {
                Op::AddActivity => Body::Json(press::activity_body(
                    &format!("{}T13:00", day(11)),
                    &format!("{}T15:00", day(11)),
                    press::PLACES[1],
                )),
                _ => Body::Empty,
            };
            (path, body)
        }
        Op::UpdateActivity | Op::TransitionActivity => {
            // A fresh activity for each case: a cancelled one is closed.
            let activity = schedule::activity(
                app,
                &w.cast,
                w.approved_accreditation,
                press::activity_body(
                    &format!("{}T16:00", day(11)),
                    &format!("{}T17:00", day(11)),
                    press::PLACES[1],
                ),
            )
            .await;
            let path = format!(
                "{}/activities/{activity}",
                press::accreditation_path(w.approved_accreditation)
            );
            match op {
                Op::UpdateActivity => (path, Body::Json(json!({"title": unique("Quay phim")}))),
                _ => (
                    format!("{path}/transitions"),
                    Body::Json(press::transition("cancel")),
                ),
            }
        }
        Op::ListInterviews => (format!("{}?limit=500", press::INTERVIEWS), Body::Empty),
        Op::CreateInterview => (press::INTERVIEWS.to_owned(), Body::Json(interview_body(w))),
        Op::GetInterview => (press::interview_path(w.interview), Body::Empty),
        Op::UpdateInterview => (
            press::interview_path(w.interview),
            Body::Json(json!({"place": unique("Nhà khách UBND tỉnh")})),
        ),
        Op::TransitionInterview => {
            let fresh = press::create_interview(app, po, interview_body(w)).await;
            let path = format!("{}/transitions", press::interview_path(json_id(&fresh)));
            (path, Body::Json(press::transition("approve")))
        }
        Op::ListConferences => (format!("{}?limit=500", press::CONFERENCES), Body::Empty),
        Op::CreateConference => (press::CONFERENCES.to_owned(), Body::Json(conference_body())),
        Op::GetConference => (press::conference_path(w.conference), Body::Empty),
        Op::UpdateConference => (
            press::conference_path(w.conference),
            Body::Json(json!({"venue": unique("Hội trường")})),
        ),
        Op::TransitionConference => {
            let fresh = press::create_conference(app, po, conference_body()).await;
            let path = format!("{}/transitions", press::conference_path(json_id(&fresh)));
            (path, Body::Json(press::transition("announce")))
        }
        Op::ListAttendees | Op::AddAttendee => {
            let path = format!("{}/attendees", press::conference_path(w.conference));
            let body = match op {
                Op::AddAttendee => Body::Json(press::attendee_body(
                    "Báo Hòa Bình",
                    &unique("Phóng viên"),
                    None,
                )),
                _ => Body::Empty,
            };
            (path, body)
        }
        Op::InterviewDeadlines => (
            format!("{}/deadlines", press::interview_path(w.interview)),
            Body::Empty,
        ),
        Op::ConferenceDeadlines => (
            format!("{}/deadlines", press::conference_path(w.conference)),
            Body::Empty,
        ),
        Op::ExportDelegations => ("/api/v1/exports/delegations".to_owned(), Body::Empty),
        Op::ExportMembers => (
            format!("/api/v1/exports/delegations/{}/members", d.id),
            Body::Empty,
        ),
        Op::ExportReporters => ("/api/v1/exports/reporters".to_owned(), Body::Empty),
        Op::ExportAccreditations => ("/api/v1/exports/accreditations".to_owned(), Body::Empty),
        Op::ExportInterviews => ("/api/v1/exports/interviews".to_owned(), Body::Empty),
        Op::ExportConferences => ("/api/v1/exports/press-conferences".to_owned(), Body::Empty),
        Op::ExportSchedule => (
            format!("/api/v1/exports/schedule?from={}&to={}", day(0), day(30)),
            Body::Empty,
        ),
        Op::ExportAudit => ("/api/v1/exports/audit".to_owned(), Body::Empty),
        Op::ReportFigures => {
            let unit = w.unit_of(side).get();
            (
                format!("/api/v1/reports/figures?period={PERIOD}&unit_id={unit}"),
                Body::Empty,
            )
        }
        Op::ReportsOverview => (
            format!("/api/v1/reports/overview?period={PERIOD}"),
            Body::Empty,
        ),
        Op::ProvinceDocument => (
            format!("/api/v1/reports/province-document?period={PERIOD}"),
            Body::Empty,
        ),
        Op::ListUnitReports => ("/api/v1/unit-reports?limit=500".to_owned(), Body::Empty),
        Op::CreateUnitReport => {
            // `Own`: the caller's unit, by default; `Other`: a unit named.
            let mut body = json!({"period": fresh_period(), "results": "Đón 2 đoàn vào."});
            if side == Side::Other {
                body["unit_id"] = json!(w.other_unit.get());
            }
            ("/api/v1/unit-reports".to_owned(), Body::Json(body))
        }
        Op::GetUnitReport | Op::UpdateUnitReport | Op::UnitReportDocument => {
            let id = match side {
                Side::Other => w.other_report,
                _ => w.own_report,
            };
            let path = format!("/api/v1/unit-reports/{id}");
            match op {
                Op::UpdateUnitReport => (path, Body::Json(json!({"proposals": unique("Đề xuất")}))),
                Op::UnitReportDocument => (format!("{path}/document"), Body::Empty),
                _ => (path, Body::Empty),
            }
        }
        Op::TransitionUnitReport => {
            let id = fresh_report(app, w, side).await;
            let path = format!("/api/v1/unit-reports/{id}/transitions");
            (path, Body::Json(json!({"action": "submit"})))
        }
    };
    (path, token, body)
}

async fn send(app: &TestApp, case: &Case) -> Reply {
    let mut req = app.request(case.method.clone(), &case.path);
    if let Some(token) = &case.token {
        req = req.bearer_auth(token);
    }
    match &case.body {
        Body::Empty => app.finish(req.send()).await,
        Body::Json(body) => app.finish(req.send_json(body)).await,
        Body::Calendar(text) => {
            let req = req.insert_header(("content-type", "text/calendar"));
            app.finish(req.send_body(text.clone())).await
        }
    }
}

// ---------------------------------------------------------------------------
// What an answer must not carry.

/// A feed's text as a calendar app reads it: lines unfolded, text unescaped.
fn unfolded(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\\\", "\\")
}

/// Keys `role` may not be shown, wherever they are in `value`.
fn forbidden_keys(value: &Value, role: Role, under_review: bool, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let personal = PERSONAL_KEYS.contains(&key.as_str());
                let note = key == "security_notes" || (under_review && key == "notes");
                if (personal && !SEES_PERSONAL_DATA.contains(&role))
                    || (note && !SEES_NOTES.contains(&role))
                {
                    found.push(format!("key `{key}`"));
                }
                forbidden_keys(inner, role, key == "security_review", found);
            }
        }
        Value::Array(items) => {
            for inner in items {
                forbidden_keys(inner, role, false, found);
            }
        }
        _ => {}
    }
}

/// What of the secrets `reply` shows that `role` (the owner of a feed, or
/// `None` for the public feed) may not see; and which secrets it shows.
fn leaks(reply: &Reply, role: Option<Role>, seen: &mut BTreeSet<&'static str>) -> Vec<String> {
    let is_feed = reply
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/calendar"));
    // Exports (CSV, .xlsx) and documents (.docx) have no keys to search:
    // their text is searched as it is (a zipped file's is not readable, so
    // those are checked by their own tests).
    let is_json = reply
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/json"));
    let mut found = Vec::new();
    let text = if is_feed {
        unfolded(&reply.text())
    } else {
        if let (Some(role), true) = (role, is_json) {
            forbidden_keys(&reply.json(), role, false, &mut found);
        }
        reply.text()
    };
    for secret in &SECRETS {
        if !text.contains(secret.text) {
            continue;
        }
        seen.insert(secret.what);
        let allowed = match role {
            _ if is_feed && secret.never_in_feeds => false,
            Some(role) => secret.readers.contains(&role),
            None => false,
        };
        if !allowed {
            found.push(secret.what.to_owned());
        }
    }
    found.sort();
    found.dedup();
    found
}

// ---------------------------------------------------------------------------
// The test.

async fn every_operation_answers_every_role_as_the_design_says(app: TestApp) {
    let started = Instant::now();

    // Arrange: the document's operations are the table's, no more, no less.
    let document = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .ok(200);
    let uncovered = coverage(&document);
    assert!(uncovered.is_empty(), "{}", uncovered.join("\n"));
    let world = World::new(&app).await;

    // Arrange: one request per operation × caller × side.
    let mut cases = Vec::new();
    for (op, method, template, rule) in OPERATIONS {
        let callers = std::iter::once(None).chain(Role::ALL.into_iter().map(Some));
        for role in callers {
            for &side in sides(op, rule, role) {
                let (path, token, body) = prepare(&app, &world, op, role, side).await;
                cases.push(Case {
                    op,
                    template,
                    role,
                    side,
                    want: expected(rule, role, side),
                    method: Method::from_bytes(method.as_bytes()).unwrap(),
                    path,
                    token,
                    body,
                });
            }
        }
    }

    // Act: the writes first, then the reads (so that they see what the
    // writes left), a few at a time.
    let (reads, writes): (Vec<&Case>, Vec<&Case>) =
        cases.iter().partition(|c| c.method == Method::GET);
    let mut replies = Vec::new();
    for batch in batches(writes).into_iter().chain(batches(reads)) {
        let answers = join_all(batch.iter().map(|case| send(&app, case))).await;
        replies.extend(batch.into_iter().zip(answers));
    }

    // Assert: each status as the table says; no secret where it must not be.
    let mut wrong = Vec::new();
    let mut seen: HashMap<Option<Role>, BTreeSet<&'static str>> = HashMap::new();
    let mut declared = crate::conformance::Conformance::new(&document);
    let (mut answers, mut feeds) = (0, 0);
    for (case, reply) in &replies {
        match check(case, reply, &mut seen, &mut wrong) {
            Some(Scanned::Answer) => answers += 1,
            Some(Scanned::Feed) => feeds += 1,
            None => {}
        }
        // Each answer as the document declares it (status, headers, body).
        for shape in declared.check(case.method.as_str(), case.template, reply) {
            wrong.push(format!("{}: {shape}", case.describe()));
        }
    }
    wrong.extend(declared.always_sent());
    // Not vacuous: whoever may see a secret did see it somewhere.
    for role in Role::ALL {
        let seen = seen.get(&Some(role)).cloned().unwrap_or_default();
        for secret in SECRETS.iter().filter(|s| s.readers.contains(&role)) {
            if !seen.contains(secret.what) {
                wrong.push(format!(
                    "{role} may see {} but no answer showed it: the fixtures do not exercise it",
                    secret.what
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} disagreements with DESIGN.md in {} requests:\n{}",
        wrong.len(),
        replies.len(),
        wrong.join("\n")
    );

    let with_login = cases.iter().filter(|c| c.role.is_some()).count();
    crate::helpers::report_figure(
        "authorization_matrix",
        &format!(
            "{} operations × {} roles × own/other unit where the route takes a record = {with_login} cases \
             checked, + {} without a login; {answers} JSON answers and {feeds} iCal feeds searched for \
             personal data and police notes ({:?}, {:.1} s)",
            OPERATIONS.len(),
            Role::ALL.len(),
            cases.len() - with_login,
            app.engine,
            started.elapsed().as_secs_f64(),
        ),
    );
}

/// Where the OpenAPI document and `OPERATIONS` part: an operation the table
/// does not cover, a row the document no longer has, or a route public in
/// one and behind a login in the other.
fn coverage(document: &Value) -> Vec<String> {
    const METHODS: [&str; 8] = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
    ];
    let mut documented = BTreeSet::new();
    let mut wrong = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            // `[{}]`, the empty requirement, says that no login is needed.
            let secured = operation["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|r| !r.is_empty()))
            });
            match OPERATIONS.iter().find(|o| o.1 == method && o.2 == path) {
                None => wrong.push(format!(
                    "{method} {path} is in the OpenAPI document but not in the matrix: add a row to OPERATIONS"
                )),
                Some((_, _, _, rule)) => {
                    let public = matches!(rule, Rule::Public { .. });
                    if secured == public {
                        wrong.push(format!(
                            "{method} {path}: the document {} a bearer token, the matrix says it is {}",
                            if secured { "asks for" } else { "does not ask for" },
                            if public { "public" } else { "for logged-in users" },
                        ));
                    }
                }
            }
            documented.insert((method, path.clone()));
        }
    }
    for (_, method, path, _) in &OPERATIONS {
        if !documented.contains(&((*method).to_owned(), (*path).to_owned())) {
            wrong.push(format!(
                "{method} {path} is in the matrix but no longer in the OpenAPI document"
            ));
        }
    }
    wrong
}

/// What `check` searched.
enum Scanned {
    Answer,
    Feed,
}

/// Checks one answer: the status the table gives, a problem for an error,
/// and in what a role reads, nothing it may not see (`seen` collects which
/// secrets each reader was shown).
fn check(
    case: &Case,
    reply: &Reply,
    seen: &mut HashMap<Option<Role>, BTreeSet<&'static str>>,
    wrong: &mut Vec<String>,
) -> Option<Scanned> {
    let got = reply.status.as_u16();
    if got != case.want {
        wrong.push(format!(
            "{}: expected {}, got {got}: {}",
            case.describe(),
            case.want,
            excerpt(&reply.text())
        ));
        return None;
    }
    if got >= 400 && reply.header("content-type").as_deref() != Some("application/problem+json") {
        wrong.push(format!(
            "{}: {got} is not a problem+json answer",
            case.describe()
        ));
    }
    if case.method != Method::GET || got != 200 || matches!(case.op, Op::Healthz | Op::Readyz) {
        return None;
    }
    // The public feed is nobody's: it may carry only what needs no login.
    let owner = if case.op == Op::PublicFeed {
        None
    } else {
        case.role
    };
    for leak in leaks(reply, owner, seen.entry(owner).or_default()) {
        wrong.push(format!("{}: the answer shows {leak}", case.describe()));
    }
    // Not vacuous: each feed holds what its owner sees.
    let must_hold = match case.op {
        Op::PublicFeed => "Họp báo định kỳ quý IV",
        Op::SubscriptionFeed => "Đoàn doanh nghiệp tỉnh Shizuoka",
        _ => return Some(Scanned::Answer),
    };
    if !unfolded(&reply.text()).contains(must_hold) {
        wrong.push(format!("{}: the feed lacks “{must_hold}”", case.describe()));
    }
    Some(Scanned::Feed)
}

/// `cases` in groups of a few, sent at once; never two to the same path in
/// one group, so that the answers are decided by who asks and not by which
/// of two changes to one record comes first.
fn batches(cases: Vec<&Case>) -> Vec<Vec<&Case>> {
    const AT_ONCE: usize = 6;
    let mut batches: Vec<Vec<&Case>> = Vec::new();
    for case in cases {
        let free = batches
            .iter_mut()
            .find(|b| b.len() < AT_ONCE && b.iter().all(|other| other.path != case.path));
        match free {
            Some(batch) => batch.push(case),
            None => batches.push(vec![case]),
        }
    }
    batches
}

/// The start of an answer, for a failure message.
fn excerpt(text: &str) -> String {
    text.chars().take(300).collect()
}

// ---------------------------------------------------------------------------
// PATCH bodies: `null` only where the document says it clears.

/// Every property of every PATCH body that the document does not declare
/// nullable, sent as `null` (and each such property of a nested object, as
/// `{"deadlines": {"report_days": null}}`) by the administrator on a record
/// the administrator may change: 422 naming it, and nothing written. A
/// field that cannot be cleared once took `null` as "leave it", which a
/// client meaning "clear it" never learnt (issue 12).
async fn a_patch_refuses_null_wherever_the_document_says_a_field_is_not_nullable(app: TestApp) {
    let (document, targets) = patch_targets(&app).await;
    let mut tried = 0;
    for (template, path, token) in targets {
        let schema = body_schema(&document, template);
        for body in null_bodies(&document, &schema) {
            let newest = fixtures::newest_audit_entry(&app).await;
            let mut req = app.request(Method::PATCH, &path);
            if let Some(token) = &token {
                req = req.bearer_auth(token);
            }
            let reply = app.finish(req.send_json(&body.0)).await;
            let problem = reply.problem(422);
            assert_eq!(
                problem["errors"][0]["field"], body.1,
                "PATCH {template} {}: {problem}",
                body.0
            );
            assert_eq!(
                fixtures::newest_audit_entry(&app).await,
                newest,
                "PATCH {template} {} wrote",
                body.0
            );
            tried += 1;
        }
    }
    // The twelve PATCH bodies hold about a hundred such fields.
    assert!(tried > 80, "only {tried} fields tried");
}

/// Every string property of every PATCH body one character longer than the
/// document's `maxLength`, sent with an `If-Match` that names no version:
/// 422 naming the field, not 412. The body is wrong whatever the version,
/// and a client that reads the version again and resends gets the 422 then
/// (schemathesis found a member's `position` answered 412).
async fn a_patch_checks_its_body_before_the_version_it_names(app: TestApp) {
    let (document, targets) = patch_targets(&app).await;
    let mut tried = 0;
    for (template, path, token) in targets {
        let schema = body_schema(&document, template);
        for (name, property) in schema["properties"].as_object().into_iter().flatten() {
            let Some(most) = property["maxLength"].as_u64() else {
                continue;
            };
            let long = "x".repeat(usize::try_from(most).unwrap() + 1);
            let mut req = app
                .request(Method::PATCH, &path)
                .insert_header(("If-Match", "\"999999\""));
            if let Some(token) = &token {
                req = req.bearer_auth(token);
            }
            let reply = app.finish(req.send_json(&json!({ name: long }))).await;
            assert_eq!(
                reply.status.as_u16(),
                422,
                "PATCH {template} {name}: {}",
                reply.text()
            );
            let problem = reply.problem(422);
            assert_eq!(
                problem["errors"][0]["field"], *name,
                "PATCH {template} {name}: {problem}"
            );
            tried += 1;
        }
    }
    assert!(tried > 40, "only {tried} fields tried");
}

/// The document, and each PATCH operation's template with a record the
/// administrator may change by it (its path and the token to send).
async fn patch_targets(app: &TestApp) -> (Value, Vec<(&'static str, String, Option<String>)>) {
    let document = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .ok(200);
    let world = World::new(app).await;
    let admin = Some(Role::Admin);
    let mut targets = Vec::new();
    for (op, method, template, rule) in OPERATIONS {
        if method != "PATCH" {
            continue;
        }
        let side = *sides(op, rule, admin)
            .iter()
            .find(|&&side| expected(rule, admin, side) == 200)
            .unwrap_or_else(|| panic!("{template}: no record the administrator may change"));
        let (path, token, _) = prepare(app, &world, op, admin, side).await;
        targets.push((template, path, token));
    }
    (document, targets)
}

/// The request body schema of `PATCH template`, its `$ref` followed.
fn body_schema(document: &Value, template: &str) -> Value {
    let body = &document["paths"][template]["patch"]["requestBody"]["content"]["application/json"]
        ["schema"];
    resolved(document, body)
}

fn resolved(document: &Value, schema: &Value) -> Value {
    match schema["$ref"].as_str() {
        Some(name) => {
            let name = name.trim_start_matches("#/components/schemas/");
            document["components"]["schemas"][name].clone()
        }
        None => schema.clone(),
    }
}

/// Whether a property's schema takes `null`: `type` naming it, or a
/// `oneOf`/`anyOf` with a null branch.
fn nullable(schema: &Value) -> bool {
    let null_type = |s: &Value| match &s["type"] {
        Value::String(t) => t == "null",
        Value::Array(types) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    null_type(schema)
        || ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| schema[*k].as_array())
            .flatten()
            .any(null_type)
}

/// The bodies that set one not-nullable property (or one of a nested
/// object's) to `null`, each with the field the answer must name.
fn null_bodies(document: &Value, schema: &Value) -> Vec<(Value, String)> {
    let mut out = Vec::new();
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        if nullable(property) {
            continue;
        }
        out.push((json!({ name: null }), name.clone()));
        // A nested patch (every property optional), not a whole value.
        let inner = resolved(document, property);
        let patch =
            inner["type"] == "object" && inner["required"].as_array().is_none_or(|r| r.is_empty());
        for (inner_name, inner_property) in inner["properties"].as_object().into_iter().flatten() {
            if patch && !nullable(inner_property) {
                out.push((
                    json!({ name: { inner_name: null } }),
                    format!("{name}.{inner_name}"),
                ));
            }
        }
    }
    out
}
