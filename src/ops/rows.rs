//! Rows of any table, read and written the same way on both engines.
//!
//! A row leaves its database as one JSON array built by the engine itself
//! (`json_array` on SQLite, `json_build_array` on PostgreSQL), in primary-key
//! order, and becomes typed [`Value`]s by its column's kind: the checksum is
//! of those values, so a SQLite timestamp stored as text and PostgreSQL's
//! `timestamp` compare equal when they are the same instant, and a SQLite
//! 1 equals PostgreSQL's `true`. Rows go in as one JSON document per batch
//! (`json_populate_recordset` on PostgreSQL, `json_each` on SQLite): one
//! statement and one bound parameter for a thousand rows.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::connection::DefaultLoadingMode;
use diesel::prelude::*;
use diesel::sql_types::Text;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::catalogue::{Kind, Table, quoted};
use super::{OpsResult, fail};
use crate::db::AnyConnection;

/// One stored value, as it means, whatever engine held it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Bool(bool),
    Timestamp(NaiveDateTime),
    Date(NaiveDate),
}

#[derive(QueryableByName)]
struct RowJson {
    #[diesel(sql_type = Text)]
    row: String,
}

/// `SELECT` of the whole table, one JSON array per row, in key order.
/// PostgreSQL orders text by byte (`COLLATE "C"`), as SQLite does, so both
/// sides hash the rows in the same order.
fn select(conn: &AnyConnection, table: &Table) -> String {
    let columns = table
        .columns
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let postgres = matches!(conn, AnyConnection::Postgresql(_));
    let order = table
        .key
        .iter()
        .map(|&i| {
            let c = &table.columns[i];
            if postgres && c.kind == Kind::Text {
                format!("{} COLLATE \"C\"", quoted(&c.name))
            } else {
                quoted(&c.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let build = if postgres {
        "json_build_array"
    } else {
        "json_array"
    };
    let cast = if postgres { "::text" } else { "" };
    format!(
        "SELECT {build}({columns}){cast} AS row FROM {} ORDER BY {order}",
        quoted(&table.name)
    )
}

/// Reads every row of `table` in key order, handing them to `each` in
/// batches of `batch`. Run inside a transaction (PostgreSQL's cursor needs
/// one; on both it is the snapshot every table is read from).
pub fn scan(
    conn: &mut AnyConnection,
    table: &Table,
    batch: usize,
    each: &mut dyn FnMut(Vec<Vec<Value>>) -> OpsResult<()>,
) -> OpsResult<()> {
    let sql = select(conn, table);
    match conn {
        AnyConnection::Postgresql(c) => {
            // A cursor: PostgreSQL would otherwise send the whole table
            // before the first row could be read.
            diesel::sql_query(format!("DECLARE visitdesk_scan NO SCROLL CURSOR FOR {sql}"))
                .execute(c)?;
            loop {
                let rows = diesel::sql_query(format!("FETCH FORWARD {batch} FROM visitdesk_scan"))
                    .load::<RowJson>(c)?;
                if rows.is_empty() {
                    break;
                }
                each(parse_rows(table, rows)?)?;
            }
            diesel::sql_query("CLOSE visitdesk_scan").execute(c)?;
        }
        AnyConnection::Sqlite(c) => {
            // SQLite steps through the statement: one row in memory at a time.
            let mut pending = Vec::with_capacity(batch);
            let iter = diesel::sql_query(sql).load_iter::<RowJson, DefaultLoadingMode>(c)?;
            for row in iter {
                pending.push(row?);
                if pending.len() == batch {
                    each(parse_rows(table, std::mem::take(&mut pending))?)?;
                }
            }
            if !pending.is_empty() {
                each(parse_rows(table, pending)?)?;
            }
        }
    }
    Ok(())
}

fn parse_rows(table: &Table, rows: Vec<RowJson>) -> OpsResult<Vec<Vec<Value>>> {
    rows.into_iter().map(|r| parse_row(table, &r.row)).collect()
}

fn parse_row(table: &Table, text: &str) -> OpsResult<Vec<Value>> {
    let Ok(Json::Array(values)) = serde_json::from_str::<Json>(text) else {
        return fail(format!("a row of {} could not be read: {text}", table.name));
    };
    if values.len() != table.columns.len() {
        return fail(format!("a row of {} has the wrong width", table.name));
    }
    values
        .into_iter()
        .zip(&table.columns)
        .map(|(v, c)| {
            value(c.kind, v).ok_or_else(|| {
                super::OpsError(format!(
                    "{}.{} holds a value that is not a {:?}",
                    table.name, c.name, c.kind
                ))
            })
        })
        .collect()
}

/// A JSON value from either engine as the value its column's kind says.
fn value(kind: Kind, json: Json) -> Option<Value> {
    Some(match (kind, json) {
        (_, Json::Null) => Value::Null,
        (Kind::Int, Json::Number(n)) => Value::Int(n.as_i64()?),
        (Kind::Text, Json::String(s)) => Value::Text(s),
        (Kind::Bool, Json::Bool(b)) => Value::Bool(b),
        (Kind::Bool, Json::Number(n)) => Value::Bool(n.as_i64()? != 0),
        (Kind::Timestamp, Json::String(s)) => Value::Timestamp(timestamp(&s)?),
        (Kind::Date, Json::String(s)) => {
            Value::Date(NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()?)
        }
        _ => return None,
    })
}

/// SQLite's `YYYY-MM-DD HH:MM:SS[.f]` (as diesel writes it) or
/// PostgreSQL's JSON `YYYY-MM-DDTHH:MM:SS[.f]`.
fn timestamp(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .ok()
}

/// A table's rows counted and hashed in key order, value by value.
#[derive(Debug, Default, Clone)]
pub struct Checksum {
    pub rows: u64,
    hasher: Sha256,
}

impl Checksum {
    pub fn add(&mut self, row: &[Value]) {
        self.rows += 1;
        for value in row {
            match value {
                Value::Null => self.hasher.update([0]),
                Value::Int(n) => {
                    self.hasher.update([1]);
                    self.hasher.update(n.to_le_bytes());
                }
                Value::Text(s) => {
                    self.hasher.update([2]);
                    self.hasher.update((s.len() as u64).to_le_bytes());
                    self.hasher.update(s.as_bytes());
                }
                Value::Bool(b) => self.hasher.update([3, u8::from(*b)]),
                Value::Timestamp(t) => {
                    self.hasher.update([4]);
                    self.hasher.update(t.and_utc().timestamp().to_le_bytes());
                    self.hasher
                        .update(t.and_utc().timestamp_subsec_nanos().to_le_bytes());
                }
                Value::Date(d) => {
                    self.hasher.update([5]);
                    self.hasher.update(d.to_string().as_bytes());
                }
            }
        }
        self.hasher.update([0xff]);
    }

    /// The hash as hex.
    pub fn hex(&self) -> String {
        self.hasher
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Inserts `rows` of `table` in one statement.
pub fn insert(conn: &mut AnyConnection, table: &Table, rows: &[Vec<Value>]) -> OpsResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let names = table
        .columns
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let name = quoted(&table.name);
    match conn {
        AnyConnection::Postgresql(c) => {
            let document = Json::Array(
                rows.iter()
                    .map(|row| {
                        Json::Object(
                            row.iter()
                                .zip(&table.columns)
                                .map(|(v, c)| (c.name.clone(), to_json(v, true)))
                                .collect(),
                        )
                    })
                    .collect(),
            );
            diesel::sql_query(format!(
                "INSERT INTO {name} ({names}) SELECT {names} FROM json_populate_recordset(NULL::{name}, $1::json)"
            ))
            .bind::<Text, _>(document.to_string())
            .execute(c)?;
        }
        AnyConnection::Sqlite(c) => {
            let document = Json::Array(
                rows.iter()
                    .map(|row| Json::Array(row.iter().map(|v| to_json(v, false)).collect()))
                    .collect(),
            );
            let picks = (0..table.columns.len())
                .map(|i| format!("json_extract(value, '$[{i}]')"))
                .collect::<Vec<_>>()
                .join(", ");
            diesel::sql_query(format!(
                "INSERT INTO {name} ({names}) SELECT {picks} FROM json_each(?) ORDER BY key"
            ))
            .bind::<Text, _>(document.to_string())
            .execute(c)?;
        }
    }
    Ok(())
}

/// A value as the target engine takes it from JSON: timestamps as diesel
/// writes them on SQLite (which PostgreSQL reads too), booleans as 0/1 on
/// SQLite (as diesel stores them) and as JSON booleans on PostgreSQL.
fn to_json(value: &Value, postgres: bool) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Int(n) => Json::from(*n),
        Value::Text(s) => Json::String(s.clone()),
        Value::Bool(b) if postgres => Json::Bool(*b),
        Value::Bool(b) => Json::from(i64::from(*b)),
        Value::Timestamp(t) => Json::String(t.format("%Y-%m-%d %H:%M:%S%.f").to_string()),
        Value::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_timestamps_and_booleans_are_the_same_values() {
        let sqlite = value(Kind::Timestamp, Json::from("2026-11-26 09:30:00.123456")).unwrap();
        let postgres = value(Kind::Timestamp, Json::from("2026-11-26T09:30:00.123456")).unwrap();
        assert_eq!(sqlite, postgres);
        assert_eq!(
            value(Kind::Bool, Json::from(1)),
            value(Kind::Bool, Json::Bool(true))
        );
        let mut a = Checksum::default();
        a.add(&[sqlite]);
        let mut b = Checksum::default();
        b.add(&[postgres]);
        assert_eq!(a.hex(), b.hex());
        assert_eq!(value(Kind::Int, Json::from("7")), None);
    }

    #[test]
    fn values_are_written_back_as_each_engine_reads_them() {
        let t = timestamp("2026-11-26 09:30:00").unwrap();
        assert_eq!(
            to_json(&Value::Timestamp(t), true),
            Json::from("2026-11-26 09:30:00")
        );
        assert_eq!(to_json(&Value::Bool(true), false), Json::from(1));
        assert_eq!(to_json(&Value::Bool(true), true), Json::Bool(true));
    }
}
