//! The Markdown walk: pulldown-cmark events become [`Block`]s with section paths.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::text::{collapse_whitespace, TextBuilder};
use super::{html_table, Block, BlockKind, Cell, CodeBlock, Page, Row, Table};
use crate::source::SourceFile;

/// Reads one document into blocks. Reading never fails: whatever cannot be understood is kept
/// as text, and lowering decides whether it matters.
pub fn read_page(file: &SourceFile) -> Page {
    let mut walker = Walker::new(file);
    let parser = Parser::new_ext(&file.text, Options::ENABLE_TABLES).into_offset_iter();
    // Events inside an HTML table that was read from the raw source are skipped; the ends of
    // elements that started before the table still count.
    let mut skipped_depth = 0usize;
    for (event, range) in parser {
        let inside = range.start < walker.skip_until;
        match event {
            Event::Start(_) if inside => skipped_depth += 1,
            Event::End(_) if skipped_depth > 0 => skipped_depth -= 1,
            Event::End(_) => walker.event(event, range),
            _ if inside => {}
            _ => walker.event(event, range),
        }
    }
    walker.flush_inline();
    let title = walker
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Label(text) if b.section.is_empty() => Some(text.single_line()),
            _ => None,
        })
        .unwrap_or_else(|| file.path.rsplit('/').next().unwrap_or_default().trim_end_matches(".md").to_owned());
    Page { path: file.path.clone(), title, blocks: walker.blocks }
}

/// What the inline text being collected will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Heading(usize),
    Paragraph,
    /// Text directly inside a tight list item.
    ItemText,
    CodeBlock,
    PipeCell,
}

struct Inline {
    kind: InlineKind,
    start: usize,
    text: TextBuilder,
    raw: String,
}

struct PipeTable {
    start: usize,
    rows: Vec<Row>,
    row_start: usize,
    cells: Vec<Cell>,
}

struct Walker<'a> {
    file: &'a SourceFile,
    blocks: Vec<Block>,
    headings: Vec<(usize, String)>,
    /// One entry per open list item: its label once its first paragraph has been read.
    items: Vec<Option<String>>,
    /// Whether the innermost item has seen any block yet.
    item_fresh: bool,
    inline: Option<Inline>,
    /// The target of the link being read, with the text read so far.
    link: Option<(String, String)>,
    /// Whether `link` was opened by an inline `<a href>` tag rather than Markdown.
    html_link: bool,
    pipe: Option<PipeTable>,
    anchors: Vec<String>,
    caption: Option<(Option<String>, String)>,
    skip_until: usize,
}

