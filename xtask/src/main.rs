//! `cargo xtask`: the project's commands, a thin front end over the `codegen` library.

mod codegen;
mod corpus;
mod flags;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let flags = flags::Xtask::parse();
    let result = match flags.command {
        flags::Command::Regen { deny_warnings } => codegen::regen(&project_root(), deny_warnings),
        flags::Command::Check { deny_warnings } => codegen::check(&project_root(), deny_warnings),
        flags::Command::Corpus { dir, json, no_build, baseline } => {
            corpus::run(&project_root(), &dir, json.as_deref(), !no_build, baseline.as_deref())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}
