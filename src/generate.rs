//! `visitdesk generate`: fills a database with the records of years of a
//! busy province, for the benchmark (`bench/run`) and for trying the service
//! at volume. At `--scale 1`: 20,000 delegations with 200,000 members and
//! 800,000 itinerary items, 20,000 reporters, 10,000 accreditations with
//! 200,000 press activities, 35,000 interviews and 15,000 press conferences,
//! their security reviews and audit entries — over ten years that end six
//! months from today, so that the schedule of any week holds what a busy
//! week holds.
//!
//! Rows are written in multi-row inserts, a few thousand per transaction,
//! not through the API: the API's per-record path is what the benchmark
//! measures, and a million audited requests would take an hour. The rows
//! are the shape the API writes (statuses consistent with dates, references
//! numbered per year with the counters set, folded search text, one audit
//! entry per create and per workflow step), from a seeded generator, so two
//! runs with the same seed and day give the same database.

use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use clap::Args;
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::config::DatabaseArgs;
use crate::db::schema::{
    accreditation_reporters, accreditations, audit_entries, delegation_members, delegations,
    interview_reporters, interviews, itinerary_items, press_activities, press_conference_attendees,
    press_conferences, reference_counters, reporters, security_reviews, units,
};
use crate::db::{AnyConnection, DatabaseUrl, Db, PoolOptions};
use crate::domain::reference::{Series, format as reference};
use crate::domain::text::fold;
use crate::domain::time::PROVINCE_TZ;

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// 1 = ten years of a busy province (1,000,000 itinerary items and press
    /// activities); 0.01 for a quick try.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Seed of the generator: the same seed gives the same records.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// How many of each record `scale` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Volume {
    pub delegations: usize,
    pub members_per_delegation: usize,
    pub items_per_delegation: usize,
    pub reporters: usize,
    pub accreditations: usize,
    pub activities_per_accreditation: usize,
    pub interviews: usize,
    pub conferences: usize,
}

