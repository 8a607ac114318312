//! `visitdesk backup --to FILE` while the service runs, and `visitdesk
//! restore --from FILE` into an empty database.
//!
//! SQLite: `VACUUM INTO`, which writes one consistent snapshot (a read
//! transaction: the service's writer goes on beside it) as a compact
//! database file that is itself a visitdesk database — it can be served as
//! it is, or restored into either engine through the verified copy.
//! PostgreSQL: `pg_dump` in its custom format (consistent by its own
//! snapshot), restored with `pg_restore` in one transaction.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::{OpsError, OpsResult, fail};
use crate::config::DatabaseArgs;
use crate::db::DatabaseUrl;

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// The backup file to write (refused if it exists).
    #[arg(long)]
    pub to: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file `visitdesk backup` wrote.
    #[arg(long)]
    pub from: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

/// What the first bytes of a backup say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Sqlite,
    PgDump,
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
const PG_DUMP_MAGIC: &[u8] = b"PGDMP";

fn format_of(path: &Path) -> OpsResult<Format> {
    let mut head = [0_u8; 16];
    let mut file = std::fs::File::open(path)
        .map_err(|e| OpsError(format!("cannot read {}: {e}", path.display())))?;
    let n = file.read(&mut head)?;
    if head[..n].starts_with(SQLITE_MAGIC) {
        Ok(Format::Sqlite)
    } else if head[..n].starts_with(PG_DUMP_MAGIC) {
        Ok(Format::PgDump)
    } else {
        fail(format!(
            "{} is neither a SQLite database nor a pg_dump archive",
            path.display()
        ))
    }
}

/// `visitdesk backup`: returns what to print.
pub fn backup(args: &BackupArgs) -> OpsResult<String> {
    let url = args.db.database().map_err(|e| OpsError(e.to_string()))?;
    if args.to.exists() {
        return fail(format!(
            "{} exists already; a backup never overwrites a file",
            args.to.display()
        ));
    }
    // Written beside its final name and renamed when whole: a backup cut
    // short leaves no file that looks like a backup.
    let partial = partial_name(&args.to);
    let _ = std::fs::remove_file(&partial);
    let result = match &url {
        DatabaseUrl::Sqlite(_) => backup_sqlite(&url, &partial),
        DatabaseUrl::Postgres(database) => pg_dump(database, &partial),
    };
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &args.to)?;
    let bytes = std::fs::metadata(&args.to)?.len();
    Ok(format!(
        "backed up to {} ({bytes} bytes, {})",
        args.to.display(),
        match url {
            DatabaseUrl::Sqlite(_) => "a SQLite database",
            DatabaseUrl::Postgres(_) => "a pg_dump archive",
        }
    ))
}

fn partial_name(to: &Path) -> PathBuf {
    let mut name = to.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    to.with_file_name(name)
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

fn backup_sqlite(url: &DatabaseUrl, partial: &Path) -> OpsResult<()> {
    let mut conn = super::open_existing(url)?;
    if super::applied_migrations(&mut conn)?.is_empty() {
        return fail("the database is not a visitdesk database (it has no migrations)");
    }
    let path = partial
        .to_str()
        .ok_or_else(|| OpsError("the backup path is not valid UTF-8".into()))?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(path)
        .execute(&mut conn)?;
    // The copy is read back whole before it is called a backup.
    let mut copy = super::open_existing(&DatabaseUrl::Sqlite(partial.to_owned()))?;
    let check = diesel::sql_query("PRAGMA integrity_check").load::<Check>(&mut copy)?;
    if check.len() != 1 || check[0].integrity_check != "ok" {
        return fail("the backup did not pass SQLite's integrity check");
    }
    Ok(())
}

/// A program of PostgreSQL's client tools, or an error saying what to install.
fn client_tool(name: &str) -> OpsResult<Command> {
    match Command::new(name).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(Command::new(name)),
        _ => fail(format!(
            "{name} was not found on PATH: install PostgreSQL's client programs (Debian: \
             `apt-get install postgresql-client`), of the server's major version or newer"
        )),
    }
}

fn pg_dump(database: &str, partial: &Path) -> OpsResult<()> {
    let out = client_tool("pg_dump")?
        .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
        .arg(partial)
        .arg(format!("--dbname={database}"))
        .output()?;
    if !out.status.success() {
        return fail(format!(
            "pg_dump failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(())
}

/// `visitdesk restore`: returns what to print; progress on `progress`.
pub fn restore(args: &RestoreArgs, progress: &mut dyn Write) -> OpsResult<String> {
    let url = args.db.database().map_err(|e| OpsError(e.to_string()))?;
    match format_of(&args.from)? {
        // Through the verified copy: into either engine, refused when the
        // target holds records, all or nothing.
        Format::Sqlite => {
            let copied = super::copy::copy(
                &DatabaseUrl::Sqlite(args.from.clone()),
                &url,
                1000,
                progress,
            )?;
            Ok(format!(
                "restored from {}: {}",
                args.from.display(),
                copied.describe()
            ))
        }
        Format::PgDump => {
            let DatabaseUrl::Postgres(database) = &url else {
                return fail(
                    "a pg_dump archive restores into PostgreSQL only; to move it to SQLite, \
                     restore it into PostgreSQL and `visitdesk copy` from there",
                );
            };
            let mut conn = url.connect()?;
            let tables = super::catalogue::tables(&mut conn)?;
            if !tables.is_empty() {
                super::require_empty(&mut conn, "the target")?;
                return fail(
                    "the target has tables already; pg_restore needs a new database \
                     (`createdb NAME`), without even visitdesk's migrations",
                );
            }
            drop(conn);
            let out = client_tool("pg_restore")?
                .args([
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                ])
                .arg(format!("--dbname={database}"))
                .arg(&args.from)
                .output()?;
            if !out.status.success() {
                return fail(format!(
                    "pg_restore failed (the target is left as it was): {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
            // A backup of an older visitdesk is brought up to this one's.
            let mut conn = super::open_migrated(&url)?;
            let audit = super::catalogue::count(&mut conn, "audit_entries")?;
            Ok(format!(
                "restored from {} ({audit} audit entries)",
                args.from.display()
            ))
        }
    }
}
