package topic

// IsStopword reports whether a lower-case token (or its Snowball stem) is an
// English function word that carries no topic: articles, pronouns,
// auxiliaries, prepositions, conjunctions, reporting verbs and the like.
func IsStopword(w string) bool {
	switch w {
	case "a", "about", "above", "after", "again", "against", "all", "also", "am", "amid", "among",
		"an", "and", "any", "are", "aren", "as", "at", "be", "because", "been", "before", "being",
		"below", "between", "both", "but", "by", "can", "cannot", "could", "couldn", "d", "did", "didn",
		"do", "doe", "does", "doesn", "doing", "don", "down", "dr", "during", "each", "few", "for",
		"from", "further", "ha", "had", "hadn", "has", "hasn", "have", "haven", "having", "he", "her",
		"here", "hers", "herself", "hi", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
		"isn", "it", "its", "itself", "just", "let", "ll", "m", "me", "more", "most", "mr", "mrs", "ms",
		"mustn", "my", "myself", "no", "nor", "not", "now", "o", "of", "off", "on", "onc", "once", "one",
		"only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "per", "re",
		"s", "said", "same", "say", "says", "shan", "she", "should", "shouldn", "so", "some", "such",
		"t", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
		"they", "thi", "this", "those", "three", "through", "to", "told", "too", "two", "under", "until",
		"up", "upon", "us", "ve", "veri", "very", "via", "wa", "was", "wasn", "we", "were", "weren",
		"what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
		"with", "within", "without", "won", "would", "wouldn", "y", "yet", "you", "your", "yours",
		"yourself", "yourselves":
		return true
	}
	return false
}
