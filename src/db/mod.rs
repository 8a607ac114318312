//! Storage: one code path over SQLite and PostgreSQL.
//!
//! Every write goes through [`Db::write`], which runs the change and its
//! audit entries in one transaction; a change cannot be written without its
//! entry because the closure must return [`Audited`]. On SQLite writes are
//! queued to one writing connection that commits them in groups
//! ([`writer`]: SQLite has one writer anyway; queuing here instead of in
//! SQLite's lock means no request ever meets `database is locked`), while
//! reads use a pool of read-only connections that WAL lets run beside it.

pub mod accreditation;
pub mod audit;
pub mod calendar;
pub mod column_types;
pub mod conference;
pub mod connection;
pub mod delegation;
pub mod interview;
pub mod itinerary;
pub mod login_throttle;
pub mod member;
pub mod migrate;
pub mod notify;
pub mod outbox;
pub mod references;
pub mod report;
pub mod reporter;
pub mod review;
pub mod schedule;
pub mod schema;
pub mod session;
pub mod settings;
pub mod stamp;
pub mod unit;
pub mod unit_report;
pub mod user;
pub mod writer;

use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use diesel::prelude::*;

pub use self::connection::{AnyConnection, DatabaseUrl, Engine};
use crate::domain::audit::AuditEvent;
use crate::domain::ids::{UnitId, UserId};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};

type Pool = r2d2::Pool<connection::Manager>;

/// The database handle kept in the application state; cheap to clone.
#[derive(Clone)]
pub struct Db {
    engine: Engine,
    reader: Pool,
    writes: Writes,
    changes: notify::ChangeWatch,
    /// E-mail on or off in this process, and the sender's wake-up.
    mail: std::sync::Arc<outbox::Signal>,
}

/// Where writes go: PostgreSQL's pool (its transactions run side by side),
/// or, on SQLite, the group-committing writer for requests and one more
/// connection for the command line and the demo loader (which write before
/// the service answers, or from another process; SQLite's lock and busy
/// timeout order them with the writer).
#[derive(Clone)]
enum Writes {
    Pool(Pool),
    Group {
        group: writer::GroupWriter,
        blocking: Pool,
    },
}

impl Writes {
    fn blocking_pool(&self) -> &Pool {
        match self {
            Writes::Pool(pool) | Writes::Group { blocking: pool, .. } => pool,
        }
    }
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("engine", &self.engine)
            .finish_non_exhaustive()
    }
}

