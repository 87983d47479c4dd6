//! Rust items for the schema's types: structs with serde attributes, request types with their
//! method and path, forward-compatible enums.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::schema::{Enum, EnumRepr, Field, Module, ParamLocation, Request, Schema, Struct, TypeDef, TypeRef};

use super::{doc_attrs, format, inner_doc_attrs, EmitOptions};
use crate::doc_text::escape_text;

pub fn lib_rs(schema: &Schema, options: &EmitOptions) -> String {
    let mut doc = format!(
        "Rust types for the API reference in `{}`, one module per document.\n\nEvery struct derives serde's `Serialize` and `Deserialize` and matches the JSON the\ndocuments describe; fields the documents leave optional are `Option`s.",
        options.source_prefix.trim_end_matches('/')
    );
    if !schema.modules.is_empty() {
        doc.push_str("\n\n| Module | Document |\n| --- | --- |");
        for (name, module) in &schema.modules {
            doc.push_str(&format!("\n| [`{name}`] | {} |", escape_text(&module.title)));
        }
    }
    let inner = inner_doc_attrs(&doc);
    let modules = schema.modules.keys().map(|name| ident(name));
    // `rustfmt::skip`: the modules are formatted by the generator; `cargo fmt` on the
    // workspace must not make them drift from what `check` expects.
    format(quote! {
        #inner
        #( #[rustfmt::skip] pub mod #modules; )*
    })
}

pub fn module_rs(recursion: &Recursion, name: &str, module: &Module, options: &EmitOptions) -> String {
    let mut doc = format!("Types of `{}`: {}.", module.source, escape_text(&module.title));
    for op in &module.operations {
        doc.push_str(&format!("\n\n`{} {}`", op.method, op.path));
        if let Some(request) = &op.request {
            doc.push_str(&format!(" takes a [`{request}`]"));
        }
        let responses: Vec<String> = op
            .responses
            .iter()
            .map(|(status, ty)| if status == "default" { format!("[`{ty}`]") } else { format!("[`{ty}`] ({status})") })
            .collect();
        if !responses.is_empty() {
            doc.push_str(&format!(" and answers with {}", responses.join(", ")));
        }
        doc.push('.');
    }
    let inner = inner_doc_attrs(&doc);
    // Items in the order the document gives them, as a reader of the document expects.
    let mut types: Vec<(&String, &TypeDef)> = module.types.iter().collect();
    types.sort_by(|(a_name, a), (b_name, b)| (a.loc(), a_name).cmp(&(b.loc(), b_name)));
    let items = types.into_iter().map(|(type_name, ty)| match ty {
        TypeDef::Struct(s) => {
            let source = format!("{}{}:{}", options.source_prefix, s.loc.file, s.loc.line);
            structure(name, type_name, s, &source, &|field: &Field| recursion.needs_box(name, type_name, &field.ty))
        }
        TypeDef::Request(r) => request(name, type_name, r),
        TypeDef::Enum(e) => enumeration(type_name, e),
    });
    format(quote! {
        #inner
        #( #items )*
    })
}

pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn structure(module: &str, name: &str, s: &Struct, source: &str, boxed: &dyn Fn(&Field) -> bool) -> TokenStream {
    let doc = doc_attrs(&format!("{}\n\nDocumented at `{source}`.", s.doc));
    let name = ident(name);
    let fields = s.fields.iter().map(|field| {
        let doc = doc_attrs(&field.doc);
        let ident = ident(&field.ident);
        let rename = if field.flatten {
            quote! { #[serde(flatten)] }
        } else {
            serde_rename(field)
        };
        let mut ty = type_tokens(&field.ty, module);
        if boxed(field) {
            ty = quote! { ::std::boxed::Box<#ty> };
        }
        if field.required {
            quote! { #doc #rename pub #ident: #ty, }
        } else {
            quote! {
                #doc
                #rename
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #ident: ::std::option::Option<#ty>,
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// `#[serde(rename = "…")]`, only where the wire name differs from the identifier.
fn serde_rename(field: &Field) -> TokenStream {
    let bare = field.ident.strip_prefix("r#").unwrap_or(&field.ident);
    if bare == field.wire_name {
        TokenStream::new()
    } else {
        let wire = &field.wire_name;
        quote! { #[serde(rename = #wire)] }
    }
}

/// The Rust type for a schema type, as written inside module `here`: types of the same module
/// by their bare name, others by their path from the crate root.
pub fn type_tokens(ty: &TypeRef, here: &str) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Integer => quote! { i32 },
        TypeRef::Long => quote! { i64 },
        TypeRef::Float | TypeRef::Double => quote! { f64 },
        TypeRef::Boolean => quote! { bool },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Array(inner) => {
            let inner = type_tokens(inner, here);
            quote! { ::std::vec::Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, here);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        TypeRef::Named { module, name } if module == here => {
            let name = ident(name);
            quote! { #name }
        }
        TypeRef::Named { module, name } => {
            let module = ident(module);
            let name = ident(name);
            quote! { crate::#module::#name }
        }
    }
}

fn request(module: &str, name: &str, r: &Request) -> TokenStream {
    let doc = doc_attrs(&r.doc);
    let type_name = ident(name);
    let fields = r.params.iter().map(|param| {
        let field = &param.field;
        let doc = doc_attrs(&field.doc);
        let ident = ident(&field.ident);
        let ty = type_tokens(&field.ty, module);
        let ty = if field.required {
            ty
        } else {
            quote! { ::std::option::Option<#ty> }
        };
        quote! { #doc pub #ident: #ty, }
    });
    let body = r.body.as_ref().map(|body| {
        let ty = type_tokens(body, module);
        // `body`, unless a parameter is called that.
        let mut name = "body".to_owned();
        while r.params.iter().any(|p| p.field.ident.strip_prefix("r#").unwrap_or(&p.field.ident) == name) {
            name.push('_');
        }
        let name = ident(&name);
        quote! {
            /// The request body.
            pub #name: #ty,
        }
    });
    let method = &r.method;
    let template = &r.path;
    let consts = (!r.method.is_empty()).then(|| {
        quote! {
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The path template, with `{name}` placeholders for the path parameters.
            pub const PATH: &'static str = #template;
        }
    });
    let path_fn = (!r.path.is_empty()).then(|| path_fn(r));
    let query_fn =
        pairs_fn(r, ParamLocation::Query, quote! { query }, "The query parameters that are set, in documented order.");
    let headers_fn = pairs_fn(
        r,
        ParamLocation::Header,
        quote! { headers },
        "The header parameters that are set, in documented order.",
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct #type_name {
            #( #fields )*
            #body
        }

        impl #type_name {
            #consts
            #path_fn
            #query_fn
            #headers_fn
        }
    }
}

/// `path()`: the template with every `{name}` replaced by the parameter's value.
fn path_fn(r: &Request) -> TokenStream {
    let mut format_string = String::new();
    let mut args = Vec::new();
    let mut rest = r.path.as_str();
    while let Some(open) = rest.find('{') {
        format_string.push_str(&rest[..open].replace('}', "}}"));
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        match r.params.iter().find(|p| p.location == ParamLocation::Path && p.field.wire_name == name) {
            Some(param) => {
                format_string.push_str("{}");
                let field = ident(&param.field.ident);
                args.push(quote! { self.#field });
            }
            None => format_string.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = &rest[open + close + 1..];
    }
    format_string.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let body = if args.is_empty() {
        quote! { ::std::string::String::from(#format_string) }
    } else {
        quote! { ::std::format!(#format_string, #(#args),*) }
    };
    quote! {
        /// The request path, with the path parameters filled in as they are.
        pub fn path(&self) -> ::std::string::String {
            #body
        }
    }
}

/// `query()` or `headers()`: name and value of every parameter in that location that is set.
fn pairs_fn(r: &Request, location: ParamLocation, name: TokenStream, doc: &str) -> Option<TokenStream> {
    let params: Vec<&Field> = r.params.iter().filter(|p| p.location == location).map(|p| &p.field).collect();
    if params.is_empty() {
        return None;
    }
    let to_string = |ty: &TypeRef, value: TokenStream| match ty {
        TypeRef::String => quote! { ::std::clone::Clone::clone(#value) },
        _ => quote! { ::std::string::ToString::to_string(#value) },
    };
    let mut always = Vec::new();
    let mut optional = Vec::new();
    for field in &params {
        let wire = &field.wire_name;
        let ident = ident(&field.ident);
        match (&field.ty, field.required) {
            (TypeRef::Array(inner), required) => {
                let value = to_string(inner, quote! { value });
                let source = if required {
                    quote! { &self.#ident }
                } else {
                    quote! { self.#ident.iter().flatten() }
                };
                optional.push(quote! { for value in #source { pairs.push((#wire, #value)); } });
            }
            (ty, true) => {
                let value = to_string(ty, quote! { &self.#ident });
                always.push(quote! { (#wire, #value) });
            }
            (ty, false) => {
                let value = to_string(ty, quote! { value });
                optional.push(quote! { if let ::std::option::Option::Some(value) = &self.#ident { pairs.push((#wire, #value)); } });
            }
        }
    }
    let body = if optional.is_empty() {
        quote! { ::std::vec![#(#always),*] }
    } else {
        let init = if always.is_empty() {
            quote! { ::std::vec::Vec::new() }
        } else {
            quote! { ::std::vec![#(#always),*] }
        };
        quote! {
            let mut pairs = #init;
            #( #optional )*
            pairs
        }
    };
    Some(quote! {
        #[doc = #doc]
        pub fn #name(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
            #body
        }
    })
}

/// A forward-compatible enum: documented values as variants, anything else kept in `Unknown`.
fn enumeration(name: &str, e: &Enum) -> TokenStream {
    let doc = doc_attrs(&e.doc);
    let type_name = ident(name);
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let docs = e.variants.iter().map(|v| doc_attrs(&v.doc));
    let (wire, literals): (TokenStream, Vec<TokenStream>) = match e.repr {
        EnumRepr::String => {
            (quote! { ::std::string::String }, e.variants.iter().map(|v| v.value.to_token_stream()).collect())
        }
        EnumRepr::Integer => (
            quote! { i64 },
            e.variants
                .iter()
                .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value.parse().unwrap_or_default()).to_token_stream())
                .collect(),
        ),
    };
    let (from_match, wire_values): (TokenStream, Vec<TokenStream>) = match e.repr {
        EnumRepr::String => {
            (quote! { value.as_str() }, literals.iter().map(|l| quote! { ::std::string::String::from(#l) }).collect())
        }
        EnumRepr::Integer => (quote! { value }, literals.clone()),
    };
    let catalogue = e.variants.iter().any(|v| v.message.is_some());
    let (display, display_doc) = match e.repr {
        // A catalogue writes the documented message; a plain enum its wire value.
        EnumRepr::String => {
            let shown = e.variants.iter().map(|v| v.message.clone().unwrap_or_else(|| v.value.clone()));
            let body = quote! {
                f.write_str(match self {
                    #( #type_name::#variants => #shown, )*
                    #type_name::Unknown(value) => value,
                })
            };
            (
                body,
                if catalogue {
                    " Writes the documented message."
                } else {
                    " Writes the value as it appears on the wire."
                },
            )
        }
        EnumRepr::Integer => (
            quote! { ::std::fmt::Display::fmt(&i64::from(self.clone()), f) },
            " Writes the value as it appears on the wire.",
        ),
    };
    let wire_str = wire.to_string().replace(' ', "");
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = #wire_str, into = #wire_str)]
        pub enum #type_name {
            #( #docs #variants, )*
            /// A value the documents do not list, kept as it was received.
            Unknown(#wire),
        }

        impl ::std::convert::From<#wire> for #type_name {
            fn from(value: #wire) -> Self {
                match #from_match {
                    #( #literals => Self::#variants, )*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::std::convert::From<#type_name> for #wire {
            fn from(value: #type_name) -> Self {
                match value {
                    #( #type_name::#variants => #wire_values, )*
                    #type_name::Unknown(value) => value,
                }
            }
        }

        #[doc = #display_doc]
        impl ::std::fmt::Display for #type_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }
    }
}

/// Which fields need a `Box` because their type contains the struct they are in: those whose
/// type is in the same strongly connected component of the graph of direct (unboxed, not in a
/// collection) struct fields. Computed once for the whole schema, in linear time.
pub struct Recursion {
    component: BTreeMap<(String, String), usize>,
}

impl Recursion {
    pub fn new(schema: &Schema) -> Recursion {
        let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (module, m) in &schema.modules {
            for (name, ty) in &m.types {
                if matches!(ty, TypeDef::Struct(_)) {
                    let next = index.len();
                    index.insert((module.clone(), name.clone()), next);
                }
            }
        }
        let mut edges = vec![Vec::new(); index.len()];
        let mut reverse = vec![Vec::new(); index.len()];
        for (module, m) in &schema.modules {
            for (name, ty) in &m.types {
                let TypeDef::Struct(s) = ty else { continue };
                let from = index[&(module.clone(), name.clone())];
                for field in &s.fields {
                    if let TypeRef::Named { module, name } = &field.ty {
                        if let Some(&to) = index.get(&(module.clone(), name.clone())) {
                            edges[from].push(to);
                            reverse[to].push(from);
                        }
                    }
                }
            }
        }
        let order = finish_order(&edges);
        let mut component = vec![usize::MAX; edges.len()];
        for (id, &root) in order.iter().rev().enumerate() {
            if component[root] != usize::MAX {
                continue;
            }
            let mut stack = vec![root];
            component[root] = id;
            while let Some(node) = stack.pop() {
                for &next in &reverse[node] {
                    if component[next] == usize::MAX {
                        component[next] = id;
                        stack.push(next);
                    }
                }
            }
        }
        Recursion { component: index.into_iter().map(|(key, i)| (key, component[i])).collect() }
    }

    fn needs_box(&self, module: &str, owner: &str, ty: &TypeRef) -> bool {
        let TypeRef::Named { module: target_module, name } = ty else { return false };
        let of = |m: &str, n: &str| self.component.get(&(m.to_owned(), n.to_owned())).copied();
        of(module, owner).is_some() && of(module, owner) == of(target_module, name)
    }
}

/// Nodes in the order a depth-first search finishes them, without recursion.
fn finish_order(edges: &[Vec<usize>]) -> Vec<usize> {
    let mut order = Vec::with_capacity(edges.len());
    let mut visited = vec![false; edges.len()];
    for start in 0..edges.len() {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&child) = edges[*node].get(*next) {
                *next += 1;
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    order
}
