//! The press side's tables: reporters, accreditations and their activities,
//! interviews and press conferences (the same @generated shape as
//! `schema.rs`, which re-exports them and declares their joins).

diesel::table! {
    reporters (id) {
        id -> BigInt,
        full_name -> Text,
        nationality -> Text,
        passport_number -> Nullable<Text>,
        outlet -> Text,
        outlet_country -> Text,
        position -> Text,
        press_card_number -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,        passport_expiry -> Nullable<Date>,
        visa_type -> Nullable<Text>,
        visa_number -> Nullable<Text>,
        visa_end -> Nullable<Date>,
        press_card_end -> Nullable<Date>,
    }
}

diesel::table! {
    accreditations (id) {
        id -> BigInt,
        reference -> Text,
        topics -> Text,
        permitted_places -> Text,
        start_date -> Date,
        end_date -> Date,
        referral_number -> Text,
        referral_date -> Date,
        escort_officer -> Nullable<Text>,
        status -> Text,
        schedule_changed_at -> Nullable<Timestamp>,
        status_note -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    accreditation_reporters (accreditation_id, reporter_id) {
        accreditation_id -> BigInt,
        reporter_id -> BigInt,
    }
}

diesel::table! {
    press_activities (id) {
        id -> BigInt,
        accreditation_id -> BigInt,
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
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    interviews (id) {
        id -> BigInt,
        reference -> Text,
        interviewee_name -> Text,
        interviewee_position -> Text,
        outlet -> Text,
        accreditation_id -> Nullable<BigInt>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        place -> Text,
        topics -> Text,
        questions -> Nullable<Text>,
        organizing_unit_id -> Nullable<BigInt>,
        status -> Text,
        accreditation_revoked_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    interview_reporters (interview_id, reporter_id) {
        interview_id -> BigInt,
        reporter_id -> BigInt,
    }
}

diesel::table! {
    press_conferences (id) {
        id -> BigInt,
        reference -> Text,
        title -> Text,
        kind -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        venue -> Text,
        topics -> Text,
        speakers -> Text,
        status -> Text,
        announced_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        organizer_kind -> Text,
        organizer_name -> Nullable<Text>,
        registration_date -> Nullable<Date>,
    }
}

diesel::table! {
    press_conference_attendees (id) {
        id -> BigInt,
        press_conference_id -> BigInt,
        outlet -> Text,
        name -> Text,
        reporter_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}
