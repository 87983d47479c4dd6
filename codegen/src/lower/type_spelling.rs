//! The grammar of type cells: every way the docs spell a type, read into [`Spelled`].
//!
//! `Array of route objects`, `List<Transfer>`, `job结构体数组`, `Map<String,Array<route>>`,
//! `Stirng`: the spelling says what kind of value it is and, for objects, maybe a name to find
//! the table by. Resolving that name to a table is not done here.

/// A type as spelled in a type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spelled {
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    /// Any JSON value (`null`, `Any`).
    Json,
    Array(Box<Spelled>),
    Map(Box<Spelled>),
    /// An object, with the name the cell gives its structure, if any.
    Object(Option<String>),
    /// A name that is not a known type: an object named after its table (`Transfer`).
    Named(String),
}

/// Reads a type cell's text. `None` when the text is no type at all.
pub fn parse(text: &str) -> Option<Spelled> {
    let text = text.replace('\u{a0}', " ");
    let text = text.trim().trim_end_matches(['。', '.', ',', '，']).trim();
    if text.is_empty() {
        return None;
    }
    parse_inner(text, 0)
}

fn parse_inner(text: &str, depth: usize) -> Option<Spelled> {
    if depth > 16 {
        return None;
    }
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(prim) = primitive(&lower) {
        return Some(prim);
    }
    // Generic forms: List<X>, Array<X>, Map<K,V>, Dict<K,V>.
    if let Some(open) = text.find('<') {
        let close = text.rfind('>')?;
        if close < open {
            return None;
        }
        let head = lower[..open].trim();
        let inner = &text[open + 1..close];
        return match head {
            "list" | "array" | "set" => Some(Spelled::Array(Box::new(parse_inner(inner, depth + 1)?))),
            "map" | "dict" | "hashmap" | "object" => {
                let value = split_top_level_comma(inner).map_or(inner, |(_, v)| v);
                Some(Spelled::Map(Box::new(parse_inner(value, depth + 1)?)))
            }
            _ => None,
        };
    }
    // Array of X / Array of X objects / X数组 / X结构体数组 / String of Array.
    for prefix in ["array of ", "list of ", "arrays of "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = &text[text.len() - rest.len()..];
            return Some(Spelled::Array(Box::new(element(rest, depth)?)));
        }
    }
    if lower == "string of array" {
        return Some(Spelled::Array(Box::new(Spelled::String)));
    }
    if let Some(rest) = text.strip_suffix("结构体数组").or_else(|| text.strip_suffix("对象数组")) {
        return Some(Spelled::Array(Box::new(Spelled::Object(name(rest)))));
    }
    if let Some(rest) = text.strip_suffix("数组").or_else(|| text.strip_suffix("列表")) {
        // `String数组` holds strings; `server_id数组` holds values named after the element.
        return Some(Spelled::Array(Box::new(
            parse_inner(rest, depth + 1)
                .filter(|s| *s != Spelled::Named(rest.trim().to_owned()))
                .unwrap_or(Spelled::String),
        )));
    }
    if let Some(rest) = text.strip_suffix("结构体").or_else(|| text.strip_suffix("对象")) {
        return Some(Spelled::Object(name(rest)));
    }
    // X object / X Object.
    if let Some(rest) = lower.strip_suffix(" object").or_else(|| lower.strip_suffix(" objects")) {
        let rest = &text[..rest.len()];
        return Some(Spelled::Object(name(rest)));
    }
    if is_name(text) {
        return Some(Spelled::Named(text.to_owned()));
    }
    None
}

/// The element of `Array of …`: `strings`, `objects`, `route objects`, `allow_address_pairobjects`.
fn element(rest: &str, depth: usize) -> Option<Spelled> {
    let lower = rest.trim().to_ascii_lowercase();
    if matches!(lower.as_str(), "objects" | "object" | "dict" | "dicts") {
        return Some(Spelled::Object(None));
    }
    if let Some(prim) = primitive(&lower).or_else(|| primitive(lower.trim_end_matches('s'))) {
        return Some(prim);
    }
    for suffix in [" objects", " object", "objects"] {
        if lower.ends_with(suffix) {
            return Some(Spelled::Object(name(&rest.trim()[..lower.len() - suffix.len()])));
        }
    }
    match parse_inner(rest, depth + 1)? {
        Spelled::Named(n) => Some(Spelled::Object(Some(n))),
        other => Some(other),
    }
}

