//! Whether what a process kept in memory (feed validators, feed bodies,
//! built schedule weeks) still holds, when other processes write too.
//!
//! Everything kept is kept against a generation: a counter this process
//! moves whenever it learns that a change was committed anywhere. A kept
//! answer holds while the generation it was built under is the current one.
//! [`ChangeWatch::stamp`] answers the generation, or `None` when this
//! process cannot know (nothing kept may then be trusted: the request asks
//! the database, as if nothing were kept).
//!
//! - This process's own audited changes move it after their commit.
//! - **PostgreSQL**: every audited write sends `NOTIFY visitdesk_changes`
//!   with its last audit id, in its own transaction, so that the server
//!   sends it at commit (and never for a rollback). Each process `LISTEN`s
//!   on a connection of its own (application name `visitdesk-listen`). A
//!   thread drains it every [`TICK`]. A notification is sent by the
//!   listening backend when it gets round to it, after the writer's client
//!   was told of the commit: under load (eight builds on two cores here)
//!   the test's client got one process's answer and asked the other before
//!   the notification had arrived, and was answered from what was kept.
//!   So every look-up first makes a fence: `SELECT 1` on the listening
//!   connection. The committing backend signalled the listening one before
//!   its commit was acknowledged, and a backend sends the notifications it
//!   was signalled for before it says it is ready again, so once the
//!   `SELECT 1` is answered every change acknowledged before it was sent
//!   has arrived (a round trip on loopback, off the async workers; far
//!   less than building a feed).
//!   When that connection is lost (the server restarted, an operator ended
//!   the backend), the drain fails: the generation moves, look-ups answer
//!   `None` until the thread has listened again, and moves it once more
//!   then (changes committed while nobody listened were never announced).
//!   Every [`PING`] the thread makes the fence too, so that a loss shows
//!   while the service is idle.
//! - **SQLite**: `PRAGMA data_version` on a connection of its own moves
//!   when any other connection committed; then the last audit id says
//!   whether the commit was an audited change (the writer also commits
//!   unaudited bookkeeping: login throttle, feed validators). Checked at
//!   every look-up, it costs microseconds (a read of the WAL index in
//!   shared memory), so a second `visitdesk serve` on the same file, or
//!   the command line, is seen at once — which is why a second server on
//!   one file is allowed rather than refused.
//! - **A one-shot command** (`migrate`, `user create`, `generate`, `copy`,
//!   ...: [`super::Db::open`]) watches nothing: it keeps no answer, so it
//!   opens no listening connection and starts no thread; its stamp is
//!   always `None`. Only `serve` watches ([`super::Db::open_for_serving`],
//!   the only way to a [`super::ServingDb`], which is what
//!   [`crate::AppState::new`] takes).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::connection::{AnyConnection, DatabaseUrl};
use super::schema::audit_entries;

/// The channel every audited change is announced on.
pub const CHANNEL: &str = "visitdesk_changes";
/// The application name of the listening connection (in `pg_stat_activity`).
pub const LISTENER_NAME: &str = "visitdesk-listen";
/// How often the listening thread drains its connection when no request does.
const TICK: Duration = Duration::from_millis(100);
/// How often the listening connection is asked whether it is alive.
const PING: Duration = Duration::from_secs(2);
/// The longest wait between two attempts to listen again.
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// Announces the audited change whose last audit entry is `audit_id`, in
/// the transaction that writes it (PostgreSQL sends it at commit). SQLite
/// needs nothing: its other processes read `data_version`.
pub fn announce(conn: &mut AnyConnection, audit_id: i64) -> QueryResult<()> {
    if let AnyConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<Text, _>(CHANNEL)
            .bind::<Text, _>(audit_id.to_string())
            .execute(pg)?;
    }
    Ok(())
}

/// The generation of what this process knows of the data; cheap to clone.
#[derive(Clone)]
pub struct ChangeWatch {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for ChangeWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangeWatch")
            .field(
                "generation",
                &self.shared.generation.load(Ordering::Acquire),
            )
            .finish_non_exhaustive()
    }
}

struct Shared {
    generation: AtomicU64,
    source: Source,
}

