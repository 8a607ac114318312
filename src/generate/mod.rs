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
use crate::db::schema::units;
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
}

mod bookkeeping;
mod ceiling;
mod delegation;
mod names;
mod press;
mod rows;

pub use ceiling::{CommitCeilingArgs, commit_ceiling};
use names::*;
use rows::{DelegationRow, ItemRow, MemberRow, ReviewRow};

#[cfg(test)]
mod tests;
