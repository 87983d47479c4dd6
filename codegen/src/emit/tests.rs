//! `tests/examples.rs`: every JSON example of the docs as a test that deserialises it into its
//! type, serialises it back and compares the two.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::lower::naming;
use crate::schema::{Schema, TypeDef};

use super::rust::ident;
use super::{format, EmitOptions};

pub fn examples_rs(schema: &Schema, options: &EmitOptions) -> Option<String> {
    let modules: Vec<TokenStream> = schema
        .modules
        .iter()
        .filter_map(|(module_name, module)| {
            // Two type names can give one test name (`HTTPServer`, `HttpServer`): number the later.
            let mut taken = std::collections::BTreeSet::new();
            let tests: Vec<TokenStream> = module
                .types
                .iter()
                .filter_map(|(type_name, ty)| match ty {
                    TypeDef::Struct(s) => Some((type_name, s)),
                    _ => None,
                })
                .flat_map(|(type_name, s)| {
                    let many = s.examples.len() > 1;
                    s.examples.iter().enumerate().map(move |(i, example)| (type_name, many, i, example))
                })
                .map(|(type_name, many, i, example)| {
                    // `r#type` for a type named `Type`; `type_1` needs no `r#`.
                    let test = naming::field_ident(type_name);
                    let test = if many { format!("{}_{}", naming::bare(&test), i + 1) } else { test };
                    let test = if taken.contains(&test) {
                        crate::lower::fresh_name(&mut taken, &format!("{}_", naming::bare(&test)))
                    } else {
                        taken.insert(test.clone());
                        test
                    };
                    let test = ident(&test);
                    let source = format!("{}{}:{}", options.source_prefix, example.loc.file, example.loc.line);
                    let doc = format!(" The example at `{source}`.");
                    let json = raw_string(&example.json);
                    let ty = ident(type_name);
                    quote! {
                        #[doc = #doc]
                        #[test]
                        fn #test() {
                            let json = #json;
                            super::round_trip::<#ty>(#source, json);
                        }
                    }
                })
                .collect();
            if tests.is_empty() {
                return None;
            }
            let module = ident(module_name);
            Some(quote! {
                #[rustfmt::skip]
                mod #module {
                    use ::generated::#module::*;

                    #( #tests )*
                }
            })
        })
        .collect();
    if modules.is_empty() {
        return None;
    }
    Some(
        format(quote! {
            //! The JSON examples of the docs, each round-tripped through its generated type.
            //!
            //! An example fails when it does not deserialise, or when serialising it back loses or
            //! changes anything: a field the tables do not document, a value of another type.
            //! Either way the docs disagree with themselves, and the message says where.

            #( #modules )*
        }) + HELPERS,
    )
}

/// A raw string literal holding `text`, with enough `#`s that nothing inside can end it.
fn raw_string(text: &str) -> Literal {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}").parse().unwrap_or_else(|_| Literal::string(text))
}

/// The comparison the tests share. Kept as source text so it reads as it runs.
const HELPERS: &str = r#"
/// Deserialises `json` into `T`, serialises it back and fails, naming `source` and the JSON
/// path, on the first difference. `null` counts as absent: optional fields are skipped when
/// serialised.
#[rustfmt::skip]
#[track_caller]
fn round_trip<T>(source: &str, json: &str)
where
    T: ::serde::de::DeserializeOwned + ::serde::Serialize,
{
    let type_name = ::std::any::type_name::<T>();
    let example: ::serde_json::Value =
        ::serde_json::from_str(json).unwrap_or_else(|error| panic!("{source}: the example is not JSON: {error}"));
    let deserializer = &mut ::serde_json::Deserializer::from_str(json);
    let value: T = ::serde_path_to_error::deserialize(deserializer).unwrap_or_else(|error| {
        let path = error.path().to_string();
        let path = if path == "." { String::new() } else { format!(".{path}") };
        panic!("{source}: the example does not fit `{type_name}`: at ${path}: {}", error.inner())
    });
    let back = ::serde_json::to_value(&value).unwrap_or_else(|error| panic!("{source}: cannot serialise `{type_name}`: {error}"));
    if let Some(difference) = first_difference(&without_nulls(example), &without_nulls(back), "$") {
        panic!("{source}: the example does not round-trip through `{type_name}`: {difference}");
    }
}

#[rustfmt::skip]
fn without_nulls(value: ::serde_json::Value) -> ::serde_json::Value {
    match value {
        ::serde_json::Value::Object(map) => {
            ::serde_json::Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        ::serde_json::Value::Array(items) => ::serde_json::Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[rustfmt::skip]
fn first_difference(example: &::serde_json::Value, back: &::serde_json::Value, path: &str) -> Option<String> {
    use ::serde_json::Value;
    match (example, back) {
        (Value::Object(a), Value::Object(b)) => {
            let extra: Vec<&str> = a.keys().filter(|key| !b.contains_key(*key)).map(String::as_str).collect();
            if !extra.is_empty() {
                return Some(format!("at {path}: the example has fields the tables do not document: {}", extra.join(", ")));
            }
            let added: Vec<&str> = b.keys().filter(|key| !a.contains_key(*key)).map(String::as_str).collect();
            if !added.is_empty() {
                return Some(format!("at {path}: the type adds fields the example does not have: {}", added.join(", ")));
            }
            a.iter().find_map(|(key, value)| first_difference(value, &b[key], &format!("{path}.{key}")))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]")))
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (a, b) if a == b => None,
        (a, b) => Some(format!("at {path}: the example has `{a}`, the type gives back `{b}`")),
    }
}
"#;
