//! The press side's records together — reporters, accreditations,
//! interviews, press conferences: each file here checks one concern
//! (references and audit, workflows, visibility, rules between records)
//! across all of them, so none belongs to one record's folder.

mod records;
mod rules;
mod visibility;
mod workflows;