fn primitive(lower: &str) -> Option<Spelled> {
    Some(match lower {
        "string" | "str" | "stirng" | "strng" | "sting" | "jsonstring" | "json string" | "uuid" | "date"
        | "datetime" | "timestamp" | "text" | "enum" | "字符串" => Spelled::String,
        "integer" | "int" | "int32" | "interger" | "intger" | "short" | "整数" | "整型" => Spelled::Integer,
        "long" | "int64" | "bigint" | "长整型" => Spelled::Long,
        "float" | "number" | "decimal" | "bigdecimal" | "浮点数" => Spelled::Float,
        "double" => Spelled::Double,
        "boolean" | "bool" | "booleab" | "boolen" | "布尔" | "布尔型" => Spelled::Boolean,
        "object" | "json" | "jsonobject" | "dict" | "map" | "对象" | "结构体" => Spelled::Object(None),
        "array" | "list" | "数组" => Spelled::Array(Box::new(Spelled::Json)),
        "null" | "any" | "none" => Spelled::Json,
        _ => return None,
    })
}

/// A structure's name in a spelling, when it has one.
fn name(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Whether a string can be a structure's name: an identifier, maybe with spaces, `-` or `:`.
fn is_name(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | ' '))
}

fn split_top_level_comma(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => return Some((&s[..i], &s[i + 1..])),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Spelled::*;
    use super::*;

    fn obj(name: &str) -> Spelled {
        Object(Some(name.to_owned()))
    }

    fn array(of: Spelled) -> Spelled {
        Array(Box::new(of))
    }

    #[test]
    fn every_spelling_seen_in_the_docs() {
        let cases = [
            ("String", String),
            ("string", String),
            ("Stirng", String),
            ("jsonString", String),
            ("Integer", Integer),
            ("int", Integer),
            ("Long", Long),
            ("Float", Float),
            ("Double", Double),
            ("Boolean", Boolean),
            ("Booleab", Boolean),
            ("Object", Object(None)),
            ("null", Json),
            ("Array of objects", array(Object(None))),
            ("Array of Objects", array(Object(None))),
            ("Array of strings", array(String)),
            ("Array of String", array(String)),
            ("Array\u{a0}of\u{a0}strings", array(String)),
            ("ARRAY", array(Json)),
            ("list", array(Json)),
            ("String数组", array(String)),
            ("server_id数组", array(String)),
            ("String of Array", array(String)),
            ("job结构体数组", array(obj("job"))),
            ("extend_param结构体", obj("extend_param")),
            ("port object", obj("port")),
            ("binding:vif_details object", obj("binding:vif_details")),
            ("Array of route objects", array(obj("route"))),
            ("Array of Security Group Rule objects", array(obj("Security Group Rule"))),
            ("Array of SecurityGroupRule object", array(obj("SecurityGroupRule"))),
            ("Array of firewall_rules_link Object", array(obj("firewall_rules_link"))),
            ("Array of allow_address_pairobjects", array(obj("allow_address_pair"))),
            ("List< Dict >", array(Object(None))),
            ("list<map<String, String>>", array(Map(Box::new(String)))),
            ("List<Transfer>", array(Named("Transfer".into()))),
            ("Map<String,String>", Map(Box::new(String))),
            ("Map<String,Map<String,Array<String>>>", Map(Box::new(Map(Box::new(array(String)))))),
            ("Map<String,Array<route>>", Map(Box::new(array(Named("route".into()))))),
            ("SnapshotDetails", Named("SnapshotDetails".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Some(expected), "for {text:?}");
        }
    }

    #[test]
    fn non_types() {
        for text in ["否", "", "参见表1", "Map<String", "a>b<c"] {
            assert_eq!(parse(text), None, "for {text:?}");
        }
    }
}