impl Volume {
    pub fn at(scale: f64) -> Self {
        let n = |full: f64| ((full * scale).round() as usize).max(1);
        Self {
            delegations: n(20_000.0),
            members_per_delegation: 10,
            items_per_delegation: 40,
            reporters: n(20_000.0),
            accreditations: n(10_000.0),
            activities_per_accreditation: 20,
            interviews: n(35_000.0),
            conferences: n(15_000.0),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct CommitCeilingArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// How long to keep committing.
    #[arg(long, default_value_t = 5.0)]
    pub seconds: f64,
    /// SQLite only: measure with another `synchronous` setting than the
    /// service's FULL (NORMAL, OFF), to show what the durability costs.
    #[arg(long)]
    pub synchronous: Option<String>,
}

/// The write ceiling the benchmark compares audited creates with: one
/// connection, prepared exactly as the service's writer is (on SQLite: WAL,
/// synchronous=FULL), inserting one delegation-sized row per transaction
/// into a scratch table, as fast as it can. Returns commits per second.
pub fn commit_ceiling(args: &CommitCeilingArgs) -> Result<String, String> {
    let url = args.db.database().map_err(|e| e.to_string())?;
    let mut conn = url.connect().map_err(|e| e.to_string())?;
    crate::db::connection::prepare(&mut conn, false).map_err(|e| e.to_string())?;
    if let Some(setting) = &args.synchronous {
        let setting = match setting.to_ascii_uppercase().as_str() {
            s @ ("FULL" | "NORMAL" | "OFF") => s.to_owned(),
            _ => return Err("--synchronous must be FULL, NORMAL or OFF".into()),
        };
        if let AnyConnection::Sqlite(c) = &mut conn {
            diesel::sql_query(format!("PRAGMA synchronous = {setting}"))
                .execute(c)
                .map_err(|e| e.to_string())?;
        }
    }
    let run = |conn: &mut AnyConnection, sql: &str| {
        diesel::sql_query(sql)
            .execute(conn)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    run(&mut conn, "DROP TABLE IF EXISTS bench_commits")?;
    run(
        &mut conn,
        "CREATE TABLE bench_commits (n BIGINT PRIMARY KEY, body TEXT NOT NULL)",
    )?;
    let body = "x".repeat(600);
    let started = Instant::now();
    let mut commits: i64 = 0;
    while started.elapsed().as_secs_f64() < args.seconds {
        commits += 1;
        conn.transaction(|c| {
            diesel::sql_query("INSERT INTO bench_commits (n, body) VALUES ($1, $2)")
                .bind::<diesel::sql_types::BigInt, _>(commits)
                .bind::<diesel::sql_types::Text, _>(&body)
                .execute(c)
        })
        .map_err(|e| e.to_string())?;
    }
    let seconds = started.elapsed().as_secs_f64();
    run(&mut conn, "DROP TABLE bench_commits")?;
    Ok(format!(
        "{commits} commits in {seconds:.2} s: {:.0} commits/s",
        commits as f64 / seconds
    ))
}

/// What was written, for the command's report.
#[derive(Debug, Default)]
pub struct Generated {
    pub delegations: usize,
    pub members: usize,
    pub items: usize,
    pub reporters: usize,
    pub accreditations: usize,
    pub activities: usize,
    pub interviews: usize,
    pub conferences: usize,
    pub attendees: usize,
    pub audit_entries: usize,
    pub seconds: f64,
}

impl Generated {
    pub fn describe(&self) -> String {
        format!(
            "generated in {:.1} s: {} delegations, {} members, {} itinerary items, {} reporters, \
             {} accreditations, {} press activities, {} interviews, {} press conferences \
             ({} attendees), {} audit entries",
            self.seconds,
            self.delegations,
            self.members,
            self.items,
            self.reporters,
            self.accreditations,
            self.activities,
            self.interviews,
            self.conferences,
            self.attendees,
            self.audit_entries
        )
    }
}

/// Rows per multi-row INSERT: under SQLite's 32,766 bound parameters for
/// the widest table (17 columns).
const ROWS_PER_INSERT: usize = 1_000;

const ESCORTS: &[&str] = &[
    "Trung tá Lê Văn Hùng",
    "Thiếu tá Nguyễn Thị Lan",
    "Đại úy Trần Minh Đức",
    "Đại úy Phạm Quốc Bảo",
    "Thượng úy Võ Thị Hạnh",
    "Thiếu tá Đỗ Văn Nam",
    "Trung tá Bùi Thị Mai",
    "Đại úy Hoàng Văn Sơn",
    "Thượng úy Ngô Thị Thu",
    "Đại úy Đặng Văn Phúc",
    "Thiếu tá Lý Thị Hoa",
    "Đại úy Phan Văn Toàn",
];
const LEADERS: &[&str] = &[
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh Nguyễn Văn An",
    "Phó Chủ tịch UBND tỉnh Trần Thị Bình",
    "Bí thư Tỉnh ủy",
    "Giám đốc Sở Ngoại vụ",
    "Giám đốc Sở Kế hoạch và Đầu tư",
    "Giám đốc Sở Công Thương",
    "Chánh Văn phòng UBND tỉnh",
];
const PLACES: &[(&str, &str)] = &[
    ("Trụ sở UBND tỉnh", "Thành phố"),
    ("Sở Ngoại vụ", "Thành phố"),
    ("Khu công nghiệp Phú Tài", "Thành phố"),
    ("Cảng Quy Nhơn", "Thành phố"),
    ("Khách sạn Hải Âu", "Thành phố"),
    ("Trường Đại học Quy Nhơn", "Thành phố"),
    ("Bệnh viện Đa khoa tỉnh", "Thành phố"),
    ("Khu kinh tế Nhơn Hội", "Thị xã An Nhơn"),
    ("Nhà máy điện gió Phương Mai", "Huyện Tuy Phước"),
    ("Làng nghề Phước Hòa", "Huyện Tuy Phước"),
    ("Cụm tháp Bánh Ít", "Huyện Tuy Phước"),
    ("Bảo tàng Quang Trung", "Huyện Tây Sơn"),
    ("Trung tâm Hội nghị tỉnh", "Thành phố"),
    ("Nhà khách Tỉnh ủy", "Thành phố"),
    ("Hợp tác xã nông nghiệp Nhơn Lộc", "Thị xã An Nhơn"),
    ("Cảng cá Tam Quan", "Thị xã Hoài Nhơn"),
];
const PARTNERS: &[(&str, &str)] = &[
    ("JP", "Tỉnh Gifu"),
    ("KR", "Thành phố Gimhae"),
    ("CN", "Tỉnh Quảng Tây"),
    ("LA", "Tỉnh Champasak"),
    ("KH", "Tỉnh Ratanakiri"),
    ("TH", "Tỉnh Khon Kaen"),
    ("DE", "Hiệp hội doanh nghiệp Bavaria"),
    ("FR", "Vùng Bretagne"),
    ("US", "USAID"),
    ("AU", "Đại học Deakin"),
    ("SG", "Tập đoàn Sembcorp"),
    ("IN", "Bang Gujarat"),
];
const SURNAMES: &[&str] = &[
    "Tanaka",
    "Kim",
    "Wang",
    "Müller",
    "Martin",
    "Smith",
    "Nguyen",
    "Sato",
    "Park",
    "Li",
    "Dubois",
    "Johnson",
    "Phommachanh",
    "Sok",
    "Srisuk",
    "Kumar",
];
const GIVEN: &[&str] = &[
    "Haruto", "Min-jun", "Wei", "Anna", "Claire", "John", "Linh", "Yui", "Ji-woo", "Na", "Louis",
    "Emily", "Bounmy", "Dara", "Somchai", "Priya",
];
const OUTLETS: &[(&str, &str)] = &[
    ("NHK", "JP"),
    ("KBS", "KR"),
    ("Xinhua", "CN"),
    ("Deutsche Welle", "DE"),
    ("AFP", "FR"),
    ("Reuters", "GB"),
    ("AP", "US"),
    ("ABC News", "AU"),
    ("Channel NewsAsia", "SG"),
    ("The Hindu", "IN"),
    ("Nikkei Asia", "JP"),
    ("Yonhap", "KR"),
];

/// Opens (and migrates) the database, loads the demo data set (units, a
/// user per role), and adds `volume` on top.
pub fn run(args: &GenerateArgs) -> Result<Generated, String> {
    let url = args.db.database().map_err(|e| e.to_string())?;
    generate(&url, args.scale, args.seed)
}

/// Generates `scale` of the busy province into the database at `url`.
pub fn generate(url: &DatabaseUrl, scale: f64, seed: u64) -> Result<Generated, String> {
    if !(scale > 0.0 && scale <= 10.0) {
        return Err("--scale must be above 0 and at most 10".into());
    }
    let (db, _) = Db::open(url, PoolOptions::default()).map_err(|e| e.to_string())?;
    crate::demo::load(&db).map_err(|e| format!("loading the demo data: {e}"))?;
    drop(db);
    let mut conn = url.connect().map_err(|e| e.to_string())?;
    if let AnyConnection::Sqlite(c) = &mut conn {
        // A bulk load: a crash half-way means generating again, so the
        // commits need not wait for the disk. The service itself always
        // opens with synchronous=FULL.
        diesel::sql_query("PRAGMA synchronous = OFF")
            .execute(c)
            .map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    let mut out = Generator::new(&mut conn, Volume::at(scale), seed)?.run()?;
    out.seconds = started.elapsed().as_secs_f64();
    if let AnyConnection::Postgresql(c) = &mut conn {
        // Rows were given their ids: move each identity past them, so the
        // service's own creates do not meet them. (SQLite's AUTOINCREMENT
        // follows explicit ids by itself.)
        for table in [
            "delegations",
            "delegation_members",
            "itinerary_items",
            "security_reviews",
            "reporters",
            "accreditations",
            "press_activities",
            "interviews",
            "press_conferences",
            "press_conference_attendees",
            "audit_entries",
        ] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(c)
            .map_err(|e| e.to_string())?;
        }
    }
    diesel::sql_query("ANALYZE")
        .execute(&mut conn)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Runs one multi-row insert on whichever engine: diesel's batch insert is
/// implemented per backend, not for the multi-connection.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            AnyConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            AnyConnection::Postgresql(c) => diesel::insert_into($table).values($rows).execute(c),
        }
        .map_err(|e| e.to_string())
    };
}

/// The next id of a table: generated rows follow what is there (the demo's
/// records), with their ids given explicitly so that children can point at
/// them without reading them back.
macro_rules! next_id {
    ($conn:expr, $table:ident) => {
        $table::table
            .select(diesel::dsl::max($table::id))
            .first::<Option<i64>>($conn)
            .map_err(|e| e.to_string())?
            .unwrap_or(0)
            + 1
    };
}

/// Places besides the well-known ones: companies, schools and communes,
/// numbered, as a province has hundreds of places a visit can go to.
const SITES: &[&str] = &["Công ty", "Trường", "Xã", "Khu du lịch", "Nhà máy"];
const SITES_PER_KIND: u32 = 120;
const OFFICER_SURNAMES: &[&str] = &["Lê", "Nguyễn", "Trần", "Phạm", "Võ", "Đỗ"];
const OFFICER_NAMES: &[&str] = &[
    "Văn Hùng",
    "Thị Lan",
    "Minh Đức",
    "Quốc Bảo",
    "Thị Hạnh",
    "Văn Nam",
];

struct Generator<'c> {
    conn: &'c mut AnyConnection,
    /// The police's escort officers: 36, each with one visit at a time.
    escorts: Vec<String>,
    rng: StdRng,
    volume: Volume,
    units: Vec<i64>,
    first: NaiveDate,
    days: i64,
    out: Generated,
    audit: Vec<AuditRow>,
    counters: std::collections::BTreeMap<(&'static str, i32), i64>,
}

type AuditRow = (NaiveDateTime, &'static str, &'static str, i64, String);

impl<'c> Generator<'c> {
    fn new(conn: &'c mut AnyConnection, volume: Volume, seed: u64) -> Result<Self, String> {
        let units: Vec<i64> = units::table
            .filter(units::kind.ne("police"))
            .select(units::id)
            .order(units::id)
            .load(conn)
            .map_err(|e| e.to_string())?;
        if units.is_empty() {
            return Err("no units to host delegations".into());
        }
        let today = Utc::now().with_timezone(&PROVINCE_TZ).date_naive();
        let first = today - Duration::days(365 * 10 - 182);
        let escorts = OFFICER_SURNAMES
            .iter()
            .flat_map(|s| OFFICER_NAMES.iter().map(move |n| format!("Đại úy {s} {n}")))
            .collect();
        Ok(Self {
            conn,
            escorts,
            rng: StdRng::seed_from_u64(seed),
            volume,
            units,
            first,
            days: 365 * 10,
            out: Generated::default(),
            audit: Vec::new(),
            counters: Default::default(),
        })
    }

