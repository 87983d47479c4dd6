//! Pass 1: what each page holds, before anything refers to anything.

use crate::config::{Config, DocConfig};
use crate::diagnostics::{Code, Diagnostic};
use crate::read::{Block, BlockKind, Cell, Page, Table, Text};
use crate::source::Loc;

use super::columns::{self, Columns, TableKind};
use super::examples::{self, ExampleText};
use super::operation::{self, OperationFacts};
use super::type_spelling::{self, Spelled};
use super::Cx;

pub struct PageFacts<'a> {
    pub page: &'a Page,
    pub config: Option<&'a DocConfig>,
    pub op: Option<OperationFacts>,
    pub tables: Vec<TableFacts<'a>>,
    pub examples: Vec<ExampleFacts>,
    /// The rows of an error-code catalogue on this page, in document order.
    pub error_codes: Vec<ErrorCodeFacts>,
}

/// One documented error code.
pub struct ErrorCodeFacts {
    pub code: String,
    pub message: String,
    pub description: String,
    pub status: String,
    pub action: String,
    pub loc: Loc,
}

/// What a table is for, judged from its caption and the sections around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Path,
    Query,
    Header,
    RequestBody,
    Response,
    Other,
}

/// The name that a page's top-level types are built from: the operation's name, or a name the
/// config gives a heading. `name` is `None` when neither exists.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Base {
    pub name: Option<String>,
    /// The heading the base belongs to, to say which one needs a name.
    pub section: String,
}

pub struct TableFacts<'a> {
    pub loc: Loc,
    pub table: &'a Table,
    pub role: Role,
    pub base: Base,
    pub status: Option<String>,
    /// Normalised names from the caption and list label (`failures` from `failures数据结构说明`).
    pub keys: Vec<String>,
    /// The caption's name as written, to name the type by.
    pub caption_name: Option<String>,
    /// The caption or label, for the type's doc.
    pub title: String,
    pub rows: Vec<RowFacts<'a>>,
    /// Set when the table documents a map rather than a structure: a single placeholder row
    /// (`key_val`: 一个或多个键值对) stands for any number of keys; this is the values' type.
    pub map_of: Option<Spelled>,
}

pub struct RowFacts<'a> {
    pub wire_name: String,
    /// A note the name cell carries in parentheses (`新增`, `过期`).
    pub name_note: Option<String>,
    pub loc: Loc,
    pub type_cell: Option<&'a Cell>,
    /// `None` with a type cell: the cell names no known type.
    pub spelled: Option<Spelled>,
    pub required: bool,
    /// Text in the required cell beyond yes or no (`否 phone_ids参数不存在时必选`).
    pub required_note: Option<String>,
    pub description: Option<&'a Text>,
}

pub struct ExampleFacts {
    /// Where the JSON itself starts.
    pub loc: Loc,
    pub role: Role,
    pub base: Base,
    pub status: Option<String>,
    pub text: ExampleText,
}

pub fn collect<'a>(pages: &[&'a Page], config: &'a Config, cx: &mut Cx) -> Vec<PageFacts<'a>> {
    pages.iter().map(|page| page_facts(page, config.docs.get(&page.path), cx)).collect()
}

