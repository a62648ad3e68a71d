package templates

import (
	"fmt"
	"time"

	"github.com/digestd/digestd/digest"
)

// Check executes every template over a fixed sample digest, for each kind of
// recipient (with and without name and unsubscribe link), so that a broken
// override fails `digestd check` rather than a send. Errors name the file.
func (s *Set) Check() error {
	d := Data{
		Digest: SampleDigest(),
		Why:    "You subscribed to {title} as {email}.",
	}
	if _, err := s.RenderShared(d); err != nil {
		return err
	}
	if len(d.Digest.Stories) > 0 {
		d.Stories = []digest.Story{} // a letter with nothing in it must render too
		if _, err := s.Render(d); err != nil {
			return fmt.Errorf("%w (with no stories)", err)
		}
	}
	return nil
}

// SampleDigest is a fixed, made-up digest with every field the templates use:
// an update, several sources per story, a link without a time or an outlet
// name. Its times are fixed, so renderings of it can be compared byte for byte.
func SampleDigest() *digest.Digest {
	at := func(s string) *time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err) // a constant below is malformed
		}
		return &t
	}
	return &digest.Digest{
		Version:     digest.FormatVersion,
		Title:       "Ukraine diplomacy",
		GeneratedAt: *at("2026-11-21T05:00:00Z"),
		Since:       *at("2026-11-20T05:00:00Z"),
		Until:       *at("2026-11-21T05:00:00Z"),
		Timezone:    "Europe/Kyiv",
		Stories: []digest.Story{
			{
				ID:        "s1",
				Headline:  "Foreign ministers agree to resume talks on a grain corridor",
				Summary:   "Ministers meeting in Geneva agreed to reopen negotiations next week. Delegations will discuss inspections and insurance for ships. Officials said a first round could last three days.",
				Method:    "extractive",
				Published: at("2026-11-20T16:40:00Z"),
				Articles:  []string{"a1", "a2", "a3"},
				Links: []digest.Link{
					{Outlet: "Wire Service", Title: "Ministers agree to resume grain talks", URL: "https://news.example.com/world/grain-talks", Published: at("2026-11-20T16:40:00Z")},
					{Outlet: "Daily Courier", Title: "Grain corridor talks to restart", URL: "https://courier.example.org/2026/11/20/grain", Published: at("2026-11-20T18:05:00Z")},
					{Title: "Talks on shipping to resume", URL: "https://www.example.net/a/123?ref=feed&lang=en", Published: at("2026-11-20T23:30:00Z")},
				},
			},
			{
				ID:        "s2",
				Headline:  "Envoy says prisoner exchange is \"close\" as mediators meet again",
				Summary:   "A special envoy said a new exchange of prisoners was close after mediators met for a second day. No date was given.",
				Method:    "extractive",
				Published: at("2026-11-21T02:15:00Z"),
				Articles:  []string{"a4"},
				Update:    true,
				Links: []digest.Link{
					{Outlet: "Evening Ledger", Title: "Envoy: exchange close", URL: "https://ledger.example.com/envoy-exchange", Published: at("2026-11-21T02:15:00Z")},
				},
			},
			{
				ID:       "s3",
				Headline: "Parliament debates sanctions package",
				Summary:  "Lawmakers began debating a package of sanctions on energy exports.",
				Method:   "extractive",
				Articles: []string{"a5", "a6"},
				Links: []digest.Link{
					{Outlet: "Policy Review", Title: "Sanctions debate opens", URL: "https://review.example.org/sanctions"},
					{Outlet: "Wire Service", Title: "Lawmakers weigh sanctions", URL: "https://news.example.com/world/sanctions", Published: at("2026-11-19T09:00:00Z")},
				},
			},
		},
		Counts: digest.Counts{Gathered: 48, Included: 6, Duplicates: 12, Irrelevant: 9, Old: 21, Stories: 3, Sources: 5},
	}
}