    fn run(mut self) -> Result<Generated, String> {
        self.in_transaction(|g| g.delegations())?;
        self.in_transaction(|g| g.press())?;
        self.in_transaction(|g| g.flush_audit())?;
        self.in_transaction(|g| g.counters())?;
        Ok(self.out)
    }

    fn in_transaction(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        let begin = |c: &mut AnyConnection, sql: &str| {
            diesel::sql_query(sql)
                .execute(c)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        begin(self.conn, "BEGIN")?;
        match f(self) {
            Ok(()) => begin(self.conn, "COMMIT"),
            Err(e) => {
                let _ = begin(self.conn, "ROLLBACK");
                Err(e)
            }
        }
    }

    fn today(&self) -> NaiveDate {
        self.first + Duration::days(365 * 10 - 182)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.rng.random_range(0..from.len())]
    }

    fn escort(&mut self) -> String {
        self.escorts[self.rng.random_range(0..self.escorts.len())].clone()
    }

    /// Where an entry takes place: a well-known place three times in ten,
    /// else one of the province's many sites.
    fn venue(&mut self) -> (String, &'static str) {
        let (known, district) = *self.pick(PLACES);
        if self.rng.random_bool(0.3) {
            return (known.to_owned(), district);
        }
        let kind = *self.pick(SITES);
        let n = self.rng.random_range(1..=SITES_PER_KIND);
        (format!("{kind} số {n}"), district)
    }

    fn next_reference(&mut self, series: Series, year: i32) -> String {
        let n = self.counters.entry((series.prefix(), year)).or_insert(0);
        *n += 1;
        reference(series, year, *n)
    }

    /// A UTC instant at `hour:minute` province time on `day`.
    fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
        let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
        PROVINCE_TZ
            .from_local_datetime(&local)
            .single()
            .map_or(local, |t| t.with_timezone(&Utc).naive_utc())
    }

