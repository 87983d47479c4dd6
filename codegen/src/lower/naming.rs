//! Naming: any documented string becomes a valid Rust identifier in the case wanted.
//!
//! One function per kind of name, all built on [`sanitize`], so that every identifier in the
//! output goes through the same rules: heck for the case, a leading letter, no keyword.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words reserved in any Rust edition (strict and reserved keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Names that the generated code uses unqualified, which a type may not take: the prelude's
/// types and traits and serde's derives.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Serialize",
    "Deserialize",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "Iterator",
    "ToString",
    "From",
    "Into",
    "Display",
    "Self",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    UpperCamel,
}

/// Turns any string into a valid identifier in the given case. Characters that cannot appear
/// in an identifier separate words; Chinese text is transliterated to pinyin; a leading digit
/// gets a prefix; keywords become raw identifiers (`r#type`), or get a trailing underscore
/// where a raw identifier is not allowed. Never returns an empty string.
pub fn sanitize(name: &str, case: Case) -> String {
    let ascii = transliterate(name);
    let words: String = ascii.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut ident = match case {
        Case::Snake => words.to_snake_case(),
        Case::UpperCamel => words.to_upper_camel_case(),
    };
    if ident.is_empty() {
        ident = match case {
            Case::Snake => "field".to_owned(),
            Case::UpperCamel => "Unnamed".to_owned(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, if case == Case::Snake { "n" } else { "N" });
    }
    if NOT_RAW.contains(&ident.as_str()) {
        ident.push('_');
    } else if KEYWORDS.contains(&ident.as_str()) {
        ident.insert_str(0, "r#");
    }
    ident
}

/// A field identifier for a wire name.
pub fn field_ident(wire_name: &str) -> String {
    sanitize(wire_name, Case::Snake)
}

/// A type name. Names that would shadow a prelude type, trait or serde derive get a suffix
/// (`Option` becomes `OptionType`), so the generated code never refers to the wrong item.
pub fn type_name(name: &str) -> String {
    let mut ident = sanitize(name, Case::UpperCamel);
    if ident == "Self_" {
        ident.pop();
    }
    if RESERVED_TYPE_NAMES.contains(&ident.as_str()) {
        ident.push_str("Type");
    }
    ident
}

/// A module name.
pub fn module_name(name: &str) -> String {
    let ident = sanitize(name, Case::Snake);
    match ident.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => ident,
    }
}

/// The identifier without a raw prefix, to compare and build other names from.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The singular of an English plural, for naming the element type of an array field
/// (`failures` gives `failure`, `policies` gives `policy`).
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let cut = |n: usize| word[..word.len() - n].to_owned();
    if lower.ends_with("ies") && word.len() > 4 {
        format!("{}y", cut(3))
    } else if ["sses", "shes", "ches", "xes", "zes"].iter().any(|s| lower.ends_with(s)) {
        cut(2)
    } else if lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && word.len() > 3
    {
        cut(1)
    } else {
        word.to_owned()
    }
}

/// Replaces Chinese characters with their pinyin, as separate words.
fn transliterate(name: &str) -> String {
    use pinyin::ToPinyin;
    if name.is_ascii() {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(p) = c.to_pinyin() {
            out.push(' ');
            out.push_str(p.plain());
            out.push(' ');
        } else {
            out.push(' ');
        }
    }
    out
}

/// Whether the string is a valid Rust identifier (raw identifiers included).
pub fn is_valid_ident(ident: &str) -> bool {
    let bare = bare(ident);
    let mut chars = bare.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare != "_"
        && (ident.starts_with("r#") || !KEYWORDS.contains(&bare))
        && !(ident.starts_with("r#") && NOT_RAW.contains(&bare))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_every_awkward_name() {
        let cases = [
            ("request_id", "request_id"),
            ("imageRef", "image_ref"),
            ("OS-SCH-HNT:scheduler_hints", "os_sch_hnt_scheduler_hints"),
            ("binding:vif_details", "binding_vif_details"),
            ("tags.key", "tags_key"),
            ("items[0]", "items_0"),
            ("X-Auth-Token", "x_auth_token"),
            ("type", "r#type"),
            ("self", "self_"),
            ("1st", "n1st"),
            ("", "field"),
            ("云手机", "yun_shou_ji"),
            ("  ", "field"),
        ];
        for (input, expected) in cases {
            assert_eq!(field_ident(input), expected, "for {input:?}");
            assert!(is_valid_ident(&field_ident(input)), "{input:?}");
        }
    }

    #[test]
    fn type_names_avoid_the_prelude() {
        assert_eq!(type_name("failures"), "Failures");
        assert_eq!(type_name("Option"), "OptionType");
        assert_eq!(type_name("result"), "ResultType");
        assert_eq!(type_name("Self"), "SelfType");
        assert_eq!(type_name("security group rule"), "SecurityGroupRule");
        assert_eq!(module_name("type"), "type_");
    }

    #[test]
    fn singulars() {
        for (plural, single) in [
            ("failures", "failure"),
            ("policies", "policy"),
            ("addresses", "address"),
            ("status", "status"),
            ("jobs", "job"),
            ("access", "access"),
        ] {
            assert_eq!(singular(plural), single);
        }
    }
}
