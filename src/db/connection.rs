//! One connection type over both engines, and how a connection is opened.
//!
//! The engine is picked from the URL's scheme here, not by diesel's derived
//! `establish` (which tries each engine in turn, hides the real error and
//! turns any unparsable URL into a SQLite file name).

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;

/// A connection to whichever engine the deployment runs on.
#[expect(
    missing_debug_implementations,
    reason = "diesel's connections have no Debug"
)]
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// Runs `$body` with `$c` bound to the engine's own connection. Through
/// [`AnyConnection`], diesel keys a prepared statement by its SQL text,
/// written out anew (and walked for whether it may be kept) on every run;
/// on the engine's own connection a statement of a fixed shape is found by
/// its type. For the reads that nearly every request makes.
macro_rules! on_engine {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Sqlite($c) => $body,
            $crate::db::AnyConnection::Postgresql($c) => $body,
        }
    };
}
pub(crate) use on_engine;

impl AnyConnection {
    /// A transaction that will write. On SQLite it begins `IMMEDIATE`: it
    /// takes the write lock first, waiting out another process's writer (the
    /// command line beside the service) within the busy timeout. A deferred
    /// one reads first and then fails at once with "database is locked" when
    /// another process has written since (SQLite does not wait there: its
    /// snapshot is stale). PostgreSQL's row locks need nothing of the kind.
    pub fn write_transaction<T, E>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        if let Self::Postgresql(_) = self {
            return self.transaction(f);
        }
        self.on_sqlite(|c| AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"))?;
        match f(self) {
            Ok(value) => {
                self.on_sqlite(AnsiTransactionManager::commit_transaction)?;
                Ok(value)
            }
            Err(e) => {
                self.on_sqlite(AnsiTransactionManager::rollback_transaction)?;
                Err(e)
            }
        }
    }

    /// `op` on the SQLite connection; nothing on PostgreSQL.
    fn on_sqlite(
        &mut self,
        op: impl FnOnce(&mut diesel::SqliteConnection) -> QueryResult<()>,
    ) -> QueryResult<()> {
        match self {
            Self::Sqlite(c) => op(c),
            Self::Postgresql(_) => Ok(()),
        }
    }
}

/// Where the data lives, decided from the URL once, at start.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl fmt::Debug for DatabaseUrl {
    // A PostgreSQL URL may carry a password: never print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            Self::Postgres(_) => f.write_str("postgres:<url>"),
        }
    }
}

/// The URL names no engine visitdesk runs on.
#[derive(Debug, thiserror::Error)]
#[error(
    "unsupported database URL scheme `{0}:`; use postgres://… (or postgresql://…), \
     sqlite://PATH, or a plain file path"
)]
pub struct UnsupportedScheme(String);

impl DatabaseUrl {
    /// The embedded default: a SQLite file under `data_dir`.
    pub fn default_sqlite(data_dir: &Path) -> Self {
        Self::Sqlite(data_dir.join("visitdesk.db"))
    }

    /// Reads the engine off the scheme: `postgres:`/`postgresql:` (anything
    /// after the scheme is libpq's to judge), `sqlite:`/`file:`, or a plain path.
    pub fn parse(url: &str) -> Result<Self, UnsupportedScheme> {
        let scheme = url
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .filter(|s| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '+'));
        match scheme.map(str::to_ascii_lowercase).as_deref() {
            None => Ok(Self::Sqlite(PathBuf::from(url))),
            Some("postgres" | "postgresql") => Ok(Self::Postgres(url.to_owned())),
            Some("sqlite" | "file") => {
                let rest = &url[url.find(':').map_or(0, |i| i + 1)..];
                Ok(Self::Sqlite(PathBuf::from(
                    rest.strip_prefix("//").unwrap_or(rest),
                )))
            }
            Some(other) => Err(UnsupportedScheme(other.to_owned())),
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Opens one connection with the engine's own error on failure. For
    /// SQLite the parent folder is created first (the embedded default lives
    /// under `./data/`, which a fresh checkout does not have).
    pub fn connect(&self) -> ConnectionResult<AnyConnection> {
        match self {
            Self::Postgres(url) => {
                // libpq's TLS is OpenSSL, which on its own registers an
                // `atexit` cleanup that frees its locks while a pool thread
                // may still be in a handshake: the process then dies of
                // SIGSEGV at exit (issue 19; diesel#3441, r2d2#137,
                // openssl#6214). Initialised here first, with
                // OPENSSL_INIT_NO_ATEXIT, it leaves its state to the OS.
                openssl_sys::init();
                diesel::PgConnection::establish(url).map(AnyConnection::Postgresql)
            }
            Self::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        ConnectionError::BadConnection(format!(
                            "cannot create the data folder {}: {e}",
                            parent.display()
                        ))
                    })?;
                }
                let path = path.to_str().ok_or_else(|| {
                    ConnectionError::BadConnection("the SQLite path is not valid UTF-8".into())
                })?;
                diesel::SqliteConnection::establish(path).map(AnyConnection::Sqlite)
            }
        }
    }
}

