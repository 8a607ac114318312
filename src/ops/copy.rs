//! `visitdesk copy --from URL --to URL`: a whole database into an empty one
//! of either engine (SQLite to PostgreSQL to move a province that outgrew
//! one machine; PostgreSQL to SQLite and SQLite to SQLite by the same
//! code), every id, reference counter, audit entry and token hash as it is.
//!
//! The source is read in one snapshot (a read transaction; on PostgreSQL
//! repeatable read), the target written in one transaction that is only
//! committed after each table's row count and checksum, computed from the
//! target's rows the same way as from the source's, match: a copy that fails
//! anywhere, verification included, leaves the target as empty as it was.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use clap::Args;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::catalogue::{self, Kind, Table, quoted};
use super::rows::{self, Checksum};
use super::{OpsResult, fail};
use crate::db::{AnyConnection, DatabaseUrl};

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The database to copy: postgres://… or a SQLite file (sqlite://PATH or a path).
    #[arg(long)]
    pub from: String,
    /// An empty database to copy into (migrated first; a SQLite file is
    /// created). Refused if it holds any record.
    #[arg(long)]
    pub to: String,
    /// Rows per statement.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
}

/// One table as copied and verified.
#[derive(Debug, Clone)]
pub struct TableCopy {
    pub table: String,
    pub rows: u64,
    pub checksum: String,
}

/// What a copy did.
#[derive(Debug, Clone)]
pub struct Copied {
    pub tables: Vec<TableCopy>,
    pub took: Duration,
}

impl Copied {
    pub fn describe(&self) -> String {
        let rows: u64 = self.tables.iter().map(|t| t.rows).sum();
        format!(
            "copied {} tables, {rows} rows, in {:.1} s; every table's row count and checksum match",
            self.tables.len(),
            self.took.as_secs_f64()
        )
    }
}

/// `visitdesk copy`, progress on `progress` (stderr).
pub fn run(args: &CopyArgs, progress: &mut dyn Write) -> OpsResult<Copied> {
    let from = parse(&args.from, "--from")?;
    let to = parse(&args.to, "--to")?;
    copy(&from, &to, args.batch as usize, progress)
}

pub fn parse(url: &str, flag: &str) -> OpsResult<DatabaseUrl> {
    DatabaseUrl::parse(url).map_err(|e| super::OpsError(format!("{flag}: {e}")))
}

/// Copies `from` into the empty database `to`, verified.
pub fn copy(
    from: &DatabaseUrl,
    to: &DatabaseUrl,
    batch: usize,
    progress: &mut dyn Write,
) -> OpsResult<Copied> {
    let started = Instant::now();
    if from == to {
        return fail("--from and --to name the same database");
    }
    let mut source = super::open_existing(from)?;
    let source_migrations = super::applied_migrations(&mut source)?;
    if source_migrations.is_empty() {
        return fail("the source is not a visitdesk database (it has no migrations)");
    }
    let mut target = super::open_migrated(to)?;
    let target_migrations = super::applied_migrations(&mut target)?;
    if source_migrations != target_migrations {
        let missing: Vec<_> = target_migrations
            .iter()
            .filter(|m| !source_migrations.contains(m))
            .collect();
        return fail(if missing.is_empty() {
            "the source was migrated by a newer visitdesk than this one; copy with that version"
                .to_owned()
        } else {
            format!(
                "the source lacks migrations {missing:?}: run `visitdesk migrate --database-url \
                 SOURCE` first"
            )
        });
    }
    super::require_empty(&mut target, "the target")?;
    let tables = catalogue::in_reference_order(catalogue::data_tables(&mut source)?)?;
    same_shape(&tables, &catalogue::data_tables(&mut target)?)?;
    let floors = id_floors(&mut source, &tables)?;

    let source_is_postgres = matches!(source, AnyConnection::Postgresql(_));
    let copied = source.transaction::<_, super::OpsError, _>(|source| {
        if source_is_postgres {
            source.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        }
        target.write_transaction(|target| {
            let copied = copy_tables(source, target, &tables, batch, progress)?;
            set_id_floors(target, &tables, &floors)?;
            verify(target, &tables, &copied, batch, progress)?;
            Ok(copied)
        })
    })?;
    Ok(Copied {
        tables: copied,
        took: started.elapsed(),
    })
}

