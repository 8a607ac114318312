//! Password hashing with argon2id: new hashes, checks, and the hash of no
//! one's password that unknown usernames are checked against.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::domain::user::NewPassword;
use crate::error::{ApiError, ApiResult};

/// The argon2id cost of new hashes: 7 MiB and five passes, one of OWASP's
/// equivalent choices for argon2id (its list runs from 47 MiB × 1 to 7 MiB
/// × 5, all "equal defense"). The crate's default, 19 MiB × 2, held 19 MiB
/// per login in flight, most of the benchmark's memory budget; the time a
/// hash takes is about the same. A stored hash is checked with the cost it
/// names, so hashes made with other costs keep working.
fn hasher() -> Argon2<'static> {
    const MEMORY_KIB: u32 = 7 * 1024;
    const PASSES: u32 = 5;
    let params = argon2::Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default();
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Hashes a new password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &NewPassword) -> ApiResult<String> {
    hasher()
        .hash_password(password.expose().as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format_args!("hashing a password: {e}")))
}

/// Whether `candidate` is the password behind `stored`.
pub fn verify_password(stored: &str, candidate: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            hasher()
                .verify_password(candidate.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of no one's password: unknown usernames are checked against it, so
/// that they take as long to refuse as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let password = NewPassword::parse(&crate::config::random_hex(16));
        password
            .ok()
            .and_then(|p| hash_password(&p).ok())
            .unwrap_or_default()
    });
    &DUMMY
}
