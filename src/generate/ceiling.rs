//! `visitdesk commit-ceiling`: the raw insert-and-commit rate of a database,
//! the benchmark's baseline for audited writes.

use super::*;

#[derive(Debug, Clone, Args)]
pub struct CommitCeilingArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// How long to keep committing.
    #[arg(long, default_value_t = 5.0)]
    pub seconds: f64,
    /// SQLite only: measure with another `synchronous` setting than the
    /// service's FULL (NORMAL, OFF), to show what the durability costs.
    #[arg(long)]
    pub synchronous: Option<String>,
}

/// The write ceiling the benchmark compares audited creates with: one
/// connection, prepared exactly as the service's writer is (on SQLite: WAL,
/// synchronous=FULL), inserting one delegation-sized row per transaction
/// into a scratch table, as fast as it can. Returns commits per second.
pub fn commit_ceiling(args: &CommitCeilingArgs) -> Result<String, String> {
    let url = args.db.database().map_err(|e| e.to_string())?;
    let mut conn = url.connect().map_err(|e| e.to_string())?;
    crate::db::connection::prepare(&mut conn, false).map_err(|e| e.to_string())?;
    if let Some(setting) = &args.synchronous {
        let setting = match setting.to_ascii_uppercase().as_str() {
            s @ ("FULL" | "NORMAL" | "OFF") => s.to_owned(),
            _ => return Err("--synchronous must be FULL, NORMAL or OFF".into()),
        };
        if let AnyConnection::Sqlite(c) = &mut conn {
            diesel::sql_query(format!("PRAGMA synchronous = {setting}"))
                .execute(c)
                .map_err(|e| e.to_string())?;
        }
    }
    let run = |conn: &mut AnyConnection, sql: &str| {
        diesel::sql_query(sql)
            .execute(conn)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    run(&mut conn, "DROP TABLE IF EXISTS bench_commits")?;
    run(
        &mut conn,
        "CREATE TABLE bench_commits (n BIGINT PRIMARY KEY, body TEXT NOT NULL)",
    )?;
    let body = "x".repeat(600);
    let started = Instant::now();
    let mut commits: i64 = 0;
    while started.elapsed().as_secs_f64() < args.seconds {
        commits += 1;
        conn.transaction(|c| {
            diesel::sql_query("INSERT INTO bench_commits (n, body) VALUES ($1, $2)")
                .bind::<diesel::sql_types::BigInt, _>(commits)
                .bind::<diesel::sql_types::Text, _>(&body)
                .execute(c)
        })
        .map_err(|e| e.to_string())?;
    }
    let seconds = started.elapsed().as_secs_f64();
    run(&mut conn, "DROP TABLE bench_commits")?;
    Ok(format!(
        "{commits} commits in {seconds:.2} s: {:.0} commits/s",
        commits as f64 / seconds
    ))
}
