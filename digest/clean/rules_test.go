package clean

import (
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"template token", "spot_imgspot_img", ReasonJunk},
		{"mustache residue", "{{ article.title }}", ReasonJunk},
		{"no letters", "× | •", ReasonJunk},
		{"exclamation banner", "Whoops!!", ReasonError},
		{"not found banner", "We can't find the page you were looking for, it may have moved.", ReasonError},
		{"russian banner", "Страница не найдена", ReasonError},
		{"load more", "Load more »", ReasonNav},
		{"back to top", "Back to top", ReasonNav},
		{"tags", "Tags: diplomacy, talks", ReasonNav},
		{"share label", "Share:", ReasonPrompt},
		{"comment count", "Comments 12", ReasonPrompt},
		{"reply form", "Your email address will not be published.", ReasonPrompt},
		{"opinion prompt", "What do you think about this?", ReasonPrompt},
		{"app prompt", "Get the app on Google Play and download it today", ReasonApp},
		{"social prompt", "Follow us on X and Facebook", ReasonSocial},
		{"copyright", "© 2023 Some Media Ltd", ReasonCopyright},
		{"rights reserved", "Some Media. All Rights Reserved.", ReasonCopyright},
		{"byline alone", "By Jane Roe", ReasonByline},
		{"date label alone", "Updated:", ReasonByline},
		{"date line", "Friday, 7 March 2025 10:15", ReasonDateLine},
		{"feed footer", "The post Talks resume in Geneva appeared first on Example News.", ReasonFeed},
		{"continue reading title", "Continue reading Talks resume in Geneva…", ReasonNav},
		{"inline related", "Read more: Earlier talks ended without a deal", ReasonRelated},
		{"video player", "This is a modal window.", ReasonMedia},
		{"gallery slide", "3/20 A crowd gathers outside the embassy as the talks begin, with police closing the street for the day and several hundred protesters holding flags and banners that call for peace and for the release of prisoners held by both sides.", ReasonMedia},
		{"date with slash kept", "24/7 coverage continues.", ""},
		{"prose kept", "The ministers shared the podium and answered questions for an hour.", ""},
		{"short quote kept", "\"No,\" he said.", ""},
		{"shares not share", "Shares fell sharply.", ""},
		{"commentators kept", "Commentators were unconvinced.", ""},
		{"page in prose kept", "The treaty's last page does not exist in the public archive, historians say, because it was destroyed in 1945 during the evacuation of the ministry.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := classify(c.in); got != c.want {
				t.Errorf("classify(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestHeadingKind(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Related Articles", ReasonRelated},
		{"Most read", ReasonRelated},
		{"You may also like", ReasonRelated},
		{"Читайте также:", ReasonRelated},
		{"Previous article", ReasonPrevNext},
		{"Legal Disclaimer:", ReasonDisclaimer},
		{"Disclaimer: the views are the author's own.", ReasonDisclaimer},
		{"About Us", ReasonAbout},
		{"Comments", ReasonComments},
		{"Latest developments in the talks were reported on Monday.", ""},
		{"What the deal covers", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := headingKind(c.in); got != c.want {
				t.Errorf("headingKind(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestParseDateLine(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"Monday, June 2, 2025", day(2025, 6, 2), true},
		{"4 March 2025", day(2025, 3, 4), true},
		{"Published: Jan. 5th, 2024 09:30 AM", day(2024, 1, 5), true},
		{"2025-05-17", day(2025, 5, 17), true},
		{"17.05.2025", day(2025, 5, 17), true},
		{"Sept 3, 2024", day(2024, 9, 3), true},
		{"2 июня 2025 г.", day(2025, 6, 2), true},
		{"Понедельник, 2 июня 2025, 10:15", day(2025, 6, 2), true},
		{"2. Juni 2025", day(2025, 6, 2), true},
		{"lundi 2 juin 2025", day(2025, 6, 2), true},
		{"2 de junio de 2025", day(2025, 6, 2), true},
		{"31 лютого 2025", time.Time{}, false},
		{"June 2025 was a busy month", time.Time{}, false},
		{"The talks of June 2, 2025 failed", time.Time{}, false},
		{"Finance News", time.Time{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, ok := parseDateLine(c.in)
			if ok != c.ok || !got.Equal(c.want) {
				t.Errorf("parseDateLine(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestParseFirstLine(t *testing.T) {
	cases := []struct {
		in     string
		date   string
		status int
		ok     bool
	}{
		{" date 2025-05-29 403", "2025-05-29", 403, true},
		{"date 2025-01-02", "2025-01-02", 0, true},
		{"date 2025-13-02 200", "", 0, false},
		{"date 2025-01-02 9000", "", 0, false},
		{"Dated talks resume", "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d, st, ok := parseFirstLine(c.in)
			if ok != c.ok || st != c.status || ok && d.Format("2006-01-02") != c.date {
				t.Errorf("parseFirstLine(%q) = %v %d %v", c.in, d, st, ok)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"first line", "Talks resume in Geneva\nBody text of the article goes on here.", "Talks resume in Geneva"},
		{"skips label", "World News\n\nEnvoys meet in Riyadh to plan talks\nBody.", "Envoys meet in Riyadh to plan talks"},
		{"skips banner", "Sorry!\nThe page you requested was not found.\nEnvoys meet in Riyadh to plan talks\nBody.", "Envoys meet in Riyadh to plan talks"},
		{"markdown h1", "Menu\n# Three words only\ntext", "Three words only"},
		{"none before prose", "The envoys met on Tuesday in Riyadh and talked for four hours about a ceasefire, officials said after the meeting ended.\nMore.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ParseText(c.in).Title; got != c.want {
				t.Errorf("title = %q, want %q", got, c.want)
			}
		})
	}
}

func TestBodyKeepsShortStoryParts(t *testing.T) {
	title := "Envoys agree on a timetable for talks"
	in := []string{
		"Envoys from both countries agreed on Monday on a timetable for talks on a ceasefire, officials said.",
		"Timetable for talks",
		"\"Yes,\" the envoy said.",
		"The talks start next month in Geneva, the envoys said.",
		"The envoys also agreed on observers for the talks.",
		"Geneva will host the envoys.",
	}
	kept, dropped := Body(title, in)
	if len(kept) != len(in) {
		t.Errorf("kept %d of %d, dropped %v", len(kept), len(in), dropped)
	}
}

func TestText(t *testing.T) {
	if got := Text([]string{"a", "b"}); got != "a\n\nb" {
		t.Errorf("Text = %q", got)
	}
	if got := Text(nil); got != "" {
		t.Errorf("Text(nil) = %q", got)
	}
}

func TestErrorPageOnly(t *testing.T) {
	pg := ParseText(" date 2025-05-17 404\nSorry!!\nError! We're sorry, but the page you were looking for doesn't exist.\n")
	if pg.Title != "" || len(pg.Paragraphs) != 0 || pg.Status != 404 {
		t.Errorf("error page: title %q, paragraphs %q, status %d", pg.Title, pg.Paragraphs, pg.Status)
	}
	if len(pg.Dropped) != 3 {
		t.Errorf("dropped %v, want the date line and two banner lines", pg.Dropped)
	}
}
