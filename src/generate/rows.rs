//! The rows the generator inserts many at a time, as diesel's tuples of
//! column assignments.

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::schema::{delegation_members, delegations, itinerary_items, security_reviews};

pub(super) type DelegationRow = (
    (
        diesel::dsl::Eq<delegations::id, i64>,
        diesel::dsl::Eq<delegations::reference, String>,
        diesel::dsl::Eq<delegations::direction, &'static str>,
        diesel::dsl::Eq<delegations::title, String>,
        diesel::dsl::Eq<delegations::purpose, &'static str>,
        diesel::dsl::Eq<delegations::partner_organization, &'static str>,
        diesel::dsl::Eq<delegations::countries, String>,
        diesel::dsl::Eq<delegations::host_unit_id, i64>,
        diesel::dsl::Eq<delegations::head_of_delegation, String>,
        diesel::dsl::Eq<delegations::start_date, NaiveDate>,
        diesel::dsl::Eq<delegations::end_date, NaiveDate>,
        diesel::dsl::Eq<delegations::status, &'static str>,
    ),
    (
        diesel::dsl::Eq<delegations::decision_number, Option<String>>,
        diesel::dsl::Eq<delegations::decision_date, Option<NaiveDate>>,
        diesel::dsl::Eq<delegations::report, Option<&'static str>>,
        diesel::dsl::Eq<delegations::search_text, String>,
        diesel::dsl::Eq<delegations::created_at, NaiveDateTime>,
        diesel::dsl::Eq<delegations::updated_at, NaiveDateTime>,
        diesel::dsl::Eq<delegations::version, i64>,
    ),
);

pub(super) type ReviewRow = (
    diesel::dsl::Eq<security_reviews::record_kind, &'static str>,
    diesel::dsl::Eq<security_reviews::record_id, i64>,
    diesel::dsl::Eq<security_reviews::status, &'static str>,
    diesel::dsl::Eq<security_reviews::officer, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::notes, Option<&'static str>>,
    diesel::dsl::Eq<security_reviews::reviewed_at, NaiveDateTime>,
);

pub(super) type MemberRow = (
    diesel::dsl::Eq<delegation_members::delegation_id, i64>,
    diesel::dsl::Eq<delegation_members::full_name, String>,
    diesel::dsl::Eq<delegation_members::gender, Option<&'static str>>,
    diesel::dsl::Eq<delegation_members::date_of_birth, Option<NaiveDate>>,
    diesel::dsl::Eq<delegation_members::nationality, &'static str>,
    diesel::dsl::Eq<delegation_members::passport_number, Option<String>>,
    diesel::dsl::Eq<delegation_members::role, &'static str>,
    diesel::dsl::Eq<delegation_members::created_at, NaiveDateTime>,
    diesel::dsl::Eq<delegation_members::updated_at, NaiveDateTime>,
);

pub(super) type ItemRow = (
    (
        diesel::dsl::Eq<itinerary_items::delegation_id, i64>,
        diesel::dsl::Eq<itinerary_items::starts_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::ends_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::time_zone, &'static str>,
        diesel::dsl::Eq<itinerary_items::kind, &'static str>,
        diesel::dsl::Eq<itinerary_items::title, String>,
        diesel::dsl::Eq<itinerary_items::place_name, String>,
        diesel::dsl::Eq<itinerary_items::place_district, Option<&'static str>>,
    ),
    (
        diesel::dsl::Eq<itinerary_items::participants, Option<&'static str>>,
        diesel::dsl::Eq<itinerary_items::escort_officer, Option<String>>,
        diesel::dsl::Eq<itinerary_items::status, &'static str>,
        diesel::dsl::Eq<itinerary_items::created_at, NaiveDateTime>,
        diesel::dsl::Eq<itinerary_items::updated_at, NaiveDateTime>,
    ),
);
