//! The embedded migrations, one folder per engine with the same names.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::connection::AnyConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// The advisory lock key under which PostgreSQL migrations run, so that
/// several processes starting at once on a fresh database do not race
/// ("visitdesk" in ASCII, folded into an i64).
const MIGRATION_LOCK_KEY: i64 = 0x7669_7369_7464_6573;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration; returns the names of those applied.
pub fn run_pending(conn: &mut AnyConnection) -> Result<Vec<String>, BoxError> {
    match conn {
        AnyConnection::Sqlite(c) => {
            // Under the write lock from the start: a second process starting
            // on a fresh file waits (busy timeout), then finds nothing to
            // do, instead of creating the tables the first has just made.
            c.immediate_transaction(|c| applied(c.run_pending_migrations(SQLITE)?))
        }
        AnyConnection::Postgresql(c) => {
            diesel::sql_query("SELECT pg_advisory_lock($1)")
                .bind::<BigInt, _>(MIGRATION_LOCK_KEY)
                .execute(c)?;
            let result = c
                .run_pending_migrations(POSTGRES)
                .map(|v| v.into_iter().map(|m| m.to_string()).collect::<Vec<_>>());
            // Unlock on both paths; a dropped connection would release it too.
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            Ok(result?)
        }
    }
}

fn applied(
    versions: Vec<diesel::migration::MigrationVersion<'_>>,
) -> Result<Vec<String>, BoxError> {
    Ok(versions.into_iter().map(|m| m.to_string()).collect())
}
