package helpdesk

import (
	"html"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText turns an HTML message body (an e-mail, a Freshdesk or Zammad
// article) into the plain text a reader sees: tags removed, entities decoded,
// block elements and <br> as line breaks, list items as "- " lines, scripts,
// styles and quoted earlier messages (gmail_quote, freshdesk_quote,
// <blockquote type="cite">) dropped, and runs of blank lines squeezed. Invalid
// UTF-8 is replaced, so the result is always valid UTF-8.
func HTMLToText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	doc, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		// The tokenizer does not fail on bad markup, only on reader
		// errors, which a strings.Reader never returns.
		return strings.TrimSpace(s)
	}
	var w textWriter
	w.walk(doc)
	return w.String()
}

// TextToHTML escapes plain text for a channel whose bodies are HTML, keeping
// line breaks as <br>. What Parley posts must never be interpreted as markup.
func TextToHTML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>\n")
}

// textWriter collects text while walking the parsed tree.
type textWriter struct {
	b   strings.Builder
	pre int
	// space means whitespace was seen and not yet written.
	space bool
}

func (w *textWriter) walk(n *xhtml.Node) {
	switch n.Type {
	case xhtml.TextNode:
		w.text(n.Data)
		return
	case xhtml.ElementNode:
		if skipElement(n) {
			return
		}
	case xhtml.CommentNode, xhtml.DoctypeNode:
		return
	}
	block := n.Type == xhtml.ElementNode && isBlock(n.DataAtom)
	switch n.DataAtom {
	case atom.Br:
		w.space = false
		w.b.WriteByte('\n')
		return
	case atom.Li:
		w.newline()
		w.b.WriteString("- ")
	case atom.Pre:
		w.pre++
		defer func() { w.pre-- }()
	}
	if block {
		w.newline()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		w.space = true
	}
	if block {
		w.newline()
	}
}

// text writes a text node, collapsing whitespace outside <pre>.
func (w *textWriter) text(s string) {
	if w.pre > 0 {
		w.b.WriteString(s)
		return
	}
	if s == "" {
		return
	}
	if isHTMLSpace(rune(s[0])) {
		w.space = true
	}
	for i, f := range strings.FieldsFunc(s, isHTMLSpace) {
		if (w.space || i > 0) && !w.atLineStart() {
			w.b.WriteByte(' ')
		}
		w.space = false
		w.b.WriteString(f)
	}
	if isHTMLSpace(rune(s[len(s)-1])) {
		w.space = true
	}
}

func (w *textWriter) atLineStart() bool {
	s := w.b.String()
	return s == "" || s[len(s)-1] == '\n' || strings.HasSuffix(s, "\n- ")
}

// newline ends the current line unless it is empty.
func (w *textWriter) newline() {
	w.space = false
	if w.b.Len() > 0 && !strings.HasSuffix(w.b.String(), "\n") {
		w.b.WriteByte('\n')
	}
}

// String returns the text with trailing spaces trimmed from each line and at
// most one blank line in a row.
func (w *textWriter) String() string {
	lines := strings.Split(w.b.String(), "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" || l == "-" {
			if l == "-" {
				out = append(out, l)
				blank = false
				continue
			}
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// skipElement reports elements whose content is not part of the message.
func skipElement(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript:
		return true
	case atom.Blockquote:
		return attr(n, "type") == "cite" || strings.Contains(attr(n, "class"), "quote")
	case atom.Div:
		class := attr(n, "class")
		return strings.Contains(class, "gmail_quote") || strings.Contains(class, "freshdesk_quote")
	}
	return false
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol,
		atom.Table, atom.Tr, atom.Blockquote, atom.Pre, atom.Hr, atom.Address,
		atom.Dl, atom.Dt, atom.Dd, atom.Figure, atom.Main, atom.Nav, atom.Aside:
		return true
	}
	return false
}