/// The target has the same tables and columns as the source (both are
/// migrated alike, but a hand-made column would be lost or refused).
fn same_shape(source: &[Table], target: &[Table]) -> OpsResult<()> {
    let shape = |tables: &[Table]| -> BTreeMap<String, Vec<(String, Kind)>> {
        tables
            .iter()
            .map(|t| {
                let mut columns: Vec<_> =
                    t.columns.iter().map(|c| (c.name.clone(), c.kind)).collect();
                columns.sort_by(|a, b| a.0.cmp(&b.0));
                (t.name.clone(), columns)
            })
            .collect()
    };
    let (a, b) = (shape(source), shape(target));
    for (table, columns) in &a {
        if b.get(table) != Some(columns) {
            return fail(format!(
                "the table {table} differs between the source and the target"
            ));
        }
    }
    if let Some(extra) = b.keys().find(|t| !a.contains_key(*t)) {
        return fail(format!("the target has a table {extra} the source has not"));
    }
    Ok(())
}

fn copy_tables(
    source: &mut AnyConnection,
    target: &mut AnyConnection,
    tables: &[Table],
    batch: usize,
    progress: &mut dyn Write,
) -> OpsResult<Vec<TableCopy>> {
    let target_is_postgres = matches!(target, AnyConnection::Postgresql(_));
    if target_is_postgres {
        // The derived tables' triggers would rewrite `entry_spans` row by
        // row; it is copied as the source has it instead. Undone by the
        // transaction's end either way (ALTER TABLE is transactional).
        for t in tables {
            target.batch_execute(&format!(
                "ALTER TABLE {} DISABLE TRIGGER USER",
                quoted(&t.name)
            ))?;
        }
    } else {
        // Rows referencing a later row of their own table (a unit merged
        // into a newer one) are checked at commit.
        target.batch_execute("PRAGMA defer_foreign_keys = ON")?;
    }
    let mut copied = Vec::with_capacity(tables.len());
    for table in tables {
        if super::SEEDED_BY_MIGRATIONS.contains(&table.name.as_str()) {
            target.batch_execute(&format!("DELETE FROM {}", quoted(&table.name)))?;
        }
        let total = catalogue::count(source, &table.name)?;
        let started = Instant::now();
        let mut said = Instant::now();
        let mut checksum = Checksum::default();
        // PostgreSQL checks a reference at the end of each statement: a
        // table referencing itself goes in as one statement.
        let per_statement = if target_is_postgres && table.references.contains(&table.name) {
            usize::MAX
        } else {
            batch
        };
        rows::scan(source, table, batch.min(per_statement), &mut |rows| {
            for row in &rows {
                checksum.add(row);
            }
            rows::insert(target, table, &rows)?;
            if said.elapsed() >= Duration::from_secs(2) {
                said = Instant::now();
                let _ = writeln!(progress, "  {}: {}/{total} rows", table.name, checksum.rows);
            }
            Ok(())
        })
        .map_err(|e| super::OpsError(format!("copying {}: {e}", table.name)))?;
        let _ = writeln!(
            progress,
            "copied {}: {} rows in {:.1} s",
            table.name,
            checksum.rows,
            started.elapsed().as_secs_f64()
        );
        copied.push(TableCopy {
            table: table.name.clone(),
            rows: checksum.rows,
            checksum: checksum.hex(),
        });
    }
    if target_is_postgres {
        for t in tables {
            target.batch_execute(&format!(
                "ALTER TABLE {} ENABLE TRIGGER USER",
                quoted(&t.name)
            ))?;
        }
    }
    Ok(copied)
}

