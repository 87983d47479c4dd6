//! Descriptions become Markdown doc text, once, here: lists stay lists, links to tables become
//! intra-doc links to the generated types, and anything rustdoc would misread is escaped.

use crate::doc_text::escape_text;
use crate::read::{Inline, Text};

/// What a link in a description points at, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A generated item, as a path rustdoc resolves (`crate::errors::Failure`).
    Item(String),
    /// A web page.
    Url(String),
    /// Nothing the generated crate has: keep the text and say where it pointed.
    Text(String),
}

/// Renders rich text as Markdown, resolving each link with `resolve`.
pub fn render(text: &Text, resolve: &dyn Fn(&str) -> LinkTarget) -> String {
    let mut out = String::new();
    let mut previous_was_item = false;
    for line in &text.lines {
        let mut rendered = String::new();
        for inline in &line.inlines {
            match inline {
                Inline::Text(s) => rendered.push_str(&escape_text(s)),
                Inline::Code(s) => rendered.push_str(&code_span(s)),
                Inline::Link { href, text } => rendered.push_str(&link(href, text, resolve)),
            }
        }
        let rendered = rendered.trim();
        if rendered.is_empty() {
            continue;
        }
        let is_item = line.list_depth > 0;
        if !out.is_empty() {
            out.push_str(if is_item && previous_was_item { "\n" } else { "\n\n" });
        }
        if is_item {
            out.push_str(&"  ".repeat(usize::from(line.list_depth - 1)));
            out.push_str("- ");
        }
        out.push_str(rendered);
        previous_was_item = is_item;
    }
    out
}

fn link(href: &str, text: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> String {
    let label = escape_text(text.trim_start_matches('•').trim());
    match resolve(href) {
        LinkTarget::Item(path) => {
            let name = path.rsplit("::").next().unwrap_or(&path);
            let link = if path == name { format!("[`{name}`]") } else { format!("[`{name}`]({path})") };
            if label.is_empty() || label == name {
                link
            } else {
                format!("{label} ({link})")
            }
        }
        LinkTarget::Url(url) => format!("[{label}]({})", url.replace(' ', "%20").replace(')', "%29")),
        LinkTarget::Text(place) if place.is_empty() => label,
        LinkTarget::Text(place) => format!("{label} ({})", code_span(&place)),
    }
}

fn code_span(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let fence = if s.contains('`') { "``" } else { "`" };
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Line;

    fn text(lines: Vec<(u8, Vec<Inline>)>) -> Text {
        Text { lines: lines.into_iter().map(|(list_depth, inlines)| Line { list_depth, inlines }).collect() }
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn lists_links_and_escapes() {
        let doc = text(vec![
            (
                0,
                vec![
                    t("操作对象异常的说明，详情请参见"),
                    Inline::Link { href: "#table1".into(), text: "表1".into() },
                    t("。"),
                ],
            ),
            (1, vec![t("true表示开启 <b>*x*</b> [y]")]),
            (1, vec![t("see https://example.com/a_b.html now")]),
            (0, vec![Inline::Link { href: "错误码.md".into(), text: "错误码".into() }, Inline::Code("a`b".into())]),
        ]);
        let resolve = |href: &str| match href {
            "#table1" => LinkTarget::Item("crate::errors::Failure".into()),
            other => LinkTarget::Text(other.into()),
        };
        expect_test::expect![[r#"
            操作对象异常的说明，详情请参见表1 ([`Failure`](crate::errors::Failure))。

            - true表示开启 \<b\>\*x\*\</b\> \[y\]
            - see <https://example.com/a_b.html> now

            错误码 (`错误码.md`)``a`b``"#]]
        .assert_eq(&render(&doc, &resolve));
    }
}
