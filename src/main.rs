//! The `curtaincall` binary: parses the command line, then opens the app or runs a subcommand.

use std::process::ExitCode;

use clap::Parser as _;
use curtaincall::cli::{self, Cli};
use curtaincall::instance::{self, Launch};

fn main() -> ExitCode {
    // As close to process start as Rust code gets, for `--profile-startup`.
    let started = std::time::Instant::now();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run(started) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("curtaincall: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(started: std::time::Instant) -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => {
            let providers = cli::provider_config(cli.tvmaze_url, cli.tmdb_url);
            cli::run_command(command, cli.data, &providers)
        }
        None => {
            let path = cli::data_path(cli.data)?;
            let file = curtaincall::store::DataFile::new(path);
            // One window per file: a Curtain Call that has it open comes forward instead.
            let silent_owner = match instance::announce_launch(&instance::address(&file)) {
                Launch::Raised => {
                    eprintln!(
                        "Curtain Call already has {} open; its window was brought forward.",
                        file.path.display()
                    );
                    return Ok(ExitCode::SUCCESS);
                }
                Launch::Silent(why) => Some(why),
                Launch::First => None,
            };
            // Read before the window opens, so the UI thread never waits on it.
            let config_dir = curtaincall::settings::config_dir();
            let settings = config_dir
                .as_deref()
                .map(curtaincall::settings::Settings::load)
                .unwrap_or_default();
            let options = curtaincall::ui::AppOptions {
                providers: curtaincall::sources::ProviderConfig::with_urls(
                    cli.tvmaze_url,
                    cli.tmdb_url,
                ),
                settings,
                config_dir,
                // A startup measurement must not include a check.
                auto_check: !cli.profile_startup,
                silent_owner,
                review_import: cli.review_import,
                guide_cache: Some(curtaincall::store::guide_cache::GuideCache::default_location()),
                ..Default::default()
            };
            let profile = cli.profile_startup.then_some(started);
            curtaincall::ui::run(file, options, profile, cli.minimized)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
