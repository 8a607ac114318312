//! `visitdesk`: parse the command line, set up logging, run the command.

use std::io::IsTerminal;
use std::net::TcpListener;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use visitdesk::cli::{self, Cli, Command, Failure, UserCommand};
use visitdesk::config::{Config, JwtSecret, ServeArgs};
use visitdesk::{AppState, demo};

/// jemalloc rather than glibc's malloc (settings in `.cargo/config.toml`:
/// two arenas, freed pages returned at once). Measured by bench/run's
/// load on this 2-core machine: peak RSS 51 MB against 66 MB with glibc,
/// which kept what each thread freed in its own arena, and more answers per
/// second (one delegation 33k against 28k, a week's schedule 134 against
/// 118). tikv-jemallocator: the jemalloc binding the Rust ecosystem keeps.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// `RUST_LOG`'s filter, `info` by default, without actix-http's connection
/// dispatcher unless `RUST_LOG` names actix_http: it logs every request head
/// it cannot parse (a malformed request line, a 100 KB URI) as an ERROR
/// "stream error" after answering it with a bare 400 or 431, so any client
/// could write ERROR lines into the log at will (issue 12). Such a request
/// never reaches the service; the access log shows every one that does.
fn log_filter(rust_log: Option<&str>) -> EnvFilter {
    let filter = rust_log
        .and_then(|directives| EnvFilter::try_new(directives).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    if rust_log.is_some_and(|directives| directives.contains("actix_http")) {
        filter
    } else {
        filter.add_directive(
            "actix_http::h1::dispatcher=off"
                .parse()
                .expect("a valid directive"),
        )
    }
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(log_filter(std::env::var("RUST_LOG").ok().as_deref()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let result = match Cli::parse().command {
        Command::Serve(args) => serve(&args),
        Command::Migrate(args) => {
            cli::open_db(&args).map(|_| println!("the database is up to date"))
        }
        Command::User(UserCommand::Create(args)) => {
            cli::create_user(&args, std::io::stdin().lock()).map(|done| println!("{done}"))
        }
        Command::Generate(args) => visitdesk::generate::run(&args)
            .map(|done| println!("{}", done.describe()))
            .map_err(Failure::runtime),
        Command::CommitCeiling(args) => visitdesk::generate::commit_ceiling(&args)
            .map(|done| println!("{done}"))
            .map_err(Failure::runtime),
        Command::Copy(args) => visitdesk::ops::copy::run(&args, &mut std::io::stderr())
            .map(|done| println!("{}", done.describe()))
            .map_err(Failure::runtime),
        Command::Backup(args) => visitdesk::ops::backup::backup(&args)
            .map(|done| println!("{done}"))
            .map_err(Failure::runtime),
        Command::Restore(args) => visitdesk::ops::backup::restore(&args, &mut std::io::stderr())
            .map(|done| println!("{done}"))
            .map_err(Failure::runtime),
        Command::Openapi => {
            print!("{}", visitdesk::openapi::document_json());
            Ok(())
        }
    };
    if let Err(failure) = result {
        eprintln!("visitdesk: {}", failure.message);
        std::process::exit(failure.code);
    }
}

fn serve(args: &ServeArgs) -> Result<(), Failure> {
    // The database first: a bad URL or an unreachable server stops here,
    // before anything is written to disk.
    let serving = cli::open_db_for_serving(&args.db)?;
    let db = serving.db().clone();
    let env_secret = std::env::var("VISITDESK_JWT_SECRET").ok();
    let (secret, origin) = JwtSecret::resolve(env_secret.as_deref(), &args.db.data_dir)
        .map_err(|e| Failure::usage(e.to_string()))?;
    tracing::info!(origin = %origin, "JWT secret");
    let config =
        Config::from_serve_args(args, secret).map_err(|e| Failure::usage(e.to_string()))?;
    if args.demo {
        let summary =
            demo::load(&db).map_err(|e| Failure::runtime(format!("loading the demo data: {e}")))?;
        println!("{}", summary.describe(&config.public_url));
    }
    let listener = TcpListener::bind(&config.bind)
        .map_err(|e| Failure::runtime(format!("cannot listen on {}: {e}", config.bind)))?;
    tracing::info!(address = %config.public_url, engine = ?db.engine(), "visitdesk is listening");
    // E-mail: on with an SMTP server, said either way.
    let mail = visitdesk::mail::MailConfig::from_args(
        &args.mail,
        std::env::var("VISITDESK_SMTP_PASSWORD").ok(),
    )
    .map_err(|e| Failure::usage(e.to_string()))?;
    let _sender = match mail {
        Some(mail) => {
            tracing::info!(server = %mail.host, port = mail.port, tls = ?mail.tls, from = %mail.from, "e-mail is on");
            Some(
                visitdesk::mail::sender::start(db.clone(), mail).map_err(|e| {
                    Failure::runtime(format!("cannot start the e-mail sender: {e}"))
                })?,
            )
        }
        None => {
            tracing::info!(
                "e-mail is off (no VISITDESK_SMTP_HOST): no notices or digests are written"
            );
            None
        }
    };
    let mut state = AppState::new(serving, config);
    state.metrics = args
        .metrics_token
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(visitdesk::http::metrics::MetricsToken::new)
        .transpose()
        .map_err(Failure::usage)?;
    tracing::info!(open = state.metrics.is_some(), "/metrics");
    actix_web::rt::System::new()
        .block_on(async move { visitdesk::server(state, listener)?.await })
        .map_err(Failure::runtime)
}
