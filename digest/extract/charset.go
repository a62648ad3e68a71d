package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// metaScan is how far into the page a <meta charset> is looked for.
const metaScan = 8 << 10

// toUTF8 returns body converted to UTF-8 and the name of the charset it was read as.
// Order: a byte-order mark; bytes that are already valid UTF-8; the charset the page
// declares in a <meta> tag; windows-1252 (the web's default for undeclared pages).
func toUTF8(body []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return body[3:], "utf-8", nil
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return decode(body, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le")
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return decode(body, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be")
	case utf8.Valid(body):
		return body, "utf-8", nil
	}
	if name := declaredCharset(body[:min(len(body), metaScan)]); name != "" {
		if enc, canon := charset.Lookup(name); enc != nil {
			if canon == "utf-8" {
				return bytes.ToValidUTF8(body, []byte("\uFFFD")), canon, nil
			}
			return decode(body, enc, canon)
		}
	}
	enc, name, _ := charset.DetermineEncoding(body, "text/html")
	if name == "utf-8" {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), name, nil
	}
	return decode(body, enc, name)
}

func decode(body []byte, enc encoding.Encoding, name string) ([]byte, string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return nil, name, fmt.Errorf("extract: decoding %s: %w", name, err)
	}
	return out, name, nil
}

// declaredCharset finds charset=NAME inside a <meta> tag of head (case-insensitive):
// <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
func declaredCharset(head []byte) string {
	lower := bytes.ToLower(head)
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		start := off + i
		end := bytes.IndexByte(lower[start:], '>')
		if end < 0 {
			return ""
		}
		tag := lower[start : start+end]
		off = start + end
		j := bytes.Index(tag, []byte("charset"))
		if j < 0 {
			continue
		}
		rest := bytes.TrimLeft(tag[j+len("charset"):], " \t\r\n")
		if len(rest) == 0 || rest[0] != '=' {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t\r\n\"'")
		k := bytes.IndexAny(rest, "\"'; \t\r\n/")
		if k < 0 {
			k = len(rest)
		}
		if k > 0 {
			return string(rest[:k])
		}
	}
}
