package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/store"
)

// listen serves /healthz, /metrics and the unsubscribe link on addr.
func (d *daemon) listen(addr string) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: d.handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Error("http server stopped", "err", err)
		}
	}()
	d.log.Info("http server listening", "addr", ln.Addr().String())
	return srv, nil
}

func (d *daemon) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", d.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(d.metrics.reg, promhttp.HandlerOpts{}))
	path := "/unsubscribe"
	if u, err := url.Parse(d.config().Mail.Unsubscribe.URL); err == nil && u.Path != "" && u.Path != "/" {
		path = u.Path
	}
	mux.HandleFunc("GET "+path, d.unsubscribePage)
	mux.HandleFunc("POST "+path, d.unsubscribe)
	return mux
}

// health is what /healthz answers.
type health struct {
	Status     string    `json:"status"` // ok, failed, overdue, starting
	Running    bool      `json:"running"`
	LastRun    time.Time `json:"last_run,omitzero"`
	LastStatus string    `json:"last_status,omitempty"`
	LastError  string    `json:"last_error,omitempty"`
	NextRun    time.Time `json:"next_run"`
	// Rejected are addresses the mail server refused for good: reported, not a failure.
	Rejected []string `json:"rejected,omitempty"`
}

func (d *daemon) healthz(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	h := health{Status: "starting", Running: d.running, NextRun: d.next}
	last := d.last
	grace := d.cfg.Server.Grace.D()
	d.mu.Unlock()
	if last != nil {
		h.Status, h.LastRun, h.LastStatus, h.LastError = "ok", last.Started, last.Status, last.Error
	}
	code := http.StatusOK
	switch {
	case last != nil && last.Status == "failed":
		h.Status, code = "failed", http.StatusServiceUnavailable
	case !h.Running && !h.NextRun.IsZero() && time.Since(h.NextRun) > grace+5*time.Minute:
		h.Status, code = "overdue", http.StatusServiceUnavailable
	}
	if subs, err := d.st.Subscribers(r.Context()); err == nil {
		for _, s := range subs {
			if s.Status == store.SubscriberRejected {
				h.Rejected = append(h.Rejected, s.Email)
			}
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(h)
}

var unsubscribeTmpl = template.Must(template.New("u").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; padding: 0 1em">
<h1>{{.Title}}</h1>
{{if .Done}}<p>{{.Email}} will get no more letters of {{.Digest}}.</p>
{{else}}<p>Stop sending {{.Digest}} to {{.Email}}?</p>
<form method="post"><input type="hidden" name="token" value="{{.Token}}">
<button type="submit">Unsubscribe</button></form>{{end}}
</body></html>
`))

func (d *daemon) verify(token string) (string, bool) {
	secret := d.config().Mail.Unsubscribe.Secret.Reveal()
	return mail.VerifyUnsubscribeToken([]byte(secret), token)
}

// unsubscribePage asks for confirmation; a GET never changes anything (mail scanners follow links).
func (d *daemon) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	email, ok := d.verify(token)
	if !ok {
		http.Error(w, "This unsubscribe link is not valid.", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = unsubscribeTmpl.Execute(w, map[string]any{"Title": "Unsubscribe", "Email": email, "Token": token, "Digest": d.config().Digest.Title})
}

// unsubscribe removes the subscriber: from the confirmation form, or an RFC 8058 one-click POST
// (body "List-Unsubscribe=One-Click", token in the URL).
func (d *daemon) unsubscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	token := r.URL.Query().Get("token")
	if token == "" {
		token = r.PostForm.Get("token")
	}
	email, ok := d.verify(token)
	if !ok {
		http.Error(w, "This unsubscribe link is not valid.", http.StatusBadRequest)
		return
	}
	if err := d.st.SetSubscriberStatus(r.Context(), email, store.SubscriberUnsubscribed, "unsubscribe link", time.Now()); err != nil {
		d.log.Error("unsubscribe failed", "email", email, "err", err)
		http.Error(w, "Please try again later.", http.StatusInternalServerError)
		return
	}
	d.log.Info("unsubscribed", "email", email, "one_click", r.PostForm.Get("List-Unsubscribe") == "One-Click")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = unsubscribeTmpl.Execute(w, map[string]any{"Title": "Unsubscribed", "Email": email, "Done": true, "Digest": d.config().Digest.Title})
}
