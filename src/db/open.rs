//! Opening the database: the pools and their sizes, the migrations applied
//! at start, and the handle that also watches what other processes commit.

use std::time::Duration;

use super::{DatabaseUrl, Db, Engine, Writes, connection, migrate, notify, writer};

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
}
