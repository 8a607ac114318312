//! What a database says of itself: its tables, their columns (name, kind,
//! place in the primary key), which tables they reference, and the id
//! sequences — read from each engine's own catalogue.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::{OpsResult, fail};
use crate::db::AnyConnection;

/// How a column's values are compared and written: the kinds the
/// migrations use. SQLite keeps timestamps as text and booleans as 0/1,
/// PostgreSQL as their own types; a value of a kind means the same on both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
    Bool,
    Timestamp,
    Date,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// Indexes into `columns`, in the key's order.
    pub key: Vec<usize>,
    /// Tables its foreign keys point at.
    pub references: Vec<String>,
}

/// `name` quoted as an SQL identifier (both engines).
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The database's tables (diesel's migration table included), sorted.
pub fn tables(conn: &mut AnyConnection) -> OpsResult<Vec<String>> {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        }
        AnyConnection::Postgresql(_) => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        }
    };
    Ok(diesel::sql_query(sql)
        .load::<Name>(conn)?
        .into_iter()
        .map(|n| n.name)
        .collect())
}

/// Rows in `table`.
pub fn count(conn: &mut AnyConnection, table: &str) -> OpsResult<i64> {
    Ok(
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {}", quoted(table)))
            .get_result::<Count>(conn)?
            .n,
    )
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    type_: String,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    type_: String,
    #[diesel(sql_type = Nullable<Integer>)]
    pk: Option<i32>,
}

/// The data tables (everything but diesel's record of migrations), each
/// with its columns, key and references.
pub fn data_tables(conn: &mut AnyConnection) -> OpsResult<Vec<Table>> {
    let mut out = Vec::new();
    for name in tables(conn)? {
        if name == "__diesel_schema_migrations" {
            continue;
        }
        out.push(describe(conn, &name)?);
    }
    Ok(out)
}

fn describe(conn: &mut AnyConnection, table: &str) -> OpsResult<Table> {
    // (name, declared type, place in the key from 1, or 0)
    let raw: Vec<(String, String, i32)> = match conn {
        AnyConnection::Sqlite(_) => diesel::sql_query(
            "SELECT name, type AS type_, pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind::<Text, _>(table)
        .load::<SqliteColumn>(conn)?
        .into_iter()
        .map(|c| (c.name, c.type_, c.pk))
        .collect(),
        AnyConnection::Postgresql(_) => diesel::sql_query(
            "SELECT c.column_name::text AS name, c.data_type::text AS type_, \
                    (SELECT (array_position(i.indkey::int2[], a.attnum) \
                             - array_lower(i.indkey::int2[], 1) + 1)::int \
                       FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid \
                      WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary \
                        AND a.attname = c.column_name AND a.attnum = ANY(i.indkey)) AS pk \
               FROM information_schema.columns c \
              WHERE c.table_schema = current_schema() AND c.table_name = $1 \
              ORDER BY c.ordinal_position",
        )
        .bind::<Text, _>(table)
        .load::<PgColumn>(conn)?
        .into_iter()
        .map(|c| (c.name, c.type_, c.pk.unwrap_or(0)))
        .collect(),
    };
    let mut columns = Vec::new();
    let mut key: Vec<(i32, usize)> = Vec::new();
    for (i, (name, declared, pk)) in raw.into_iter().enumerate() {
        let Some(kind) = kind_of(&declared) else {
            return fail(format!(
                "{table}.{name} is of type {declared}, which copy does not know"
            ));
        };
        if pk > 0 {
            key.push((pk, i));
        }
        columns.push(Column { name, kind });
    }
    key.sort_unstable();
    if key.is_empty() {
        return fail(format!("{table} has no primary key to order its rows by"));
    }
    Ok(Table {
        name: table.to_owned(),
        key: key.into_iter().map(|(_, i)| i).collect(),
        references: references(conn, table)?,
        columns,
    })
}

/// A declared type (SQLite's as written in the migration, PostgreSQL's
/// `data_type`) as a kind.
fn kind_of(declared: &str) -> Option<Kind> {
    let t = declared.to_ascii_lowercase();
    Some(match t.as_str() {
        "bigint" | "integer" | "int" | "smallint" | "bigserial" => Kind::Int,
        "text" | "character varying" | "varchar" => Kind::Text,
        "boolean" | "bool" => Kind::Bool,
        "timestamp" | "timestamp without time zone" | "datetime" => Kind::Timestamp,
        "date" => Kind::Date,
        _ => return None,
    })
}

fn references(conn: &mut AnyConnection, table: &str) -> OpsResult<Vec<String>> {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT DISTINCT \"table\" AS name FROM pragma_foreign_key_list(?)"
        }
        AnyConnection::Postgresql(_) => {
            "SELECT DISTINCT r.relname::text AS name FROM pg_constraint k \
               JOIN pg_class r ON r.oid = k.confrelid \
              WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident($1))"
        }
    };
    Ok(diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .load::<Name>(conn)?
        .into_iter()
        .map(|n| n.name)
        .collect())
}

/// `tables` ordered so that every table comes after those it references
/// (a reference to itself aside), the derived tables the migrations seed
/// last; ties by name, so the order is the same on every run.
pub fn in_reference_order(mut tables: Vec<Table>) -> OpsResult<Vec<Table>> {
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            t.references
                .iter()
                .all(|r| r == &t.name || ordered.iter().any(|o| &o.name == r))
        });
        match ready {
            Some(i) => ordered.push(tables.remove(i)),
            None => {
                return fail(format!(
                    "the tables {} reference each other in a cycle",
                    tables
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    // The derived tables after the tables their rows are derived from
    // (PostgreSQL's triggers fill them while those are copied).
    let (seeded, mut rest): (Vec<Table>, Vec<Table>) = ordered
        .into_iter()
        .partition(|t| super::SEEDED_BY_MIGRATIONS.contains(&t.name.as_str()));
    rest.extend(seeded);
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, references: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![],
            key: vec![0],
            references: references.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn referenced_tables_come_first_and_seeded_ones_last() {
        let order = in_reference_order(vec![
            table("entry_spans", &[]),
            table("users", &["units"]),
            table("units", &["units"]),
            table("audit_entries", &["users"]),
        ])
        .unwrap();
        let names: Vec<_> = order.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["units", "users", "audit_entries", "entry_spans"]);
        assert!(in_reference_order(vec![table("a", &["b"]), table("b", &["a"])]).is_err());
    }

    #[test]
    fn kinds_of_both_engines() {
        assert_eq!(kind_of("BIGINT"), Some(Kind::Int));
        assert_eq!(
            kind_of("timestamp without time zone"),
            Some(Kind::Timestamp)
        );
        assert_eq!(kind_of("BOOLEAN"), Some(Kind::Bool));
        assert_eq!(kind_of("REAL"), None);
    }
}
