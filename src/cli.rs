//! The command line: `serve`, `migrate`, `user create`, `openapi`, `generate`,
//! `copy`, `backup`, `restore`.

use std::io::BufRead;

use clap::{Args, Parser, Subcommand};

use crate::config::{DatabaseArgs, ServeArgs};
use crate::db::{self, Actor, Db, PoolOptions};
use crate::domain::ids::UnitId;
use crate::domain::role::Role;
use crate::domain::user::{NewPassword, Username};

#[derive(Debug, Parser)]
#[command(
    name = "visitdesk",
    version,
    about = "Foreign-information work of a province: delegations, reporters, interviews, press conferences"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (migrating the database first).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Manage users from the command line (the first administrator).
    #[command(subcommand)]
    User(UserCommand),
    /// Print the OpenAPI document.
    Openapi,
    /// Fill a database with years of generated records (for benchmarks).
    Generate(crate::generate::GenerateArgs),
    /// Measure the raw commit rate of the database (the benchmark's write ceiling).
    #[command(hide = true)]
    CommitCeiling(crate::generate::CommitCeilingArgs),
    /// Copy a whole database into an empty one (SQLite to PostgreSQL, or
    /// back), verified table by table; progress on standard error.
    Copy(crate::ops::copy::CopyArgs),
    /// Back the database up to a file while the service runs (SQLite: a
    /// database file; PostgreSQL: a pg_dump archive).
    Backup(crate::ops::backup::BackupArgs),
    /// Restore a backup into an empty database.
    Restore(crate::ops::backup::RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Create(CreateUserArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[arg(long)]
    pub username: String,
    /// admin, foreign_affairs, provincial_office, police, host_unit or viewer.
    #[arg(long)]
    pub role: String,
    /// The user's unit (required for every role but admin).
    #[arg(long)]
    pub unit_id: Option<i64>,
    /// Defaults to the username.
    #[arg(long)]
    pub display_name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

/// A command-line failure: what to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }

    pub fn runtime(message: impl std::fmt::Display) -> Self {
        Self {
            message: message.to_string(),
            code: 1,
        }
    }
}

/// Opens (and migrates) the database named by `args`, for a one-shot
/// command (no listening connection: [`Db::open`]).
pub fn open_db(args: &DatabaseArgs) -> Result<Db, Failure> {
    let url = args.database().map_err(|e| Failure::usage(e.to_string()))?;
    let (db, applied) = Db::open(&url, PoolOptions::default()).map_err(Failure::runtime)?;
    for name in applied {
        tracing::info!(migration = %name, "applied");
    }
    Ok(db)
}

/// [`open_db`] for `serve`: watching for other processes' changes.
pub fn open_db_for_serving(args: &DatabaseArgs) -> Result<db::ServingDb, Failure> {
    let url = args.database().map_err(|e| Failure::usage(e.to_string()))?;
    let (db, applied) =
        Db::open_for_serving(&url, PoolOptions::default()).map_err(Failure::runtime)?;
    for name in applied {
        tracing::info!(migration = %name, "applied");
    }
    Ok(db)
}

pub fn create_user(args: &CreateUserArgs, stdin: impl BufRead) -> Result<String, Failure> {
    let username =
        Username::parse(&args.username).map_err(|m| Failure::usage(format!("--username {m}")))?;
    let role = Role::parse(&args.role).ok_or_else(|| {
        Failure::usage("--role must be one of admin, foreign_affairs, provincial_office, police, host_unit, viewer")
    })?;
    crate::domain::user::check_role_unit(role, args.unit_id.is_some())
        .map_err(|m| Failure::usage(format!("--unit-id: {m}")))?;
    let display_name = args
        .display_name
        .clone()
        .unwrap_or_else(|| username.as_str().to_owned());
    crate::domain::user::check_display_name(&display_name)
        .map_err(|m| Failure::usage(format!("--display-name {m}")))?;
    let line = stdin
        .lines()
        .next()
        .transpose()
        .map_err(Failure::runtime)?
        .ok_or_else(|| Failure::usage("no password on standard input"))?;
    let password = NewPassword::parse(line.trim_end_matches(['\r', '\n']))
        .map_err(|m| Failure::usage(format!("the password {m}")))?;

    let db = open_db(&args.db)?;
    let new = db::user::NewUser {
        password_hash: crate::http::auth::hash_password(&password)
            .map_err(|_| Failure::runtime("cannot hash the password"))?,
        username,
        display_name,
        unit_id: args.unit_id.map(UnitId),
        role,
    };
    let user = db
        .write_blocking(&Actor::system("command line"), |conn| {
            crate::model::user::insert(conn, &new)
        })
        .map_err(|e| Failure::runtime(describe(&e)))?;
    Ok(format!(
        "created user {} `{}` ({})",
        user.id, user.username, user.role
    ))
}

/// An API error in words for the terminal.
fn describe(e: &crate::error::ApiError) -> String {
    match e {
        crate::error::ApiError::Invalid(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
