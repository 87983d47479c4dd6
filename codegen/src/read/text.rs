//! Rich text of cells and paragraphs: lines of plain text, inline code and links.

/// Text as a list of lines; a list item is a line of its own marked as such.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// Nesting depth when the line is a list item (1 for a top-level item), else 0.
    pub list_depth: u8,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Link { href: String, text: String },
}

impl Text {
    /// The text without markup, lines joined by a newline, spaces collapsed.
    pub fn plain(&self) -> String {
        self.joined('\n')
    }

    /// The text on one line, for cells that hold a name or a type.
    pub fn single_line(&self) -> String {
        self.joined(' ')
    }

    /// The plain text of the lines that have any, joined by `separator`, built in one string.
    fn joined(&self, separator: char) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let before = out.len();
            if before > 0 {
                out.push(separator);
            }
            let mut collapse = Collapse::new(&mut out);
            line.pieces().for_each(|piece| collapse.push(piece));
            if !collapse.started {
                out.truncate(before);
            }
        }
        out
    }

    pub fn links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lines.iter().flat_map(|line| &line.inlines).filter_map(|inline| match inline {
            Inline::Link { href, text } => Some((href.as_str(), text.as_str())),
            _ => None,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(Line::is_blank)
    }
}

impl Line {
    /// The line's text, spaces collapsed.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        let mut collapse = Collapse::new(&mut out);
        self.pieces().for_each(|piece| collapse.push(piece));
        out
    }

    /// Whether the line's plain text is empty: it holds nothing but whitespace.
    fn is_blank(&self) -> bool {
        self.pieces().all(|piece| piece.chars().all(is_space))
    }

    /// The text of each inline, in order.
    fn pieces(&self) -> impl Iterator<Item = &str> {
        self.inlines.iter().map(|inline| match inline {
            Inline::Text(s) | Inline::Code(s) => s.as_str(),
            Inline::Link { text, .. } => text.as_str(),
        })
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

/// Folds runs of whitespace (including non-breaking spaces) into one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    Collapse::new(&mut out).push(s);
    out
}

/// Appends text piece by piece to a string as [`collapse_whitespace`] of the pieces joined
/// would read, without building the joined string first.
struct Collapse<'a> {
    out: &'a mut String,
    /// Whether a word has been written.
    started: bool,
    /// Whether whitespace came after the last word written.
    space: bool,
}

impl<'a> Collapse<'a> {
    fn new(out: &'a mut String) -> Self {
        Collapse { out, started: false, space: false }
    }

    fn push(&mut self, piece: &str) {
        for (i, word) in piece.split(is_space).enumerate() {
            self.space |= i > 0;
            if word.is_empty() {
                continue;
            }
            if self.space && self.started {
                self.out.push(' ');
            }
            self.out.push_str(word);
            self.started = true;
            self.space = false;
        }
    }
}

/// Builds [`Text`] from a stream of pieces, as both readers produce it.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: Text,
    current: Line,
    depth: u8,
}

impl TextBuilder {
    pub fn push_str(&mut self, s: &str) {
        if let Some(Inline::Text(last)) = self.current.inlines.last_mut() {
            last.push_str(s);
        } else {
            self.current.inlines.push(Inline::Text(s.to_owned()));
        }
    }

    pub fn push_code(&mut self, s: &str) {
        self.current.inlines.push(Inline::Code(s.to_owned()));
    }

    pub fn push_link(&mut self, href: &str, text: &str) {
        // Space just inside the link's text still separates it from its neighbours.
        if text.starts_with(char::is_whitespace) {
            self.push_str(" ");
        }
        self.current.inlines.push(Inline::Link { href: href.trim().to_owned(), text: collapse_whitespace(text) });
        if text.ends_with(char::is_whitespace) {
            self.push_str(" ");
        }
    }

    /// Ends the current line, if it has anything in it.
    pub fn break_line(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.current.list_depth = self.depth;
        if !line.is_blank() {
            self.text.lines.push(tidy(line));
        }
    }

    pub fn enter_list_item(&mut self) {
        self.break_line();
        self.depth = self.depth.saturating_add(1);
        self.current.list_depth = self.depth;
    }

    pub fn leave_list_item(&mut self) {
        self.break_line();
        self.depth = self.depth.saturating_sub(1);
        self.current.list_depth = self.depth;
    }

    pub fn finish(mut self) -> Text {
        self.break_line();
        self.text
    }
}

/// Collapses whitespace inside a line's text pieces.
fn tidy(mut line: Line) -> Line {
    let last = line.inlines.len().saturating_sub(1);
    for (i, inline) in line.inlines.iter_mut().enumerate() {
        if let Inline::Text(s) = inline {
            let lead = i > 0 && s.starts_with(char::is_whitespace);
            let trail = i < last && s.ends_with(char::is_whitespace);
            let mut t = collapse_whitespace(s);
            if lead && !t.is_empty() {
                t.insert(0, ' ');
            }
            if trail && !t.is_empty() {
                t.push(' ');
            }
            *s = t;
        }
    }
    line.inlines.retain(|i| !matches!(i, Inline::Text(s) if s.is_empty()));
    line
}
