//! Pass 4: the schema itself: structs with typed, documented fields, requests, operations and
//! the examples that must round-trip.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostic};
use crate::read::Text;
use crate::schema::{
    Enum, EnumRepr, Example, Field, Module, Operation, Param, ParamLocation, Request, Schema, Struct, TypeDef, TypeRef,
    Variant,
};

use super::docs::{self, LinkTarget};
use super::examples::ExampleText;
use super::facts::{PageFacts, Role, RowFacts};
use super::names::{fresh, primary_status, Group, Names};
use super::resolve::{linked_page, table_by_anchor, TableId, Targets};
use super::type_spelling::Spelled;
use super::{enums, fixups, naming, Cx};
use crate::doc_text::escape_text;

pub fn build(facts: &[PageFacts<'_>], targets: &Targets, names: &Names, cx: &mut Cx) -> Schema {
    let mut schema = Schema::default();
    for (p, page) in facts.iter().enumerate() {
        let Some(module_name) = &names.modules[p] else { continue };
        let mut module = Module {
            source: page.page.path.clone(),
            title: page.page.title.clone(),
            operations: Vec::new(),
            types: BTreeMap::new(),
        };
        let mut b = Builder {
            facts,
            targets,
            names,
            p,
            fixups_applied: Vec::new(),
            enums: Vec::new(),
            taken: names.taken[p].clone(),
        };
        for (&id, name) in names.tables.range((p, 0)..(p + 1, 0)) {
            module.types.insert(name.clone(), TypeDef::Struct(b.structure(id, cx)));
        }
        if let (Some(name), Some(catalogue)) = (&names.catalogues[p], b.catalogue()) {
            module.types.insert(name.clone(), TypeDef::Enum(catalogue));
        }
        for (name, _, enumeration) in std::mem::take(&mut b.enums) {
            module.types.insert(name, TypeDef::Enum(enumeration));
        }
        for group in &names.groups[p] {
            if let Some(request) = b.request(group, cx) {
                module.types.insert(group.request.clone().unwrap_or_default(), TypeDef::Request(request));
            }
            if let Some(op) = &page.op {
                module.operations.push(Operation {
                    name: op.name.clone(),
                    method: op.method.clone(),
                    path: op.path.clone(),
                    request: group.request.clone(),
                    responses: group
                        .responses
                        .iter()
                        .map(|(status, id)| {
                            (
                                if status.is_empty() { "default".to_owned() } else { status.clone() },
                                names.tables[id].clone(),
                            )
                        })
                        .collect(),
                    loc: op.loc.clone(),
                });
            }
        }
        b.attach_examples(&mut module, cx);
        for fixup in b.fixups_applied {
            *schema.fixups.entry(fixup.to_owned()).or_default() += 1;
        }
        schema.modules.insert(module_name.clone(), module);
    }
    schema
}

struct Builder<'f, 'a> {
    facts: &'f [PageFacts<'a>],
    targets: &'f Targets,
    names: &'f Names,
    /// The page being built.
    p: usize,
    /// The quirk fixes that matched, for the report.
    fixups_applied: Vec<&'static str>,
    /// Enums made from value lists: name, what makes two the same, definition.
    enums: Vec<(String, EnumKey, Enum)>,
    /// Type names taken in this module so far.
    taken: BTreeSet<String>,
}

/// Two value lists are one enum when the field name and the values agree.
type EnumKey = (String, EnumRepr, Vec<String>);

impl Builder<'_, '_> {
    fn structure(&mut self, id: TableId, cx: &mut Cx) -> Struct {
        let table = &self.facts[id.0].tables[id.1];
        let mut fields: Vec<Field> = Vec::new();
        let mut wire_names = BTreeSet::new();
        for (r, row) in table.rows.iter().enumerate() {
            if !wire_names.insert(row.wire_name.clone()) {
                cx.problem(
                    Diagnostic::error(
                        Code::DuplicateField,
                        row.loc.clone(),
                        format!("field `{}` is documented twice in this table", row.wire_name),
                    )
                    .expected("each field once per table")
                    .hint("remove one of the rows, or merge their descriptions"),
                );
                continue;
            }
            let ty = self.field_type(row, self.targets.get(&(id, r)).copied(), cx);
            let ty = self.enumeration(id, row, ty);
            let mut field = self.field(row, ty, row.required);
            if fixups::generic_error_key(table, row) {
                self.fixups_applied.push(fixups::GENERIC_ERROR_KEY);
                field.flatten = true;
                field.required = true;
                field.ty = TypeRef::Map(Box::new(field.ty));
            }
            fields.push(field);
        }
        dedupe_idents(fields.iter_mut(), cx);
        Struct { doc: self.struct_doc(id), fields, examples: Vec::new(), loc: table.loc.clone() }
    }

