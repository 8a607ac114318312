//! The sender: one thread per process that writes the daily digests when
//! their time comes and sends what the outbox holds, each message exactly
//! once (see `db::outbox`), retried with back-off while the SMTP server
//! refuses or cannot be reached.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use super::{MailConfig, TlsMode, texts};
use crate::db::outbox::{self, Claimed, NewMail};
use crate::db::{self, Db};
use crate::domain::role::Caller;
use crate::domain::time::PROVINCE_TZ;
use crate::error::ApiResult;

/// Messages claimed at once.
const BATCH: i64 = 16;
/// How long a claim holds: longer than one SMTP conversation can take
/// (the transport's timeout is 60 s), so a live sender never loses it.
const LEASE: Duration = Duration::from_secs(300);
/// The longest wait between two tries of one message.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// The running sender; dropping it stops the thread (after the message
/// in flight).
#[derive(Debug)]
pub struct Running {
    stop: Arc<AtomicBool>,
    db: Db,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        self.db.mail_signal().wake();
    }
}

fn transport(config: &MailConfig) -> Result<SmtpTransport, lettre::transport::smtp::Error> {
    let tls = || TlsParameters::new(config.host.clone());
    let builder = SmtpTransport::builder_dangerous(&config.host)
        .port(config.port)
        .timeout(Some(Duration::from_secs(60)));
    let builder = match config.tls {
        TlsMode::None => builder.tls(Tls::None),
        TlsMode::Starttls => builder.tls(Tls::Required(tls()?)),
        TlsMode::Tls => builder.tls(Tls::Wrapper(tls()?)),
    };
    let builder = match &config.credentials {
        Some((user, password)) => {
            builder.credentials(Credentials::new(user.clone(), password.clone()))
        }
        None => builder,
    };
    Ok(builder.build())
}

/// Turns the change notices on and starts the sender's thread.
pub fn start(db: Db, config: MailConfig) -> std::io::Result<Running> {
    let transport = transport(&config).map_err(std::io::Error::other)?;
    db.mail_signal().enable();
    let stop = Arc::new(AtomicBool::new(false));
    let running = Running {
        stop: stop.clone(),
        db: db.clone(),
    };
    std::thread::Builder::new()
        .name("visitdesk-mail".into())
        .spawn(move || run(&db, &config, &transport, &stop))?;
    Ok(running)
}

fn run(db: &Db, config: &MailConfig, transport: &SmtpTransport, stop: &AtomicBool) {
    while !stop.load(Ordering::Acquire) {
        if let Err(e) = write_digests(db, config, db::now()) {
            tracing::warn!(error = %e, "writing the daily digests failed; trying again at the next sweep");
        }
        let full = match send_due(db, config, transport, stop) {
            Ok(n) => n == usize::try_from(BATCH).unwrap_or(usize::MAX),
            Err(e) => {
                tracing::warn!(error = %e, "reading the outbox failed; trying again at the next sweep");
                false
            }
        };
        if !full {
            db.mail_signal().wait(config.sweep);
        }
    }
}

/// The Message-ID of an outbox row: the same on every try, so that a
/// message that was sent but not marked (the process died in between)
/// is recognised as a duplicate by the receiving side.
pub fn message_id(row: &Claimed, from: &lettre::message::Mailbox) -> String {
    format!(
        "<visitdesk.outbox.{}.{}@{}>",
        row.id,
        row.created_at.and_utc().timestamp_micros(),
        from.email.domain()
    )
}

/// Claims and sends what is due; how many were claimed.
fn send_due(
    db: &Db,
    config: &MailConfig,
    transport: &SmtpTransport,
    stop: &AtomicBool,
) -> ApiResult<usize> {
    let now = db::now();
    let lease_until = now + LEASE;
    let rows =
        db.write_unaudited_blocking(move |conn| outbox::claim(conn, now, lease_until, BATCH))?;
    let claimed = rows.len();
    for row in rows {
        if stop.load(Ordering::Acquire) {
            // Left claimed: its lease runs out and it is sent later.
            break;
        }
        match send_one(config, transport, &row) {
            Ok(()) => {
                let marked = db.write_unaudited_blocking({
                    let row = row.clone();
                    move |conn| outbox::mark_sent(conn, &row, db::now())
                })?;
                if !marked {
                    tracing::warn!(
                        outbox_id = row.id,
                        "a message was sent after its claim ran out"
                    );
                }
            }
            Err(error) => {
                let wait = backoff(config.retry, row.attempts);
                tracing::warn!(outbox_id = row.id, attempts = row.attempts, %error, retry_in_seconds = wait.as_secs(), "the SMTP server did not take a message");
                let retry_at = db::now()
                    + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                db.write_unaudited_blocking(move |conn| {
                    outbox::release(conn, &row, retry_at, &error)
                })?;
            }
        }
    }
    Ok(claimed)
}

/// The wait after the `attempts`-th failure: `first`, doubling, at most an hour.
pub fn backoff(first: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    first
        .saturating_mul(2_u32.saturating_pow(doublings))
        .min(MAX_BACKOFF)
}

fn send_one(config: &MailConfig, transport: &SmtpTransport, row: &Claimed) -> Result<(), String> {
    let to = row
        .to_address
        .parse()
        .map_err(|e| format!("the address is not valid: {e}"))?;
    let message = Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(message_id(row, &config.from)))
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|e| e.to_string())?;
    transport
        .send(&message)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Writes today's digest of every opted-in user who has none yet, once the
/// configured time has come in the province. The key per user and day
/// makes two processes write it once.
pub fn write_digests(db: &Db, config: &MailConfig, now: DateTime<Utc>) -> ApiResult<usize> {
    let local = now.with_timezone(&PROVINCE_TZ);
    if local.time() < config.digest_at {
        return Ok(0);
    }
    let today = local.date_naive();
    let people = db.read_blocking(db::user::digest_recipients)?;
    let mut written = 0;
    for person in people {
        let key = format!("digest:{}:{today}", person.id);
        let probe = key.clone();
        if db.read_blocking(move |conn| outbox::key_taken(conn, &probe))? {
            continue;
        }
        let wrote = db.write_unaudited_blocking(move |conn| {
            let caller = Caller {
                id: person.id,
                role: person.role,
                unit: person.unit,
            };
            let items = crate::model::inbox::entries(conn, caller, today)?;
            let (subject, body) =
                texts::digest(person.language, &person.display_name, &items, today);
            let mail = NewMail {
                kind: outbox::DIGEST,
                dedup_key: Some(key),
                recipient: person.id,
                to_address: person.email.clone(),
                language: person.language.code().to_owned(),
                subject,
                body,
            };
            outbox::insert(conn, &mail, now)
        })?;
        if wrote {
            written += 1;
        }
    }
    if written > 0 {
        db.mail_signal().wake();
    }
    Ok(written)
}
