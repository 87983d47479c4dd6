//! HTML `<table>` blocks, parsed with scraper into rows of rich-text cells.
//!
//! scraper gives no source positions, so rows and cells are located by scanning the raw HTML
//! for their opening tags in document order; for well-formed tables the two orders agree, and
//! otherwise a cell falls back to its row's or the table's line.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::text::TextBuilder;
use super::{Cell, Row, Text};
use crate::source::SourceFile;

/// Beyond this element depth a cell's content is flattened to its text, so hostile nesting
/// cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Parses the table that starts at `offset` in `file` and spans `html`.
/// Returns the header row and the body rows; `None` when the fragment holds no table rows.
pub(super) fn parse(file: &SourceFile, offset: usize, html: &str) -> Option<(Row, Vec<Row>)> {
    let fragment = Html::parse_fragment(html);
    let table = fragment.root_element().descendent_elements().find(|e| e.value().name() == "table")?;
    let grid = expand_spans(&direct_rows(table));
    // Every tag position is found in one pass over the table; a row's cells are the cell tags
    // between its `<tr` and the next `</tr` (or the table's end).
    let Tags { rows: row_offsets, cells: cell_offsets, row_closes } = Tags::scan(html);
    let mut row_offsets = row_offsets.into_iter();
    let mut rows = grid.into_iter().map(|(header, cells)| {
        let row_start = row_offsets.next().unwrap_or(0);
        let row_end = row_closes.get(row_closes.partition_point(|&at| at < row_start)).copied().unwrap_or(html.len());
        let first_cell = cell_offsets.partition_point(|&at| at < row_start);
        let mut cell_at = cell_offsets[first_cell..].iter().take_while(|&&at| at < row_end);
        let row_at = offset + row_start;
        let cells = cells
            .into_iter()
            .map(|text| {
                let at = cell_at.next().map_or(row_start, |&at| content_at(html, at, &text));
                Cell { loc: file.loc(offset + at), text }
            })
            .collect();
        (header, Row { loc: file.loc(row_at), cells })
    });
    // The first row is the header, whether it is marked up as one or not.
    let (_, header) = rows.next()?;
    Some((header, rows.map(|(_, row)| row).collect()))
}

/// Where a cell's text starts, so that diagnostics point at the text rather than at the tag:
/// the first occurrence of the text's first word after the cell's opening tag, or the tag.
fn content_at(html: &str, cell_at: usize, text: &Text) -> usize {
    let plain = text.plain();
    let word: String =
        plain.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '&')).take(8).collect();
    let end = html[cell_at..].find("</t").map_or(html.len(), |close| cell_at + close);
    match html.get(cell_at..end).filter(|_| !word.is_empty()).and_then(|cell| cell.find(&word)) {
        Some(found) => cell_at + found,
        None => cell_at,
    }
}

/// A row's cells as (text, rowspan, colspan), and whether it is a header row.
struct RawRow {
    header: bool,
    cells: Vec<(Text, usize, usize)>,
}

/// The rows of this table, not of tables nested in its cells.
fn direct_rows(table: ElementRef<'_>) -> Vec<RawRow> {
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push(raw_row(child, false)),
            group @ ("thead" | "tbody" | "tfoot") => {
                rows.extend(
                    child.child_elements().filter(|e| e.value().name() == "tr").map(|tr| raw_row(tr, group == "thead")),
                );
            }
            _ => {}
        }
    }
    rows
}

fn raw_row(tr: ElementRef<'_>, in_thead: bool) -> RawRow {
    let cells: Vec<_> = tr.child_elements().filter(|e| matches!(e.value().name(), "td" | "th")).collect();
    let header = in_thead || (!cells.is_empty() && cells.iter().all(|c| c.value().name() == "th"));
    let span = |cell: &ElementRef<'_>, attr| {
        cell.attr(attr).and_then(|v| v.trim().parse().ok()).unwrap_or(1usize).clamp(1, 64)
    };
    RawRow { header, cells: cells.iter().map(|c| (cell_text(*c), span(c, "rowspan"), span(c, "colspan"))).collect() }
}

/// Lays out rowspan and colspan so that every row has one entry per column, repeating the
/// spanning cell's text where it spans.
fn expand_spans(rows: &[RawRow]) -> Vec<(bool, Vec<Text>)> {
    let mut carried: Vec<(usize, Text)> = Vec::new(); // per column: rows still to fill, text
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<Text> = Vec::new();
        let mut pending = row.cells.iter();
        let mut column = 0;
        loop {
            if let Some((left, text)) = carried.get_mut(column).filter(|(left, _)| *left > 0) {
                *left -= 1;
                cells.push(text.clone());
                column += 1;
                continue;
            }
            let Some((text, rowspan, colspan)) = pending.next() else { break };
            for _ in 0..*colspan {
                if carried.len() <= column {
                    carried.resize(column + 1, (0, Text::default()));
                }
                carried[column] = (rowspan - 1, text.clone());
                cells.push(text.clone());
                column += 1;
            }
        }
        out.push((row.header, cells));
    }
    out
}