/// Why the database could not be opened at start.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("cannot prepare the database connection: {0}")]
    Prepare(#[from] diesel::result::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(Box<dyn std::error::Error + Send + Sync>),
    #[error("cannot open the connection pool: {0}")]
    Pool(#[from] r2d2::Error),
}

/// Pool sizes and timeouts.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

/// A [`Db`] that takes in the changes other processes commit ([`notify`]:
/// on PostgreSQL a `LISTEN` connection and its thread), so that answers
/// kept in memory can be trusted. Only [`Db::open_for_serving`] makes one,
/// and [`crate::AppState::new`] takes nothing else: the service cannot be
/// started on a database it does not watch.
#[derive(Debug, Clone)]
pub struct ServingDb(Db);

impl ServingDb {
    pub fn db(&self) -> &Db {
        &self.0
    }

    pub fn into_db(self) -> Db {
        self.0
    }
}

impl Db {
    /// Connects (failing with the engine's own message), applies pending
    /// migrations, and opens the pools, for a one-shot command (`migrate`,
    /// `user create`, `generate`, `copy`, ...): it watches no other process
    /// (no `LISTEN` connection, no thread; nothing it builds is kept), so
    /// it starts and ends sooner. `serve` uses [`Db::open_for_serving`].
    pub fn open(url: &DatabaseUrl, options: PoolOptions) -> Result<(Self, Vec<String>), OpenError> {
        Self::open_watching(url, options, false)
    }

    /// [`Db::open`], then watching for the changes other processes commit
    /// (on PostgreSQL listening before the first request is answered).
    pub fn open_for_serving(
        url: &DatabaseUrl,
        options: PoolOptions,
    ) -> Result<(ServingDb, Vec<String>), OpenError> {
        let (db, applied) = Self::open_watching(url, options, true)?;
        Ok((ServingDb(db), applied))
    }

    fn open_watching(
        url: &DatabaseUrl,
        options: PoolOptions,
        watch: bool,
    ) -> Result<(Self, Vec<String>), OpenError> {
        let mut first = url.connect()?;
        connection::prepare(&mut first, false)?;
        let applied = migrate::run_pending(&mut first).map_err(OpenError::Migrate)?;
        drop(first);

        // A SQLite connection is a file handle that cannot drop like a
        // server's socket, so it is not pinged before each use (that ping
        // was one more parsed statement per request); PostgreSQL's are.
        let test_on_check_out = url.engine() == Engine::Postgres;
        let build = |read_only: bool, size: u32| {
            // Named for the metrics by what it serves: on PostgreSQL one
            // pool serves reads and writes alike.
            let name = match (url.engine(), read_only) {
                (Engine::Postgres, _) => "main",
                (Engine::Sqlite, true) => "read",
                (Engine::Sqlite, false) => "write",
            };
            r2d2::Pool::builder()
                .event_handler(Box::new(crate::http::metrics::PoolEvents::new(name)))
                .max_size(size)
                .min_idle(Some(1))
                .test_on_check_out(test_on_check_out)
                .connection_timeout(options.acquire_timeout)
                .build(connection::Manager::new(url.clone(), read_only))
        };
        let (reader, writes) = match url.engine() {
            Engine::Sqlite => (
                build(true, options.max_connections)?,
                Writes::Group {
                    group: writer::GroupWriter::start(url)?,
                    blocking: build(false, 1)?,
                },
            ),
            Engine::Postgres => {
                let pool = build(false, options.max_connections)?;
                (pool.clone(), Writes::Pool(pool))
            }
        };
        let db = Self {
            engine: url.engine(),
            reader,
            writes,
            changes: if watch {
                notify::ChangeWatch::start(url)?
            } else {
                notify::ChangeWatch::unwatched()
            },
            mail: std::sync::Arc::default(),
        };
        Ok((db, applied))
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Each pool's connections, open and idle, by name (for `/metrics`).
    pub fn pool_states(&self) -> Vec<(&'static str, r2d2::State)> {
        match (&self.engine, &self.writes) {
            (_, Writes::Group { blocking, .. }) => {
                vec![("read", self.reader.state()), ("write", blocking.state())]
            }
            (_, Writes::Pool(pool)) => vec![("main", pool.state())],
        }
    }

    /// What this process knows of changes written anywhere, for answers
    /// kept in memory ([`notify`]).
    pub fn changes(&self) -> &notify::ChangeWatch {
        &self.changes
    }

    fn count_audited_write(&self) {
        self.changes.changed_here();
    }

    /// Runs a read on a pooled connection, off the async workers.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        let span = tracing::Span::current();
        actix_web::web::block(move || span.in_scope(|| db.read_blocking(f))).await?
    }

    /// Runs a change and writes its audit entries, in one transaction.
    pub async fn write<T, F>(&self, actor: Actor, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> ApiResult<Audited<T>> + Send + 'static,
        T: Send + 'static,
    {
        let (value, mailed) = self
            .write_unaudited(audited(actor, self.mail.clone(), f))
            .await?;
        self.count_audited_write();
        self.mail.after_commit(mailed);
        Ok(value)
    }

    /// [`Db::write`] for a caller known only once `who` has run in the same
    /// transaction (a token's account, checked with the change itself, in
    /// one handoff): `who` answers the actor and what `f` needs to know of
    /// it (the console's caller), or refuses.
    pub async fn write_as<T, X, W, F>(&self, who: W, f: F) -> ApiResult<T>
    where
        W: FnOnce(&mut AnyConnection) -> ApiResult<(Actor, X)> + Send + 'static,
        F: FnOnce(&mut AnyConnection, X) -> ApiResult<Audited<T>> + Send + 'static,
        T: Send + 'static,
    {
        let mail = self.mail.clone();
        let (value, mailed) = self
            .write_unaudited(move |conn| {
                let (actor, known) = who(conn)?;
                audited(actor, mail, move |conn| f(conn, known))(conn)
            })
            .await?;
        self.count_audited_write();
        self.mail.after_commit(mailed);
        Ok(value)
    }

    /// Runs a change that is no record's (the login throttle): no audit.
    pub async fn write_unaudited<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let span = tracing::Span::current();
        let f = move |conn: &mut AnyConnection| span.in_scope(|| f(conn));
        match &self.writes {
            Writes::Group { group, .. } => group.run(f).await,
            Writes::Pool(pool) => {
                let pool = pool.clone();
                actix_web::web::block(move || {
                    let mut conn = pool.get()?;
                    let conn: &mut AnyConnection = &mut conn;
                    conn.write_transaction(f)
                })
                .await?
            }
        }
    }

    /// [`Db::read`] for the command line, outside the server's runtime.
    pub fn read_blocking<T>(
        &self,
        f: impl FnOnce(&mut AnyConnection) -> ApiResult<T>,
    ) -> ApiResult<T> {
        let mut conn = self.reader.get()?;
        f(&mut conn)
    }

    /// [`Db::write`] for the command line, outside the server's runtime.
    pub fn write_blocking<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut AnyConnection) -> ApiResult<Audited<T>>,
    ) -> ApiResult<T> {
        let mut conn = self.writes.blocking_pool().get()?;
        let conn: &mut AnyConnection = &mut conn;
        let (value, mailed) =
            conn.write_transaction(audited(actor.clone(), self.mail.clone(), f))?;
        self.count_audited_write();
        self.mail.after_commit(mailed);
        Ok(value)
    }

    /// E-mail's switch and the sender's wake-up ([`outbox::Signal`]).
    pub fn mail_signal(&self) -> &outbox::Signal {
        &self.mail
    }

    /// [`Db::write_unaudited`] for a thread outside the server's runtime
    /// (the e-mail sender): on SQLite through the one writer as well.
    pub fn write_unaudited_blocking<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        match &self.writes {
            Writes::Group { group, .. } => {
                let (tx, rx) = std::sync::mpsc::channel();
                group.submit(f, move |result| {
                    let _ = tx.send(result);
                });
                rx.recv().unwrap_or(Err(ApiError::Unavailable))
            }
            Writes::Pool(pool) => {
                let mut conn = pool.get()?;
                let conn: &mut AnyConnection = &mut conn;
                conn.write_transaction(f)
            }
        }
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> ApiResult<()> {
        self.read(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
    }
}

