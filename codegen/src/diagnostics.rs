//! Errors and warnings about the spec, each tied to a place in it.
//!
//! Diagnostics are values: every stage collects them instead of stopping at the first, and
//! [`Diagnostics::render`] prints them the way rustc does, with the offending line.

use std::fmt;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Loc, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What went wrong, as a stable code plus a short name; codes never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// The file is not valid UTF-8.
    NotUtf8,
    /// A parameter table lacks a column it needs.
    MissingColumn,
    /// An HTML table could not be read.
    BadTable,
    /// A type cell names no known type.
    UnknownType,
    /// A reference to a table, anchor or page that does not exist.
    DanglingReference,
    /// A table describes a structure but nothing gives it a Rust name.
    UnnamedType,
    /// Two different structures would get the same Rust name.
    NameCollision,
    /// Two rows of one table document the same field.
    DuplicateField,
    /// Two fields of one structure would get the same Rust identifier.
    FieldCollision,
    /// A link leaves the spec directory.
    OutsideSpec,
    /// A code block under an example heading is not valid JSON.
    BadExample,
    /// A parameter table that nothing refers to and no section claims.
    OrphanTable,
    /// An object without a documented structure, kept as untyped JSON.
    UntypedObject,
    /// The config file is malformed or names something that does not exist.
    Config,
    /// A file or directory of the spec cannot be read.
    Io,
}

impl Code {
    /// The stable identifier printed with the diagnostic, like `E0004`.
    pub fn id(self) -> &'static str {
        match self {
            Code::NotUtf8 => "E0001",
            Code::MissingColumn => "E0002",
            Code::BadTable => "E0003",
            Code::UnknownType => "E0004",
            Code::DanglingReference => "E0005",
            Code::UnnamedType => "E0006",
            Code::NameCollision => "E0007",
            Code::DuplicateField => "E0008",
            Code::FieldCollision => "E0009",
            Code::OutsideSpec => "E0010",
            Code::BadExample => "E0011",
            Code::OrphanTable => "E0012",
            Code::UntypedObject => "E0013",
            Code::Config => "E0014",
            Code::Io => "E0015",
        }
    }

    /// A kebab-case name for reports that group by kind.
    pub fn kind(self) -> &'static str {
        match self {
            Code::NotUtf8 => "not-utf8",
            Code::MissingColumn => "missing-column",
            Code::BadTable => "bad-table",
            Code::UnknownType => "unknown-type",
            Code::DanglingReference => "dangling-reference",
            Code::UnnamedType => "unnamed-type",
            Code::NameCollision => "name-collision",
            Code::DuplicateField => "duplicate-field",
            Code::FieldCollision => "field-collision",
            Code::OutsideSpec => "outside-spec",
            Code::BadExample => "bad-example",
            Code::OrphanTable => "orphan-table",
            Code::UntypedObject => "untyped-object",
            Code::Config => "config",
            Code::Io => "io",
        }
    }
}

/// One finding about the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub loc: Loc,
    pub severity: Severity,
    pub code: Code,
    /// What is wrong, in one line, without a trailing period.
    pub message: String,
    /// What the generator expected to find there.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic { loc, severity: Severity::Error, code, message: message.into(), expected: None, hint: None }
    }

    pub fn warning(code: Code, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, loc, message) }
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic with the offending source line, when the source is known.
    pub fn render(&self, source: Option<&SourceFile>, renderer: &Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str()).id(self.code.id());
        let span = source.and_then(|file| Some((file, file.line_range(self.loc.line)?)));
        let mut group = match span {
            Some((file, ref line)) => {
                let text = &file.text[line.clone()];
                let start = text.char_indices().nth(self.loc.column as usize - 1).map_or(text.len(), |(i, _)| i);
                let width = text[start..].chars().next().map_or(0, char::len_utf8);
                let marker = line.start + start..line.start + start + width.max(usize::from(start == text.len()));
                let label = self.expected.as_deref().map(|e| format!("expected {e}"));
                title.element(
                    Snippet::source(file.text.as_str())
                        .path(self.loc.file.as_str())
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(marker).label(label)),
                )
            }
            None => title.element(annotate_snippets::Origin::path(self.loc.to_string())),
        };
        if span.is_none() {
            if let Some(expected) = &self.expected {
                group = group.element(Level::NOTE.message(format!("expected {expected}")));
            }
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        renderer.render(&[group])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}[{}]: {}", self.loc, self.code.id(), self.message)?;
        if let Some(expected) = &self.expected {
            write!(f, " (expected {expected})")?;
        }
        Ok(())
    }
}

/// All diagnostics of a run, kept in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Turns every warning into an error, for `--deny-warnings`.
    pub fn deny_warnings(&mut self) {
        for diagnostic in &mut self.0 {
            diagnostic.severity = Severity::Error;
        }
    }

    /// Sorts by file, line, column, then everything else, and drops exact repeats.
    pub fn sort(&mut self) {
        self.0.sort();
        self.0.dedup();
    }

    /// Renders every diagnostic, looking up the source text by path. `prefix` goes before each
    /// path (`spec/`), so that the paths shown are the ones a reader can open.
    pub fn render(&self, sources: &[SourceFile], prefix: &str, color: bool) -> String {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let mut out = String::new();
        for diagnostic in &self.0 {
            let source = sources.iter().find(|s| s.path == diagnostic.loc.file);
            let mut shown = diagnostic.clone();
            shown.loc.file = format!("{prefix}{}", diagnostic.loc.file);
            out.push_str(&shown.render(source, &renderer));
            out.push_str("\n\n");
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}