/// The two engines, for the few places that must differ (pragmas, locks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// How long a SQLite connection waits for another process's lock.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens connections for the pool and sets each one up for its engine.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
    read_only: bool,
}

impl Manager {
    pub fn new(url: DatabaseUrl, read_only: bool) -> Self {
        Self { url, read_only }
    }
}

/// Per-connection settings. SQLite: WAL so that readers never wait for the
/// writer; `synchronous=FULL` so that an answered write survives a crash and a
/// power cut; foreign keys on (they are off by default); a busy timeout for
/// the rare writer in another process (the CLI). Read connections are
/// `query_only`, so a read path cannot write by mistake.
pub fn prepare(conn: &mut AnyConnection, read_only: bool) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(c) => {
            let settings = format!(
                "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                 PRAGMA foreign_keys = ON;",
                SQLITE_BUSY_TIMEOUT.as_millis()
            );
            while_sqlite_busy(|| c.batch_execute(&settings))?;
            // Page caches of 512 KiB per reader and 1 MiB for the writer
            // instead of SQLite's 2 MiB each: the file's pages stay in the
            // system's cache for every connection anyway, and the private
            // copies were a sixth of the service's peak memory (bench/run,
            // issue 18); the benchmark's answers per second did not move.
            if read_only {
                c.batch_execute("PRAGMA query_only = ON; PRAGMA cache_size = -512;")?;
            } else {
                c.batch_execute("PRAGMA cache_size = -1024;")?;
            }
            Ok(())
        }
        AnyConnection::Postgresql(c) => {
            c.batch_execute("SET TIME ZONE 'UTC'; SET application_name = 'visitdesk';")?;
            if read_only {
                c.batch_execute("SET default_transaction_read_only = on;")?;
            }
            Ok(())
        }
    }
}

/// Runs `step` again while SQLite answers "database is locked", for up to
/// [`SQLITE_BUSY_TIMEOUT`]. Switching a new file to WAL takes a lock that
/// SQLite does not wait for through the busy handler (it gives up at once
/// rather than risk a deadlock while the WAL index is set up), so several
/// processes opening one fresh file together (`migrate` beside `serve`) saw
/// the error in about 1 run in 300. The pragmas are idempotent.
fn while_sqlite_busy(mut step: impl FnMut() -> QueryResult<()>) -> QueryResult<()> {
    let deadline = std::time::Instant::now() + SQLITE_BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(2);
    loop {
        match step() {
            Err(diesel::result::Error::DatabaseError(_, info))
                if info.message().contains("database is locked")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            answer => return answer,
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        let mut conn = self
            .url
            .connect()
            .map_err(diesel::r2d2::Error::ConnectionError)?;
        prepare(&mut conn, self.read_only).map_err(diesel::r2d2::Error::QueryError)?;
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        conn.is_broken()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_engine() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u@h/db").unwrap().engine(),
            Engine::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql:nonsense").unwrap().engine(),
            Engine::Postgres
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/vd.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("/var/lib/vd.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:data/x.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("data/x.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("./data/x.db").unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("./data/x.db"))
        );
        assert!(DatabaseUrl::parse("mysql://root@localhost/db").is_err());
    }

    #[test]
    fn a_locked_fresh_file_is_tried_again_and_other_errors_are_not() {
        use diesel::result::{DatabaseErrorKind, Error};
        let locked = || {
            Error::DatabaseError(
                DatabaseErrorKind::Unknown,
                Box::new("database is locked".to_string()),
            )
        };
        let mut tries = 0;
        let answer = while_sqlite_busy(|| {
            tries += 1;
            if tries < 3 { Err(locked()) } else { Ok(()) }
        });
        assert!(answer.is_ok());
        assert_eq!(tries, 3);

        let mut tries = 0;
        let answer = while_sqlite_busy(|| {
            tries += 1;
            Err(Error::NotFound)
        });
        assert!(matches!(answer, Err(Error::NotFound)));
        assert_eq!(tries, 1);
    }

    #[test]
    fn a_postgres_url_is_never_printed() {
        let url = DatabaseUrl::parse("postgres://u:secret@h/db").unwrap();
        assert!(!format!("{url:?}").contains("secret"));
    }
}
