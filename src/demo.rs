//! `serve --demo`: the province's units, one user per role, delegations
//! in both directions and every state, and the press side (reporters,
//! accreditations in every state, interviews, press conferences). Loading
//! twice adds nothing twice.

mod delegations;
mod effects;
mod incoming_asia;
mod incoming_others;
mod outgoing_asia;
mod outgoing_europe;
mod press;
mod press_calendar;
#[cfg(test)]
mod press_checks;
mod press_effects;
mod press_events;
mod press_interviews;
mod press_lookup;
mod press_people;
mod press_spec;
mod spec;

use crate::db::{self, Actor, Db, unit::NewUnit, user::NewUser};
use crate::domain::ids::UnitId;
use crate::domain::report::settings::ProvinceName;
use crate::domain::role::{Caller, Role};
use crate::domain::unit::UnitKind;
use crate::domain::user::{NewPassword, Username};
use crate::error::{ApiError, ApiResult};

/// Every demo user's password (printed at start; never use it in production).
pub const DEMO_PASSWORD: &str = "visitdesk-demo";

/// The demo's province, as its reports name it: its newspaper is Báo Hòa
/// Bình, its district Mai Châu, its places Hòa Bình's.
const PROVINCE: &str = "Hòa Bình";

/// The units of the province's plan for foreign-information work.
const UNITS: &[(&str, &str, UnitKind)] = &[
    (
        "Văn phòng UBND tỉnh",
        "Provincial People's Committee Office",
        UnitKind::ProvincialOffice,
    ),
    (
        "Sở Ngoại vụ",
        "Department of Foreign Affairs",
        UnitKind::ForeignAffairs,
    ),
    ("Công an tỉnh", "Provincial Police", UnitKind::Police),
    (
        "Sở Thông tin và Truyền thông",
        "Department of Information and Communications",
        UnitKind::Information,
    ),
    (
        "Sở Kế hoạch và Đầu tư",
        "Department of Planning and Investment",
        UnitKind::Department,
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        UnitKind::Department,
    ),
    (
        "Sở Công thương",
        "Department of Industry and Trade",
        UnitKind::Department,
    ),
    (
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Provincial Industrial Zones Authority",
        UnitKind::Department,
    ),
    (
        "Sở Tài chính",
        "Department of Finance",
        UnitKind::Department,
    ),
    (
        "Bộ Chỉ huy quân sự tỉnh",
        "Provincial Military Command",
        UnitKind::Other,
    ),
    ("Báo Hòa Bình", "Hoa Binh Newspaper", UnitKind::Press),
    (
        "UBND huyện Mai Châu",
        "Mai Chau District People's Committee",
        UnitKind::District,
    ),
];

/// One user per role: (username, display name, role, unit name).
const USERS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "Quản trị hệ thống", Role::Admin, None),
    (
        "ngoaivu",
        "Trần Thị Thu Hà (Sở Ngoại vụ)",
        Role::ForeignAffairs,
        Some("Sở Ngoại vụ"),
    ),
    (
        "vanphong",
        "Lê Minh Tuấn (Văn phòng UBND tỉnh)",
        Role::ProvincialOffice,
        Some("Văn phòng UBND tỉnh"),
    ),
    (
        "congan",
        "Phạm Quốc Bảo (Công an tỉnh)",
        Role::Police,
        Some("Công an tỉnh"),
    ),
    (
        "donvi",
        "Nguyễn Thị Lan (Sở Kế hoạch và Đầu tư)",
        Role::HostUnit,
        Some("Sở Kế hoạch và Đầu tư"),
    ),
    (
        "xemtin",
        "Đỗ Văn Hùng (Sở Thông tin và Truyền thông)",
        Role::Viewer,
        Some("Sở Thông tin và Truyền thông"),
    ),
];

/// What the demo loaded, to print at start.
#[derive(Debug, Default)]
pub struct DemoSummary {
    pub units_created: usize,
    pub users: Vec<(String, Role)>,
    /// Delegations made by this load (none when they were there already).
    pub delegations_created: usize,
    /// Press-side records made by this load (none when they were there already).
    pub reporters_created: usize,
    pub accreditations_created: usize,
    pub interviews_created: usize,
    pub press_conferences_created: usize,
}

