//! The command line of `cargo xtask`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Generates the Rust types in generated/ from the docs in spec/")]
pub struct Xtask {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerates generated/ from spec/ (atomically: on any error nothing changes).
    Regen {
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Fails, showing a diff, when generated/ is not what regen would write.
    Check {
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Runs the pipeline on a directory of docs you do not control, into a scratch crate under
    /// target/, builds and tests it, and reports.
    Corpus {
        /// The directory of Markdown docs.
        dir: PathBuf,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Generate only: skip building and testing the scratch crate.
        #[arg(long)]
        no_build: bool,
        /// Fail when the report falls below this committed baseline (a JSON file keyed by the
        /// directory's name): a ratchet, raised as the generator improves.
        #[arg(long)]
        baseline: Option<PathBuf>,
    },
}
