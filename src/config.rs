//! Configuration: flags, then environment variables, then defaults. Built
//! once in `main` and passed in the application state, never global.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;

use crate::db::{DatabaseUrl, Engine, PoolOptions};
use crate::domain::login::LoginThrottle;

/// The shortest JWT secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// `visitdesk serve` and the commands that open the database share these.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: postgres://… for PostgreSQL; sqlite://PATH or a file
    /// path for SQLite. Default: a SQLite file in the data folder.
    #[arg(
        long,
        visible_alias = "database",
        env = "DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// Folder for the embedded database and the generated JWT secret.
    #[arg(long, env = "VISITDESK_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
}

impl DatabaseArgs {
    pub fn database(&self) -> Result<DatabaseUrl, ConfigError> {
        match self
            .database_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            Some(url) => DatabaseUrl::parse(url).map_err(|e| ConfigError(e.to_string())),
            None => Ok(DatabaseUrl::default_sqlite(&self.data_dir)),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,

    /// Address and port to listen on.
    #[arg(long, env = "VISITDESK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// The address users reach the service at: the base of calendar feed
    /// addresses and of iCal UIDs. Default: http://BIND.
    #[arg(long, env = "VISITDESK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Load the demonstration data set (units, a user per role, records).
    #[arg(long)]
    pub demo: bool,

    /// How long a login token lasts, in minutes.
    #[arg(long, env = "VISITDESK_TOKEN_LIFETIME_MINUTES", default_value_t = 480)]
    pub token_lifetime_minutes: u32,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "VISITDESK_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,

    /// Seconds a client may take to send a whole request body (408 after):
    /// a slow sender cannot hold a connection for long.
    #[arg(long, env = "VISITDESK_BODY_TIMEOUT_SECONDS", default_value_t = 30)]
    pub body_timeout_seconds: u32,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "VISITDESK_WORKERS")]
    pub workers: Option<usize>,

    /// Largest number of database connections per pool (default: 8 on
    /// PostgreSQL; on SQLite, two reading connections per core).
    #[arg(long, env = "VISITDESK_DB_CONNECTIONS")]
    pub db_connections: Option<u32>,

    /// The service runs behind a reverse proxy on the same machine: take the
    /// client's address for the login throttle from `Forwarded` /
    /// `X-Forwarded-For` instead of the connection (only set this when the
    /// proxy overwrites those headers, or clients could pick their address).
    #[arg(long, env = "VISITDESK_BEHIND_PROXY")]
    pub behind_proxy: bool,

    /// Open `GET /metrics` (Prometheus) to requests carrying this bearer
    /// token (at least 32 bytes); closed (404) without it. Prefer the
    /// environment variable: a flag shows in the process list.
    #[arg(long, env = "VISITDESK_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// E-mail: the SMTP server, the sender, the digest's time.
    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
}

/// A configuration the service refuses to start with.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Everything the running service needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub public_url: String,
    pub database: DatabaseUrl,
    pub data_dir: PathBuf,
    pub jwt_secret: JwtSecret,
    pub token_lifetime: Duration,
    pub body_limit: usize,
    /// How long a request body may take to arrive.
    pub body_timeout: Duration,
    pub workers: Option<usize>,
    pub pool: PoolOptions,
    pub login_throttle: LoginThrottle,
    /// Whether the client address comes from the proxy's headers.
    pub behind_proxy: bool,
}