/// Reads the target back inside the copy's transaction and compares each
/// table's count and checksum with the source's.
fn verify(
    target: &mut AnyConnection,
    tables: &[Table],
    copied: &[TableCopy],
    batch: usize,
    progress: &mut dyn Write,
) -> OpsResult<()> {
    for (table, source) in tables.iter().zip(copied) {
        let mut checksum = Checksum::default();
        rows::scan(target, table, batch, &mut |rows| {
            rows.iter().for_each(|r| checksum.add(r));
            Ok(())
        })?;
        if checksum.rows != source.rows || checksum.hex() != source.checksum {
            return fail(format!(
                "verification failed for {}: the source has {} rows (checksum {}), the target {} \
                 (checksum {}); nothing was copied",
                table.name,
                source.rows,
                source.checksum,
                checksum.rows,
                checksum.hex()
            ));
        }
        let _ = writeln!(
            progress,
            "verified {}: {} rows, checksum {}",
            table.name,
            checksum.rows,
            &source.checksum[..16]
        );
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Floor {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Sequence {
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
}

/// The table's id column if it has a single integer key.
fn id_column(table: &Table) -> Option<&str> {
    match table.key.as_slice() {
        [i] if table.columns[*i].kind == Kind::Int => Some(&table.columns[*i].name),
        _ => None,
    }
}

/// The PostgreSQL sequence behind `table`'s id, if it has one.
fn sequence_of(conn: &mut AnyConnection, table: &Table) -> OpsResult<Option<String>> {
    let Some(column) = id_column(table) else {
        return Ok(None);
    };
    Ok(
        diesel::sql_query("SELECT pg_get_serial_sequence(quote_ident($1), $2) AS name")
            .bind::<Text, _>(&table.name)
            .bind::<Text, _>(column)
            .get_result::<Sequence>(conn)?
            .name,
    )
}

/// The last id each table's sequence gave out on the source (SQLite's
/// `sqlite_sequence`, PostgreSQL's sequences): ids deleted at the end of a
/// table are not given out again on the copy either.
fn id_floors(conn: &mut AnyConnection, tables: &[Table]) -> OpsResult<BTreeMap<String, i64>> {
    let mut floors = BTreeMap::new();
    match conn {
        AnyConnection::Sqlite(_) => {
            if catalogue::tables(conn)?
                .iter()
                .any(|t| t == "sqlite_sequence")
            {
                for f in diesel::sql_query("SELECT name, seq AS n FROM sqlite_sequence")
                    .load::<Floor>(conn)?
                {
                    floors.insert(f.name, f.n);
                }
            }
        }
        AnyConnection::Postgresql(_) => {
            for table in tables {
                if let Some(sequence) = sequence_of(conn, table)? {
                    let n = diesel::sql_query(format!(
                        "SELECT '' AS name, CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM {sequence}"
                    ))
                    .get_result::<Floor>(conn)?
                    .n;
                    floors.insert(table.name.clone(), n);
                }
            }
        }
    }
    Ok(floors)
}

/// Sets each id sequence of the target past both the source's floor and
/// the highest id copied, so the next record gets the next id.
fn set_id_floors(
    conn: &mut AnyConnection,
    tables: &[Table],
    floors: &BTreeMap<String, i64>,
) -> OpsResult<()> {
    for table in tables {
        let Some(column) = id_column(table) else {
            continue;
        };
        let floor = floors.get(&table.name).copied().unwrap_or(0);
        let (name, column) = (quoted(&table.name), quoted(column));
        match conn {
            AnyConnection::Postgresql(_) => {
                let Some(sequence) = sequence_of(conn, table)? else {
                    continue;
                };
                conn.batch_execute(&format!(
                    "SELECT setval('{}', GREATEST({floor}, (SELECT MAX({column}) FROM {name}))) \
                     FROM (SELECT 1) AS one WHERE GREATEST({floor}, (SELECT MAX({column}) FROM {name})) > 0",
                    sequence.replace('\'', "''")
                ))?;
            }
            AnyConnection::Sqlite(_) => {
                if floor > 0 {
                    diesel::sql_query(
                        "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?",
                    )
                    .bind::<BigInt, _>(floor)
                    .bind::<Text, _>(&table.name)
                    .execute(conn)?;
                    diesel::sql_query(
                        "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? \
                         WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                    )
                    .bind::<Text, _>(&table.name)
                    .bind::<BigInt, _>(floor)
                    .bind::<Text, _>(&table.name)
                    .execute(conn)?;
                }
            }
        }
    }
    Ok(())
}
