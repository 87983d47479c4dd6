//! Lowering: read pages become the [`Schema`].
//!
//! It runs in passes over all pages at once, because tables refer to tables on other pages:
//!
//! 1. [`facts`]: per page, the operation, the parameter tables with their role (path, query,
//!    header, request body, response) and identity (anchors, caption number, caption name),
//!    and the examples.
//! 2. [`resolve`]: each object-typed field finds the table that describes it.
//! 3. [`names`]: modules and types get their Rust names, from the roots of each page down.
//! 4. [`build`]: the schema itself, with field types, docs and examples.

mod build;
mod columns;
mod docs;
mod enums;
mod examples;
mod facts;
mod fixups;
mod names;
pub use names::fresh as fresh_name;
pub mod naming;
mod operation;
mod resolve;
mod type_spelling;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::read::Page;
use crate::schema::Schema;

/// How strict lowering is about what the docs leave open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// A spec under your control: unknown types, dangling references and unnamed types are
    /// errors that stop generation.
    #[default]
    Strict,
    /// Docs you cannot change: the same findings are warnings, and the generator falls back to
    /// untyped JSON and transliterated names.
    Lenient,
}

/// Lowers all pages of a spec. Pages may come in any order; the schema does not depend on it.
/// Also returns counts of what it found, for reports.
pub fn lower(pages: &[Page], config: &Config, strictness: Strictness) -> (Schema, Diagnostics, crate::Stats) {
    let mut pages: Vec<&Page> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut cx = Cx { strictness, diagnostics: Diagnostics::default() };
    let facts = facts::collect(&pages, config, &mut cx);
    let stats = crate::Stats {
        param_tables: facts.iter().map(|f| f.tables.len()).sum(),
        json_examples: facts
            .iter()
            .flat_map(|f| &f.examples)
            .filter(|e| !matches!(e.text, examples::ExampleText::NotJson))
            .count(),
    };
    let targets = resolve::resolve(&facts, &mut cx);
    let names = names::assign(&facts, &targets, config, &mut cx);
    let schema = build::build(&facts, &targets, &names, &mut cx);
    check_config(&pages, config, &mut cx);
    cx.diagnostics.sort();
    (schema, cx.diagnostics, stats)
}

/// Shared state of a lowering run: where diagnostics go, and how strict to be.
pub(crate) struct Cx {
    strictness: Strictness,
    diagnostics: Diagnostics,
}

impl Cx {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A finding that stops a strict run and is only a warning in a lenient one.
    fn problem(&mut self, diagnostic: Diagnostic) {
        let severity = match self.strictness {
            Strictness::Strict => Severity::Error,
            Strictness::Lenient => Severity::Warning,
        };
        self.diagnostics.push(Diagnostic { severity, ..diagnostic });
    }

    fn warn(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(Diagnostic { severity: Severity::Warning, ..diagnostic });
    }

    fn lenient(&self) -> bool {
        self.strictness == Strictness::Lenient
    }
}

/// Every config entry must name a document and heading that exist: a stale entry fails loudly.
fn check_config(pages: &[&Page], config: &Config, cx: &mut Cx) {
    for (path, doc) in &config.docs {
        let Some(page) = pages.iter().find(|p| &p.path == path) else {
            cx.push(
                Diagnostic::error(Code::Config, config.loc_of(path), format!("`{path}` is not a document of the spec"))
                    .expected("the path of a Markdown file, relative to the spec directory")
                    .hint("remove the entry, or fix the path relative to the spec directory"),
            );
            continue;
        };
        for section in doc.sections.keys() {
            if !page.blocks.iter().any(|b| b.section.iter().any(|s| s == section)) {
                cx.push(
                    Diagnostic::error(
                        Code::Config,
                        config.loc_of(section),
                        format!("`{path}` has no heading or list label `{section}`"),
                    )
                    .expected("the exact text of a heading or list label of the document")
                    .hint("the key must match the heading's text exactly"),
                );
            }
        }
    }
}