    fn stamp(day: NaiveDate) -> NaiveDateTime {
        Self::at(day, 9, 0)
    }

    fn audit(
        &mut self,
        at: NaiveDateTime,
        action: &'static str,
        kind: &'static str,
        id: i64,
        changes: String,
    ) {
        self.audit.push((at, action, kind, id, changes));
    }

    fn flush_audit(&mut self) -> Result<(), String> {
        let mut rows = std::mem::take(&mut self.audit);
        rows.sort_by_key(|r| r.0);
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let values: Vec<_> = chunk
                .iter()
                .map(|(at, action, kind, id, changes)| {
                    (
                        audit_entries::at.eq(*at),
                        audit_entries::actor_username.eq("generator"),
                        audit_entries::action.eq(*action),
                        audit_entries::record_kind.eq(*kind),
                        audit_entries::record_id.eq(*id),
                        audit_entries::changes.eq(changes.as_str()),
                    )
                })
                .collect();
            insert_rows!(self.conn, audit_entries::table, &values)?;
        }
        self.out.audit_entries = rows.len();
        Ok(())
    }

    fn counters(&mut self) -> Result<(), String> {
        for ((prefix, year), last) in std::mem::take(&mut self.counters) {
            let existing: Option<i64> = reference_counters::table
                .filter(reference_counters::prefix.eq(prefix))
                .filter(reference_counters::year.eq(year))
                .select(reference_counters::last_number)
                .first(self.conn)
                .optional()
                .map_err(|e| e.to_string())?;
            match existing {
                Some(_) => {
                    diesel::update(
                        reference_counters::table
                            .filter(reference_counters::prefix.eq(prefix))
                            .filter(reference_counters::year.eq(year)),
                    )
                    .set(reference_counters::last_number.eq(last))
                    .execute(self.conn)
                    .map_err(|e| e.to_string())?;
                }
                None => {
                    diesel::insert_into(reference_counters::table)
                        .values((
                            reference_counters::prefix.eq(prefix),
                            reference_counters::year.eq(year),
                            reference_counters::last_number.eq(last),
                        ))
                        .execute(self.conn)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(())
    }

    fn delegations(&mut self) -> Result<(), String> {
        let first_id = next_id!(self.conn, delegations);
        // The demo's references come first: counters continue after them.
        self.load_counters()?;
        let today = self.today();
        let total = self.volume.delegations;
        let mut batch = DelegationBatch::default();
        for (n, id) in (0..total).zip(first_id..) {
            let start = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let length = self.rng.random_range(2..=6_i64);
            let end = start + Duration::days(length - 1);
            let incoming = self.rng.random_bool(0.75);
            let (country, partner) = *self.pick(PARTNERS);
            let unit = *self.pick(&self.units.clone());
            let series = if incoming {
                Series::IncomingDelegation
            } else {
                Series::OutgoingDelegation
            };
            let created = (start - Duration::days(self.rng.random_range(20..60)))
                .min(today - Duration::days(1));
            let reference = self.next_reference(series, created.year());
            let status = self.delegation_status(start, end, today);
            let title = if incoming {
                format!("Đoàn {partner} thăm và làm việc tại tỉnh")
            } else {
                format!("Đoàn công tác của tỉnh làm việc với {partner}")
            };
            let head = format!("{} {}", self.pick(GIVEN), self.pick(SURNAMES));
            let search = fold(&format!("{reference} {title} {partner} {head}"));
            let decided = matches!(status, "approved" | "rejected" | "completed" | "reported");
            batch.delegations.push((
                (
                    delegations::id.eq(id),
                    delegations::reference.eq(reference),
                    delegations::direction.eq(if incoming { "incoming" } else { "outgoing" }),
                    delegations::title.eq(title),
                    delegations::purpose.eq("Trao đổi hợp tác đầu tư, thương mại, giáo dục"),
                    delegations::partner_organization.eq(partner),
                    delegations::countries.eq(format!(",{country},")),
                    delegations::host_unit_id.eq(unit),
                    delegations::head_of_delegation.eq(head),
                    delegations::start_date.eq(start),
                    delegations::end_date.eq(end),
                    delegations::status.eq(status),
                ),
                (
                    delegations::decision_number
                        .eq(decided.then(|| format!("{}/QĐ-UBND", 100 + n % 4000))),
                    delegations::decision_date.eq(decided.then(|| start - Duration::days(7))),
                    delegations::report.eq((status == "reported").then_some(
                        "Đoàn đã hoàn thành chương trình; các bên thống nhất các nội dung hợp tác.",
                    )),
                    delegations::search_text.eq(search),
                    delegations::created_at.eq(Self::stamp(created)),
                    delegations::updated_at.eq(Self::stamp(end.min(today))),
                    delegations::version.eq(1 + Self::steps(status).len() as i64),
                ),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "delegation",
                id,
                "{}".into(),
            );
            let mut from = "draft";
            for (k, (step, to)) in Self::steps(status).iter().enumerate() {
                let on = (created + Duration::days(2 * (k as i64 + 1))).min(today);
                let changes = format!(r#"{{"status":{{"from":"{from}","to":"{to}"}}}}"#);
                self.audit(Self::stamp(on), step, "delegation", id, changes);
                from = to;
            }
            let review = self.review("delegation", id, status, created, today);
            batch.reviews.push(review);
            for m in 0..self.volume.members_per_delegation {
                let name = format!("{} {}", self.pick(SURNAMES), self.pick(GIVEN));
                batch.members.push((
                    delegation_members::delegation_id.eq(id),
                    delegation_members::full_name.eq(name),
                    delegation_members::gender.eq(Some(if m % 2 == 0 { "male" } else { "female" })),
                    delegation_members::date_of_birth.eq(NaiveDate::from_ymd_opt(
                        1960 + (m as i32 * 3) % 35,
                        1 + (n as u32 % 12),
                        1 + (m as u32 % 28),
                    )),
                    delegation_members::nationality.eq(if incoming { country } else { "VN" }),
                    delegation_members::passport_number.eq(Some(format!("P{:08}", n * 16 + m))),
                    delegation_members::role.eq(if m == 0 { "head" } else { "member" }),
                    delegation_members::created_at.eq(Self::stamp(created)),
                    delegation_members::updated_at.eq(Self::stamp(created)),
                ));
            }
            // One officer escorts a visit, at most of its programme.
            let escort_officer = self.escort();
            let per_day = self.volume.items_per_delegation.div_ceil(length as usize);
            for i in 0..self.volume.items_per_delegation {
                let day = start + Duration::days((i / per_day) as i64);
                let slot = (i % per_day) as u32;
                let hour = 7 + (slot * 12) / per_day as u32;
                let minute = [0, 15, 30, 45][self.rng.random_range(0..4)];
                let (place, district) = self.venue();
                let starts = Self::at(day, hour, minute);
                let ends = starts + Duration::minutes(self.rng.random_range(2..=5) * 15);
                let participants = self.rng.random_bool(0.05).then(|| *self.pick(LEADERS));
                let escort =
                    (incoming && self.rng.random_bool(0.6)).then(|| escort_officer.clone());
                let kind =
                    *self.pick(&["meeting", "working_session", "site_visit", "meal", "travel"]);
                let item_status = match status {
                    "cancelled" | "rejected" => "cancelled",
                    "completed" | "reported" => "done",
                    _ => "planned",
                };
                batch.items.push((
                    (
                        itinerary_items::delegation_id.eq(id),
                        itinerary_items::starts_at.eq(starts),
                        itinerary_items::ends_at.eq(ends),
                        itinerary_items::time_zone.eq(if incoming {
                            "Asia/Ho_Chi_Minh"
                        } else {
                            "Asia/Tokyo"
                        }),
                        itinerary_items::kind.eq(kind),
                        itinerary_items::title.eq(format!("{} {}", Self::kind_title(kind), place)),
                        itinerary_items::place_name.eq(place),
                        itinerary_items::place_district.eq(Some(district)),
                    ),
                    (
                        itinerary_items::participants.eq(participants),
                        itinerary_items::escort_officer.eq(escort),
                        itinerary_items::status.eq(item_status),
                        itinerary_items::created_at.eq(Self::stamp(created)),
                        itinerary_items::updated_at.eq(Self::stamp(created)),
                    ),
                ));
            }
            self.out.delegations += 1;
            if batch.items.len() >= 20 * ROWS_PER_INSERT {
                self.write_delegations(&mut batch)?;
            }
        }
        self.write_delegations(&mut batch)
    }

    /// The police's review of a record: cleared once it left the draft.
    fn review(
        &mut self,
        kind: &'static str,
        id: i64,
        status: &str,
        created: NaiveDate,
        today: NaiveDate,
    ) -> ReviewRow {
        (
            security_reviews::record_kind.eq(kind),
            security_reviews::record_id.eq(id),
            security_reviews::status.eq(if status == "draft" {
                "pending"
            } else {
                "cleared"
            }),
            security_reviews::officer.eq(Some(*self.pick(ESCORTS))),
            security_reviews::notes.eq(Some("Không có vấn đề an ninh")),
            security_reviews::reviewed_at.eq(Self::stamp((created + Duration::days(3)).min(today))),
        )
    }

    fn kind_title(kind: &str) -> &'static str {
        match kind {
            "meeting" => "Hội kiến tại",
            "working_session" => "Làm việc tại",
            "site_visit" => "Khảo sát",
            "meal" => "Chiêu đãi tại",
            _ => "Di chuyển đến",
        }
    }

    /// A delegation's status, consistent with its dates: years-old ones
    /// are reported (or were refused or called off), current ones approved,
    /// later ones somewhere along the way.
    fn delegation_status(
        &mut self,
        start: NaiveDate,
        end: NaiveDate,
        today: NaiveDate,
    ) -> &'static str {
        let roll = self.rng.random_range(0..100);
        if end < today - Duration::days(30) {
            match roll {
                0..85 => "reported",
                85..90 => "completed",
                90..95 => "cancelled",
                _ => "rejected",
            }
        } else if end < today {
            if roll < 60 { "completed" } else { "reported" }
        } else if start <= today {
            "approved"
        } else if start <= today + Duration::days(30) {
            if roll < 80 { "approved" } else { "appraised" }
        } else {
            match roll {
                0..30 => "draft",
                30..60 => "submitted",
                60..80 => "appraised",
                _ => "approved",
            }
        }
    }

    /// The workflow steps (action, status it leads to) from draft to `status`.
    fn steps(status: &str) -> &'static [(&'static str, &'static str)] {
        const PATH: &[(&str, &str)] = &[
            ("submit", "submitted"),
            ("appraise", "appraised"),
            ("approve", "approved"),
            ("complete", "completed"),
            ("report", "reported"),
        ];
        match status {
            "submitted" => &PATH[..1],
            "appraised" => &PATH[..2],
            "approved" => &PATH[..3],
            "completed" => &PATH[..4],
            "reported" => PATH,
            "rejected" => &[
                ("submit", "submitted"),
                ("appraise", "appraised"),
                ("reject", "rejected"),
            ],
            "cancelled" => &[("submit", "submitted"), ("cancel", "cancelled")],
            _ => &[],
        }
    }

    fn load_counters(&mut self) -> Result<(), String> {
        let rows: Vec<(String, i32, i64)> = reference_counters::table
            .select((
                reference_counters::prefix,
                reference_counters::year,
                reference_counters::last_number,
            ))
            .load(self.conn)
            .map_err(|e| e.to_string())?;
        for (prefix, year, last) in rows {
            let series = [
                Series::IncomingDelegation,
                Series::OutgoingDelegation,
                Series::Accreditation,
                Series::Interview,
                Series::PressConference,
            ]
            .into_iter()
            .find(|s| s.prefix() == prefix);
            if let Some(series) = series {
                self.counters.insert((series.prefix(), year), last);
            }
        }
        Ok(())
    }

    fn write_delegations(&mut self, batch: &mut DelegationBatch) -> Result<(), String> {
        for chunk in batch.delegations.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, delegations::table, chunk)?;
        }
        for chunk in batch.reviews.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, security_reviews::table, chunk)?;
        }
        for chunk in batch.members.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, delegation_members::table, chunk)?;
        }
        for chunk in batch.items.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, itinerary_items::table, chunk)?;
        }
        self.out.members += batch.members.len();
        self.out.items += batch.items.len();
        *batch = DelegationBatch::default();
        Ok(())
    }

    fn press(&mut self) -> Result<(), String> {
        let today = self.today();
        let first_reporter = next_id!(self.conn, reporters);
        let mut rows = Vec::new();
        for n in 0..self.volume.reporters {
            let (outlet, outlet_country) = *self.pick(OUTLETS);
            let name = format!("{} {}", self.pick(GIVEN), self.pick(SURNAMES));
            let card = format!("PC-{:06}", n);
            let search = fold(&format!("{name} {outlet} {card}"));
            rows.push((
                reporters::id.eq(first_reporter + n as i64),
                reporters::full_name.eq(name),
                reporters::nationality.eq(outlet_country),
                reporters::passport_number.eq(Some(format!("R{:08}", n))),
                reporters::outlet.eq(outlet),
                reporters::outlet_country.eq(outlet_country),
                reporters::position.eq("Phóng viên"),
                reporters::press_card_number.eq(Some(card)),
                reporters::search_text.eq(search),
                reporters::created_at.eq(Self::stamp(self.first)),
                reporters::updated_at.eq(Self::stamp(self.first)),
            ));
            self.audit(
                Self::stamp(self.first),
                "create",
                "reporter",
                first_reporter + n as i64,
                "{}".into(),
            );
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, reporters::table, chunk)?;
        }
        self.out.reporters = rows.len();
        let reporter_count = rows.len() as i64;
        drop(rows);

        // Accreditations with their activities.
        let first_acc = next_id!(self.conn, accreditations);
        let total = self.volume.accreditations;
        let (mut accs, mut links, mut acts, mut reviews) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for n in 0..total {
            let id = first_acc + n as i64;
            let start = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let length = self.rng.random_range(3..=10_i64);
            let end = start + Duration::days(length - 1);
            let created = (start - Duration::days(15)).min(today - Duration::days(1));
            let status = if end < today {
                if self.rng.random_bool(0.9) {
                    "completed"
                } else {
                    "cancelled"
                }
            } else if start <= today + Duration::days(14) {
                "approved"
            } else if self.rng.random_bool(0.5) {
                "submitted"
            } else {
                "draft"
            };
            let reference = self.next_reference(Series::Accreditation, created.year());
            let escort_officer = self.escort();
            accs.push((
                accreditations::id.eq(id),
                accreditations::reference.eq(reference),
                accreditations::topics.eq("Kinh tế biển, du lịch, văn hóa"),
                accreditations::permitted_places
                    .eq(r#"["Thành phố","Thị xã An Nhơn","Huyện Tuy Phước"]"#),
                accreditations::start_date.eq(start),
                accreditations::end_date.eq(end),
                accreditations::referral_number.eq(format!("{}/BNG-TTBC", 100 + n)),
                accreditations::referral_date.eq(created),
                accreditations::escort_officer.eq(Some(escort_officer.clone())),
                accreditations::status.eq(status),
                accreditations::created_at.eq(Self::stamp(created)),
                accreditations::updated_at.eq(Self::stamp(end.min(today))),
                accreditations::version.eq(match status {
                    "draft" => 1_i64,
                    "submitted" => 2,
                    "approved" => 3,
                    _ => 4,
                }),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "accreditation",
                id,
                "{}".into(),
            );
            let review = self.review("accreditation", id, status, created, today);
            reviews.push(review);
            let first = self.rng.random_range(0..reporter_count);
            for k in 0..self.rng.random_range(1..=2_i64) {
                links.push((
                    accreditation_reporters::accreditation_id.eq(id),
                    accreditation_reporters::reporter_id
                        .eq(first_reporter + (first + k) % reporter_count),
                ));
            }
            let per_day = self
                .volume
                .activities_per_accreditation
                .div_ceil(length as usize);
            for i in 0..self.volume.activities_per_accreditation {
                let day = start + Duration::days((i / per_day) as i64);
                let hour = 8 + ((i % per_day) as u32 * 10) / per_day as u32;
                let (place, district) = self.venue();
                let starts = Self::at(day, hour, 0);
                let kind = *self.pick(&["filming", "interview", "visit"]);
                acts.push((
                    press_activities::accreditation_id.eq(id),
                    press_activities::starts_at.eq(starts),
                    press_activities::ends_at.eq(starts + Duration::minutes(45)),
                    press_activities::time_zone.eq("Asia/Ho_Chi_Minh"),
                    press_activities::kind.eq(kind),
                    press_activities::title.eq(format!("Ghi hình tại {place}")),
                    press_activities::place_name.eq(place),
                    press_activities::place_district.eq(Some(district)),
                    press_activities::escort_officer.eq(Some(escort_officer.clone())),
                    press_activities::status.eq(if status == "cancelled" {
                        "cancelled"
                    } else if end < today {
                        "done"
                    } else {
                        "planned"
                    }),
                    press_activities::created_at.eq(Self::stamp(created)),
                    press_activities::updated_at.eq(Self::stamp(created)),
                ));
            }
        }
        for chunk in accs.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, accreditations::table, chunk)?;
        }
        for chunk in reviews.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, security_reviews::table, chunk)?;
        }
        for chunk in links.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, accreditation_reporters::table, chunk)?;
        }
        for chunk in acts.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_activities::table, chunk)?;
        }
        self.out.accreditations = accs.len();
        self.out.activities = acts.len();
        drop((accs, links, acts, reviews));

        self.interviews(today, first_reporter, reporter_count)?;
        self.conferences(today, first_reporter, reporter_count)
    }

    fn interviews(
        &mut self,
        today: NaiveDate,
        first_reporter: i64,
        reporters: i64,
    ) -> Result<(), String> {
        let first = next_id!(self.conn, interviews);
        let total = self.volume.interviews;
        let (mut rows, mut links) = (Vec::new(), Vec::new());
        for n in 0..total {
            let id = first + n as i64;
            let day = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let starts = Self::at(day, self.rng.random_range(8..17), 0);
            let created = (day - Duration::days(10)).min(today - Duration::days(1));
            let status = if day < today {
                if self.rng.random_bool(0.9) {
                    "done"
                } else {
                    "cancelled"
                }
            } else if self.rng.random_bool(0.6) {
                "approved"
            } else {
                "requested"
            };
            let (outlet, _) = *self.pick(OUTLETS);
            let reference = self.next_reference(Series::Interview, created.year());
            rows.push((
                (
                    interviews::id.eq(id),
                    interviews::reference.eq(reference),
                    interviews::interviewee_name.eq(*self.pick(LEADERS)),
                    interviews::interviewee_position.eq("Lãnh đạo tỉnh"),
                    interviews::outlet.eq(outlet),
                    interviews::starts_at.eq(starts),
                    interviews::ends_at.eq(starts + Duration::minutes(60)),
                    interviews::time_zone.eq("Asia/Ho_Chi_Minh"),
                ),
                (
                    interviews::place.eq(self.pick(PLACES).0),
                    interviews::topics.eq("Thu hút đầu tư"),
                    interviews::status.eq(status),
                    interviews::created_at.eq(Self::stamp(created)),
                    interviews::updated_at.eq(Self::stamp(day.min(today))),
                    interviews::version.eq(match status {
                        "requested" => 1_i64,
                        "approved" => 2,
                        _ => 3,
                    }),
                ),
            ));
            self.audit(Self::stamp(created), "create", "interview", id, "{}".into());
            links.push((
                interview_reporters::interview_id.eq(id),
                interview_reporters::reporter_id
                    .eq(first_reporter + self.rng.random_range(0..reporters)),
            ));
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, interviews::table, chunk)?;
        }
        for chunk in links.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, interview_reporters::table, chunk)?;
        }
        self.out.interviews = rows.len();
        Ok(())
    }

    fn conferences(
        &mut self,
        today: NaiveDate,
        first_reporter: i64,
        reporters: i64,
    ) -> Result<(), String> {
        let first = next_id!(self.conn, press_conferences);
        let total = self.volume.conferences;
        let (mut rows, mut attendees) = (Vec::new(), Vec::new());
        for n in 0..total {
            let id = first + n as i64;
            let day = self.first + Duration::days((n as i64 * self.days) / total as i64);
            let starts = Self::at(day, 14, 0);
            let created = (day - Duration::days(14)).min(today - Duration::days(1));
            let status = if day < today {
                if self.rng.random_bool(0.95) {
                    "held"
                } else {
                    "cancelled"
                }
            } else if day <= today + Duration::days(14) {
                "announced"
            } else {
                "planned"
            };
            let announced = matches!(status, "held" | "announced")
                .then(|| Self::stamp((day - Duration::days(7)).min(today)));
            let reference = self.next_reference(Series::PressConference, created.year());
            let periodic = n % 3 == 0;
            rows.push((
                (
                    press_conferences::id.eq(id),
                    press_conferences::reference.eq(reference),
                    press_conferences::title.eq(if periodic {
                        "Họp báo định kỳ của UBND tỉnh".to_owned()
                    } else {
                        format!("Họp báo về {}", self.pick(PLACES).0)
                    }),
                    press_conferences::kind.eq(if periodic { "periodic" } else { "ad_hoc" }),
                    press_conferences::starts_at.eq(starts),
                    press_conferences::ends_at.eq(starts + Duration::minutes(90)),
                    press_conferences::time_zone.eq("Asia/Ho_Chi_Minh"),
                    press_conferences::venue.eq("Trung tâm Hội nghị tỉnh"),
                ),
                (
                    press_conferences::topics.eq("Tình hình kinh tế - xã hội"),
                    press_conferences::speakers.eq(format!(r#"["{}"]"#, self.pick(LEADERS))),
                    press_conferences::status.eq(status),
                    press_conferences::announced_at.eq(announced),
                    press_conferences::created_at.eq(Self::stamp(created)),
                    press_conferences::updated_at.eq(Self::stamp(day.min(today))),
                    press_conferences::version.eq(match status {
                        "planned" => 1_i64,
                        "announced" => 2,
                        _ => 3,
                    }),
                ),
            ));
            self.audit(
                Self::stamp(created),
                "create",
                "press_conference",
                id,
                "{}".into(),
            );
            for k in 0..3 {
                let (outlet, _) = *self.pick(OUTLETS);
                let foreign = k == 0;
                attendees.push((
                    press_conference_attendees::press_conference_id.eq(id),
                    press_conference_attendees::outlet.eq(outlet),
                    press_conference_attendees::name.eq(format!(
                        "{} {}",
                        self.pick(GIVEN),
                        self.pick(SURNAMES)
                    )),
                    press_conference_attendees::reporter_id
                        .eq(foreign.then(|| first_reporter + self.rng.random_range(0..reporters))),
                    press_conference_attendees::created_at.eq(Self::stamp(created)),
                ));
            }
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_conferences::table, chunk)?;
        }
        for chunk in attendees.chunks(ROWS_PER_INSERT) {
            insert_rows!(self.conn, press_conference_attendees::table, chunk)?;
        }
        self.out.conferences = rows.len();
        self.out.attendees = attendees.len();
        Ok(())
    }
}

