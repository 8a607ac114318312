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
diesel::allow_tables_to_appear_in_same_query!(audit_entries, login_failures, units, users);
