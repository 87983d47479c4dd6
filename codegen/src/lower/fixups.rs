//! Known quirks of the docs, each named and documented here, applied where it matches and
//! counted, so that a quirk the docs no longer have shows up as a fixup applied zero times.
//!
//! A fixup is for a documented convention that the tables alone cannot express. Anything a
//! general rule can handle belongs in the general rule instead.

use super::facts::{Role, RowFacts, TableFacts};

/// The Cinder-style pages document an `error` object in the response, and say in prose
/// ("其中error是泛指的错误，有badRequest、itemNotFound等") that `error` stands for the actual
/// key, which varies. The field becomes `#[serde(flatten)]` over a map from that key to the
/// error object, so `{"itemNotFound": {…}}` reads as what the docs mean.
pub const GENERIC_ERROR_KEY: &str = "generic-error-key";

/// Whether [`GENERIC_ERROR_KEY`] applies to a row: the `error` object of a response table,
/// described as what is returned when an error occurs (出现错误时).
pub fn generic_error_key(table: &TableFacts<'_>, row: &RowFacts<'_>) -> bool {
    table.role == Role::Response
        && row.wire_name == "error"
        && row.description.is_some_and(|d| d.plain().starts_with("出现错误时"))
}
