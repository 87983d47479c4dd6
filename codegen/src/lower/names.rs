//! Pass 3: Rust names for modules and types.
//!
//! A page's top-level tables are grouped by their base (operation or configured heading) and
//! role, and named `{Base}Request`, `{Base}RequestBody`, `{Base}Response`. Every other table
//! is named from the field that first reaches it, walking from those roots in document order:
//! the type cell's name if it gives one, else the field's name in the singular. Names are unique
//! per module; an identical table reached twice is one type.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Loc;

use super::facts::{Base, PageFacts, Role};
use super::naming;
use super::operation;
use super::resolve::{spelled_name, TableId, Targets};
use super::Cx;

/// The top-level tables of one base of a page.
#[derive(Debug, Default)]
pub struct Group {
    pub key: Base,
    /// The type name prefix, like `GetCloudPhoneDetail`.
    pub base: String,
    /// The name of the request type, on pages with an operation or parameter tables.
    pub request: Option<String>,
    /// Path, query and header parameter tables.
    pub params: Vec<TableId>,
    pub body: Option<TableId>,
    /// Response tables by status (`""` where the docs give none).
    pub responses: BTreeMap<String, TableId>,
    /// Tables that are neither, on pages without an operation (a list of properties).
    pub plain: Vec<TableId>,
}

pub struct Names {
    /// Per page: its module name, or `None` when it defines nothing.
    pub modules: Vec<Option<String>>,
    /// The type name of each table that becomes a type (its module is its page's).
    pub tables: BTreeMap<TableId, String>,
    /// Per page: its groups, in document order.
    pub groups: Vec<Vec<Group>>,
    /// Per page: every type name taken, so later passes can add types without clashes.
    pub taken: Vec<BTreeSet<String>>,
    /// For each nested table, the row that first reached it.
    pub first_ref: BTreeMap<TableId, (TableId, usize)>,
    /// Per page: the name of its error-code enum, when it has a catalogue.
    pub catalogues: Vec<Option<String>>,
}

impl Names {
    /// Reserves a fresh type name in a page's module, adding a number if needed.
    pub fn fresh(&mut self, page: usize, wanted: &str) -> String {
        fresh(&mut self.taken[page], wanted)
    }
}

/// A name not yet in `taken`, with a number added if needed; it is taken on return.
pub fn fresh(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    numbered(taken, wanted, "")
}

