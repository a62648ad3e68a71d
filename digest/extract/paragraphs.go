package extract

import (
	"strings"

	"github.com/digestd/digestd/digest/clean"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that end a paragraph.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Thead, atom.Tbody, atom.Dl,
		atom.Dt, atom.Dd, atom.Figure, atom.Figcaption, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Body, atom.Hr, atom.Br, atom.Main, atom.Aside, atom.Nav, atom.Details, atom.Summary, atom.Caption:
		return true
	}
	return false
}

// block is one paragraph of extracted text and whether it is preformatted (code).
type block struct {
	text string
	pre  bool
}

// paragraphs flattens an extracted tree into paragraphs: each run of inline text
// between block boundaries becomes one paragraph. A table row becomes one paragraph
// with its cells separated by " | ". <br> ends a paragraph.
func paragraphs(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	pre := false
	flush := func() {
		if s := clean.Collapse(cur.String()); s != "" {
			out = append(out, block{text: s, pre: pre})
		}
		cur.Reset()
		pre = false
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button, atom.Select, atom.Form:
				return
			case atom.Td, atom.Th:
				cur.WriteString(" | ")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walkInline(c, &cur)
				}
				return
			case atom.Tr:
				flush()
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				s := strings.Trim(strings.TrimSpace(cur.String()), "| ")
				cur.Reset()
				cur.WriteString(s)
				flush()
				return
			case atom.Pre:
				flush()
				pre = true
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walkInline(c, &cur)
				}
				pre = true
				flush()
				return
			}
			if isBlock(n.DataAtom) {
				flush()
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				flush()
				return
			}
			if n.DataAtom == atom.Img {
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	flush()
	return out
}

// walkInline writes all text below n, ignoring block structure.
func walkInline(n *html.Node, w *strings.Builder) {
	if n.Type == html.TextNode {
		w.WriteString(n.Data)
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		}
		if n.DataAtom == atom.Br || isBlock(n.DataAtom) {
			w.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkInline(c, w)
	}
}
