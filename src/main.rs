//! `visitdesk`: parse the command line, set up logging, run the command.

use std::io::IsTerminal;
use std::net::TcpListener;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use visitdesk::cli::{self, Cli, Command, Failure, UserCommand};
use visitdesk::config::{Config, JwtSecret, ServeArgs};
use visitdesk::{AppState, demo};

/// jemalloc rather than glibc's malloc (settings in `.cargo/config.toml`:
/// two arenas, freed pages returned after a second). Measured by bench/run's
/// load on this 2-core machine: peak RSS 51 MB against 66 MB with glibc,
/// which kept what each thread freed in its own arena, and more answers per
/// second (one delegation 33k against 28k, a week's schedule 134 against
/// 118). tikv-jemallocator: the jemalloc binding the Rust ecosystem keeps.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
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
    let db = cli::open_db(&args.db)?;
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
    let state = AppState::new(db, config);
    actix_web::rt::System::new()
        .block_on(async move { visitdesk::server(state, listener)?.await })
        .map_err(Failure::runtime)
}
