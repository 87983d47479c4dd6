//! Reads API reference docs written as Markdown with parameter tables and emits Rust types.
//!
//! The pipeline runs one way: [`read`] turns each document into blocks with locations,
//! [`lower`] turns blocks into the [`schema`], and [`emit`] turns the schema into the files of
//! the generated crate. [`generate`] runs all three; [`Spec::load`] reads a spec directory.

pub mod config;
pub mod diagnostics;
pub mod doc_text;
pub mod emit;
pub mod lower;
mod parallel;
pub mod read;
pub mod schema;
pub mod source;

use std::path::Path;

use config::Config;
use diagnostics::{Code, Diagnostic, Diagnostics};
use emit::{EmitOptions, Files};
use lower::Strictness;
use schema::Schema;
use source::{Loc, SourceFile};

/// The documents of a spec and its config, in memory.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// The Markdown documents, sorted by path.
    pub docs: Vec<SourceFile>,
    /// `codegen.toml`, when the spec has one.
    pub config: Option<SourceFile>,
}

impl Spec {
    /// Reads every `.md` file below `dir` (recursively, without following symbolic links) and
    /// the config file. Files that are not UTF-8 are reported, all of them, with their paths.
    pub fn load(dir: &Path) -> Result<Spec, Diagnostics> {
        let mut spec = Spec::default();
        let mut diagnostics = Diagnostics::default();
        let paths = source::files_below(dir).unwrap_or_else(|error| {
            let loc = Loc { file: dir.display().to_string(), line: 1, column: 1 };
            diagnostics.push(
                Diagnostic::error(Code::Io, loc, format!("cannot read the spec directory: {error}"))
                    .expected("a readable directory"),
            );
            Vec::new()
        });
        for relative in paths.into_iter().filter(|p| p.ends_with(".md")) {
            match std::fs::read(dir.join(&relative)) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => spec.docs.push(SourceFile::new(relative, &text)),
                    Err(error) => {
                        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                        let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
                        diagnostics.push(
                            Diagnostic::error(
                                Code::NotUtf8,
                                Loc { file: relative, line, column: 1 },
                                "the file is not valid UTF-8",
                            )
                            .expected("UTF-8 text")
                            .hint("convert the file to UTF-8, for example with `iconv -f GBK -t UTF-8`"),
                        );
                    }
                },
                Err(error) => diagnostics.push(
                    Diagnostic::error(
                        Code::Io,
                        Loc { file: relative, line: 1, column: 1 },
                        format!("cannot read the file: {error}"),
                    )
                    .expected("a readable file"),
                ),
            }
        }
        let config_path = dir.join(config::FILE_NAME);
        if let Ok(text) = std::fs::read_to_string(&config_path) {
            spec.config = Some(SourceFile::new(config::FILE_NAME, &text));
        }
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(diagnostics);
        }
        Ok(spec)
    }

    /// Every source the diagnostics may point into: the documents and the config.
    pub fn sources(&self) -> Vec<SourceFile> {
        self.docs.iter().chain(&self.config).cloned().collect()
    }
}

/// Counts of what a run read, for reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Tables recognised as parameter tables.
    pub param_tables: usize,
    /// Code blocks under example headings that hold JSON, valid or not.
    pub json_examples: usize,
}

/// Everything one run produces.
#[derive(Debug, Clone)]
pub struct Output {
    pub stats: Stats,
    pub schema: Schema,
    pub files: Files,
    /// Warnings (and, for [`Strictness::Lenient`], what would otherwise be errors).
    pub diagnostics: Diagnostics,
}

/// Runs the whole pipeline. Fails with every error found when any is an error.
pub fn generate(spec: &Spec, strictness: Strictness, options: &EmitOptions) -> Result<Output, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let config = match &spec.config {
        Some(file) => Config::parse(file).unwrap_or_else(|diagnostic| {
            diagnostics.push(diagnostic);
            Config::default()
        }),
        None => Config::default(),
    };
    let pages = read::read_pages(&spec.docs);
    let (schema, lowering, stats) = lower::lower(&pages, &config, strictness);
    diagnostics.extend(lowering);
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let files = emit::emit(&schema, options);
    Ok(Output { stats, schema, files, diagnostics })
}