enum Source {
    /// The listening connection; `None` while lost (or taken out for a ping).
    Listen(Mutex<Option<diesel::PgConnection>>),
    DataVersion(Mutex<SqliteWatch>),
    /// A one-shot command's: nothing is watched, nothing kept may be trusted.
    Unwatched,
}

/// SQLite's watching connection and what it saw last.
struct SqliteWatch {
    url: DatabaseUrl,
    conn: Option<diesel::SqliteConnection>,
    data_version: i64,
    last_audit: i64,
}

/// `PRAGMA data_version` as a statement diesel keeps prepared (its
/// `sql_query` is parsed anew each time, and this one runs for every
/// request that looks at what is kept).
#[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
struct PragmaDataVersion;

impl diesel::query_builder::Query for PragmaDataVersion {
    type SqlType = BigInt;
}

impl diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for PragmaDataVersion {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
    ) -> QueryResult<()> {
        out.push_sql("PRAGMA data_version");
        Ok(())
    }
}

impl RunQueryDsl<diesel::SqliteConnection> for PragmaDataVersion {}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ChangeWatch {
    /// Starts watching the database at `url`: on PostgreSQL a thread that
    /// listens (and ends once the last handle is dropped); on SQLite a
    /// connection of its own.
    pub fn start(url: &DatabaseUrl) -> Result<Self, super::OpenError> {
        let source = match url {
            DatabaseUrl::Postgres(_) => Source::Listen(Mutex::new(None)),
            DatabaseUrl::Sqlite(_) => Source::DataVersion(Mutex::new(SqliteWatch {
                url: url.clone(),
                conn: None,
                data_version: 0,
                last_audit: 0,
            })),
        };
        let shared = Arc::new(Shared {
            generation: AtomicU64::new(1),
            source,
        });
        if let DatabaseUrl::Postgres(pg_url) = url {
            // The first LISTEN before the service answers: a process that
            // starts healthy trusts what it keeps from its first request.
            if let (Source::Listen(slot), Ok(conn)) = (&shared.source, listen(pg_url)) {
                *lock(slot) = Some(conn);
            }
            let weak = Arc::downgrade(&shared);
            let pg_url = pg_url.clone();
            std::thread::Builder::new()
                .name("visitdesk-listen".into())
                .spawn(move || keep_listening(&weak, &pg_url))
                .map_err(|e| super::OpenError::Migrate(Box::new(e)))?;
        }
        Ok(Self { shared })
    }

    /// Watches nothing (a one-shot command): no connection, no thread;
    /// [`Self::stamp`] always answers `None`.
    pub fn unwatched() -> Self {
        Self {
            shared: Arc::new(Shared {
                generation: AtomicU64::new(1),
                source: Source::Unwatched,
            }),
        }
    }

    /// Whether this process watches the database for others' changes.
    pub fn watches(&self) -> bool {
        !matches!(self.shared.source, Source::Unwatched)
    }

    /// This process committed an audited change.
    pub fn changed_here(&self) {
        self.shared.moved();
    }

    /// The generation to keep answers against now, after taking in every
    /// change committed before the call; `None` when this process cannot
    /// know (nothing kept may be trusted: ask the database). On PostgreSQL
    /// a round trip, made off the async workers.
    pub async fn stamp(&self) -> Option<u64> {
        match &self.shared.source {
            Source::Listen(_) => {
                let shared = Arc::clone(&self.shared);
                actix_web::web::block(move || shared.fenced())
                    .await
                    .ok()
                    .flatten()
            }
            Source::DataVersion(watch) => {
                let mut watch = lock(watch);
                watch.check(&self.shared).then(|| self.shared.current())
            }
            Source::Unwatched => None,
        }
    }

    /// [`ChangeWatch::stamp`] where knowing costs no round trip: on SQLite
    /// (`data_version`, read in shared memory, callable from a pooled
    /// connection's thread); `None` on PostgreSQL, whose fence is a round
    /// trip on one shared connection, as dear as the small reads
    /// [`super::kept`] would save, and taken one request at a time.
    pub fn local_stamp(&self) -> Option<u64> {
        match &self.shared.source {
            Source::DataVersion(watch) => lock(watch)
                .check(&self.shared)
                .then(|| self.shared.current()),
            Source::Listen(_) | Source::Unwatched => None,
        }
    }
}