    /// The page's error codes as an enum: the documented message is each variant's doc and
    /// what `Display` writes.
    fn catalogue(&self) -> Option<Enum> {
        let page = &self.facts[self.p];
        let first = page.error_codes.first()?;
        let mut variants: Vec<Variant> = Vec::new();
        let mut values = BTreeSet::new();
        // `Unknown` is the variant for undocumented codes.
        let mut idents = BTreeSet::from(["Unknown".to_owned()]);
        for code in &page.error_codes {
            if !values.insert(code.code.as_str()) {
                continue;
            }
            let ident = fresh(&mut idents, &naming::sanitize(&code.code, naming::Case::UpperCamel));
            let mut doc = escape_text(&code.message);
            for (label, text) in
                [("", &code.description), ("HTTP status: ", &code.status), ("What to do: ", &code.action)]
            {
                if !text.trim().is_empty() {
                    doc.push_str(&format!("\n\n{label}{}", escape_text(&text.replace('\n', " "))));
                }
            }
            variants.push(Variant { value: code.code.clone(), ident, doc, message: Some(code.message.clone()) });
        }
        let doc = format!("The error codes documented in `{}`.\n\nAn error code the page does not list is kept in `Unknown`, so new codes never fail deserialisation. `Display` writes the documented message.", page.page.path);
        Some(Enum { doc, repr: EnumRepr::String, variants, loc: first.loc.clone() })
    }

    /// An enum for a primitive field whose description lists its values, or the type as it was.
    fn enumeration(&mut self, id: TableId, row: &RowFacts<'_>, ty: TypeRef) -> TypeRef {
        if let Some(catalogue) = self.linked_catalogue(row).filter(|_| ty == TypeRef::String) {
            return catalogue;
        }
        let repr = match ty {
            TypeRef::String => EnumRepr::String,
            TypeRef::Integer | TypeRef::Long => EnumRepr::Integer,
            _ => return ty,
        };
        let Some(variants) = row.description.and_then(|d| enums::variants(d, repr)) else { return ty };
        let key: EnumKey = (row.wire_name.clone(), repr, variants.iter().map(|v| v.value.clone()).collect());
        let module = self.names.modules[self.p].clone().unwrap_or_default();
        if let Some((name, _, _)) = self.enums.iter().find(|(_, k, _)| *k == key) {
            return TypeRef::Named { module, name: name.clone() };
        }
        let owner = &self.names.tables[&id];
        let wanted = naming::type_name(&format!("{owner} {}", row.wire_name));
        let name = fresh(&mut self.taken, &wanted);
        let doc = format!("Values of the `{}` field of [`{owner}`].", row.wire_name);
        self.enums.push((name.clone(), key, Enum { doc, repr, variants, loc: row.loc.clone() }));
        TypeRef::Named { module, name }
    }

    /// The error-code enum of a page the row's description links to.
    fn linked_catalogue(&self, row: &RowFacts<'_>) -> Option<TypeRef> {
        row.description?.links().find_map(|(href, _)| {
            let file = href.split('#').next().filter(|f| !f.is_empty())?;
            let index = linked_page(self.facts, self.p, file)??;
            Some(TypeRef::Named {
                module: self.names.modules[index].clone()?,
                name: self.names.catalogues[index].clone()?,
            })
        })
    }