/// [`fresh`], with `separator` between the name and its number (`module_2`).
pub fn numbered(taken: &mut BTreeSet<String>, wanted: &str, separator: &str) -> String {
    let mut name = wanted.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{wanted}{separator}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

pub fn assign(facts: &[PageFacts<'_>], targets: &Targets, config: &Config, cx: &mut Cx) -> Names {
    let mut names = Names {
        modules: module_names(facts, config, cx),
        tables: BTreeMap::new(),
        groups: Vec::new(),
        taken: vec![BTreeSet::new(); facts.len()],
        first_ref: BTreeMap::new(),
        catalogues: Vec::new(),
    };
    let referenced: BTreeSet<TableId> =
        targets.iter().filter(|((from, _), to)| from != *to).map(|(_, to)| *to).collect();
    for (p, page) in facts.iter().enumerate() {
        let mut groups = groups(page, p, &referenced, cx);
        for group in &mut groups {
            name_roots(&mut names, facts, p, group);
        }
        names.groups.push(groups);
    }
    names.catalogues =
        (0..facts.len()).map(|p| (!facts[p].error_codes.is_empty()).then(|| names.fresh(p, "ErrorCode"))).collect();
    let mut seen = BTreeSet::new();
    name_nested(&mut names, facts, targets, &mut seen, cx);
    orphans(&mut names, facts, &seen, cx);
    name_nested(&mut names, facts, targets, &mut seen, cx);
    rename(&mut names, facts, config, cx);
    names
}

/// Applies the config's type renames; one that names no generated type is an error, so a
/// rename cannot silently outlive the type it was for.
fn rename(names: &mut Names, facts: &[PageFacts<'_>], config: &Config, cx: &mut Cx) {
    for (p, page) in facts.iter().enumerate() {
        let Some(doc) = config.docs.get(&page.page.path) else { continue };
        for (from, to) in &doc.types {
            let to = naming::type_name(to);
            if names.taken[p].contains(&to) {
                cx.push(
                    Diagnostic::error(
                        Code::Config,
                        config.loc_of(from),
                        format!("cannot rename `{from}` to `{to}` in `{}`: the name is taken", page.page.path),
                    )
                    .expected("a type name not used in the document")
                    .hint("choose a name no other type of the document has"),
                );
                continue;
            }
            let mut found = false;
            for name in names
                .tables
                .iter_mut()
                .filter(|(id, _)| id.0 == p)
                .map(|(_, name)| name)
                .chain(names.groups[p].iter_mut().filter_map(|g| g.request.as_mut()))
            {
                if name == from {
                    name.clone_from(&to);
                    found = true;
                }
            }
            if found {
                names.taken[p].insert(to);
            } else {
                cx.push(
                    Diagnostic::error(
                        Code::Config,
                        config.loc_of(from),
                        format!("`{}` generates no type named `{from}`", page.page.path),
                    )
                    .expected("the name of a struct or request type the document generates")
                    .hint("the names generated are in generated/schema.json; remove or fix the entry"),
                );
            }
        }
    }
}

/// Names the tables reached from named ones, depth first in document order.
fn name_nested(
    names: &mut Names,
    facts: &[PageFacts<'_>],
    targets: &Targets,
    seen: &mut BTreeSet<TableId>,
    cx: &mut Cx,
) {
    let roots: Vec<TableId> = names.tables.keys().copied().filter(|id| !seen.contains(id)).collect();
    seen.extend(roots.iter().copied());
    let mut stack: Vec<TableId> = roots.into_iter().rev().collect();
    while let Some(id) = stack.pop() {
        let table = &facts[id.0].tables[id.1];
        let parent = names.tables.get(&id).cloned().unwrap_or_default();
        let mut children = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let Some(&target) = targets.get(&(id, r)) else { continue };
            if facts[target.0].tables[target.1].map_of.is_some() || !seen.insert(target) {
                continue;
            }
            let explicit = row.spelled.as_ref().and_then(spelled_name).filter(|n| n.is_ascii()).map(str::to_owned);
            let wanted = naming::type_name(&explicit.clone().unwrap_or_else(|| naming::singular(&row.wire_name)));
            let name = unique_name(names, facts, target, &wanted, &parent, explicit.is_some(), cx);
            names.tables.insert(target, name);
            names.first_ref.insert(target, (id, r));
            children.push(target);
        }
        stack.extend(children.into_iter().rev());
    }
}

/// Module names: the operation's name, the configured module, or (lenient) the title.
fn module_names(facts: &[PageFacts<'_>], config: &Config, cx: &mut Cx) -> Vec<Option<String>> {
    let mut wanted: Vec<Option<String>> = facts
        .iter()
        .map(|page| {
            let configured = config.docs.get(&page.page.path).and_then(|d| d.module.clone());
            if let Some(module) = configured {
                return Some(naming::module_name(&module));
            }
            if let Some(op) = &page.op {
                return Some(naming::module_name(&op.name));
            }
            if !page.error_codes.is_empty() && page.tables.is_empty() {
                return Some("error_codes".to_owned());
            }
            if page.tables.is_empty() {
                return None;
            }
            if !cx.lenient() {
                let path = &page.page.path;
                cx.problem(
                    Diagnostic::error(
                        Code::UnnamedType,
                        Loc { file: path.clone(), line: 1, column: 1 },
                        format!("document `{path}` needs a Rust module name"),
                    )
                    .expected(
                        "an operation (`接口名称` or a `METHOD /path` line under URI), or a configured module name",
                    )
                    .hint(format!("add to spec/codegen.toml:\n[docs.\"{path}\"]\nmodule = \"snake_case_name\"")),
                );
            }
            Some(naming::module_name(&page.page.title))
        })
        .collect();
    // Two documents with one name: the later ones (by path) get the API version, then a number.
    let mut used = BTreeSet::new();
    for (p, name) in wanted.iter_mut().enumerate() {
        let Some(name) = name else { continue };
        if used.contains(name) {
            if let Some(version) = facts[p].op.as_ref().and_then(|op| operation::version(&op.path)) {
                let versioned = format!("{name}_{}", naming::module_name(version));
                if !used.contains(&versioned) {
                    *name = versioned;
                }
            }
        }
        *name = numbered(&mut used, name, "_");
    }
    wanted
}

/// Groups a page's unreferenced tables by base, in document order.
fn groups(page: &PageFacts<'_>, p: usize, referenced: &BTreeSet<TableId>, cx: &mut Cx) -> Vec<Group> {
    let mut groups: Vec<(Base, Group)> = Vec::new();
    if let Some(op) = &page.op {
        let key = Base { name: Some(op.name.clone()), section: String::new() };
        groups.push((key.clone(), Group { key, base: naming::type_name(&op.name), ..Group::default() }));
    }
    for (t, table) in page.tables.iter().enumerate() {
        let id = (p, t);
        if referenced.contains(&id) {
            continue;
        }
        let index = match groups.iter().position(|(base, _)| *base == table.base) {
            Some(index) => index,
            None => {
                let base = base_name(page, &table.base, &table.loc, cx);
                groups.push((table.base.clone(), Group { key: table.base.clone(), base, ..Group::default() }));
                groups.len() - 1
            }
        };
        let group = &mut groups[index].1;
        match table.role {
            Role::Path | Role::Query | Role::Header => group.params.push(id),
            Role::RequestBody if group.body.is_none() => group.body = Some(id),
            Role::Response => {
                let status = table.status.clone().unwrap_or_default();
                match group.responses.entry(status) {
                    std::collections::btree_map::Entry::Occupied(_) => group.plain.push(id),
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(id);
                    }
                }
            }
            _ => group.plain.push(id),
        }
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

fn base_name(page: &PageFacts<'_>, base: &Base, loc: &Loc, cx: &mut Cx) -> String {
    if let Some(name) = &base.name {
        return naming::type_name(name);
    }
    let path = &page.page.path;
    cx.problem(
        Diagnostic::error(
            Code::UnnamedType,
            loc.clone(),
            format!("the tables under `{}` need a Rust type name", base.section),
        )
        .expected("an operation on the page, or a name for the heading in the config")
        .hint(format!(
            "add to spec/codegen.toml:\n[docs.\"{path}\".sections]\n\"{}\" = \"UpperCamelCaseName\"",
            base.section
        )),
    );
    naming::type_name(&base.section)
}

fn name_roots(names: &mut Names, facts: &[PageFacts<'_>], p: usize, group: &mut Group) {
    let has_op = facts[p].op.is_some();
    if has_op || !group.params.is_empty() {
        let suffix = if has_op { "Request" } else { "Parameters" };
        group.request = Some(names.fresh(p, &format!("{}{suffix}", group.base)));
    }
    if let Some(body) = group.body {
        let name = names.fresh(p, &format!("{}{}", group.base, if has_op { "RequestBody" } else { "Request" }));
        names.tables.insert(body, name);
    }
    let primary = primary_status(&group.responses);
    for (status, &id) in &group.responses {
        let suffix = if Some(status.as_str()) == primary { String::new() } else { status.clone() };
        let name = names.fresh(p, &format!("{}Response{suffix}", group.base));
        names.tables.insert(id, name);
    }
    if !has_op {
        for &id in &group.plain {
            let table = &facts[id.0].tables[id.1];
            let wanted = table.caption_name.as_deref().map_or_else(|| group.base.clone(), naming::type_name);
            let name = names.fresh(p, &wanted);
            names.tables.insert(id, name);
        }
    }
}

/// The status whose response is plainly `{Base}Response`: the lowest 2xx, or the only one.
pub fn primary_status(responses: &BTreeMap<String, impl Sized>) -> Option<&str> {
    let keys: Vec<&str> = responses.keys().map(String::as_str).collect();
    keys.iter().find(|s| s.is_empty() || s.starts_with('2')).or(keys.first()).copied()
}

fn unique_name(
    names: &mut Names,
    facts: &[PageFacts<'_>],
    id: TableId,
    wanted: &str,
    parent: &str,
    explicit: bool,
    cx: &mut Cx,
) -> String {
    let p = id.0;
    if !names.taken[p].contains(wanted) {
        names.taken[p].insert(wanted.to_owned());
        return wanted.to_owned();
    }
    let other =
        names.tables.range((p, 0)..(p + 1, 0)).find(|(_, name)| name.as_str() == wanted).map(|(other, _)| *other);
    if let Some(other) = other {
        // The same structure documented twice is one type.
        if signature(facts, other) == signature(facts, id) {
            return wanted.to_owned();
        }
        // A request and a response may each have their own `Vpc`: that is no conflict to report.
        if explicit && facts[p].tables[other.1].role == facts[p].tables[id.1].role {
            cx.problem(collision(wanted, &facts[p].tables[id.1].loc, &facts[p].tables[other.1].loc));
        }
    }
    names.fresh(p, &format!("{parent}{wanted}"))
}

/// Two different tables want one type name.
fn collision(name: &str, loc: &Loc, other: &Loc) -> Diagnostic {
    Diagnostic::error(Code::NameCollision, loc.clone(), format!("two different tables define `{name}`"))
        .expected("one definition per name, or identical definitions")
        .hint(format!("the other definition is at {other}; rename one of them or make them identical"))
}

/// What makes two tables the same structure: their field names and type spellings.
fn signature(facts: &[PageFacts<'_>], id: TableId) -> Vec<(String, String, bool)> {
    let table = &facts[id.0].tables[id.1];
    table
        .rows
        .iter()
        .map(|r| (r.wire_name.clone(), r.type_cell.map(|c| c.text.single_line()).unwrap_or_default(), r.required))
        .collect()
}

/// Tables nothing reaches: a warning, and a type when their caption gives a name.
fn orphans(names: &mut Names, facts: &[PageFacts<'_>], seen: &BTreeSet<TableId>, cx: &mut Cx) {
    for (p, page) in facts.iter().enumerate() {
        for (t, table) in page.tables.iter().enumerate() {
            let id = (p, t);
            let is_map = table.map_of.is_some();
            if is_map
                || seen.contains(&id)
                || names.tables.contains_key(&id)
                || matches!(table.role, Role::Path | Role::Query | Role::Header)
            {
                continue;
            }
            let has_op = page.op.is_some();
            let grouped = names.groups[p].iter().any(|g| g.plain.contains(&id));
            if grouped && !has_op {
                continue;
            }
            match &table.caption_name {
                Some(caption) if names.modules[p].is_some() => {
                    // Another table with the same caption took the name: fields that name the
                    // structure (`Array of item objects`) all reached that one.
                    let wanted = naming::type_name(caption);
                    let twin = names.tables.range((p, 0)..(p + 1, 0)).find(|(other, name)| **name == wanted && facts[p].tables[other.1].keys.iter().any(|k| table.keys.contains(k)));
                    match twin.map(|(other, _)| *other) {
                        Some(other) if signature(facts, other) == signature(facts, id) => {} // documented twice: one type
                        twin => {
                            if let Some(other) = twin {
                                cx.problem(collision(caption, &table.loc, &facts[p].tables[other.1].loc));
                            }
                            let name = names.fresh(p, &wanted);
                            names.tables.insert(id, name);
                        }
                    }
                }
                _ => cx.warn(
                    Diagnostic::warning(Code::OrphanTable, table.loc.clone(), "no field refers to this table and no section says what it is for")
                        .expected("a field that links to the table, or a 请求参数 or 响应参数 section around it")
                        .hint("link to it from the field it describes (`详情请参见表N`), or put it under a 请求参数 or 响应参数 heading"),
                ),
            }
        }
    }
}
