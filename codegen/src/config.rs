//! The spec's config file, `codegen.toml`: names the docs cannot give themselves.
//!
//! ```toml
//! [docs."异常响应.md"]
//! module = "errors"                       # the Rust module for this document
//! sections = { "云手机API" = "CloudPhoneError" }  # a base type name per heading
//! types = { "Failure" = "ServerFailure" }          # renames of generated types
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Loc, SourceFile};

/// The file name of the config, at the root of the spec directory.
pub const FILE_NAME: &str = "codegen.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Per document, keyed by its path relative to the spec root.
    #[serde(default)]
    pub docs: BTreeMap<String, DocConfig>,
    /// The file as read, to point diagnostics at the entry they are about.
    #[serde(skip)]
    source: Option<SourceFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocConfig {
    /// The Rust module name for the document.
    pub module: Option<String>,
    /// A base type name per heading or list label: the tables under it are named
    /// `{base}Request`, `{base}Response`.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Renames of generated structs and request types: `"GeneratedName" = "BetterName"`.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
}

impl Config {
    /// Parses the config file; a syntax or schema error points at the offending line.
    pub fn parse(file: &SourceFile) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(&file.text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            Diagnostic::error(Code::Config, file.loc(offset), error.message().trim().to_owned())
                .expected("`[docs.\"<file>.md\"]` tables with `module`, `sections` and `types`")
        })?;
        config.source = Some(file.clone());
        Ok(config)
    }

    /// The location of the first line of the config that mentions `key` in quotes.
    pub fn loc_of(&self, key: &str) -> Loc {
        let Some(file) = &self.source else { return Loc { file: FILE_NAME.to_owned(), line: 1, column: 1 } };
        let quoted = format!("\"{key}\"");
        file.loc(file.text.find(&quoted).unwrap_or(0))
    }
}