    fn struct_doc(&self, id: TableId) -> String {
        let page = &self.facts[id.0];
        let table = &page.tables[id.1];
        let group =
            self.names.groups[id.0].iter().find(|g| g.body == Some(id) || g.responses.values().any(|v| *v == id));
        let mut doc = match (group, &page.op) {
            (Some(group), Some(op)) if group.body == Some(id) => {
                format!("Request body of `{}`: `{} {}`.", op.name, op.method, op.path)
            }
            (Some(group), Some(op)) => {
                let status =
                    group.responses.iter().find(|(_, v)| **v == id).map(|(s, _)| s.as_str()).unwrap_or_default();
                let status = if status.is_empty() { String::new() } else { format!(" with status {status}") };
                format!("Response body of `{}`: `{} {}`{status}.", op.name, op.method, op.path)
            }
            (Some(group), None) => {
                let what = if group.body == Some(id) { "Request body" } else { "Response body" };
                format!(
                    "{what} of {}.",
                    escape_text(
                        &[page.page.title.as_str(), group.key.section.as_str()]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                )
            }
            (None, _) => escape_text(&table.title),
        };
        if let Some(&(parent, r)) = self.names.first_ref.get(&id) {
            let wire = &self.facts[parent.0].tables[parent.1].rows[r].wire_name;
            let parent_name = &self.names.tables[&parent];
            let path = self.item_path(parent, parent_name);
            let link =
                if path == *parent_name { format!("[`{parent_name}`]") } else { format!("[`{parent_name}`]({path})") };
            doc.push_str(&format!("\n\nThe `{wire}` field of {link} holds this structure."));
        }
        if doc.trim().is_empty() {
            doc = format!("A structure documented in `{}`.", page.page.path);
        }
        doc
    }

    fn field(&self, row: &RowFacts<'_>, ty: TypeRef, required: bool) -> Field {
        let mut doc = row.description.map(|d| self.render(d)).unwrap_or_default();
        if let Some(note) = &row.name_note {
            let deprecated = ["过期", "废弃", "弃用"].iter().any(|w| note.contains(w));
            let line = if deprecated {
                format!("Deprecated ({}).", escape_text(note))
            } else {
                format!("Marked {} in the docs.", escape_text(note))
            };
            doc = if doc.is_empty() { line } else { format!("{doc}\n\n{line}") };
        }
        if let Some(note) = &row.required_note {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&format!("Required: {}", escape_text(note)));
        }
        Field {
            wire_name: row.wire_name.clone(),
            ident: naming::field_ident(&row.wire_name),
            ty,
            required,
            flatten: false,
            doc,
            loc: row.loc.clone(),
        }
    }

    fn field_type(&self, row: &RowFacts<'_>, target: Option<TableId>, cx: &mut Cx) -> TypeRef {
        let map_of = target.and_then(|t| self.facts[t.0].tables[t.1].map_of.as_ref());
        if let (Some(value), Some(spelled)) = (map_of, &row.spelled) {
            let map = TypeRef::Map(Box::new(lower_spelled(value, None)));
            return match spelled {
                Spelled::Array(_) => TypeRef::Array(Box::new(map)),
                _ => map,
            };
        }
        let named = target.and_then(|t| {
            Some(TypeRef::Named { module: self.names.modules[t.0].clone()?, name: self.names.tables.get(&t)?.clone() })
        });
        let Some(spelled) = &row.spelled else {
            if let Some(named) = named {
                return named;
            }
            let diagnostic = match row.type_cell {
                Some(cell) => Diagnostic::error(
                    Code::UnknownType,
                    cell.loc.clone(),
                    format!("unknown type `{}` for field `{}`", cell.text.single_line(), row.wire_name),
                )
                .hint("fix the type cell; untyped values can be written `Object`"),
                None => Diagnostic::error(
                    Code::MissingColumn,
                    row.loc.clone(),
                    format!("the row of field `{}` has no type cell", row.wire_name),
                )
                .hint("add the missing cells to the row"),
            };
            cx.problem(diagnostic.expected("String, Integer, Long, Float, Double, Boolean, Object, `X object`, `Array of …`, `List<…>` or `Map<String,…>`"));
            return TypeRef::Json;
        };
        let lowered = lower_spelled(spelled, named.as_ref());
        if named.is_none() && super::resolve::wants_table(spelled) && !is_leaf_map(spelled) {
            cx.warn(
                Diagnostic::warning(Code::UntypedObject, row.type_cell.map_or(row.loc.clone(), |c| c.loc.clone()), format!("field `{}` is an object without a documented structure; it is kept as untyped JSON", row.wire_name))
                    .expected("a link to the table of its fields, or a type that says what it holds")
                    .hint("link the field to the table of its fields (`详情请参见表N`), or spell its type `Map<String,String>`"),
            );
        }
        lowered
    }

