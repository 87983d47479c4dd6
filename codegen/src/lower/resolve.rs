//! Pass 2: each object-typed field finds the table that documents its structure.
//!
//! In order of trust: a link in the type or description cell (`#anchor`, `page.md#anchor`,
//! `表N`), a `表N` mention without a link, the name in the type cell (`route` in
//! `Array of route objects`) matched against captions, and last the field's own name matched
//! against captions (`failures` and `failures数据结构说明`).

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};

use super::facts::{normalise_key, PageFacts, RowFacts, TableFacts};
use super::naming;
use super::type_spelling::Spelled;
use super::Cx;

/// A table: the index of its page, then of the table within the page's parameter tables.
pub type TableId = (usize, usize);

/// A row: its table, then its index among the table's rows.
pub type RowId = (TableId, usize);

/// The table each resolved row refers to.
pub type Targets = BTreeMap<RowId, TableId>;

pub fn resolve(facts: &[PageFacts<'_>], cx: &mut Cx) -> Targets {
    let mut targets = Targets::new();
    for (p, page) in facts.iter().enumerate() {
        for (t, table) in page.tables.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                let wants =
                    row.spelled.as_ref().is_some_and(wants_table) || (row.spelled.is_none() && row.type_cell.is_some());
                if !wants {
                    continue;
                }
                if let Some(target) = find_target(facts, p, t, row, cx) {
                    targets.insert(((p, t), r), target);
                }
            }
        }
    }
    targets
}

/// Whether a spelled type holds an object whose structure a table could document.
pub fn wants_table(spelled: &Spelled) -> bool {
    match spelled {
        Spelled::Object(_) | Spelled::Named(_) => true,
        // `list`, `Array`: of what, a table may say.
        Spelled::Array(inner) if **inner == Spelled::Json => true,
        Spelled::Array(inner) | Spelled::Map(inner) => wants_table(inner),
        _ => false,
    }
}

/// The structure name a spelled type gives, if any (`route` in `Array of route objects`).
pub fn spelled_name(spelled: &Spelled) -> Option<&str> {
    match spelled {
        Spelled::Object(name) => name.as_deref(),
        Spelled::Named(name) => Some(name),
        Spelled::Array(inner) | Spelled::Map(inner) => spelled_name(inner),
        _ => None,
    }
}

