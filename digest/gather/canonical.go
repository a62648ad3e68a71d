package gather

import (
	"net/url"
	"strings"
)

// isTracking reports whether a (lowercased) query key only tracks a click
// and never selects content.
func isTracking(key string) bool {
	if strings.HasPrefix(key, "utm_") {
		return true
	}
	switch key {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
		"mc_cid", "mc_eid", "igshid", "_ga", "_gl":
		return true
	}
	return false
}

// CanonicalURL returns raw resolved against base (when raw is relative and
// base is given) in a canonical form: scheme and host lowercased, default
// ports dropped, an empty path of an http(s) URL made "/", the fragment
// removed, and tracking parameters (utm_*, fbclid, gclid and similar) removed
// from the query, whose other parameters keep their order. A raw that cannot
// be parsed is returned trimmed but otherwise unchanged; an empty raw gives "".
func CanonicalURL(raw string, base string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if base = strings.TrimSpace(base); base != "" && !u.IsAbs() {
		if b, err := url.Parse(base); err == nil {
			u = b.ResolveReference(u)
		}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Fragment, u.RawFragment = "", ""
	if u.Host != "" {
		host := strings.ToLower(u.Hostname())
		port := u.Port()
		if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
			port = ""
		}
		host = strings.TrimRight(host, ".")
		if strings.Contains(host, ":") { // IPv6 literal
			host = "[" + host + "]"
		}
		if port != "" {
			host += ":" + port
		}
		u.Host = host
		if u.Path == "" && (u.Scheme == "http" || u.Scheme == "https") {
			u.Path, u.RawPath = "/", ""
		}
	}
	if u.RawQuery != "" {
		u.RawQuery = stripTracking(u.RawQuery)
	}
	u.ForceQuery = false
	return strings.TrimSpace(u.String())
}

// stripTracking removes tracking parameters from a raw query, keeping the
// others byte for byte and in order.
func stripTracking(q string) string {
	var keep []string
	for part := range strings.SplitSeq(q, "&") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTracking(strings.ToLower(key)) {
			continue
		}
		keep = append(keep, part)
	}
	return strings.Join(keep, "&")
}
