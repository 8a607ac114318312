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
pub mod filters;
pub mod interview;
pub mod itinerary;
pub mod kept;
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

mod audited;
mod open;

use chrono::{DateTime, SubsecRound, Utc};
use diesel::prelude::*;

use self::audited::audited;
pub use self::audited::{Actor, Audited};
pub use self::connection::{AnyConnection, DatabaseUrl, Engine};
pub use self::open::{OpenError, PoolOptions, ServingDb};
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

impl Db {
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
