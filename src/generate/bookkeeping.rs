//! What the generator writes besides the records themselves: the audit
//! entries it collected, sorted by time, and the reference counters past
//! the numbers it gave.

use diesel::prelude::*;

use super::*;
use crate::db::schema::{audit_entries, reference_counters};
use crate::domain::reference::Series;

impl Generator<'_> {
    pub(super) fn flush_audit(&mut self) -> Result<(), String> {
        let mut rows = std::mem::take(&mut self.audit);
        rows.sort_by_key(|r| r.0);
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let values: Vec<_> = chunk
                .iter()
                .map(|(at, action, kind, id, changes)| {
                    (
                        audit_entries::at.eq(*at),
                        audit_entries::actor_username.eq("generator"),
                        audit_entries::action.eq(*action),
                        audit_entries::record_kind.eq(*kind),
                        audit_entries::record_id.eq(*id),
                        audit_entries::changes.eq(changes.as_str()),
                    )
                })
                .collect();
            insert_rows!(self.conn, audit_entries::table, &values)?;
        }
        self.out.audit_entries = rows.len();
        Ok(())
    }

    pub(super) fn counters(&mut self) -> Result<(), String> {
        for ((prefix, year), last) in std::mem::take(&mut self.counters) {
            let existing: Option<i64> = reference_counters::table
                .filter(reference_counters::prefix.eq(prefix))
                .filter(reference_counters::year.eq(year))
                .select(reference_counters::last_number)
                .first(self.conn)
                .optional()
                .map_err(|e| e.to_string())?;
            match existing {
                Some(_) => {
                    diesel::update(
                        reference_counters::table
                            .filter(reference_counters::prefix.eq(prefix))
                            .filter(reference_counters::year.eq(year)),
                    )
                    .set(reference_counters::last_number.eq(last))
                    .execute(self.conn)
                    .map_err(|e| e.to_string())?;
                }
                None => {
                    diesel::insert_into(reference_counters::table)
                        .values((
                            reference_counters::prefix.eq(prefix),
                            reference_counters::year.eq(year),
                            reference_counters::last_number.eq(last),
                        ))
                        .execute(self.conn)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn load_counters(&mut self) -> Result<(), String> {
        let rows: Vec<(String, i32, i64)> = reference_counters::table
            .select((
                reference_counters::prefix,
                reference_counters::year,
                reference_counters::last_number,
            ))
            .load(self.conn)
            .map_err(|e| e.to_string())?;
        for (prefix, year, last) in rows {
            let series = [
                Series::IncomingDelegation,
                Series::OutgoingDelegation,
                Series::Accreditation,
                Series::Interview,
                Series::PressConference,
            ]
            .into_iter()
            .find(|s| s.prefix() == prefix);
            if let Some(series) = series {
                self.counters.insert((series.prefix(), year), last);
            }
        }
        Ok(())
    }
}