impl DemoSummary {
    pub fn describe(&self, address: &str) -> String {
        let mut out = format!(
            "visitdesk demo: open {address}/ in a browser (the console) and sign in as one of \
             the users below; every demo user's password is `{DEMO_PASSWORD}`. Try `donvi` \
             (a host unit), `ngoaivu` (Sở Ngoại vụ) and `congan` (the police).\n\
             API {address}/api/v1 (log in with POST {address}/api/v1/auth/login \
             {{\"username\", \"password\"}}), documentation {address}/docs\n"
        );
        for (username, role) in &self.users {
            out.push_str(&format!("  {username:<10} {role}\n"));
        }
        if self.delegations_created > 0 {
            out.push_str(&format!(
                "Loaded {} demo delegations, incoming and outgoing, in every state \
                 (`donvi` hosts some: see its GET {address}/api/v1/inbox).\n",
                self.delegations_created
            ));
        }
        let press = self.reporters_created
            + self.accreditations_created
            + self.interviews_created
            + self.press_conferences_created;
        if press > 0 {
            out.push_str(&format!(
                "Loaded {} reporters, {} accreditations (every state), {} interviews and \
                 {} press conferences (`ngoaivu` and `congan`: see their GET {address}/api/v1/inbox).\n",
                self.reporters_created,
                self.accreditations_created,
                self.interviews_created,
                self.press_conferences_created
            ));
        }
        out
    }
}

/// Loads the demo data set; what exists already is left as it is.
pub fn load(db: &Db) -> ApiResult<DemoSummary> {
    let actor = Actor::system("demo");
    let mut summary = DemoSummary::default();
    for (name, name_en, kind) in UNITS {
        let created = db.write_blocking(&actor, |conn| {
            if db::unit::find_by_name(conn, name)?.is_some() {
                return Ok(db::Audited::unchanged(false));
            }
            let new = NewUnit {
                name: (*name).to_owned(),
                name_en: (*name_en).to_owned(),
                kind: *kind,
            };
            Ok(crate::model::unit::insert(conn, &new)?.map(|_| true))
        })?;
        summary.units_created += usize::from(created);
    }
    let password = NewPassword::parse(DEMO_PASSWORD).map_err(ApiError::internal)?;
    let hash = crate::http::auth::hash_password(&password)?;
    for (username, display_name, role, unit) in USERS {
        db.write_blocking(&actor, |conn| {
            let username = Username::parse(username).map_err(ApiError::internal)?;
            if db::user::username_taken(conn, username.as_str())? {
                return Ok(db::Audited::unchanged(()));
            }
            let unit_id = match unit {
                Some(name) => Some(unit_id(conn, name)?),
                None => None,
            };
            let new = NewUser {
                username,
                display_name: (*display_name).to_owned(),
                unit_id,
                role: *role,
                password_hash: hash.clone(),
            };
            Ok(crate::model::user::insert(conn, &new)?.map(|_| ()))
        })?;
        summary.users.push(((*username).to_owned(), *role));
    }
    name_the_province(db, &actor)?;
    summary.delegations_created = delegations::load(db, &actor)?;
    let press = press::load(db, &actor)?;
    summary.reporters_created = press.reporters;
    summary.accreditations_created = press.accreditations;
    summary.interviews_created = press.interviews;
    summary.press_conferences_created = press.conferences;
    Ok(summary)
}

/// Names the province in the report settings, as its administrator would
/// (through `model::settings::update`), unless a name is set already. The
/// compiling unit is left unnamed: the administrator compiles, as the
/// browser walk of the reports expects.
fn name_the_province(db: &Db, actor: &Actor) -> ApiResult<()> {
    db.write_blocking(actor, |conn| {
        let current = crate::model::settings::get(conn)?;
        let admin = db::user::find_for_login(conn, "admin")?
            .map(|(u, _)| u)
            .filter(|u| u.role == Role::Admin);
        let Some(admin) = admin else {
            return Ok(db::Audited::unchanged(()));
        };
        if !current.values.reports.province_name.is_empty() {
            return Ok(db::Audited::unchanged(()));
        }
        let mut new = current.values;
        new.reports.province_name =
            ProvinceName::try_from(PROVINCE.to_owned()).map_err(ApiError::internal)?;
        let caller = Caller {
            id: admin.id,
            role: admin.role,
            unit: admin.unit_id,
        };
        Ok(crate::model::settings::update(conn, caller, Some(current.version), new)?.map(|_| ()))
    })
}

fn unit_id(conn: &mut db::AnyConnection, name: &str) -> ApiResult<UnitId> {
    db::unit::find_by_name(conn, name)?
        .map(|u| u.id)
        .ok_or_else(|| ApiError::internal(format_args!("demo unit {name} is missing")))
}