impl Shared {
    /// The generation once every notification of a commit acknowledged
    /// before now has been taken in (the fence above).
    fn fenced(&self) -> Option<u64> {
        let Source::Listen(slot) = &self.source else {
            return None;
        };
        let mut slot = lock(slot);
        let answered = slot.as_mut()?.batch_execute("SELECT 1");
        if let Err(e) = answered {
            tracing::warn!(error = %e, "lost the connection listening for changes; asking the database until it is back");
            *slot = None;
            self.moved();
            return None;
        }
        drain(self, &mut slot).then(|| self.current())
    }

    fn moved(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    fn current(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

/// A connection of its own that listens on [`CHANNEL`].
fn listen(url: &str) -> ConnectionResult<diesel::PgConnection> {
    openssl_sys::init();
    let mut conn = diesel::PgConnection::establish(url)?;
    conn.batch_execute(&format!(
        "SET application_name = '{LISTENER_NAME}'; LISTEN {CHANNEL};"
    ))
    .map_err(|e| ConnectionError::BadConnection(e.to_string()))?;
    Ok(conn)
}

/// Takes in what arrived on the listening connection: each notification
/// moves the generation. False when there is no connection or it was just
/// found lost (then it is dropped and the generation moves).
fn drain(shared: &Shared, slot: &mut Option<diesel::PgConnection>) -> bool {
    let Some(conn) = slot.as_mut() else {
        return false;
    };
    // Twice: a backend ended by the server first sends its last message,
    // which one read takes in as a notice; the end of the stream shows at
    // the next read.
    let mut lost = None;
    'reads: for _ in 0..2 {
        for arrived in conn.notifications_iter() {
            match arrived {
                Ok(_) => shared.moved(),
                Err(e) => {
                    lost = Some(e);
                    break 'reads;
                }
            }
        }
    }
    let Some(e) = lost else {
        return true;
    };
    tracing::warn!(error = %e, "lost the connection listening for changes; asking the database until it is back");
    *slot = None;
    shared.moved();
    false
}

/// The listening thread: drains, pings, and listens again after a loss,
/// until the last [`ChangeWatch`] is dropped.
fn keep_listening(weak: &Weak<Shared>, url: &str) {
    let mut backoff = TICK;
    let mut pinged = Instant::now();
    loop {
        std::thread::sleep(TICK);
        let Some(shared) = weak.upgrade() else {
            return;
        };
        let Source::Listen(listening) = &shared.source else {
            return;
        };
        let mut slot = lock(listening);
        if slot.is_none() {
            drop(slot);
            match listen(url) {
                Ok(conn) => {
                    *lock(listening) = Some(conn);
                    // Changes committed while nobody listened were not
                    // announced: whatever was kept meanwhile goes.
                    shared.moved();
                    backoff = TICK;
                    pinged = Instant::now();
                    tracing::info!("listening for changes again");
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for changes yet");
                    drop(shared);
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
            continue;
        }
        if !drain(&shared, &mut slot) || pinged.elapsed() < PING {
            continue;
        }
        drop(slot);
        pinged = Instant::now();
        shared.fenced();
    }
}

impl SqliteWatch {
    /// Takes in another connection's commit, if any; false when the
    /// database cannot be asked.
    fn check(&mut self, shared: &Shared) -> bool {
        match self.look(shared) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, "cannot watch the database for changes");
                self.conn = None;
                shared.moved();
                false
            }
        }
    }

    fn look(&mut self, shared: &Shared) -> Result<(), Box<dyn std::error::Error>> {
        let conn = match &mut self.conn {
            Some(conn) => conn,
            None => {
                let AnyConnection::Sqlite(mut conn) = self.url.connect()? else {
                    return Err("not a SQLite database".into());
                };
                conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA query_only = ON;")?;
                self.data_version = -1;
                self.conn.insert(conn)
            }
        };
        let data_version: i64 = PragmaDataVersion.get_result(conn)?;
        if data_version == self.data_version {
            return Ok(());
        }
        let last_audit: Option<i64> = audit_entries::table
            .select(diesel::dsl::max(audit_entries::id))
            .first(conn)?;
        let last_audit = last_audit.unwrap_or(0);
        if last_audit != self.last_audit {
            shared.moved();
        }
        self.data_version = data_version;
        self.last_audit = last_audit;
        Ok(())
    }
}