fn page_facts<'a>(page: &'a Page, config: Option<&'a DocConfig>, cx: &mut Cx) -> PageFacts<'a> {
    let op = operation::find(page);
    let mut facts = PageFacts { page, config, op, tables: Vec::new(), examples: Vec::new(), error_codes: Vec::new() };
    let mut status = StatusTracker::default();
    for block in &page.blocks {
        status.see(block);
        match &block.kind {
            BlockKind::Table(table) => {
                let header: Vec<String> = table.header.cells.iter().map(|c| c.text.single_line()).collect();
                match columns::classify(&header) {
                    TableKind::Params(columns) => {
                        if let Some(table) = table_facts(&facts, block, table, columns, status.current(), cx) {
                            facts.tables.push(table);
                        }
                    }
                    TableKind::ErrorCodes(columns) => {
                        facts.error_codes.extend(table.rows.iter().filter_map(|row| error_code(row, &columns)))
                    }
                    TableKind::MissingName => cx.problem(
                        Diagnostic::error(
                            Code::MissingColumn,
                            table.header.loc.clone(),
                            "this parameter table has no column for the field names",
                        )
                        .expected("a column headed 参数, 名称, 参数名称 or 属性")
                        .hint("add the name column, or rename the header of the column that holds the names"),
                    ),
                    TableKind::Other => {}
                }
            }
            BlockKind::Code(code) => {
                if let Some(role) = example_role(&block.section) {
                    let text = examples::classify(&code.text);
                    let skipped = match &text {
                        ExampleText::Json { skipped_lines, .. } => *skipped_lines,
                        _ => 0,
                    };
                    let mut loc = block.loc.clone();
                    loc.line += 1 + skipped as u32;
                    let base = base_of(&facts, block);
                    facts.examples.push(ExampleFacts { loc, role, base, status: status.current(), text });
                }
            }
            _ => {}
        }
    }
    facts
}

fn table_facts<'a>(
    facts: &PageFacts<'a>,
    block: &Block,
    table: &'a Table,
    columns: Columns,
    status: Option<String>,
    cx: &mut Cx,
) -> Option<TableFacts<'a>> {
    let caption = table.caption.clone();
    let label = (block.section.len() > block.headings).then(|| block.section.last().cloned()).flatten();
    let role = caption.iter().chain(block.section.iter().rev()).find_map(|s| role_of(s)).unwrap_or(Role::Other);
    if columns.ty.is_none() && matches!(role, Role::RequestBody | Role::Response | Role::Other) {
        cx.problem(
            Diagnostic::error(Code::MissingColumn, table.header.loc.clone(), "this parameter table has no type column")
                .expected("a column headed 参数类型 or 类型")
                .hint("add a type column; only path and query parameter tables may leave it out, their values are strings"),
        );
        if !cx.lenient() {
            return None;
        }
    }
    let keys_from: Vec<&String> = caption.iter().chain(label.iter()).collect();
    let names: Vec<(String, String)> = keys_from.iter().filter_map(|s| key_of(s)).collect();
    let title = caption.clone().or(label.clone()).unwrap_or_default();
    let rows: Vec<RowFacts<'a>> = table.rows.iter().filter_map(|row| row_facts(row, &columns, cx)).collect();
    let map_of = map_value(&rows);
    Some(TableFacts {
        loc: block.loc.clone(),
        table,
        role,
        base: base_of(facts, block),
        status,
        keys: names.iter().map(|(key, _)| key.clone()).collect(),
        caption_name: names.first().map(|(_, name)| name.clone()),
        title,
        rows,
        map_of,
    })
}

/// A table of one placeholder row describes a map: its row's type is the values' type.
fn map_value(rows: &[RowFacts<'_>]) -> Option<Spelled> {
    let [row] = rows else { return None };
    let placeholder = matches!(
        row.wire_name.to_ascii_lowercase().as_str(),
        "key_val" | "key_value" | "{key}" | "<key>" | "key:value"
    );
    let says_pairs = row.description.is_some_and(|d| d.plain().contains("键值对"));
    (placeholder || (says_pairs && row.wire_name.eq_ignore_ascii_case("key")))
        .then(|| row.spelled.clone().unwrap_or(Spelled::String))
}

fn row_facts<'a>(row: &'a crate::read::Row, columns: &Columns, cx: &mut Cx) -> Option<RowFacts<'a>> {
    let cell = |index: Option<usize>| index.and_then(|i| row.cells.get(i));
    let name_cell = cell(Some(columns.name));
    let wire_name = name_cell.map(|c| c.text.single_line()).unwrap_or_default();
    let (wire_name, name_note) = split_annotation(wire_name.trim_matches(['`', '"', '“', '”', ' ']));
    if row.cells.iter().all(|c| c.text.single_line() == row.cells[0].text.single_line()) && row.cells.len() > 1 {
        return None; // A row spanning all columns: a sub-heading, not a field.
    }
    if wire_name.is_empty() {
        cx.problem(
            Diagnostic::error(Code::MissingColumn, row.loc.clone(), "this row has no field name")
                .expected("the field's name in the name column")
                .hint("fill in the name, or remove the row"),
        );
        return None;
    }
    let type_cell = cell(columns.ty);
    let spelled = match type_cell {
        Some(c) => type_spelling::parse(&c.text.single_line()),
        None if columns.ty.is_some() => None,
        None => Some(Spelled::String),
    };
    let (required, required_note) = cell(columns.required).map_or((false, None), |c| required(&c.text.single_line()));
    Some(RowFacts {
        wire_name,
        name_note,
        loc: name_cell.map_or(row.loc.clone(), |c| c.loc.clone()),
        type_cell,
        spelled,
        required,
        required_note,
        description: cell(columns.description).map(|c| &c.text),
    })
}

