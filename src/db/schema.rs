// @generated shape: the columns of migrations/{sqlite,postgres}, which declare
// the same names and types on both engines (the test suite runs every query on
// both, so a drift between this file and a migration fails there).

mod press;
pub use press::{
    accreditation_reporters, accreditations, interview_reporters, interviews, press_activities,
    press_conference_attendees, press_conferences, reporters,
};

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
    login_throttle (scope, subject) {
        scope -> Text,
        subject -> Text,
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
        merged_into_id -> Nullable<BigInt>,
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

diesel::table! {
    calendar_subscriptions (id) {
        id -> BigInt,
        owner_id -> BigInt,
        name -> Text,
        kinds -> Text,
        unit_id -> Nullable<BigInt>,
        delegation_id -> Nullable<BigInt>,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    entry_spans (kind) {
        kind -> Text,
        longest_seconds -> BigInt,
    }
}

diesel::table! {
    feed_states (feed) {
        feed -> Text,
        etag -> Text,
        last_modified -> Timestamp,
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
        version -> BigInt,        passport_expiry -> Nullable<Date>,
        visa_type -> Nullable<Text>,
        visa_number -> Nullable<Text>,
        visa_end -> Nullable<Date>,
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
diesel::joinable!(accreditation_reporters -> accreditations (accreditation_id));
diesel::joinable!(accreditation_reporters -> reporters (reporter_id));
diesel::joinable!(press_activities -> accreditations (accreditation_id));
diesel::joinable!(interview_reporters -> interviews (interview_id));
diesel::joinable!(interview_reporters -> reporters (reporter_id));
diesel::joinable!(press_conference_attendees -> press_conferences (press_conference_id));
diesel::joinable!(press_conference_attendees -> reporters (reporter_id));
diesel::table! {
    console_sessions (key_hash) {
        key_hash -> Text,
        user_id -> BigInt,
        token_epoch -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    user_preferences (user_id) {
        user_id -> BigInt,
        language -> Text,
    }
}

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    calendar_swaps (day) {
        day -> Date,
        working -> Bool,
        note -> Text,
        source -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(console_sessions -> users (user_id));
diesel::table! {
    mail_settings (user_id) {
        user_id -> BigInt,
        email -> Nullable<Text>,
        daily_digest -> Bool,
        change_notices -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        dedup_key -> Nullable<Text>,
        recipient_id -> BigInt,
        to_address -> Text,
        language -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(mail_settings -> users (user_id));
diesel::table! {
    unit_reports (id) {
        id -> BigInt,
        unit_id -> BigInt,
        period -> Text,
        status -> Text,
        results -> Text,
        difficulties -> Text,
        proposals -> Text,
        plan -> Text,
        return_note -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        version -> BigInt,
    }
}

diesel::joinable!(unit_reports -> units (unit_id));
diesel::allow_tables_to_appear_in_same_query!(
    accreditation_reporters,
    accreditations,
    audit_entries,
    calendar_subscriptions,
    calendar_swaps,
    console_sessions,
    entry_spans,
    feed_states,
    interview_reporters,
    interviews,
    press_activities,
    press_conference_attendees,
    press_conferences,
    reporters,
    delegation_members,
    delegations,
    itinerary_items,
    login_throttle,
    mail_settings,
    outbox,
    reference_counters,
    security_reviews,
    settings,
    unit_reports,
    units,
    user_preferences,
    users,
);
