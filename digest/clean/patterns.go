package clean

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons recorded in Dropped.Reason, one per rule.
const (
	ReasonHeader     = "before the headline: header or navigation"
	ReasonDateLine   = "date line"
	ReasonError      = "error banner"
	ReasonNav        = "navigation"
	ReasonLabel      = "section label unrelated to the article"
	ReasonJunk       = "template token or markup residue"
	ReasonPrompt     = "share or comment prompt"
	ReasonApp        = "app download prompt"
	ReasonSocial     = "social or newsletter prompt"
	ReasonByline     = "byline or date label"
	ReasonCopyright  = "copyright footer"
	ReasonRelated    = "related, latest or popular block"
	ReasonComments   = "comments block"
	ReasonPrevNext   = "previous or next article link"
	ReasonDisclaimer = "legal disclaimer"
	ReasonAbout      = "about-us footer"
	ReasonTeaser     = "truncated teaser of another article"
	ReasonRepeat     = "repeated paragraph"
	ReasonTitle      = "repeats the headline"
	ReasonTicker     = "trailing ticker of unrelated news items"
	ReasonFeed       = "feed footer"
	ReasonMedia      = "media player or gallery text"
)

// lowerKey lowercases s and trims decoration around it (bullets, arrows, colons,
// ellipses) so that "» Read more…" and "read more" compare equal.
func lowerKey(s string) string {
	s = strings.ToLower(s)
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func hasAnyPrefix(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// classify applies the context-free rules to one paragraph and returns the Reason
// it is dropped for, or "" to keep it.
func classify(p string) string {
	if !hasLetter(p) && strings.IndexFunc(p, unicode.IsDigit) < 0 {
		return ReasonJunk
	}
	if slideCounter(p) {
		return ReasonMedia
	}
	wc := wordCount(p)
	if wc > 40 { // every rule below is for short lines
		return ""
	}
	k := lowerKey(p)
	lc := strings.ToLower(p)
	switch {
	case isJunkToken(p):
		return ReasonJunk
	case containsAny(lc, "this is a modal window", "subtitles off", "captions off", "descriptions off",
		"your browser does not support", "press escape to close", "beginning of dialog window", "end of dialog window"):
		return ReasonMedia
	case isErrorBanner(k, lc, wc):
		return ReasonError
	case isNav(k, wc) || isTagLine(lc, wc):
		return ReasonNav
	case isPrompt(k, lc, wc):
		return ReasonPrompt
	case isApp(lc, wc):
		return ReasonApp
	case isSocial(lc, wc):
		return ReasonSocial
	case isCopyright(k, lc, wc):
		return ReasonCopyright
	case isInlineRelated(p, wc):
		return ReasonRelated
	case isFeedFooter(lc, wc):
		return ReasonFeed
	case isBylineLabel(k, wc, p):
		return ReasonByline
	}
	if wc <= 8 {
		if _, ok := parseDateLine(p); ok {
			return ReasonDateLine
		}
	}
	return ""
}

// slideCounter: a gallery slide that opens with its position, "1/50 Caption…".
func slideCounter(p string) bool {
	i := strings.IndexByte(p, '/')
	if i < 1 || i > 3 || !isNumber(p[:i]) {
		return false
	}
	j := i + 1
	for j < len(p) && p[j] >= '0' && p[j] <= '9' {
		j++
	}
	if j == i+1 || j-i-1 > 3 || j >= len(p) {
		return false
	}
	num, _ := strconv.Atoi(p[:i])
	den, _ := strconv.Atoi(p[i+1 : j])
	rest := strings.TrimLeft(p[j:], " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return num >= 1 && num <= den && den >= 2 && unicode.IsUpper(r)
}

// isJunkToken: one "word" that is an identifier or markup residue ("spot_img",
// "{{title}}", "[object Object]", "undefined").
func isJunkToken(p string) bool {
	if strings.ContainsAny(p, "{}") && (strings.Contains(p, "{{") || strings.Contains(p, "}}")) {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "undefined", "null", "nan", "[object object]", "advertisement", "advertisment", "ad", "ads",
		"sponsored", "sponsored content", "реклама", "anzeige", "publicité", "publicidad":
		return true
	}
	if strings.ContainsAny(p, " \t") {
		return false
	}
	return strings.Contains(p, "_") || strings.ContainsAny(p, "<>=")
}

// isFeedFooter: what blog engines append to feed items: "The post X appeared first
// on Y.", "This entry was posted in …".
func isFeedFooter(lc string, wc int) bool {
	return wc <= 40 && (strings.Contains(lc, "appeared first on") || strings.HasPrefix(lc, "this entry was posted in") ||
		strings.HasPrefix(lc, "the post ") && strings.Contains(lc, " appeared on "))
}

func isNav(k string, wc int) bool {
	if wc <= 12 && hasAnyPrefix(k, "continue reading ", "read the full story", "read the full article", "read the rest",
		"read full story", "read full article", "view original article", "читать полностью", "читать дальше") {
		return true
	}
	if wc > 6 {
		return false
	}
	switch k {
	case "back to top", "back to top button", "scroll to top", "go to top", "top", "load more", "show more",
		"read more", "read full article", "continue reading", "skip to content", "skip to main content",
		"menu", "main menu", "home", "search", "close", "next", "previous", "prev", "more", "view all",
		"see all", "see more", "show all", "view more", "older posts", "newer posts", "toggle navigation",
		"log in", "login", "sign in", "register", "subscribe", "print", "email", "e-mail", "tweet", "whatsapp",
		"facebook", "twitter", "telegram", "linkedin", "reddit", "pinterest", "copy link", "copy url",
		"x", "vk", "listen", "listen to this article", "font size", "print this page",
		"загрузить ещё", "загрузить еще", "показать ещё", "показать еще", "читать далее", "наверх", "главная",
		"mehr laden", "weiterlesen", "nach oben", "lire la suite", "voir plus", "cargar más", "leer más":
		return true
	}
	return false
}

// isTagLine: "Tags: a, b, c", "Filed under: …", "Topics: …".
func isTagLine(lc string, wc int) bool {
	return wc <= 25 && hasAnyPrefix(lc, "tags:", "tag:", "topics:", "categories:", "category:", "filed under",
		"теги:", "метки:", "темы:", "schlagwörter:", "mots-clés:", "etiquetas:")
}

func isPrompt(k, lc string, wc int) bool {
	if wc <= 4 && (k == "comment" || hasAnyPrefix(k, "comments", "comment ", "комментари", "kommentare", "commentaires", "comentarios")) {
		return true
	}
	if wc <= 4 && (k == "share" || hasAnyPrefix(k, "share ", "share:", "поделиться", "teilen", "partager", "compartir")) {
		return true
	}
	if wc <= 25 && containsAny(lc, "your email address will not be published", "required fields are marked",
		"comments are closed", "log in to comment", "sign in to comment", "must be logged in to post a comment") {
		return true
	}
	if wc > 12 {
		return false
	}
	return containsAny(lc, "share post", "share this", "share on ", "share article", "leave a reply",
		"leave a comment", "leave the first comment", "post a comment", "add a comment", "no comments",
		"be the first to comment", "join the conversation", "join the discussion", "what is your opinion",
		"what do you think", "what's your opinion", "click here to", "оставьте комментарий", "ваше мнение",
		"поделитесь", "ihre meinung", "votre avis", "tu opinión")
}

func isApp(lc string, wc int) bool {
	if wc > 40 {
		return false
	}
	store := containsAny(lc, "app store", "play store", "google play", "appgallery", "apple store")
	act := containsAny(lc, "download", "install", "available on", "get it on", "get the", "скачать", "herunterladen", "télécharger", "descarga")
	return (store && act) || containsAny(lc, "download our app", "download the app", "get our app")
}

func isSocial(lc string, wc int) bool {
	if wc > 30 {
		return false
	}
	return containsAny(lc, "follow us", "stay connected with us", "join us on", "like us on", "find us on",
		"subscribe to our", "sign up for our", "sign up to our", "subscribe to the newsletter", "our newsletter",
		"join our telegram", "join our whatsapp", "social media platforms for", "подписывайтесь", "подпишитесь",
		"folgen sie uns", "suivez-nous", "síguenos")
}

func isCopyright(k, lc string, wc int) bool {
	if wc > 40 {
		return false
	}
	if strings.HasPrefix(lc, "©") || strings.HasPrefix(lc, "(c) ") || strings.HasPrefix(k, "copyright") {
		return true
	}
	return containsAny(lc, "all rights reserved", "все права защищены", "всі права захищені", "alle rechte vorbehalten",
		"tous droits réservés", "todos los derechos reservados", "©")
}

// isInlineRelated: a link to another article with its label on one line,
// "Read more: Earlier talks ended without a deal", "Читайте также: ...".
func isInlineRelated(p string, wc int) bool {
	i := strings.IndexAny(p, ":：")
	if wc > 20 || i < 0 {
		return false
	}
	label := lowerKey(p[:i])
	switch label {
	case "read more", "read also", "also read", "see also", "related", "related article", "related story",
		"more", "recommended", "watch", "listen", "read next", "more on this", "читайте также", "читайте також",
		"по теме", "смотрите также", "lesen sie auch", "mehr zum thema", "lire aussi", "à lire aussi", "lee también",
		"te puede interesar":
		return true
	}
	return false
}

// isBylineLabel: "By: Agencies", "Author: …", "Date:" or "Published:" standing alone.
func isBylineLabel(k string, wc int, p string) bool {
	if wc > 6 || endsSentence(p) && wc > 3 {
		return false
	}
	if hasAnyPrefix(k+" ", "by ", "by: ", "author ", "authors ", "written by ", "reporting by ", "von ", "par ", "por ", "автор ") {
		return true
	}
	switch k {
	case "date", "published", "updated", "posted", "posted on", "last updated", "source", "photo", "image", "дата", "datum":
		return true
	}
	return false
}

// headingKind names the block that a heading-like paragraph starts, or "".
func headingKind(p string) string {
	wc := wordCount(p)
	if wc > 8 || endsSentence(p) && !strings.HasSuffix(p, ":") {
		if k := lowerKey(p[:min(len(p), 40)]); hasAnyPrefix(k, "disclaimer", "legal disclaimer") && strings.Contains(p, ":") {
			return ReasonDisclaimer
		}
		return ""
	}
	k := lowerKey(p)
	switch {
	case hasAnyPrefix(k, "previous article", "next article", "previous post", "next post", "previous story",
		"next story", "older post", "newer post", "prev article", "предыдущая статья", "следующая статья",
		"попередня стаття", "наступна стаття", "vorheriger artikel", "nächster artikel", "article précédent",
		"article suivant", "artículo anterior", "siguiente artículo"):
		return ReasonPrevNext
	case hasAnyPrefix(k, "disclaimer", "legal disclaimer", "haftungsausschluss", "avertissement"):
		return ReasonDisclaimer
	case k == "about us" || k == "about the author" || k == "about the publisher" || k == "о нас" || k == "про нас" ||
		k == "über uns" || k == "qui sommes-nous" || k == "quiénes somos":
		return ReasonAbout
	case isRelatedHeading(k, wc):
		return ReasonRelated
	case wc <= 3 && hasAnyPrefix(k, "comments", "reader comments", "user comments", "комментарии", "kommentare", "commentaires"):
		return ReasonComments
	}
	return ""
}

func isRelatedHeading(k string, wc int) bool {
	switch k {
	case "related", "latest", "popular", "trending", "recommended", "more", "also read", "read also",
		"see also", "read next", "up next", "recent", "в тему", "по теме", "похожие", "популярное", "популярне":
		return true
	}
	if wc > 7 {
		return false
	}
	return hasAnyPrefix(k, "related ", "latest news", "latest stories", "latest articles", "latest posts",
		"latest updates", "latest from", "popular news", "popular posts", "popular stories", "popular articles",
		"most popular", "most read", "most viewed", "most shared", "trending now", "trending news",
		"trending stories", "recommended for you", "recommended stories", "recommended articles",
		"you may also like", "you might also like", "you may be interested", "you might be interested",
		"more stories", "more news", "more from", "more on this", "more articles", "more in ", "top stories",
		"top news", "editor's picks", "editors' picks", "editor’s picks", "recent posts", "recent news",
		"recent articles", "in other news", "other news", "also on ", "читайте также", "читайте також",
		"похожие новости", "похожие статьи", "последние новости", "самое читаемое", "самое популярное",
		"останні новини", "схожі новини", "ähnliche artikel", "mehr zum thema", "meistgelesen", "weitere artikel",
		"à lire aussi", "a lire aussi", "articles similaires", "les plus lus", "noticias relacionadas",
		"lo más leído", "te puede interesar", "más noticias")
}

// headingLike reports whether p looks like a heading or label rather than prose:
// short, no terminal punctuation, mostly capitalised words (or all capitals).
func headingLike(p string) bool {
	wc := wordCount(p)
	if wc == 0 || wc > 8 || endsSentence(p) {
		return false
	}
	return capitalizedShare(p) >= 0.6 || strings.ToUpper(p) == p && strings.ToLower(p) != p
}