/// Converts a cell's content to rich text: paragraphs and breaks become lines, list items
/// become list lines, links keep their target.
fn cell_text(cell: ElementRef<'_>) -> Text {
    let mut builder = TextBuilder::default();
    for child in cell.children() {
        walk(child, &mut builder, 0);
    }
    builder.finish()
}

fn walk(node: NodeRef<'_, Node>, out: &mut TextBuilder, depth: usize) {
    match node.value() {
        Node::Text(text) => out.push_str(text),
        Node::Element(element) => {
            let Some(element_ref) = ElementRef::wrap(node) else { return };
            if depth > MAX_DEPTH {
                out.push_str(&element_ref.text().collect::<String>());
                return;
            }
            match element.name() {
                "a" => match element.attr("href") {
                    Some(href) => out.push_link(href, &element_ref.text().collect::<String>()),
                    None => walk_children(node, out, depth),
                },
                "br" => out.break_line(),
                "code" | "kbd" | "samp" => out.push_code(&element_ref.text().collect::<String>()),
                "li" => {
                    out.enter_list_item();
                    walk_children(node, out, depth);
                    out.leave_list_item();
                }
                "p" | "div" | "ul" | "ol" | "table" | "tr" | "pre" | "dl" | "dt" | "dd" => {
                    out.break_line();
                    walk_children(node, out, depth);
                    out.break_line();
                }
                "td" | "th" => {
                    walk_children(node, out, depth);
                    out.push_str(" ");
                }
                "script" | "style" => {}
                _ => walk_children(node, out, depth),
            }
        }
        _ => {}
    }
}

fn walk_children(node: NodeRef<'_, Node>, out: &mut TextBuilder, depth: usize) {
    for child in node.children() {
        walk(child, out, depth + 1);
    }
}

/// Byte offsets of the tags that place rows and cells, in document order.
struct Tags {
    /// Every opening `<tr` (followed by `>`, `/` or whitespace), any case.
    rows: Vec<usize>,
    /// Every opening `<td` or `<th`, likewise.
    cells: Vec<usize>,
    /// Every `</tr`, as written.
    row_closes: Vec<usize>,
}

impl Tags {
    fn scan(html: &str) -> Tags {
        let bytes = html.as_bytes();
        let mut tags = Tags { rows: Vec::new(), cells: Vec::new(), row_closes: Vec::new() };
        for at in bytes.iter().enumerate().filter_map(|(at, &b)| (b == b'<').then_some(at)) {
            let name = &bytes[at + 1..];
            if opens(name, b"tr") {
                tags.rows.push(at);
            } else if opens(name, b"td") || opens(name, b"th") {
                tags.cells.push(at);
            } else if name.starts_with(b"/tr") {
                tags.row_closes.push(at);
            }
        }
        tags
    }
}

/// Whether `name`, the text after a `<`, is the tag `tag` in any case, followed by `>`, `/` or
/// whitespace.
fn opens(name: &[u8], tag: &[u8]) -> bool {
    name.len() > tag.len()
        && name[..tag.len()].eq_ignore_ascii_case(tag)
        && matches!(name[tag.len()], b'>' | b'/' | b' ' | b'\t' | b'\n')
}

/// Whether `html` starts with `prefix`, ignoring ASCII case.
pub(super) fn starts_with_ignore_case(html: &str, prefix: &str) -> bool {
    html.as_bytes().get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `html` ends with `suffix`, ignoring ASCII case.
pub(super) fn ends_with_ignore_case(html: &str, suffix: &str) -> bool {
    html.len()
        .checked_sub(suffix.len())
        .and_then(|at| html.as_bytes().get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// The end of the `<table>` element starting at the beginning of `html`: the offset just past
/// its matching `</table>`, counting nested tables, or the end of `html` when it is unclosed.
///
/// It scans tag by tag and stops at the matching close, so reading a document costs time in
/// proportion to its tables, not to the rest of the document after each of them.
pub(super) fn table_end(html: &str) -> usize {
    let mut depth = 0usize;
    for at in html.bytes().enumerate().filter_map(|(at, b)| (b == b'<').then_some(at)) {
        let rest = &html[at..];
        if starts_with_ignore_case(rest, "<table")
            && matches!(rest.as_bytes().get(6), Some(b'>' | b' ' | b'\n' | b'\t' | b'/'))
        {
            depth += 1;
        } else if starts_with_ignore_case(rest, "</table") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return rest.find('>').map_or(html.len(), |close| at + close + 1);
            }
        }
    }
    html.len()
}