    fn request(&self, group: &Group, cx: &mut Cx) -> Option<Request> {
        group.request.as_ref()?;
        let page = &self.facts[self.p];
        let (method, path) = page.op.as_ref().map(|op| (op.method.clone(), op.path.clone())).unwrap_or_default();
        let mut params: Vec<Param> = Vec::new();
        for &id in &group.params {
            let table = &page.tables[id.1];
            for (r, row) in table.rows.iter().enumerate() {
                if params.iter().any(|p| p.field.wire_name == row.wire_name) {
                    continue;
                }
                let in_path = page.op.as_ref().is_some_and(|op| op.path_params.contains(&row.wire_name));
                let location = match table.role {
                    Role::Header => ParamLocation::Header,
                    Role::Path if in_path => ParamLocation::Path,
                    Role::Path if page.op.is_none() => ParamLocation::Path,
                    _ => ParamLocation::Query,
                };
                let ty = scalar_param(self.field_type(row, self.targets.get(&(id, r)).copied(), cx), location);
                let required = row.required || location == ParamLocation::Path;
                params.push(Param { location, field: self.field(row, ty, required) });
            }
        }
        for placeholder in page.op.iter().flat_map(|op| &op.path_params) {
            if !params.iter().any(|p| &p.field.wire_name == placeholder) {
                let field = Field {
                    wire_name: placeholder.clone(),
                    ident: naming::field_ident(placeholder),
                    ty: TypeRef::String,
                    required: true,
                    flatten: false,
                    doc: "A path parameter the docs do not describe.".to_owned(),
                    loc: page.op.as_ref().map(|op| op.loc.clone()).unwrap_or_default(),
                };
                params.push(Param { location: ParamLocation::Path, field });
            }
        }
        dedupe_idents(params.iter_mut().map(|p| &mut p.field), cx);
        let body = group.body.map(|id| TypeRef::Named {
            module: self.names.modules[self.p].clone().unwrap_or_default(),
            name: self.names.tables[&id].clone(),
        });
        let doc = match &page.op {
            Some(op) => format!("Request of `{}`: `{} {}`.", op.name, op.method, op.path),
            None => format!("Parameters of {}.", escape_text(&page.page.title)),
        };
        let loc = page
            .op
            .as_ref()
            .map(|op| op.loc.clone())
            .or_else(|| group.params.first().map(|id| page.tables[id.1].loc.clone()))
            .unwrap_or_default();
        Some(Request { doc, method, path, params, body, loc })
    }

    fn attach_examples(&self, module: &mut Module, cx: &mut Cx) {
        let page = &self.facts[self.p];
        for example in &page.examples {
            let json = match &example.text {
                ExampleText::Json { json, .. } => json,
                ExampleText::NotJson => continue,
                ExampleText::Invalid { message, line } => {
                    let mut loc = example.loc.clone();
                    loc.line += *line as u32 - 1;
                    cx.warn(
                        Diagnostic::warning(Code::BadExample, loc, format!("example is not valid JSON: {message}"))
                            .expected("a JSON object or array")
                            .hint("fix the example; comments, ellipses and trailing commas are not JSON"),
                    );
                    continue;
                }
            };
            let Some(group) = self.names.groups[self.p].iter().find(|g| g.key == example.base) else { continue };
            let id = match example.role {
                Role::RequestBody => group.body,
                _ => match &example.status {
                    Some(status) => group.responses.get(status).copied(),
                    None => primary_status(&group.responses).and_then(|s| group.responses.get(s).copied()),
                },
            };
            let Some(name) = id.and_then(|id| self.names.tables.get(&id)) else { continue };
            if let Some(TypeDef::Struct(target)) = module.types.get_mut(name) {
                target.examples.push(Example { json: json.clone(), loc: example.loc.clone() });
            }
        }
    }

    fn render(&self, text: &Text) -> String {
        docs::render(text, &|href| self.link_target(href))
    }