type DelegationRow = (
    (
        diesel::dsl::Eq<delegations::id, i64>,
        diesel::dsl::Eq<delegations::reference, String>,
        diesel::dsl::Eq<delegations::direction, &'static str>,
        diesel::dsl::Eq<delegations::title, String>,
        diesel::dsl::Eq<delegations::purpose, &'static str>,
        diesel::dsl::Eq<delegations::partner_organization, &'static str>,
        diesel::dsl::Eq<delegations::countries, String>,
        diesel::dsl::Eq<delegations::host_unit_id, i64>,
        diesel::dsl::Eq<delegations::head_of_delegation, String>,
        diesel::dsl::Eq<delegations::start_date, NaiveDate>,
        diesel::dsl::Eq<delegations::end_date, NaiveDate>,
        diesel::dsl::Eq<delegations::status, &'static str>,
    ),
    (
        diesel::dsl::Eq<delegations::decision_number, Option<String>>,
        diesel::dsl::Eq<delegations::decision_date, Option<NaiveDate>>,
        diesel::dsl::Eq<delegations::report, Option<&'static str>>,
        diesel::dsl::Eq<delegations::search_text, String>,
        diesel::dsl::Eq<delegations::created_at, NaiveDateTime>,
        diesel::dsl::Eq<delegations::updated_at, NaiveDateTime>,
        diesel::dsl::Eq<delegations::version, i64>,
    ),
);

