//! Helpers shared by the integration tests: building specs from strings, running the pipeline,
//! and reading the emitted Rust back with syn.

#![allow(dead_code)] // Each test crate uses its own subset.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::diagnostics::{Code, Diagnostics};
use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::source::SourceFile;
use codegen::{Output, Spec};
use quote::ToTokens;

/// The lines before a test table: a page with the operation `ListPhones` (module
/// `list_phones`), whose 响应参数 section starts at line [`BODY_LINE`].
pub const HEADER: &str = "# 查询手机\n\n## URI\n\nGET /v1/phones\n\n## 响应参数\n\n";

/// The line of the first line after [`HEADER`].
pub const BODY_LINE: u32 = 9;

/// The module and the response type that a page starting with [`HEADER`] gives.
pub const MODULE: &str = "list_phones";
pub const RESPONSE: &str = "ListPhonesResponse";

pub fn options() -> EmitOptions {
    EmitOptions { command: "cargo test".to_owned(), source_prefix: "spec/".to_owned(), standalone: true }
}

pub fn spec(docs: &[(&str, &str)]) -> Spec {
    Spec { docs: docs.iter().map(|(path, text)| SourceFile::new(*path, text)).collect(), config: None }
}

pub fn generate(docs: &[(&str, &str)], strictness: Strictness) -> Result<Output, Diagnostics> {
    codegen::generate(&spec(docs), strictness, &options())
}

/// A one-page spec, `a.md`, that is [`HEADER`] followed by `body`.
pub fn page(body: &str) -> Vec<(&'static str, String)> {
    vec![("a.md", format!("{HEADER}{body}"))]
}

fn borrow<'a>(docs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    docs.iter().map(|(path, text)| (*path, text.as_str())).collect()
}

/// Generates in strict mode and expects success without errors.
pub fn ok(docs: &[(&'static str, String)]) -> Output {
    match generate(&borrow(docs), Strictness::Strict) {
        Ok(output) => output,
        Err(diagnostics) => panic!("expected success, got:\n{}", list(&diagnostics)),
    }
}

/// Generates in lenient mode, which must succeed.
pub fn lenient(docs: &[(&'static str, String)]) -> Output {
    match generate(&borrow(docs), Strictness::Lenient) {
        Ok(output) => output,
        Err(diagnostics) => panic!("lenient generation failed:\n{}", list(&diagnostics)),
    }
}

/// Generates in strict mode and returns the errors as (code, file, line), expecting failure.
pub fn errors(docs: &[(&'static str, String)]) -> Vec<(Code, String, u32)> {
    match generate(&borrow(docs), Strictness::Strict) {
        Ok(output) => panic!("expected errors, generation succeeded with:\n{}", list(&output.diagnostics)),
        Err(diagnostics) => diagnostics.errors().map(|d| (d.code, d.loc.file.clone(), d.loc.line)).collect(),
    }
}

pub fn list(diagnostics: &Diagnostics) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// Parses every `.rs` file of the output, failing the test with the text when one does not,
/// or when it is the `compile_error!` that emitting falls back to.
pub fn parse_all(output: &Output) {
    for (path, text) in &output.files {
        if path.ends_with(".rs") {
            match syn::parse_file(text) {
                Ok(file) => {
                    let fallback = file
                        .items
                        .iter()
                        .any(|item| matches!(item, syn::Item::Macro(m) if m.mac.path.is_ident("compile_error")));
                    assert!(!fallback, "{path} fell back to compile_error!:\n{text}");
                }
                Err(error) => panic!("{path} does not parse: {error}\n{text}"),
            }
        }
    }
}

/// The emitted module `name`, parsed.
pub fn module(output: &Output, name: &str) -> syn::File {
    parse_all(output);
    let path = format!("src/{name}.rs");
    let text = output
        .files
        .get(&path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", output.files.keys().collect::<Vec<_>>()));
    syn::parse_file(text).expect("parses")
}

/// The struct `name` of a parsed module.
pub fn find_struct<'f>(file: &'f syn::File, name: &str) -> &'f syn::ItemStruct {
    structs(file).into_iter().find(|s| s.ident == name).unwrap_or_else(|| {
        let names: Vec<String> = structs(file).iter().map(|s| s.ident.to_string()).collect();
        panic!("no struct {name} among {names:?}")
    })
}

pub fn structs(file: &syn::File) -> Vec<&syn::ItemStruct> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// One field of an emitted struct, as the Rust says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// The identifier as written (`r#type` for a raw one).
    pub ident: String,
    /// The name on the wire: the `rename`, or the identifier without `r#`.
    pub wire: String,
    /// The type, as tokens printed with single spaces.
    pub ty: String,
    /// The doc lines (`#[doc = "…"]` values).
    pub docs: Vec<String>,
    /// The path of every attribute (`doc`, `serde`).
    pub attrs: Vec<String>,
}

pub fn fields(item: &syn::ItemStruct) -> Vec<FieldInfo> {
    item.fields
        .iter()
        .map(|field| {
            let ident = field.ident.as_ref().expect("named field").to_string();
            let mut wire = ident.strip_prefix("r#").unwrap_or(&ident).to_owned();
            let mut docs = Vec::new();
            let mut attrs = Vec::new();
            for attr in &field.attrs {
                attrs.push(attr.path().to_token_stream().to_string());
                if attr.path().is_ident("doc") {
                    docs.push(doc_value(attr));
                } else if attr.path().is_ident("serde") {
                    if let Some(rename) = serde_rename(attr) {
                        wire = rename;
                    }
                }
            }
            // prettyplease breaks long types over lines with a trailing comma; drop it. Types of
            // the test page's own module are compared by their bare names, however written.
            let ty = field
                .ty
                .to_token_stream()
                .to_string()
                .replace(" , >", " >")
                .replace(&format!("crate :: {MODULE} :: "), "");
            FieldInfo { ident, wire, ty, docs, attrs }
        })
        .collect()
}

/// The doc lines of an item.
pub fn item_docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs.iter().filter(|a| a.path().is_ident("doc")).map(doc_value).collect()
}

fn doc_value(attr: &syn::Attribute) -> String {
    match &attr.meta {
        syn::Meta::NameValue(syn::MetaNameValue {
            value: syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }),
            ..
        }) => s.value(),
        other => panic!("a doc attribute that is not a string: {}", other.to_token_stream()),
    }
}

fn serde_rename(attr: &syn::Attribute) -> Option<String> {
    let mut rename = None;
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("rename") {
            rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
        } else if meta.input.peek(syn::Token![=]) {
            meta.value()?.parse::<syn::Expr>()?;
        }
        Ok(())
    })
    .expect("a well-formed serde attribute");
    rename
}

/// The field `ident` (as written, `r#type` for a raw one) of a struct.
pub fn field<'a>(fields: &'a [FieldInfo], ident: &str) -> &'a FieldInfo {
    fields
        .iter()
        .find(|f| f.ident == ident)
        .unwrap_or_else(|| panic!("no field {ident} among {:?}", fields.iter().map(|f| &f.ident).collect::<Vec<_>>()))
}

/// A fresh, empty directory under cargo's temporary directory for integration tests.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove an old temporary directory");
    }
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}
