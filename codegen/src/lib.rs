//! Reads API reference docs written as Markdown with parameter tables and emits Rust types.
//!
//! The pipeline runs one way: [`read`] turns each document into blocks with locations,
//! [`lower`] turns blocks into the [`schema`], and [`emit`] turns the schema into files of the
//! generated crate. [`generate`] runs all three.

pub mod diagnostics;
pub mod read;
pub mod source;
