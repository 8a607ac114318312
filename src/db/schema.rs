// @generated shape: the columns of migrations/{sqlite,postgres}, which declare
// the same names and types on both engines (the test suite runs every query on
// both, so a drift between this file and a migration fails there).

diesel::table! {
    audit_entries (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        actor_username -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        actor_unit_id -> Nullable<BigInt>,
        action -> Text,
        record_kind -> Text,
        record_id -> BigInt,
        changes -> Text,
        note -> Nullable<Text>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    login_failures (username) {
        username -> Text,
        failures -> BigInt,
        window_started_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    units (id) {
        id -> BigInt,
        name -> Text,
        name_en -> Text,
        kind -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        unit_id -> Nullable<BigInt>,
        role -> Text,
        password_hash -> Text,
        active -> Bool,
        token_epoch -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::joinable!(users -> units (unit_id));

diesel::table! {
    reference_counters (prefix, year) {
        prefix -> Text,
        year -> Integer,
        last_number -> BigInt,
    }
}

diesel::table! {
    delegations (id) {
        id -> BigInt,
        reference -> Text,
        direction -> Text,
        title -> Text,
        purpose -> Text,
        partner_organization -> Text,
        countries -> Text,
        host_unit_id -> BigInt,
        head_of_delegation -> Text,
        start_date -> Date,
        end_date -> Date,
        status -> Text,
        itinerary_changed_at -> Nullable<Timestamp>,
        appraisal_recommendation -> Nullable<Text>,
        appraisal_note -> Nullable<Text>,
        decision_number -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        decided_by -> Nullable<BigInt>,
        returned_note -> Nullable<Text>,
        report -> Nullable<Text>,
        report_submitted_at -> Nullable<Timestamp>,
        search_text -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    delegation_members (id) {
        id -> BigInt,
        delegation_id -> BigInt,
        full_name -> Text,
        gender -> Nullable<Text>,
        date_of_birth -> Nullable<Date>,
        nationality -> Text,
        passport_number -> Nullable<Text>,
        organization -> Nullable<Text>,
        position -> Nullable<Text>,
        role -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    itinerary_items (id) {
        id -> BigInt,
        delegation_id -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        kind -> Text,
        title -> Text,
        place_name -> Text,
        place_address -> Nullable<Text>,
        place_district -> Nullable<Text>,
        participants -> Nullable<Text>,
        escort_officer -> Nullable<Text>,
        status -> Text,
        import_uid -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    security_reviews (id) {
        id -> BigInt,
        record_kind -> Text,
        record_id -> BigInt,
        status -> Text,
        officer -> Nullable<Text>,
        notes -> Nullable<Text>,
        reviewed_at -> Timestamp,
        reviewed_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(delegations -> units (host_unit_id));
diesel::joinable!(delegation_members -> delegations (delegation_id));
diesel::joinable!(itinerary_items -> delegations (delegation_id));
diesel::allow_tables_to_appear_in_same_query!(
    audit_entries,
    delegation_members,
    delegations,
    itinerary_items,
    login_failures,
    reference_counters,
    security_reviews,
    units,
    users,
);
