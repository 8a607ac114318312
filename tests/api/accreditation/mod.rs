//! `/api/v1/accreditations` (src/routes/accreditation.rs and
//! accreditation/): what is only the accreditation's; what it shares with
//! the other press records is in `press/`.

mod activities;
mod covering;
