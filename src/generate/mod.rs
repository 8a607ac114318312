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

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use clap::Args;
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::config::DatabaseArgs;
use crate::db::schema::{
    audit_entries, delegation_members, delegations, itinerary_items, reference_counters,
    security_reviews, units,
};
use crate::db::{AnyConnection, DatabaseUrl, Db, PoolOptions};
use crate::domain::reference::{Series, format as reference};
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
        // The busy timeout: the demo's pool above may still be closing its
        // connections (the last one checkpoints the WAL), which a bare
        // connection would meet as "database is locked" (seen once in the
        // suite, under load).
        diesel::connection::SimpleConnection::batch_execute(
            c,
            "PRAGMA busy_timeout = 10000; PRAGMA synchronous = OFF;",
        )
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
}

pub(super) type DelegationRow = (
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

pub(super) type ReviewRow = (
    diesel::dsl::Eq<security_reviews::record_kind, &'static str>,
    diesel::dsl::Eq<security_reviews::record_id, i64>,
    diesel::dsl::Eq<security_reviews::status, &'static str>,
    diesel::dsl::Eq<security_reviews::officer, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::notes, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::reviewed_at, NaiveDateTime>,
);

pub(super) type MemberRow = (
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

pub(super) type ItemRow = (
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

mod ceiling;
mod delegation;
mod names;
mod press;

pub use ceiling::{CommitCeilingArgs, commit_ceiling};
use names::*;

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