fn find_target(facts: &[PageFacts<'_>], p: usize, t: usize, row: &RowFacts<'_>, cx: &mut Cx) -> Option<TableId> {
    let page = &facts[p];
    let cells = row.type_cell.map(|c| &c.text).into_iter().chain(row.description);
    let mut dangling = None;
    for text in cells {
        for (href, link_text) in text.links() {
            match follow_link(facts, p, href, link_text, cx, row) {
                Link::Table(id) => return Some(id),
                Link::Dangling(what) => dangling = dangling.or(Some(what)),
                Link::Elsewhere => {}
            }
        }
    }
    if let Some(id) = row.description.and_then(|d| table_number(&d.plain())).and_then(|n| by_number(page, p, &n)) {
        return Some(id);
    }
    if let Some(name) = row.spelled.as_ref().and_then(spelled_name) {
        if let Some(id) = by_key(page, p, &normalise_key(name), t, true) {
            return Some(id);
        }
    }
    let own = [normalise_key(&row.wire_name), normalise_key(&naming::singular(&row.wire_name))];
    if let Some(id) = own.iter().find_map(|key| by_key(page, p, key, t, false)) {
        return Some(id);
    }
    if let Some(what) = dangling {
        let loc = row.type_cell.map_or(row.loc.clone(), |c| c.loc.clone());
        cx.problem(
            Diagnostic::error(
                Code::DanglingReference,
                loc,
                format!("field `{}` refers to {what}, which does not exist", row.wire_name),
            )
            .expected("a link to a table of this document (`#anchor`) or of another document of the spec")
            .hint("fix the link target, or add the table it names"),
        );
    }
    None
}

enum Link {
    Table(TableId),
    /// A link meant for a table that does not exist, described for the message.
    Dangling(String),
    /// A link to something else: a web page, a page outside the spec, a heading.
    Elsewhere,
}

fn follow_link(facts: &[PageFacts<'_>], p: usize, href: &str, text: &str, cx: &mut Cx, row: &RowFacts<'_>) -> Link {
    if href.contains("://") || href.starts_with("mailto:") {
        return Link::Elsewhere;
    }
    let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
    let target_page = if file.is_empty() {
        p
    } else {
        match linked_page(facts, p, file) {
            Some(Some(index)) => index,
            Some(None) => return if anchor.is_empty() { Link::Elsewhere } else { Link::Dangling(format!("`{href}`")) },
            None => {
                cx.problem(
                    Diagnostic::error(
                        Code::OutsideSpec,
                        row.loc.clone(),
                        format!("link `{href}` leaves the spec directory"),
                    )
                    .expected("a link to a document inside the spec directory")
                    .hint("links are resolved relative to the document; nothing outside the spec is read"),
                );
                return Link::Elsewhere;
            }
        }
    };
    let page = &facts[target_page];
    if let Some(index) = table_by_anchor(page, anchor) {
        return Link::Table((target_page, index));
    }
    if let Some(id) = table_number(text).and_then(|n| by_number(page, target_page, &n)) {
        return Link::Table(id);
    }
    if anchor.is_empty() {
        return Link::Elsewhere;
    }
    let mentions_table = table_number(text).is_some() || super::facts::key_of(text).is_some();
    if mentions_table && !page.page.blocks.is_empty() {
        Link::Dangling(format!("`{href}`"))
    } else {
        Link::Elsewhere
    }
}

/// The page a link's file part names, relative to page `from`: `Some(None)` when the spec has
/// no such document, `None` when the link leaves the spec. Pages are sorted by path.
pub fn linked_page(facts: &[PageFacts<'_>], from: usize, file: &str) -> Option<Option<usize>> {
    let path = resolve_path(&facts[from].page.path, file)?;
    Some(facts.binary_search_by(|f| f.page.path.as_str().cmp(&path)).ok())
}

/// The table of a page that carries an anchor.
pub fn table_by_anchor(page: &PageFacts<'_>, anchor: &str) -> Option<usize> {
    if anchor.is_empty() {
        return None;
    }
    page.tables.iter().position(|t| t.table.anchors.iter().any(|a| a == anchor))
}

/// Resolves a link relative to the linking document. `None` when it leaves the spec root or
/// is absolute.
pub fn resolve_path(from: &str, link: &str) -> Option<String> {
    if link.starts_with('/') || link.starts_with('\\') || link.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in link.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `表2`, `表 2`, `详情请参见表2。` → `2`.
fn table_number(text: &str) -> Option<String> {
    let at = text.find('表')?;
    let digits: String =
        text[at + '表'.len_utf8()..].trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    (!digits.is_empty()).then_some(digits)
}

fn by_number(page: &PageFacts<'_>, p: usize, number: &str) -> Option<TableId> {
    page.tables.iter().position(|t| t.table.number.as_deref() == Some(number)).map(|i| (p, i))
}

/// The table a name refers to. When several tables carry the name (a request's `subnet` and a
/// response's), the one on the same side as the referring table wins, then the nearest one
/// after it, then the nearest before it.
fn by_key(page: &PageFacts<'_>, p: usize, key: &str, from: usize, self_allowed: bool) -> Option<TableId> {
    if key.is_empty() {
        return None;
    }
    let role = page.tables[from].role;
    page.tables
        .iter()
        .enumerate()
        .filter(|(i, t): &(usize, &TableFacts<'_>)| (self_allowed || *i != from) && t.keys.iter().any(|k| k == key))
        .min_by_key(|(i, t)| (t.role != role, *i < from, i.abs_diff(from)))
        .map(|(i, _)| (p, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_spec() {
        assert_eq!(resolve_path("cph/a.md", "b.md").as_deref(), Some("cph/b.md"));
        assert_eq!(resolve_path("cph/a.md", "../evs/b.md").as_deref(), Some("evs/b.md"));
        assert_eq!(resolve_path("a.md", "../../etc/passwd"), None);
        assert_eq!(resolve_path("a.md", "/etc/passwd"), None);
        assert_eq!(resolve_path("a.md", "C:\\x.md"), None);
        assert_eq!(table_number("详情请参见表 12。").as_deref(), Some("12"));
    }
}
