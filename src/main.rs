//! The `curtaincall` binary: parses the command line, then opens the app or runs a subcommand.

use std::process::ExitCode;

use clap::Parser as _;
use curtaincall::cli::{self, Cli};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("curtaincall: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run_command(command, cli.data),
        None => {
            let path = cli::data_path(cli.data)?;
            curtaincall::ui::run(curtaincall::store::DataFile::new(path))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