/// `phone_ip（新增）` → (`phone_ip`, `新增`): a note in parentheses after a name is not part of
/// the name on the wire.
fn split_annotation(name: &str) -> (String, Option<String>) {
    let trimmed = name.trim_end();
    if let Some(open) = trimmed.rfind(['（', '(']) {
        let note = trimmed[open..].trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
        let closed = trimmed.ends_with(['）', ')']);
        if closed && open > 0 && !note.is_empty() && !note.is_ascii() {
            return (trimmed[..open].trim_end().to_owned(), Some(note.to_owned()));
        }
    }
    (name.to_owned(), None)
}

fn error_code(row: &crate::read::Row, columns: &columns::ErrorColumns) -> Option<ErrorCodeFacts> {
    let cell = |index: Option<usize>| index.and_then(|i| row.cells.get(i)).map(|c| c.text.plain()).unwrap_or_default();
    let code = cell(Some(columns.code)).trim().to_owned();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':')) {
        return None;
    }
    Some(ErrorCodeFacts {
        code,
        message: cell(Some(columns.message)),
        description: cell(columns.description),
        status: cell(columns.status),
        action: cell(columns.action),
        loc: row.cells.get(columns.code).map_or(row.loc.clone(), |c| c.loc.clone()),
    })
}

/// `是` → required; `否 phone_ids参数不存在时必选` → optional, with the condition as a note.
fn required(text: &str) -> (bool, Option<String>) {
    let text = text.trim();
    let lower = text.to_lowercase();
    let yes = ["是", "必选", "yes", "true", "mandatory", "required", "y"];
    let word = yes.iter().chain(["否", "可选", "no", "false", "optional", "n"].iter()).find(|w| lower.starts_with(*w));
    let required = word.is_some_and(|w| yes.contains(w));
    let rest = word.map_or(text, |w| text[w.len()..].trim_start_matches([' ', '，', ',', '。', '：', ':']).trim());
    (required, (!rest.is_empty()).then(|| rest.to_owned()))
}

fn role_of(section: &str) -> Option<Role> {
    let lower = section.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["header", "消息头", "请求头"]) {
        Some(Role::Header)
    } else if has(&["query"]) {
        Some(Role::Query)
    } else if has(&["路径参数", "path参数"]) || lower.starts_with("uri") {
        Some(Role::Path)
    } else if has(&["响应", "返回", "response"]) {
        Some(Role::Response)
    } else if has(&["请求", "request"]) {
        Some(Role::RequestBody)
    } else {
        None
    }
}

pub fn example_role(section: &[String]) -> Option<Role> {
    let at = section.iter().rposition(|s| {
        let lower = s.to_lowercase();
        lower.contains("样例") || lower.contains("示例") || lower.contains("example")
    })?;
    section[..=at].iter().rev().find_map(|s| match role_of(s) {
        Some(Role::Response) => Some(Role::Response),
        Some(Role::RequestBody | Role::Header | Role::Query | Role::Path) => Some(Role::RequestBody),
        _ => None,
    })
}

