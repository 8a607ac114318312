//! E-mail: the configuration, and the sender that runs beside the service.
//!
//! Changes write their notices to the outbox in their own transaction
//! (`model::notices`); the sender ([`sender`]) sends them after commit —
//! woken by the commit, and by a periodic sweep for what another process
//! wrote or what failed before — over SMTP (`lettre`), on its own thread so
//! that no actix worker ever waits for a mail server. The same sweep
//! writes each opted-in user's daily digest once a day at the configured
//! time in the province (Asia/Ho_Chi_Minh).

pub mod sender;
pub mod texts;

use std::time::Duration;

use chrono::NaiveTime;
use clap::{Args, ValueEnum};
use lettre::message::Mailbox;

use crate::config::ConfigError;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TlsMode {
    /// Plain text (a relay on the same machine or network).
    None,
    /// Plain, then upgraded with STARTTLS (port 587); refused without it.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// `visitdesk serve`'s e-mail flags.
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// SMTP server; without it e-mail is off (no notices are written).
    #[arg(long, env = "VISITDESK_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port (default: 25 without TLS, 587 with STARTTLS, 465 with TLS).
    #[arg(long, env = "VISITDESK_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// none, starttls or tls.
    #[arg(
        long,
        env = "VISITDESK_SMTP_TLS",
        value_enum,
        default_value = "starttls"
    )]
    pub smtp_tls: TlsMode,

    /// SMTP login (with VISITDESK_SMTP_PASSWORD); none: no authentication.
    #[arg(long, env = "VISITDESK_SMTP_USERNAME")]
    pub smtp_username: Option<String>,

    /// The sender: `visitdesk <visitdesk@so-ngoai-vu.example.gov.vn>`.
    #[arg(long, env = "VISITDESK_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Local time (Asia/Ho_Chi_Minh) from which the daily digest is sent, HH:MM.
    #[arg(long, env = "VISITDESK_MAIL_DIGEST_AT", default_value = "07:00")]
    pub mail_digest_at: String,

    /// Seconds between sweeps of the outbox (for what another process wrote
    /// or what is due again after a failure).
    #[arg(long, env = "VISITDESK_MAIL_SWEEP_SECONDS", default_value_t = 30)]
    pub mail_sweep_seconds: u64,

    /// Seconds before the first retry of a message the server did not take;
    /// each further failure doubles it, up to an hour.
    #[arg(long, env = "VISITDESK_MAIL_RETRY_SECONDS", default_value_t = 30)]
    pub mail_retry_seconds: u64,
}

/// Everything the sender needs.
#[derive(Clone)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub credentials: Option<(String, String)>,
    pub from: Mailbox,
    pub digest_at: NaiveTime,
    pub sweep: Duration,
    pub retry: Duration,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailConfig {
    /// The configuration from the flags; `None` when no SMTP server is
    /// given (e-mail off). `password` comes from VISITDESK_SMTP_PASSWORD.
    pub fn from_args(
        args: &MailArgs,
        password: Option<String>,
    ) -> Result<Option<Self>, ConfigError> {
        let Some(host) = args
            .smtp_host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            return Ok(None);
        };
        let from = args
            .mail_from
            .as_deref()
            .ok_or_else(|| {
                ConfigError(
                    "VISITDESK_MAIL_FROM (--mail-from) is needed with an SMTP server".into(),
                )
            })?
            .parse::<Mailbox>()
            .map_err(|e| ConfigError(format!("--mail-from is not an address: {e}")))?;
        let digest_at = NaiveTime::parse_from_str(args.mail_digest_at.trim(), "%H:%M")
            .map_err(|_| ConfigError("--mail-digest-at must be HH:MM (24-hour)".into()))?;
        let port = args.smtp_port.unwrap_or(match args.smtp_tls {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        });
        let credentials = match (&args.smtp_username, password) {
            (Some(user), Some(password)) => Some((user.clone(), password)),
            (Some(_), None) => {
                return Err(ConfigError(
                    "--smtp-username needs VISITDESK_SMTP_PASSWORD".into(),
                ));
            }
            (None, _) => None,
        };
        Ok(Some(Self {
            host: host.to_owned(),
            port,
            tls: args.smtp_tls,
            credentials,
            from,
            digest_at,
            sweep: Duration::from_secs(args.mail_sweep_seconds.max(1)),
            retry: Duration::from_secs(args.mail_retry_seconds.max(1)),
        }))
    }
}
