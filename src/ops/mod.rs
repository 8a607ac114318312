//! Operations on a whole database from the command line: `visitdesk copy`
//! (between engines, verified), `visitdesk backup` (while the service runs)
//! and `visitdesk restore` (into an empty database).
//!
//! These work on the tables as the database's own catalogue lists them,
//! not on a list kept here, so a table added by a later migration is copied,
//! verified and backed up without anyone remembering to add it.

pub mod backup;
pub mod catalogue;
pub mod copy;
pub mod rows;

use std::fmt;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::{AnyConnection, DatabaseUrl, connection, migrate};

/// What went wrong, in words for the operator.
#[derive(Debug)]
pub struct OpsError(pub String);

impl fmt::Display for OpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpsError {}

impl From<diesel::result::Error> for OpsError {
    fn from(e: diesel::result::Error) -> Self {
        Self(format!("database error: {e}"))
    }
}

impl From<diesel::ConnectionError> for OpsError {
    fn from(e: diesel::ConnectionError) -> Self {
        Self(format!("cannot connect: {e}"))
    }
}

impl From<std::io::Error> for OpsError {
    fn from(e: std::io::Error) -> Self {
        Self(e.to_string())
    }
}

pub type OpsResult<T> = Result<T, OpsError>;

pub fn fail<T>(message: impl Into<String>) -> OpsResult<T> {
    Err(OpsError(message.into()))
}

/// Opens one connection to an existing database, without migrating it (a
/// source is read as it is; a SQLite file that is not there is an error,
/// not a new empty database). A SQLite source is opened read-only: copying
/// or backing it up cannot change it, even by a pragma.
pub fn open_existing(url: &DatabaseUrl) -> OpsResult<AnyConnection> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            if !path.is_file() {
                return fail(format!("there is no database file at {}", path.display()));
            }
            let path = path
                .to_str()
                .ok_or_else(|| OpsError("the SQLite path is not valid UTF-8".into()))?;
            // An URI filename: `%`, `?` and `#` of the path escaped.
            let uri = format!(
                "file:{}?mode=ro",
                path.replace('%', "%25")
                    .replace('?', "%3f")
                    .replace('#', "%23")
            );
            let mut conn = diesel::SqliteConnection::establish(&uri)?;
            conn.batch_execute("PRAGMA busy_timeout = 10000;")?;
            Ok(AnyConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(_) => {
            let mut conn = url.connect()?;
            connection::prepare(&mut conn, false)?;
            Ok(conn)
        }
    }
}

/// Opens a target, creating it if need be, and applies every migration.
pub fn open_migrated(url: &DatabaseUrl) -> OpsResult<AnyConnection> {
    let mut conn = url.connect()?;
    connection::prepare(&mut conn, false)?;
    migrate::run_pending(&mut conn)
        .map_err(|e| OpsError(format!("cannot migrate the target: {e}")))?;
    Ok(conn)
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Text)]
    version: String,
}

/// The migrations applied to a database, oldest first (none when it has
/// never been migrated).
pub fn applied_migrations(conn: &mut AnyConnection) -> OpsResult<Vec<String>> {
    if !catalogue::tables(conn)?
        .iter()
        .any(|t| t == "__diesel_schema_migrations")
    {
        return Ok(Vec::new());
    }
    Ok(
        diesel::sql_query("SELECT version FROM __diesel_schema_migrations ORDER BY version")
            .load::<Version>(conn)?
            .into_iter()
            .map(|v| v.version)
            .collect(),
    )
}

/// Tables the migrations fill themselves (the holiday swaps of the
/// calendar, the longest entry of each kind): an empty database has their
/// rows already, so they do not make a target "not empty", and a copy or a
/// restore replaces them with the source's.
pub const SEEDED_BY_MIGRATIONS: &[&str] = &["calendar_swaps", "entry_spans"];

/// The tables of a migrated database that hold rows (other than those the
/// migrations seed), with their counts: empty means none.
pub fn non_empty_tables(conn: &mut AnyConnection) -> OpsResult<Vec<(String, i64)>> {
    let mut found = Vec::new();
    for table in catalogue::tables(conn)? {
        if table == "__diesel_schema_migrations" || SEEDED_BY_MIGRATIONS.contains(&table.as_str()) {
            continue;
        }
        let n = catalogue::count(conn, &table)?;
        if n > 0 {
            found.push((table, n));
        }
    }
    Ok(found)
}

/// Refuses a target that holds records.
pub fn require_empty(conn: &mut AnyConnection, what: &str) -> OpsResult<()> {
    let found = non_empty_tables(conn)?;
    if found.is_empty() {
        return Ok(());
    }
    let list = found
        .iter()
        .map(|(t, n)| format!("{t} ({n} rows)"))
        .collect::<Vec<_>>()
        .join(", ");
    fail(format!(
        "{what} is not empty: {list}; give an empty database (a new PostgreSQL database, or a \
         SQLite file that does not exist yet)"
    ))
}