impl Config {
    /// The configuration for `serve`, but for the JWT secret, which is
    /// resolved after the database opened (so that a bad database URL leaves
    /// no file behind).
    pub fn from_serve_args(args: &ServeArgs, jwt_secret: JwtSecret) -> Result<Self, ConfigError> {
        if args.token_lifetime_minutes == 0 {
            return Err(ConfigError(
                "the token lifetime must be at least one minute".into(),
            ));
        }
        if args.body_timeout_seconds == 0 {
            return Err(ConfigError(
                "the body timeout must be at least one second".into(),
            ));
        }
        if args.body_limit < 1024 {
            return Err(ConfigError(
                "the body limit must be at least 1024 bytes".into(),
            ));
        }
        let database = args.db.database()?;
        let max_connections = args
            .db_connections
            .unwrap_or_else(|| default_connections(database.engine()))
            .max(1);
        let public_url = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", args.bind))
            .trim_end_matches('/')
            .to_owned();
        Ok(Self {
            bind: args.bind.clone(),
            public_url,
            database,
            data_dir: args.db.data_dir.clone(),
            jwt_secret,
            token_lifetime: Duration::from_secs(u64::from(args.token_lifetime_minutes) * 60),
            body_limit: args.body_limit,
            body_timeout: Duration::from_secs(u64::from(args.body_timeout_seconds)),
            workers: args.workers,
            pool: PoolOptions {
                max_connections,
                ..PoolOptions::default()
            },
            login_throttle: LoginThrottle::default(),
            behind_proxy: args.behind_proxy,
        })
    }
}

/// The key that signs login tokens. Never printed.
#[derive(Clone)]
pub struct JwtSecret(Vec<u8>);

impl std::fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtSecret(<hidden>)")
    }
}

impl JwtSecret {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, ConfigError> {
        let bytes = bytes.into();
        if bytes.len() < MIN_SECRET_LEN {
            return Err(ConfigError(format!(
                "the JWT secret is {} bytes long; at least {MIN_SECRET_LEN} are required",
                bytes.len()
            )));
        }
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The secret from `VISITDESK_JWT_SECRET`; or the one kept in the data
    /// folder; or a new one, generated and kept there. Says where it came from.
    pub fn resolve(from_env: Option<&str>, data_dir: &Path) -> Result<(Self, String), ConfigError> {
        if let Some(secret) = from_env.filter(|s| !s.is_empty()) {
            return Ok((Self::new(secret.as_bytes())?, "VISITDESK_JWT_SECRET".into()));
        }
        let path = data_dir.join("jwt-secret");
        match std::fs::read_to_string(&path) {
            Ok(kept) => Ok((
                Self::new(kept.trim().as_bytes())?,
                format!("kept in {}", path.display()),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let secret = random_hex(48);
                write_private(&path, &secret).map_err(|e| {
                    ConfigError(format!(
                        "cannot keep the JWT secret in {}: {e}",
                        path.display()
                    ))
                })?;
                Ok((
                    Self::new(secret.as_bytes())?,
                    format!("generated and kept in {}", path.display()),
                ))
            }
            Err(e) => Err(ConfigError(format!("cannot read {}: {e}", path.display()))),
        }
    }
}

/// `n` random bytes as hex, from the operating system's generator.
pub fn random_hex(n: usize) -> String {
    use rand::RngCore;
    let mut bytes = vec![0_u8; n];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    options.open(path)?.write_all(contents.as_bytes())
}

/// Connections per pool unless configured. PostgreSQL's wait on the
/// network, so more of them than cores keep the server busy. SQLite reads
/// run on this machine's cores from memory: more than two per core only
/// added one page cache each (2 MB) and gave no more answers per second
/// (bench/run: 8 readers 74 MB peak RSS, 4 readers 55 MB, same req/s).
fn default_connections(engine: Engine) -> u32 {
    match engine {
        Engine::Postgres => 8,
        Engine::Sqlite => u32::try_from(2 * cores()).unwrap_or(8),
    }
}

/// This machine's cores (two when the system will not say): the default for
/// workers, database readers and the gates.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_are_refused() {
        assert!(JwtSecret::new("too short").is_err());
        assert!(JwtSecret::new("x".repeat(32)).is_ok());
    }

    #[test]
    fn a_generated_secret_is_kept_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let (first, said) = JwtSecret::resolve(None, dir.path()).unwrap();
        assert!(said.starts_with("generated"));
        let (second, said) = JwtSecret::resolve(None, dir.path()).unwrap();
        assert!(said.starts_with("kept"));
        assert_eq!(first.as_bytes(), second.as_bytes());
        let (env, _) = JwtSecret::resolve(Some(&"e".repeat(40)), dir.path()).unwrap();
        assert_eq!(env.as_bytes(), "e".repeat(40).as_bytes());
    }
}
