//! The intermediate schema: what the docs say, independent of how they said it.
//!
//! Lowering produces it, emitting consumes it, and `generated/schema.json` shows it to
//! reviewers. Every collection is ordered by a stable key, so the same docs always give the
//! same schema, byte for byte.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::source::Loc;

/// All documents of a spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Schema {
    /// Keyed by module name.
    pub modules: BTreeMap<String, Module>,
    /// How often each known quirk of the docs was fixed (see `lower::fixups`).
    pub fixups: BTreeMap<String, usize>,
}

/// One document: it becomes one Rust module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Module {
    /// The document's path relative to the spec root.
    pub source: String,
    /// The document's title.
    pub title: String,
    pub operations: Vec<Operation>,
    /// Keyed by Rust type name.
    pub types: BTreeMap<String, TypeDef>,
}

/// One HTTP operation of an API page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// UpperCamelCase name (`GetCloudPhoneDetail`).
    pub name: String,
    pub method: String,
    /// The path template with `{param}` placeholders, query string removed.
    pub path: String,
    /// The request type: path, query and header parameters plus the body.
    pub request: Option<String>,
    /// Response body types by status code (`"200"`, or `"default"` when none is given).
    pub responses: BTreeMap<String, String>,
    pub loc: Loc,
}

/// A named type of the generated module.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
    /// The parameters of an operation's request, outside the body.
    Request(Request),
}

impl TypeDef {
    pub fn loc(&self) -> &Loc {
        match self {
            TypeDef::Struct(s) => &s.loc,
            TypeDef::Enum(e) => &e.loc,
            TypeDef::Request(r) => &r.loc,
        }
    }
}

/// A JSON object with documented fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    /// Markdown, from the caption or section.
    pub doc: String,
    pub fields: Vec<Field>,
    /// JSON examples from the docs that must round-trip through this type.
    pub examples: Vec<Example>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The name on the wire, as documented.
    pub wire_name: String,
    /// The Rust identifier (snake_case, raw when a keyword).
    pub ident: String,
    pub ty: TypeRef,
    pub required: bool,
    /// Whether the field stands for the object's other keys (`#[serde(flatten)]`): the docs
    /// name it generically while the wire uses varying keys. Its type is then a map.
    pub flatten: bool,
    /// Markdown, from the description cell, with references already resolved.
    pub doc: String,
    pub loc: Loc,
}

/// A type as a field uses it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    String,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    Float,
    Double,
    Boolean,
    /// Any JSON value: the docs give no structure.
    Json,
    Array(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// A type of the schema: the module it lives in and its name.
    Named {
        module: String,
        name: String,
    },
}

/// A closed list of documented values that still accepts values added later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    pub doc: String,
    /// Whether the values are strings or integers on the wire.
    pub repr: EnumRepr,
    pub variants: Vec<Variant>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The value on the wire.
    pub value: String,
    /// The Rust variant name.
    pub ident: String,
    pub doc: String,
    /// What `Display` writes for this value, when not the value itself (an error code's
    /// documented message).
    pub message: Option<String>,
}

/// Path, query and header parameters of an operation, and its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub doc: String,
    pub method: String,
    pub path: String,
    pub params: Vec<Param>,
    /// The body type, when the operation takes one.
    pub body: Option<TypeRef>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    pub location: ParamLocation,
    pub field: Field,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A JSON example from the docs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// The JSON text, as it appears in the docs minus any request line before it.
    pub json: String,
    pub loc: Loc,
}