fn base_of(facts: &PageFacts<'_>, block: &Block) -> Base {
    if let Some(op) = &facts.op {
        return Base { name: Some(op.name.clone()), section: String::new() };
    }
    let configured =
        facts.config.and_then(|config| block.section.iter().rev().find_map(|s| Some((s, config.sections.get(s)?))));
    match configured {
        Some((section, name)) => Base { name: Some(name.clone()), section: section.clone() },
        None => {
            let heading = block.section[..block.headings].last().cloned().unwrap_or_else(|| facts.page.title.clone());
            Base { name: None, section: heading }
        }
    }
}

/// A name in a caption or label: `failures数据结构说明` → (`failures`, `failures`),
/// `•Security Group Rule对象` → (`securitygrouprule`, `Security Group Rule`).
pub fn key_of(text: &str) -> Option<(String, String)> {
    const SUFFIXES: &[&str] = &[
        "字段数据结构说明",
        "参数数据结构说明",
        "对象创建字段说明",
        "数据结构说明",
        "结构体数组",
        "结构体说明",
        "对象说明",
        "字段说明",
        "参数说明",
        "结构体",
        "数据结构",
        "对象",
        "参数",
        "说明",
        "字段",
        "objects",
        "object",
    ];
    let mut name = text.trim().trim_start_matches('•').trim();
    if let Some(suffix) = SUFFIXES.iter().find(|s| name.ends_with(*s)) {
        name = name[..name.len() - suffix.len()].trim();
    }
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | ' ' | '.'));
    ok.then(|| (normalise_key(name), name.to_owned()))
}

/// Names compare without case, spaces or punctuation: `Security Group Rule` = `security_group_rule`.
pub fn normalise_key(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Tracks the status code a response table or example is documented under
/// (`**状态码为 201 时:**`, `**状态码： 201**`), until the next heading.
#[derive(Default)]
struct StatusTracker {
    current: Option<(String, Vec<String>)>,
}

impl StatusTracker {
    fn see(&mut self, block: &Block) {
        let headings = &block.section[..block.headings];
        if self.current.as_ref().is_some_and(|(_, at)| at.as_slice() != headings) {
            self.current = None;
        }
        if let BlockKind::Paragraph(text) | BlockKind::Label(text) = &block.kind {
            if let Some(code) = status_in(&text.single_line()) {
                self.current = Some((code, headings.to_vec()));
            }
        }
    }

    fn current(&self) -> Option<String> {
        self.current.as_ref().map(|(code, _)| code.clone())
    }
}

fn status_in(text: &str) -> Option<String> {
    let after = &text[text.find("状态码")? + "状态码".len()..];
    if after.chars().count() > 16 {
        return None;
    }
    let digits: String = after.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    (digits.len() == 3 && digits.starts_with(['1', '2', '3', '4', '5'])).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_keys() {
        assert_eq!(key_of("failures数据结构说明"), Some(("failures".into(), "failures".into())));
        assert_eq!(key_of("•volume参数说明"), Some(("volume".into(), "volume".into())));
        assert_eq!(key_of("Security Group Rule对象"), Some(("securitygrouprule".into(), "Security Group Rule".into())));
        assert_eq!(key_of("响应参数"), None);
        assert_eq!(key_of("SnapshotDetails"), Some(("snapshotdetails".into(), "SnapshotDetails".into())));
    }

    #[test]
    fn name_annotations() {
        assert_eq!(split_annotation("access_ip（过期）"), ("access_ip".into(), Some("过期".into())));
        assert_eq!(split_annotation("phone_ip(新增)"), ("phone_ip".into(), Some("新增".into())));
        assert_eq!(split_annotation("f(x)"), ("f(x)".into(), None));
        assert_eq!(split_annotation("（注）"), ("（注）".into(), None));
    }

    #[test]
    fn required_cells() {
        assert_eq!(required("是"), (true, None));
        assert_eq!(required("否"), (false, None));
        assert_eq!(required("否 phone_ids参数不存在时必选"), (false, Some("phone_ids参数不存在时必选".into())));
        assert_eq!(required("Yes"), (true, None));
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_in("状态码为 201 时:"), Some("201".into()));
        assert_eq!(status_in("状态码： 200"), Some("200".into()));
        assert_eq!(status_in("状态码请参见状态码。"), None);
    }
}
