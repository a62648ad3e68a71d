package clean

import (
	"slices"
	"strings"
	"testing"
)

func TestHTTPErrorBanner(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"Error 403: Access denied", true},
		{"403 Forbidden", true},
		{"HTTP 404 - Page not found", true},
		{"Error 500 - Internal Server Error", true},
		{"503 Service Unavailable", true},
		{"Page not found", true},
		{"Ошибка 404. Доступ запрещён", true},
		{"Сторінку не знайдено", true},
		{"Fehler 403: Zugriff verweigert", true},
		{"Erreur 404 : page introuvable", true},
		{"Error 404: página no encontrada", true},
		{"Access denied to reporters at the border crossing", false},
		{"Bodies found near the front line", false},
		{"Error-strewn talks end without a deal", false},
		{"Kyiv says 404 drones shot down in a week", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := classify(c.in) == ReasonError; got != c.want {
				t.Errorf("classify(%q) = %q, want error banner %v", c.in, classify(c.in), c.want)
			}
		})
	}
}

// TestHeadlineChoice checks the title ParseText picks and that no paragraph of the
// body is lost to a wrong choice.
func TestHeadlineChoice(t *testing.T) {
	lead := "The foreign ministers of Latvia and Ukraine met in Riga on Monday to discuss air defence supplies and sanctions on shipping, officials said."
	second := "Latvia will send two more air defence systems before winter, its foreign minister told reporters after the talks in Riga."
	cases := []struct {
		name, in, title string
		body            []string // paragraphs that must be kept
	}{
		{"error banner before headline", "Error 403: Access denied\n\nLatvia and Ukraine discuss air defence supplies\n\n" + lead,
			"Latvia and Ukraine discuss air defence supplies", []string{lead}},
		{"localised banner", "Ошибка 404. Страница не найдена\nLatvia and Ukraine discuss air defence supplies\n" + lead,
			"Latvia and Ukraine discuss air defence supplies", []string{lead}},
		{"name label then headline", "Ministry of Defence of Latvia\n\nForeign ministers of Latvia and Ukraine discuss air defence supplies for winter\n\n" + lead + "\n" + second,
			"Foreign ministers of Latvia and Ukraine discuss air defence supplies for winter", []string{lead, second}},
		{"title case headline kept before prose", "Latvia Pledges Air Defence Systems\n\n" + lead + "\n" + second,
			"Latvia Pledges Air Defence Systems", []string{lead, second}},
		{"label not replaced by an unrelated line", "Baltic Security Review Weekly\nsubscribe for weekly briefings on the region and beyond\n" + lead,
			"Baltic Security Review Weekly", []string{lead}},
		{"no headline: all prose kept", lead + "\n" + second + "\nThe ministers said: \"Sanctions on shipping must be enforced.\"",
			"", []string{lead, second, "The ministers said: \"Sanctions on shipping must be enforced.\""}},
		{"no headline: short last line not promoted", lead + "\n" + second + "\nTalks resume in May.",
			"", []string{lead, second, "Talks resume in May."}},
		{"page notice before headline", "Sorry, we could not load comments. Please refresh the window or try later.\nLatvia and Ukraine discuss air defence supplies\n" + lead + "\n" + second,
			"Latvia and Ukraine discuss air defence supplies", []string{lead, second}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg := ParseText(c.in)
			if pg.Title != c.title {
				t.Errorf("title = %q, want %q", pg.Title, c.title)
			}
			for _, p := range c.body {
				if !slices.Contains(pg.Paragraphs, p) {
					t.Errorf("lost %q; kept %q, dropped %v", p, pg.Paragraphs, pg.Dropped)
				}
			}
			for _, d := range pg.Dropped {
				if d.Reason == ReasonHeader && strings.HasSuffix(d.Text, ".") && c.title == "" {
					t.Errorf("dropped body prose as header: %q", d.Text)
				}
			}
		})
	}
}

func TestNameLabel(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"Ministry of Foreign Affairs of Ukraine", true},
		{"Office of the President", true},
		{"EU External Action Service", true},
		{"Foreign ministers discuss reconstruction funding", false},
		{"Ministry of Foreign Affairs: statement on the talks", false},
		{"A very long label of the kind That Never Ends In Fact", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := nameLabel(c.in); got != c.want {
				t.Errorf("nameLabel(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}
