//! Properties of naming: any string becomes a valid identifier, and distinct field names
//! become distinct fields.

mod common;

use std::collections::BTreeSet;

use codegen::lower::naming::{field_ident, is_valid_ident, module_name, type_name};
use proptest::prelude::*;

/// Names the prelude and serde derives own; no generated type may take one.
const RESERVED: &[&str] =
    &["Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Serialize", "Deserialize", "Self"];

/// Strings a spec might hold as a name: anything at all, keywords in any case, and
/// identifier-like text with separators, digits and Chinese.
fn names() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,24}",
        prop::sample::select(vec![
            "type",
            "self",
            "Self",
            "super",
            "crate",
            "_",
            "r#type",
            "fn",
            "async",
            "gen",
            "try",
            "Option",
            "result",
            "",
            " ",
            "1",
            "_1",
            "__",
            "a\u{1}b",
            "x\u{0}y",
            "c\rd",
            "tab\tbed",
            "nb\u{a0}sp"
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9_ .:\\-\\[\\]#$@/云手机类型é]{0,16}",
    ]
}

fn assert_ident(ident: &str, of: &str) -> Result<(), TestCaseError> {
    prop_assert!(is_valid_ident(ident), "{ident:?} (from {of:?}) is not valid");
    prop_assert!(syn::parse_str::<syn::Ident>(ident).is_ok(), "syn rejects {ident:?} (from {of:?})");
    Ok(())
}

proptest! {
    #[test]
    fn field_idents_are_valid_snake_case(name in names()) {
        let ident = field_ident(&name);
        assert_ident(&ident, &name)?;
        let bare = ident.strip_prefix("r#").unwrap_or(&ident);
        prop_assert!(bare.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{ident:?} is not snake case");
    }

    #[test]
    fn type_names_are_valid_upper_camel_case_and_shadow_nothing(name in names()) {
        let ident = type_name(&name);
        assert_ident(&ident, &name)?;
        prop_assert!(!ident.starts_with("r#"), "{ident:?} is raw");
        prop_assert!(ident.starts_with(|c: char| c.is_ascii_uppercase()), "{ident:?} does not start upper case");
        prop_assert!(!RESERVED.contains(&ident.as_str()), "{ident:?} shadows a prelude or serde name");
    }

    #[test]
    fn module_names_are_valid_and_never_raw(name in names()) {
        let ident = module_name(&name);
        assert_ident(&ident, &name)?;
        // A module is also a file name: `src/{name}.rs`.
        prop_assert!(!ident.starts_with("r#"), "{ident:?} is raw");
        prop_assert!(ident.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{ident:?}");
    }

    /// A table whose rows are arbitrary distinct names gives a struct with one field per name,
    /// each with the name on the wire, and no two fields with one identifier.
    #[test]
    fn distinct_names_give_distinct_fields(raw in prop::collection::vec(names(), 1..24)) {
        // The HTML parser turns NUL into U+FFFD and CR into LF; leave those two out. A closing
        // parenthesis may end a note that is not part of the name (`phone_ip（新增）`), a case
        // of its own: make it a bracket.
        let raw: Vec<String> = raw.iter().map(|n| n.replace(['\0', '\r'], "").replace([')', '）'], "]")).collect();
        // The names as the reader will see them: whitespace collapsed, quotes and backticks
        // around them dropped. Names that end up empty are errors of their own, tested
        // elsewhere; names that end up equal are duplicate fields, also tested elsewhere.
        let read = |n: &str| n.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").trim_matches(['`', '"', '“', '”', ' ']).to_owned();
        let mut seen = BTreeSet::new();
        let rows: Vec<&String> = raw.iter().filter(|n| !read(n).is_empty() && seen.insert(read(n))).collect();
        prop_assume!(!rows.is_empty());
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let mut table = "<table><tr><th>参数</th><th>参数类型</th><th>描述</th></tr>\n".to_owned();
        for name in &rows {
            table.push_str(&format!("<tr><td>{}</td><td>String</td><td>d</td></tr>\n", escape(name)));
        }
        table.push_str("</table>\n");
        let output = common::lenient(&common::page(&table));
        let file = common::module(&output, common::MODULE);
        let fields = common::fields(common::find_struct(&file, common::RESPONSE));
        let idents: BTreeSet<&str> = fields.iter().map(|f| f.ident.as_str()).collect();
        prop_assert_eq!(idents.len(), fields.len(), "repeated identifiers: {:?}", fields.iter().map(|f| &f.ident).collect::<Vec<_>>());
        let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        prop_assert_eq!(wires, rows.iter().map(|n| read(n)).collect::<Vec<_>>());
    }
}