type ReviewRow = (
    diesel::dsl::Eq<security_reviews::record_kind, &'static str>,
    diesel::dsl::Eq<security_reviews::record_id, i64>,
    diesel::dsl::Eq<security_reviews::status, &'static str>,
    diesel::dsl::Eq<security_reviews::officer, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::notes, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::reviewed_at, NaiveDateTime>,
);

type MemberRow = (
    diesel::dsl::Eq<delegation_members::delegation_id, i64>,
    diesel::dsl::Eq<delegation_members::full_name, String>,
    diesel::dsl::Eq<delegation_members::gender, Option<&'static str>>,
    diesel::dsl::Eq<delegation_members::date_of_birth, Option<NaiveDate>>,
    diesel::dsl::Eq<delegation_members::nationality, &'static str>,
    diesel::dsl::Eq<delegation_members::passport_number, Option<String>>,
    diesel::dsl::Eq<delegation_members::role, &'static str>,
    diesel::dsl::Eq<delegation_members::created_at, NaiveDateTime>,
    diesel::dsl::Eq<delegation_members::updated_at, NaiveDateTime>,
);

type ItemRow = (
    (
        diesel::dsl::Eq<itinerary_items::delegation_id, i64>,
        diesel::dsl::Eq<itinerary_items::starts_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::ends_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::time_zone, &'static str>,
        diesel::dsl::Eq<itinerary_items::kind, &'static str>,
        diesel::dsl::Eq<itinerary_items::title, String>,
        diesel::dsl::Eq<itinerary_items::place_name, String>,
        diesel::dsl::Eq<itinerary_items::place_district, Option<&'static str>>,
    ),
    (
        diesel::dsl::Eq<itinerary_items::participants, Option<&'static str>>,
        diesel::dsl::Eq<itinerary_items::escort_officer, Option<String>>,
        diesel::dsl::Eq<itinerary_items::status, &'static str>,
        diesel::dsl::Eq<itinerary_items::created_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::updated_at, NaiveDateTime>,
    ),
);

#[derive(Default)]
struct DelegationBatch {
    delegations: Vec<DelegationRow>,
    reviews: Vec<ReviewRow>,
    members: Vec<MemberRow>,
    items: Vec<ItemRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_one_is_the_busy_province_of_the_issue() {
        let v = Volume::at(1.0);
        assert_eq!(v.delegations * v.members_per_delegation, 200_000);
        assert_eq!(
            v.delegations * v.items_per_delegation
                + v.accreditations * v.activities_per_accreditation,
            1_000_000
        );
        assert_eq!(v.interviews + v.conferences, 50_000);
        assert_eq!(v.reporters, 20_000);
    }

    #[test]
    fn every_status_has_the_steps_that_lead_to_it() {
        assert!(Generator::steps("draft").is_empty());
        assert_eq!(Generator::steps("reported").len(), 5);
        for status in [
            "submitted",
            "appraised",
            "approved",
            "rejected",
            "completed",
            "reported",
            "cancelled",
        ] {
            assert_eq!(Generator::steps(status).last().map(|s| s.1), Some(status));
        }
    }
}
