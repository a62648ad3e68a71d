package gather

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// docKind says where a body may declare its own character set.
type docKind int

const (
	docText docKind = iota // no in-document declaration
	docXML                 // <?xml ... encoding="..."?>
	docHTML                // <meta charset=...> or http-equiv Content-Type
)

// sniffLen is how far into a document a charset declaration is looked for.
const sniffLen = 8 << 10

// toUTF8 converts b to UTF-8 and reports the name of the encoding it was read
// in. The order of evidence is: a byte order mark; then the bytes themselves
// when they are valid UTF-8 (whatever a prolog or header claims, since
// mislabelled UTF-8 is common and a legacy text that happens to be valid
// UTF-8 is rare); then the first non-UTF-8 charset named by the Content-Type
// header or the document (XML prolog, HTML meta); then, with no usable label,
// UTF-8 with invalid bytes replaced when most of the non-ASCII is UTF-8, else
// a guess between Windows-1251, KOI8-U and Windows-1252 (see guessLegacy).
// Content with NUL bytes or many control characters is ErrBinary.
// For XML and HTML the in-document declaration of the result is rewritten
// to name UTF-8, so that a later parser does not decode the text twice.
func toUTF8(b []byte, contentType string, kind docKind) ([]byte, string, error) {
	if enc, name, n := bomEncoding(b); enc != nil {
		out, err := enc.NewDecoder().Bytes(b[n:])
		if err != nil {
			return nil, "", fmt.Errorf("decode %s: %w", name, err)
		}
		if !utf8.Valid(out) {
			out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
		return relabel(out, kind), name, nil
	}
	if looksBinary(b) {
		return nil, "", fmt.Errorf("NUL bytes or control characters, not text in UTF-8 or a known charset: %w", ErrBinary)
	}
	if utf8.Valid(b) {
		return relabel(b, kind), "utf-8", nil
	}
	for _, label := range declaredCharsets(b, contentType, kind) {
		enc, err := htmlindex.Get(label)
		if err != nil || isUTF8(enc) || isUTF16(enc) {
			continue // UTF-16 text was recognised above; a UTF-16 label on other bytes is wrong
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			continue
		}
		name, _ := htmlindex.Name(enc)
		return relabel(out, kind), name, nil
	}
	if mostlyUTF8(b) {
		return relabel(bytes.ToValidUTF8(b, []byte("\uFFFD")), kind), "utf-8", nil
	}
	enc, name := guessLegacy(b)
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return relabel(out, kind), name, nil
}

// guessLegacy picks the single-byte charset of undeclared, non-UTF-8 text.
// Cyrillic text has most of its bytes above 0x7F in runs (whole words),
// Latin text one at a time among ASCII letters. Of the Cyrillic code pages,
// Windows-1251 puts lowercase letters at 0xE0-0xFF and KOI8 at 0xC0-0xDF,
// and running text is mostly lowercase. KOI8-U is KOI8-R plus the Ukrainian
// letters. Anything else is read as Windows-1252, the web's fallback.
func guessLegacy(b []byte) (encoding.Encoding, string) {
	high, inRun, upper, lower := 0, 0, 0, 0
	for i, c := range b {
		if c < 0x80 {
			continue
		}
		high++
		if (i > 0 && b[i-1] >= 0x80) || (i+1 < len(b) && b[i+1] >= 0x80) {
			inRun++
		}
		switch {
		case c >= 0xE0:
			upper++
		case c >= 0xC0:
			lower++
		}
	}
	if high >= 8 && inRun*3 >= high*2 {
		if lower > upper {
			return charmap.KOI8U, "koi8-u"
		}
		return charmap.Windows1251, "windows-1251"
	}
	return charmap.Windows1252, "windows-1252"
}

func isUTF8(enc encoding.Encoding) bool {
	name, err := htmlindex.Name(enc)
	return err == nil && name == "utf-8"
}

func isUTF16(enc encoding.Encoding) bool {
	name, err := htmlindex.Name(enc)
	return err == nil && strings.HasPrefix(name, "utf-16")
}

// bomEncoding recognises a byte order mark (or unmarked UTF-16 markup) and
// returns its encoding and the mark's length.
func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	// UTF-16 without a mark, recognised by a document that opens with '<'.
	case len(b) >= 4 && b[0] == '<' && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 0
	case len(b) >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] != 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 0
	}
	return nil, "", 0
}

// looksBinary reports whether the start of b is not text: a NUL byte, or
// more than 1 in 20 bytes a control character other than white space.
func looksBinary(b []byte) bool {
	head := b[:min(len(b), sniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// mostlyUTF8 reports whether b holds more valid multi-byte UTF-8 sequences
// than invalid bytes: UTF-8 text with a few stray bytes.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[n:]
	}
	return valid > invalid
}

// declaredCharsets lists the charset labels named by the Content-Type header
// and the document itself, in that order (RFC 7303 gives the header
// precedence; a wrong UTF-8 header is skipped by the caller).
func declaredCharsets(b []byte, contentType string, kind docKind) []string {
	var labels []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		labels = append(labels, params["charset"])
	}
	switch kind {
	case docXML:
		if label, ok := xmlEncoding(b); ok {
			labels = append(labels, label)
		}
	case docHTML:
		if _, _, label, ok := metaCharset(b); ok {
			labels = append(labels, label)
		}
	}
	return labels
}

