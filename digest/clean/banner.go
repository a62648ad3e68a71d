package clean

import "strings"

// isErrorBanner reports whether a short line is what an error page, a bot wall or
// an access-denied page says of itself ("Sorry!!", "Error 403: Access denied",
// "404 Not Found", "The page you were looking for doesn't exist").
func isErrorBanner(k, lc string, wc int) bool {
	if httpErrorLine(lc, wc) {
		return true
	}
	if wc <= 3 && strings.Contains(lc, "!") &&
		containsAny(k, "sorry", "oops", "whoops", "error", "упс", "ой", "извините", "désolé", "lo sentimos", "entschuldigung", "fehler") {
		return true
	}
	switch k {
	case "404", "403", "403 forbidden", "404 not found", "not found", "page not found", "forbidden",
		"access denied", "error", "error 404", "error 403", "something went wrong", "just a moment",
		"страница не найдена", "seite nicht gefunden", "page introuvable", "página no encontrada":
		return true
	}
	if wc > 30 {
		return false
	}
	if isBlockedPage(lc) {
		return true
	}
	if !containsAny(lc, "page", "страниц", "seite", "página", "pagina") {
		return false
	}
	// Phrases that only an error page says of itself.
	if containsAny(lc, "you were looking for", "you requested", "you are looking for", "could not be found",
		"couldn't be found", "couldn’t be found", "cannot be found", "page not found", "не найден", "nicht gefunden",
		"introuvable", "no encontrada", "could not be loaded", "couldn't be loaded", "failed to load") {
		return true
	}
	// Weaker phrases need an apology or error word, or a very short line.
	return containsAny(lc, "doesn't exist", "does not exist", "doesn’t exist", "no longer available", "has been removed",
		"has moved", "не существует", "no existe") &&
		(wc <= 10 || containsAny(lc, "sorry", "error", "404", "oops", "извините", "ошибка"))
}

// isBlockedPage: bot walls and access-denied pages.
func isBlockedPage(lc string) bool {
	return containsAny(lc, "enable javascript", "checking your browser", "are you a robot", "verify you are human",
		"access to this page has been denied", "you don't have permission to access", "request blocked")
}

// httpErrorLine: a line of at most 8 words made only of the words of HTTP error
// messages ("Error 403: Access denied", "403 Forbidden", "HTTP 404 - Page not
// found", "Ошибка 404. Доступ запрещён", "Seite nicht gefunden"), with at least one
// word that only an error says (a 4xx/5xx code, "error", "forbidden", "denied",
// "found"). A headline that merely uses such a word has other words too.
func httpErrorLine(lc string, wc int) bool {
	if wc == 0 || wc > 8 {
		return false
	}
	marker := false
	for _, w := range words(lc) {
		if len(w) == 3 && isNumber(w) && (w[0] == '4' || w[0] == '5') {
			marker = true
			continue
		}
		switch errorWord(w) {
		case 0:
			return false
		case 2:
			marker = true
		}
	}
	return marker
}

// errorWord is 2 for a word that marks an HTTP error message, 1 for a word that
// such messages also use, and 0 for any other word.
func errorWord(w string) int {
	switch w {
	case "error", "forbidden", "denied", "unauthorized", "unauthorised", "found", "unavailable", "timeout",
		"ошибка", "запрещен", "запрещён", "найдена", "найден", "недоступна", "недоступен",
		"помилка", "заборонено", "знайдено", "знайдена",
		"fehler", "verboten", "verweigert", "gefunden", "nicht-gefunden",
		"erreur", "interdit", "refusé", "introuvable", "trouvée", "trouvé",
		"denegado", "prohibido", "encontrada", "encontrado":
		return 2
	case "http", "https", "status", "code", "page", "access", "not", "the", "this", "is", "was", "request",
		"requested", "bad", "internal", "server", "service", "gateway", "too", "many", "requests", "url",
		"resource", "file", "sorry", "oops",
		"страница", "доступ", "не", "сервера", "сервер", "код",
		"сторінка", "сторінку", "доступу", "сторінки",
		"seite", "zugriff", "nicht", "zugang",
		"accès", "acces", "non", "la", "introuvables",
		"página", "pagina", "acceso", "no", "de":
		return 1
	}
	return 0
}
