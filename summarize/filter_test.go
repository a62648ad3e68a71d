package summarize

import "testing"

func TestStripDateline(t *testing.T) {
	re := datelinePattern()
	tests := []struct{ in, want string }{
		{"KYIV, Ukraine (AP) — Ukraine's president met the envoy.", "Ukraine's president met the envoy."},
		{"LONDON, March 3 (Reuters) - Britain said it would send aid.", "Britain said it would send aid."},
		{"BRUSSELS — The ministers met on Monday.", "The ministers met on Monday."},
		{"Moscow, June 2: Russian officials held talks.", "Russian officials held talks."},
		{"Kyiv, 21 November (Ukrinform) – The minister spoke.", "The minister spoke."},
		{"(WIRE) The minister spoke on Monday.", "The minister spoke on Monday."},
		{"The U.S.-led coalition met in Kyiv - officials said.", "The U.S.-led coalition met in Kyiv - officials said."},
		{"Ukraine - a country of 38 million - wants peace.", "Ukraine - a country of 38 million - wants peace."},
		{"He said: Peace is near.", "He said: Peace is near."},
		{"(The talks were held in Geneva.)", "(The talks were held in Geneva.)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripDateline(re, tt.in); got != tt.want {
				t.Fatalf("stripDateline = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUnusable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The ministers met in Brussels on Monday.", ""},
		{`"We will keep going," the minister said on Monday.`, ""},
		{"Never.", "too short"},
		{"What do you think about the talks?", "question"},
		{"The ministers met in Brussels on Monday and", "cut off"},
		{"The ministers met in Brussels on Monday and...", "cut off"},
		{`The minister said "we will keep going on.`, "unbalanced quotes"},
		{"Sign up for our daily newsletter here.", "boilerplate"},
		{"Read more at https://example.org/news today.", "boilerplate"},
		{"Write to the desk at desk@example.org for tips.", "boilerplate"},
		{"We're sorry, but the page you were looking for doesn't exist.", "boilerplate"},
		{"THIS IS A SECTION BANNER FOR WORLD NEWS.", "boilerplate"},
		{"No agreement was reached on the grain corridor.", ""},
		{"The United States donated two air defence systems to Kyiv.", ""},
		{"Share this story on social media.", "boilerplate"},
		{"Image caption: the minister arrives in Kyiv.", "boilerplate"},
		{"We are ready to talk, the Russian envoy said in Geneva.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := unusable(tt.in); got != tt.want {
				t.Fatalf("unusable = %q, want %q", got, tt.want)
			}
		})
	}
}
