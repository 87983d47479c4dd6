//! Value lists in descriptions become enums, when they can be trusted.
//!
//! The rule: a description's list (one `<li>` per line) where every item starts with a value
//! and a separator (`2：运行中`, `0、1：创建中`, `true表示开启`, `“SSD”为超高IO云硬盘`,
//! `prePaid：包年包月`), with at least two distinct values, all of the field's type, and no
//! two giving the same Rust name. A list with any other item, or two such lists, is ambiguous:
//! the field keeps its primitive type and the description keeps the values.

use crate::read::Text;
use crate::schema::{EnumRepr, Variant};

use super::naming::{self, Case};

const SEPARATORS: &[&str] = &["：", ":", "表示", "为", "代表", "＝", "="];

/// The values a description documents for a field of the given representation.
pub fn variants(description: &Text, repr: EnumRepr) -> Option<Vec<Variant>> {
    let mut runs: Vec<Vec<(Vec<String>, String)>> = Vec::new();
    let mut current: Vec<Option<(Vec<String>, String)>> = Vec::new();
    let mut depth = 0;
    for line in description.lines.iter().chain(std::iter::once(&Default::default())) {
        if line.list_depth != depth || line.list_depth == 0 {
            if !current.is_empty() && current.iter().all(Option::is_some) {
                runs.push(current.drain(..).flatten().collect());
            }
            current.clear();
            depth = line.list_depth;
        }
        if line.list_depth > 0 {
            current.push(item(&line.plain()));
        }
    }
    let mut qualifying = runs.into_iter().filter(|run| run.iter().flat_map(|(keys, _)| keys).count() >= 2);
    let run = qualifying.next()?;
    if qualifying.next().is_some() {
        return None;
    }
    let mut variants: Vec<Variant> = Vec::new();
    for (keys, meaning) in &run {
        for key in keys {
            if repr == EnumRepr::Integer && key.parse::<i64>().is_err() {
                return None;
            }
            if variants.iter().any(|v| &v.value == key) {
                return None;
            }
            variants.push(Variant {
                value: key.clone(),
                ident: String::new(),
                doc: crate::doc_text::escape_text(meaning),
                message: None,
            });
        }
    }
    name_variants(&mut variants, repr)?;
    Some(variants)
}

/// `0、1：创建中` → (["0", "1"], "创建中").
fn item(text: &str) -> Option<(Vec<String>, String)> {
    let text = text.trim().trim_start_matches(['“', '"', '\'', '‘', '`']);
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '、' | '/')))
        .map_or(text.len(), |(i, _)| i);
    let keys_text = &text[..end];
    let rest = text[end..].trim_start_matches(['”', '"', '\'', '’', '`']).trim_start();
    let separator = SEPARATORS.iter().find(|s| rest.starts_with(*s))?;
    let meaning = rest[separator.len()..].trim().to_owned();
    let keys: Vec<String> =
        keys_text.split(['、', '/']).map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect();
    let valid =
        !keys.is_empty() && keys.iter().all(|k| k.chars().any(|c| c.is_ascii_alphanumeric()) && !k.starts_with('.'));
    valid.then_some((keys, meaning))
}

/// Names variants after their values; integer values are named after an ASCII word in their
/// meaning when each has a distinct one (`0 表示独享带宽(PER)` → `Per`), else `Value0`.
fn name_variants(variants: &mut [Variant], repr: EnumRepr) -> Option<()> {
    let from_meaning: Vec<Option<String>> = variants.iter().map(|v| ascii_word(&v.doc)).collect();
    let meanings_usable = from_meaning.iter().all(Option::is_some) && {
        let mut names: Vec<&String> = from_meaning.iter().flatten().collect();
        names.sort();
        names.windows(2).all(|w| w[0] != w[1])
    };
    for (variant, word) in variants.iter_mut().zip(from_meaning) {
        variant.ident = match repr {
            EnumRepr::String => naming::sanitize(&variant.value, Case::UpperCamel),
            EnumRepr::Integer if meanings_usable => naming::sanitize(&word.unwrap_or_default(), Case::UpperCamel),
            EnumRepr::Integer => format!("Value{}", variant.value.replace('-', "Minus")),
        };
        if matches!(variant.ident.as_str(), "Unknown" | "Self_" | "Self") {
            variant.ident = format!("{}Value", variant.ident.trim_end_matches('_'));
        }
    }
    let mut idents: Vec<&str> = variants.iter().map(|v| v.ident.as_str()).collect();
    idents.sort_unstable();
    idents.windows(2).all(|w| w[0] != w[1]).then_some(())
}

/// The one ASCII word in parentheses in a meaning: `独享带宽(PER)` → `PER`.
fn ascii_word(meaning: &str) -> Option<String> {
    let open = meaning.find(['(', '（'])?;
    let inner = meaning[open..].trim_start_matches(['(', '（', '\\']);
    let close = inner.find([')', '）', '\\'])?;
    let word = inner[..close].trim();
    (!word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then(|| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Inline, Line};

    fn list(items: &[&str]) -> Text {
        let mut lines = vec![Line { list_depth: 0, inlines: vec![Inline::Text("状态".into())] }];
        lines.extend(items.iter().map(|i| Line { list_depth: 1, inlines: vec![Inline::Text((*i).into())] }));
        Text { lines }
    }

    fn idents(text: &Text, repr: EnumRepr) -> Option<Vec<(String, String)>> {
        variants(text, repr).map(|vs| vs.into_iter().map(|v| (v.value, v.ident)).collect())
    }

    #[test]
    fn integer_lists_with_shared_meanings() {
        let text = list(&["0、1：创建中", "2：运行中", "-5：重置失败"]);
        let expected = [("0", "Value0"), ("1", "Value1"), ("2", "Value2"), ("-5", "ValueMinus5")];
        assert_eq!(
            idents(&text, EnumRepr::Integer),
            Some(expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
        );
        let text = list(&["0 表示独享带宽(PER)", "1 表示共享带宽(WHOLE)"]);
        assert_eq!(idents(&text, EnumRepr::Integer).unwrap()[1], ("1".into(), "Whole".into()));
    }

    #[test]
    fn string_lists() {
        let text = list(&["“SSD”为超高IO云硬盘", "“GPSSD”为通用型SSD云硬盘", "“SAS”为高IO云硬盘"]);
        assert_eq!(
            idents(&text, EnumRepr::String).unwrap().iter().map(|(_, i)| i.as_str()).collect::<Vec<_>>(),
            ["Ssd", "Gpssd", "Sas"]
        );
        let text = list(&["true表示开启", "false表示关闭"]);
        assert_eq!(idents(&text, EnumRepr::String).unwrap().len(), 2);
    }

    #[test]
    fn ambiguous_lists_are_left_alone() {
        assert_eq!(idents(&list(&["功能说明：状态", "取值范围：ACTIVE、DOWN"]), EnumRepr::String), None);
        assert_eq!(idents(&list(&["ACTIVE：可用", "其他值无效"]), EnumRepr::String), None);
        assert_eq!(idents(&list(&["ACTIVE：可用"]), EnumRepr::String), None);
        assert_eq!(idents(&list(&["a：x", "b：y"]), EnumRepr::Integer), None);
        assert_eq!(idents(&list(&["active：x", "ACTIVE：y"]), EnumRepr::String), None);
    }
}
