package story

import (
	"strings"
	"testing"
)

func TestSplitLead(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name      string
		text      string
		wantWords int // words in the lead
	}{
		{"empty", "", 0},
		{"one short paragraph", "Talks resumed on Monday.", 4},
		{"short paragraphs joined up to half the limit", "One two three.\nFour five six seven.\n" + long, 7 + 100},
		{"long first paragraph is cut", long + "\nsecond", leadWords},
		{"first paragraph long enough", strings.Repeat("w ", 40) + "\nnext paragraph here", 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead, rest := splitLead(tt.text)
			if lead+rest != tt.text {
				t.Fatalf("lead and rest do not rebuild the text")
			}
			if got := len(strings.Fields(lead)); got != min(tt.wantWords, leadWords) && !(tt.wantWords > leadWords && got == leadWords) {
				t.Errorf("lead has %d words, want %d", got, tt.wantWords)
			}
		})
	}
}