    /// Where a link in a description leads, in terms of the generated crate.
    fn link_target(&self, href: &str) -> LinkTarget {
        if href.contains("://") {
            return LinkTarget::Url(href.to_owned());
        }
        let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
        let target = if file.is_empty() { Some(self.p) } else { linked_page(self.facts, self.p, file).flatten() };
        let Some(target) = target else {
            return LinkTarget::Text(file.to_owned());
        };
        let table = table_by_anchor(&self.facts[target], anchor);
        if let Some(name) = table.and_then(|t| self.names.tables.get(&(target, t))) {
            return LinkTarget::Item(self.item_path((target, 0), name));
        }
        match (&self.names.modules[target], &self.names.catalogues[target]) {
            (Some(module), Some(catalogue)) if target != self.p => {
                LinkTarget::Item(format!("crate::{module}::{catalogue}"))
            }
            (Some(module), _) if target != self.p => LinkTarget::Item(format!("crate::{module}")),
            _ => LinkTarget::Text(String::new()),
        }
    }

    /// The path of a type from the current module: its bare name, or `crate::module::Name`.
    fn item_path(&self, id: TableId, name: &str) -> String {
        if id.0 == self.p {
            name.to_owned()
        } else {
            format!("crate::{}::{name}", self.names.modules[id.0].as_deref().unwrap_or_default())
        }
    }
}

/// Lowers a spelled type, putting the resolved structure where the spelling has an object.
fn lower_spelled(spelled: &Spelled, named: Option<&TypeRef>) -> TypeRef {
    match spelled {
        Spelled::String => TypeRef::String,
        Spelled::Integer => TypeRef::Integer,
        Spelled::Long => TypeRef::Long,
        Spelled::Float => TypeRef::Float,
        Spelled::Double => TypeRef::Double,
        Spelled::Boolean => TypeRef::Boolean,
        Spelled::Json => TypeRef::Json,
        Spelled::Array(inner) if **inner == Spelled::Json && named.is_some() => {
            TypeRef::Array(Box::new(named.cloned().unwrap_or(TypeRef::Json)))
        }
        Spelled::Array(inner) => TypeRef::Array(Box::new(lower_spelled(inner, named))),
        Spelled::Map(inner) => TypeRef::Map(Box::new(lower_spelled(inner, named))),
        Spelled::Object(_) => named.cloned().unwrap_or(TypeRef::Map(Box::new(TypeRef::Json))),
        Spelled::Named(_) => named.cloned().unwrap_or(TypeRef::Json),
    }
}

/// `Map<String,String>`, `List<Dict>`: spellings that say they hold no documented structure.
fn is_leaf_map(spelled: &Spelled) -> bool {
    match spelled {
        Spelled::Map(inner) => !matches!(**inner, Spelled::Object(Some(_)) | Spelled::Named(_)),
        Spelled::Array(inner) => is_leaf_map(inner),
        _ => false,
    }
}

/// Path and header parameters are single values; query parameters may repeat.
fn scalar_param(ty: TypeRef, location: ParamLocation) -> TypeRef {
    let scalar = |t: &TypeRef| {
        matches!(
            t,
            TypeRef::String | TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double | TypeRef::Boolean
        )
    };
    match ty {
        t if scalar(&t) => t,
        TypeRef::Array(inner) if location == ParamLocation::Query && scalar(&inner) => TypeRef::Array(inner),
        TypeRef::Array(_) if location == ParamLocation::Query => TypeRef::Array(Box::new(TypeRef::String)),
        _ => TypeRef::String,
    }
}

/// Two wire names that give one identifier (`imageRef`, `image_ref`): the later one gets a
/// number, and the docs are told.
fn dedupe_idents<'f>(fields: impl Iterator<Item = &'f mut Field>, cx: &mut Cx) {
    let mut used: BTreeMap<String, String> = BTreeMap::new();
    for field in fields {
        if let Some(first) = used.get(&field.ident) {
            cx.problem(
                Diagnostic::error(
                    Code::FieldCollision,
                    field.loc.clone(),
                    format!("fields `{first}` and `{}` both become `{}` in Rust", field.wire_name, field.ident),
                )
                .expected("field names that differ after conversion to snake_case")
                .hint(
                    "the later field is given a numbered identifier; rename one of them in the docs if that is wrong",
                ),
            );
            let base = naming::bare(&field.ident).to_owned();
            let mut n = 2;
            while used.contains_key(&format!("{base}_{n}")) {
                n += 1;
            }
            field.ident = format!("{base}_{n}");
        }
        used.insert(field.ident.clone(), field.wire_name.clone());
    }
}