// xmlDecl locates the XML declaration of a document: b[start:end] runs from
// "<?xml" to its closing ">" (a declaration missing its "?" still ends
// there). Text before it that holds no markup (white space, a server's
// warning) is tolerated; ok is false when there is no declaration in the
// first KiB or markup comes before it.
func xmlDecl(b []byte) (start, end int, ok bool) {
	head := b[:min(len(b), 1024)]
	from := 0
	for {
		i := bytes.Index(head[from:], []byte("<?xml"))
		if i < 0 {
			return 0, 0, false
		}
		i += from
		if bytes.IndexByte(head[:i], '<') >= 0 {
			return 0, 0, false
		}
		if k := i + len("<?xml"); k < len(b) && strings.IndexByte(" \t\r\n?", b[k]) >= 0 {
			j := bytes.IndexByte(b[i:min(len(b), i+1024)], '>')
			if j < 0 {
				return 0, 0, false
			}
			return i, i + j + 1, true
		}
		from = i + 1 // "<?xml-stylesheet" and the like
	}
}

// xmlEncoding returns the value of the encoding pseudo-attribute of the XML
// declaration, if any.
func xmlEncoding(b []byte) (string, bool) {
	s, e, ok := xmlDecl(b)
	if !ok {
		return "", false
	}
	decl := b[s:e]
	k := bytes.Index(decl, []byte("encoding"))
	if k < 0 {
		return "", false
	}
	vs, ve, ok := attrValue(decl, k+len("encoding"))
	if !ok {
		return "", false
	}
	return string(decl[vs:ve]), true
}

// metaCharset finds a charset named in the first sniffLen bytes of an HTML
// document: <meta charset="x"> or <meta http-equiv=... content="...; charset=x">.
func metaCharset(b []byte) (start, end int, label string, ok bool) {
	head := b[:min(len(b), sniffLen)]
	lower := bytes.ToLower(head)
	from := 0
	for {
		m := bytes.Index(lower[from:], []byte("<meta"))
		if m < 0 {
			return 0, 0, "", false
		}
		m += from
		tagEnd := bytes.IndexByte(lower[m:], '>')
		if tagEnd < 0 {
			return 0, 0, "", false
		}
		tag := lower[m : m+tagEnd]
		if k := bytes.Index(tag, []byte("charset")); k >= 0 {
			if s, e, ok := attrValue(tag, k+len("charset")); ok && e > s {
				return m + s, m + e, string(head[m+s : m+e]), true
			}
		}
		from = m + tagEnd
	}
}

// attrValue reads `= value` (quoted or not) starting at b[i] and returns the
// value's range. It stops at a quote, space, ';' or the end.
func attrValue(b []byte, i int) (int, int, bool) {
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i >= len(b) || b[i] != '=' {
		return 0, 0, false
	}
	i++
	for i < len(b) && (b[i] == ' ' || b[i] == '"' || b[i] == '\'') {
		i++
	}
	s := i
	for i < len(b) && !strings.ContainsRune("\"' ;/>\t\r\n", rune(b[i])) {
		i++
	}
	return s, i, i > s
}

// utf8Decl is the XML declaration of a document decoded to UTF-8.
const utf8Decl = `<?xml version="1.0" encoding="UTF-8"?>`

// relabel rewrites the document's own charset declaration to name UTF-8. An
// XML declaration is replaced whole, which also repairs a broken one (bad
// quoting, a missing "?", junk text before it).
func relabel(b []byte, kind docKind) []byte {
	switch kind {
	case docXML:
		s, e, ok := xmlDecl(b)
		if !ok {
			return b
		}
		if label, _ := xmlEncoding(b); len(bytes.TrimSpace(b[:s])) == 0 && bytes.HasSuffix(b[s:e], []byte("?>")) &&
			(label == "" || strings.EqualFold(label, "utf-8")) {
			return b // already fine
		}
		out := make([]byte, 0, len(b)-e+len(utf8Decl))
		out = append(out, utf8Decl...)
		return append(out, b[e:]...)
	case docHTML:
		s, e, _, ok := metaCharset(b)
		if !ok || strings.EqualFold(string(b[s:e]), "utf-8") {
			return b
		}
		out := make([]byte, 0, len(b)-(e-s)+5)
		out = append(out, b[:s]...)
		out = append(out, "UTF-8"...)
		return append(out, b[e:]...)
	}
	return b
}
