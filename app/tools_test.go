package app

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestSummarizeCommand(t *testing.T) {
	text := "Delegations of Ukraine and Russia agreed on Monday in Geneva to hold new talks on a prisoner exchange, Swiss mediators said.\n\n" +
		"The negotiations will also cover a ceasefire along a humanitarian corridor, the Swiss foreign ministry said in a statement.\n\n" +
		"Share this article\n"
	html := "<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><h1>Talks agreed</h1><p>" +
		strings.ReplaceAll(text, "\n\n", "</p><p>") + "</p></article><footer>© Example</footer></body></html>"
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string // in stdout
		code  int
	}{
		{"text on stdin", []string{"summarize", "--sentences", "1"}, text, "Delegations of Ukraine and Russia agreed", 0},
		{"html on stdin", []string{"summarize", "-"}, html, "prisoner exchange", 0},
		{"empty input", []string{"summarize", "--config", "none.toml"}, "", "", ExitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(tc.stdin), Getenv: func(string) string { return "" }}
			err := Run(context.Background(), tc.args, env)
			if ExitCode(err) != tc.code {
				t.Fatalf("exit %d (%v), want %d\n%s", ExitCode(err), err, tc.code, errb.String())
			}
			if !strings.Contains(out.String(), tc.want) || strings.Contains(out.String(), "Share this") || strings.Contains(out.String(), "<") {
				t.Errorf("stdout %q, want it to contain %q and no boilerplate or markup", out.String(), tc.want)
			}
		})
	}
}

func TestExtractCommand(t *testing.T) {
	out, stderr, err := runCmd(t, "extract", "../examples/articles/05_grain_corridor_envoy.txt")
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	var doc struct {
		Title   string `json:"title"`
		URL     string `json:"url"`
		Text    string `json:"text"`
		Dropped []struct{ Text, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !strings.HasPrefix(doc.URL, "file:///") || doc.Title == "" || strings.Contains(doc.Title, "403") || doc.Text == "" || len(doc.Dropped) == 0 {
		t.Errorf("extract gave %+v", doc)
	}
}
