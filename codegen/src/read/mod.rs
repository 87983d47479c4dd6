//! Reading: a Markdown document becomes a flat list of [`Block`]s, each with the section it
//! sits in and its source location.
//!
//! Nothing here knows what a parameter table means; that is lowering's job. The reader only
//! keeps what the document says and where: headings and list-item labels as section paths,
//! paragraphs, code blocks, and tables (HTML or pipe) as rows of rich-text cells.

mod html_table;
mod markdown;
mod text;

pub use markdown::read_page;
pub use text::{Inline, Line, Text};

use crate::source::{Loc, SourceFile};

/// Reads every document, on all cores; the pages come back in the order of `docs`.
pub fn read_pages(docs: &[SourceFile]) -> Vec<Page> {
    crate::parallel::map(docs, |doc| doc.text.len(), read_page)
}

/// One document, read.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the spec root.
    pub path: String,
    /// The first heading's text.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Where a block sits: the headings above it and the labels of the list items it is nested in,
/// outermost first (`["云手游API", "响应参数"]`).
pub type Section = Vec<String>;

#[derive(Debug, Clone)]
pub struct Block {
    pub section: Section,
    /// How many leading entries of `section` are headings; the rest are list-item labels.
    pub headings: usize,
    pub loc: Loc,
    pub kind: BlockKind,
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    /// A heading or the first paragraph of a list item: it opens a section.
    Label(Text),
    Paragraph(Text),
    Code(CodeBlock),
    Table(Table),
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The info string after the fence (`json`), if any.
    pub info: String,
    pub text: String,
}

/// A table, HTML or pipe, with what identifies it in the document.
#[derive(Debug, Clone)]
pub struct Table {
    /// The caption line above it (`failures数据结构说明` from `**表 1**  failures数据结构说明`).
    pub caption: Option<String>,
    /// The number in its caption (`1` from `**表 1**`), which `表1` links point to.
    pub number: Option<String>,
    /// Anchors (`<a name="…">`) placed right before it, in its caption, or on its list item.
    pub anchors: Vec<String>,
    pub header: Row,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub loc: Loc,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub loc: Loc,
    pub text: Text,
}