/// `f` followed by the insertion of the audit entries it returns, and —
/// while e-mail is on — the change notices of the schedule entries of the
/// coming week it changed (`model::notices`: the one place every change
/// passes through); whether it wrote mail, to wake the sender after commit.
fn audited<T>(
    actor: Actor,
    mail: std::sync::Arc<outbox::Signal>,
    f: impl FnOnce(&mut AnyConnection) -> ApiResult<Audited<T>>,
) -> impl FnOnce(&mut AnyConnection) -> ApiResult<(T, bool)> {
    move |conn| {
        let watch = if mail.enabled() {
            Some(crate::model::notices::Watch::before(conn)?)
        } else {
            None
        };
        let Audited { value, events } = f(conn)?;
        let mailed = match watch {
            Some(watch) => watch.after(conn, &events, &actor)? > 0,
            None => false,
        };
        audit::insert(conn, &actor, &events, now())?;
        Ok((value, mailed))
    }
}

/// A change's result together with the audit entries it must leave.
#[derive(Debug)]
pub struct Audited<T> {
    value: T,
    events: Vec<AuditEvent>,
}

impl<T> Audited<T> {
    pub fn new(value: T, event: AuditEvent) -> Self {
        Self {
            value,
            events: vec![event],
        }
    }

    /// A request that turned out to change nothing: no entry, as no change.
    pub fn unchanged(value: T) -> Self {
        Self {
            value,
            events: Vec::new(),
        }
    }

    /// The same entries over another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Audited<U> {
        Audited {
            value: f(self.value),
            events: self.events,
        }
    }

    /// The value and the entries, for a caller that gathers the entries of
    /// several operations into one transaction (the demo loader).
    pub fn into_parts(self) -> (T, Vec<AuditEvent>) {
        (self.value, self.events)
    }

    /// Another entry in the same transaction (a change touching two records).
    pub fn and(mut self, event: AuditEvent) -> Self {
        self.events.push(event);
        self
    }
}

/// Who makes a change, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub username: String,
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    pub request_id: Option<String>,
}

impl Actor {
    /// Changes made from the command line or at start (demo data).
    pub fn system(what: &str) -> Self {
        Self {
            user_id: None,
            username: format!("({what})"),
            role: None,
            unit_id: None,
            request_id: None,
        }
    }

    /// A signed-in user, as the audit names them, for one request.
    pub fn of(user: crate::domain::user::User, request_id: String) -> Self {
        Self {
            user_id: Some(user.id),
            username: user.username,
            role: Some(user.role),
            unit_id: user.unit_id,
            request_id: Some(request_id),
        }
    }
}

/// The current instant as stored: UTC, to the microsecond (what both engines keep).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Escapes `%`, `_` and `\\` for a `LIKE … ESCAPE '\\'` pattern, so that
/// searched text is matched literally.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Compares an `If-Match` version with the record's; a mismatch changes nothing.
pub fn check_version(expected: Option<i64>, current: i64) -> ApiResult<()> {
    match expected {
        Some(v) if v != current => Err(ApiError::PreconditionFailed { current }),
        _ => Ok(()),
    }
}