impl<'a> Walker<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Walker {
            file,
            blocks: Vec::new(),
            headings: Vec::new(),
            items: Vec::new(),
            item_fresh: false,
            inline: None,
            link: None,
            html_link: false,
            pipe: None,
            anchors: Vec::new(),
            caption: None,
            skip_until: 0,
        }
    }

    fn section(&self) -> Vec<String> {
        self.headings.iter().map(|(_, h)| h.clone()).chain(self.items.iter().flatten().cloned()).collect()
    }

    fn push(&mut self, offset: usize, kind: BlockKind) {
        let block = Block { section: self.section(), headings: self.headings.len(), loc: self.file.loc(offset), kind };
        self.blocks.push(block);
    }

    fn start_inline(&mut self, kind: InlineKind, start: usize) {
        self.flush_inline();
        self.inline = Some(Inline { kind, start, text: TextBuilder::default(), raw: String::new() });
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range.start),
            Event::Code(code) => match (&mut self.link, &mut self.inline) {
                (Some((_, link_text)), _) => link_text.push_str(&code),
                (None, Some(inline)) => inline.text.push_code(&code),
                (None, None) => {}
            },
            Event::SoftBreak => self.text(" ", range.start),
            Event::HardBreak => {
                if let Some(inline) = &mut self.inline {
                    inline.text.break_line();
                }
            }
            Event::InlineHtml(html) => self.inline_html(&html, range.start),
            Event::Html(html) => self.anchors.extend(anchors_in(&html)),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(text);
            return;
        }
        if self.inline.is_none() && !self.items.is_empty() {
            self.start_inline(InlineKind::ItemText, offset);
        }
        if let Some(inline) = &mut self.inline {
            if inline.kind == InlineKind::CodeBlock {
                inline.raw.push_str(text);
            } else {
                inline.text.push_str(text);
            }
        }
    }

    fn inline_html(&mut self, html: &str, offset: usize) {
        if !is_markup(html) {
            // The `<Integer>` of `List<Integer>` in a pipe cell is part of a type, not a tag.
            self.text(html, offset);
            return;
        }
        let lower = html.trim().to_ascii_lowercase();
        if lower.starts_with("<br") {
            if let Some(inline) = &mut self.inline {
                inline.text.break_line();
            }
        } else if lower.starts_with("<a ") && self.link.is_none() && self.inline.is_some() {
            // `<a href="#table1">表1</a>` in a pipe cell is a link, as it is in an HTML table.
            if let Some(href) = href_in(html) {
                self.link = Some((href, String::new()));
                self.html_link = true;
            }
        } else if lower.starts_with("</a") {
            self.close_html_link();
        }
        self.anchors.extend(anchors_in(html));
    }

    /// Ends a link opened by `<a href>`, at its `</a>` or where its text ends without one.
    fn close_html_link(&mut self) {
        if std::mem::take(&mut self.html_link) {
            self.end(TagEnd::Link);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        if !matches!(tag, Tag::Link { .. } | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Image { .. }) {
            // A block starts: text collected directly in a tight list item ends here.
            if self.inline.as_ref().is_some_and(|i| i.kind == InlineKind::ItemText) {
                self.flush_inline();
            }
        }
        match tag {
            Tag::Heading { level, .. } => {
                self.items.clear();
                self.caption = None;
                self.start_inline(InlineKind::Heading(level as usize), range.start);
            }
            Tag::Paragraph if self.pipe.is_none() => self.start_inline(InlineKind::Paragraph, range.start),
            Tag::Item => {
                self.flush_inline();
                self.items.push(None);
                self.item_fresh = true;
            }
            Tag::CodeBlock(kind) => {
                self.start_inline(InlineKind::CodeBlock, range.start);
                if let (CodeBlockKind::Fenced(info), Some(inline)) = (kind, &mut self.inline) {
                    inline.text.push_str(&info);
                }
            }
            Tag::HtmlBlock => self.html_block(range),
            Tag::Table(_) => {
                self.flush_inline();
                self.pipe =
                    Some(PipeTable { start: range.start, rows: Vec::new(), row_start: range.start, cells: Vec::new() });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(pipe) = &mut self.pipe {
                    pipe.row_start = range.start;
                    pipe.cells.clear();
                }
            }
            Tag::TableCell => {
                // A cell is located at its content, past the padding after `|`. A cell that a
                // short row lacks is empty and placed after the row's newline: locate it at the
                // end of its own row instead.
                let text = &self.file.text;
                let synthetic = range.is_empty() && text[..range.start].ends_with('\n');
                let padding = text[range.clone()].len() - text[range.clone()].trim_start().len();
                self.start_inline(
                    InlineKind::PipeCell,
                    if synthetic { range.start - 1 } else { range.start + padding },
                );
            }
            Tag::Link { dest_url, .. } => self.link = Some((dest_url.to_string(), String::new())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock => self.flush_inline(),
            TagEnd::Item => {
                self.flush_inline();
                self.items.pop();
                self.item_fresh = false;
            }
            TagEnd::Link => {
                if let Some((href, text)) = self.link.take() {
                    if let Some(inline) = &mut self.inline {
                        inline.text.push_link(&href, &text);
                    }
                }
            }
            TagEnd::TableCell => {
                self.close_html_link();
                if let Some(inline) = self.inline.take() {
                    let cell = Cell { loc: self.file.loc(inline.start), text: inline.text.finish() };
                    if let Some(pipe) = &mut self.pipe {
                        pipe.cells.push(cell);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(pipe) = &mut self.pipe {
                    let cells = std::mem::take(&mut pipe.cells);
                    pipe.rows.push(Row { loc: self.file.loc(pipe.row_start), cells });
                }
            }
            TagEnd::Table => {
                if let Some(pipe) = self.pipe.take() {
                    let mut rows = pipe.rows.into_iter();
                    if let Some(header) = rows.next() {
                        self.push_table(pipe.start, header, rows.collect());
                    }
                }
            }
            _ => {}
        }
    }

    /// Ends the inline text being collected and turns it into a block.
    fn flush_inline(&mut self) {
        self.close_html_link();
        let Some(inline) = self.inline.take() else { return };
        let start = inline.start;
        match inline.kind {
            InlineKind::Heading(level) => {
                let text = inline.text.finish();
                while self.headings.last().is_some_and(|(l, _)| *l >= level) {
                    self.headings.pop();
                }
                let title = text.single_line();
                self.push(start, BlockKind::Label(text));
                self.headings.push((level, title));
            }
            InlineKind::Paragraph | InlineKind::ItemText => {
                let text = inline.text.finish();
                if text.is_empty() {
                    return;
                }
                if let Some(caption) = caption_of(&text.single_line()) {
                    self.caption = Some(caption);
                }
                if self.item_fresh && !self.items.is_empty() {
                    // The first paragraph of a list item labels the item.
                    self.item_fresh = false;
                    let label = text.single_line();
                    self.push(start, BlockKind::Label(text));
                    if let Some(last) = self.items.last_mut() {
                        *last = Some(label);
                    }
                } else {
                    self.push(start, BlockKind::Paragraph(text));
                }
            }
            InlineKind::CodeBlock => {
                self.item_fresh = false;
                let info = inline.text.finish().single_line();
                self.push(start, BlockKind::Code(CodeBlock { info, text: inline.raw }));
            }
            InlineKind::PipeCell => {}
        }
    }

    /// An HTML block: a table inside it is read from the raw source up to its matching
    /// `</table>` (blank lines inside a table would otherwise split it into several blocks);
    /// anchors outside tables are remembered for the next table.
    fn html_block(&mut self, range: std::ops::Range<usize>) {
        self.flush_inline();
        let text = &self.file.text;
        let mut from = range.start;
        let mut block_end = range.end;
        // Several tables may share one HTML block; each is read in turn.
        while let Some(at) = find_ignore_case(&text[from..block_end], "<table") {
            self.anchors.extend(anchors_in(&text[from..from + at]));
            let start = from + at;
            let end = start + html_table::table_end(&text[start..]);
            // A table that is never closed ends with its HTML block (at a blank line), as in
            // CommonMark, instead of swallowing the rest of the document.
            let unclosed = end == text.len() && !html_table::ends_with_ignore_case(text.trim_end(), "</table>");
            let end = if unclosed { block_end } else { end };
            if let Some((header, rows)) = html_table::parse(self.file, start, &text[start..end]) {
                self.push_table(start, header, rows);
            }
            from = end;
            if unclosed {
                break;
            }
            // What follows a table up to the next blank line is still HTML of the same block.
            block_end = block_end.max(blank_line_after(text, end));
        }
        self.anchors.extend(anchors_in(&text[from..block_end]));
        self.skip_until = block_end;
    }

    fn push_table(&mut self, start: usize, header: Row, rows: Vec<Row>) {
        self.item_fresh = false;
        let (number, caption) = self.caption.take().unzip();
        let table =
            Table { caption, number: number.flatten(), anchors: std::mem::take(&mut self.anchors), header, rows };
        self.push(start, BlockKind::Table(table));
    }
}

/// The offset of the first blank line at or after `from`, or the end of the text.
fn blank_line_after(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim().is_empty() && at > from {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Recognises a caption line, `表 1 failures数据结构说明` (bold markers already gone):
/// returns the table number and the caption text.
fn caption_of(line: &str) -> Option<(Option<String>, String)> {
    let rest = line.trim().strip_prefix('表')?;
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    if digits.is_empty() {
        return None;
    }
    let caption = collapse_whitespace(&rest[digits.len()..]);
    Some((Some(digits), caption))
}

/// The `name` and `id` attributes of `<a>` tags in a piece of HTML.
fn anchors_in(html: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    for attr in ["name=\"", "id=\""] {
        let mut from = 0;
        while let Some(found) = html[from..].find(attr) {
            let start = from + found + attr.len();
            let Some(len) = html[start..].find('"') else { break };
            let before = &html[..from + found];
            // Only anchors on <a> tags: ids on table rows and paragraphs are not link targets.
            if before.rfind('<').is_some_and(|lt| html[lt..].starts_with("<a ")) {
                anchors.push(html[start..start + len].to_owned());
            }
            from = start + len;
        }
    }
    anchors.dedup();
    anchors
}

/// Whether inline HTML is markup that docs use (`<br>`, `<a …>`, `</b>`, a comment) rather than
/// a word in angle brackets, like the `<Integer>` of `List<Integer>` or `<Object>` of `Map<Object>`.
fn is_markup(html: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "nobr",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    ];
    let name: String =
        html.trim_start_matches('<').trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
    name.is_empty() || ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
}

/// The `href` attribute of an HTML tag, quoted with `"` or `'`.
fn href_in(html: &str) -> Option<String> {
    let at = html.to_ascii_lowercase().find("href=")? + "href=".len();
    let rest = &html[at..];
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let len = rest[1..].find(quote)?;
    Some(rest[1..1 + len].to_owned())
}

/// The first occurrence of an ASCII tag prefix (`<table`) in `haystack`, ignoring case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .match_indices('<')
        .map(|(at, _)| at)
        .find(|&at| html_table::starts_with_ignore_case(&haystack[at..], needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        read_page(&SourceFile::new("t.md", text)).blocks
    }

    #[test]
    fn html_table_inside_list_item_keeps_section_caption_and_anchor() {
        let doc = "# Title\n\n## Part\n\n-   响应参数\n\n    **表 2**  item数据结构说明\n\n    <a name=\"t1\"></a>\n    <table><thead><tr><th><p>参数</p></th><th>类型</th></tr></thead>\n    <tbody><tr><td>id</td>\n\n    <td><p>String</p><p>second <a href=\"#x\">表3</a></p></td></tr>\n    </tbody>\n    </table>\n\n-   响应样例\n\n    ```json\n    {\"id\": \"a\"}\n    ```\n";
        let blocks = blocks(doc);
        let table = blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some((b, t)),
            _ => None,
        });
        let (block, table) = table.expect("a table");
        assert_eq!(block.section, ["Title", "Part", "响应参数"]);
        assert_eq!(block.loc.line, 10);
        assert_eq!(table.caption.as_deref(), Some("item数据结构说明"));
        assert_eq!(table.number.as_deref(), Some("2"));
        assert_eq!(table.anchors, ["t1"]);
        assert_eq!(table.header.cells.len(), 2);
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(row.loc.line, 11);
        assert_eq!(row.cells[1].loc.line, 13);
        assert_eq!(row.cells[1].text.plain(), "String\nsecond 表3");
        assert_eq!(row.cells[1].text.links().collect::<Vec<_>>(), [("#x", "表3")]);
        let code = blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Code(c) => Some((b, c)),
            _ => None,
        });
        let (code_block, code) = code.expect("a code block");
        assert_eq!(code_block.section, ["Title", "Part", "响应样例"]);
        assert_eq!(code.info, "json");
        assert_eq!(code.text.trim(), "{\"id\": \"a\"}");
    }

    #[test]
    fn pipe_tables_are_read_with_escaped_pipes_and_locations() {
        let doc = "# T\n\n| 参数 | 类型 |\n| --- | --- |\n| a\\|b | `String` |\n| c |\n";
        let blocks = blocks(doc);
        let BlockKind::Table(table) = &blocks[1].kind else { panic!("expected a table, got {:?}", blocks[1]) };
        assert_eq!(table.header.cells[0].text.plain(), "参数");
        assert_eq!(table.rows[0].cells[0].text.plain(), "a|b");
        assert_eq!(table.rows[0].cells[1].text.plain(), "String");
        assert_eq!(table.rows[1].loc.line, 6);
    }

    #[test]
    fn spans_are_expanded() {
        let doc = "<table><tr><th>参数</th><th>类型</th></tr><tr><td rowspan=\"2\">a</td><td>x</td></tr><tr><td>y</td></tr><tr><td colspan=\"2\">z</td></tr></table>\n";
        let blocks = blocks(doc);
        let BlockKind::Table(table) = &blocks[0].kind else { panic!("expected a table") };
        let texts: Vec<Vec<String>> =
            table.rows.iter().map(|r| r.cells.iter().map(|c| c.text.plain()).collect()).collect();
        assert_eq!(texts, [["a", "x"], ["a", "y"], ["z", "z"]]);
    }

    #[test]
    fn tables_sharing_an_html_block_are_all_read() {
        let doc = "<table><tr><th>参数</th><th>类型</th></tr><tr><td>a</td><td>String</td></tr></table>\n<table><tr><th>参数</th><th>类型</th></tr><tr><td>b</td><td>Integer</td></tr></table>\n\ntext after\n";
        let blocks = blocks(doc);
        let tables: Vec<String> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t.rows[0].cells[0].text.plain()),
                _ => None,
            })
            .collect();
        assert_eq!(tables, ["a", "b"]);
        assert!(matches!(&blocks.last().unwrap().kind, BlockKind::Paragraph(t) if t.plain() == "text after"));
    }

    #[test]
    fn unclosed_html_still_reads() {
        let doc = "<table><tr><th>参数<th>类型<tr><td>a<td>String\n";
        let blocks = blocks(doc);
        let BlockKind::Table(table) = &blocks[0].kind else { panic!("expected a table") };
        assert_eq!(table.rows[0].cells[1].text.plain(), "String");
    }
}
