package digest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/digestd/digestd/mail"
	"github.com/digestd/digestd/store"
)

// Delivery says how letters are rendered and sent.
type Delivery struct {
	Renderer Renderer
	Sender   Sender
	From     string
	FromName string
	// Unsubscribe returns a subscriber's one-click unsubscribe URL ("" for none); may be nil.
	Unsubscribe func(email string) string
	Mailto      string
	// Active are the addresses letters may go to (lower case); a pending letter for anyone else
	// (removed from the configuration) is held back. Nil allows every address.
	Active map[string]bool
	// Pending are the letters in the outbox when the digest was built (see Compose).
	Pending []store.Letter
	// Retries is how many more times a temporarily failed letter is tried within the run.
	Retries int
	// Backoff is the first wait between tries; it doubles each time.
	Backoff time.Duration
	Log     *slog.Logger
}

// Composed is one subscriber's letter, rendered and addressed.
type Composed struct {
	Message  mail.Message
	Articles []string // ids it delivers
	Stories  []string // ids of its stories
}

// Compose renders one letter per subscriber who has something new. Subscribers with the same
// stories share one rendering.
//
// A subscriber's pending letters (dl.Pending) are taken into account so that no article is sent
// twice and none is lost: a pending letter whose articles are all in this digest is covered (the
// new letter carries them and supersedes it when enqueued); one with an article missing from
// this digest stays pending, and its articles are left out of the new letter.
func Compose(b *Build, subs []Recipient, dl Delivery) ([]Composed, error) {
	d := b.Digest
	inDigest := map[string]bool{}
	for _, s := range d.Stories {
		for _, id := range s.Articles {
			inDigest[id] = true
		}
	}
	pending := map[string][]store.Letter{}
	for _, l := range dl.Pending {
		pending[l.Subscriber] = append(pending[l.Subscriber], l)
	}
	rendered := map[string]Letters{}
	var out []Composed
	for _, r := range subs {
		email := strings.ToLower(r.Email)
		held := map[string]bool{} // articles of pending letters this digest cannot cover
		for _, l := range pending[email] {
			covered := true
			for _, id := range l.Articles {
				covered = covered && inDigest[id]
			}
			if !covered {
				for _, id := range l.Articles {
					held[id] = true
				}
			}
		}
		var stories []Story
		var ids []string
		for i, s := range d.Stories {
			fresh := false
			for _, m := range b.stories[i].members {
				if !b.deliveredTo[m.ID][email] && !held[m.ID] {
					fresh = true
				}
			}
			if !fresh {
				continue
			}
			if len(held) > 0 {
				s = withoutArticles(s, held)
			}
			// An update only for whoever got the story before; news to anyone else.
			s.Update = s.Update && b.stories[i].readers[email]
			stories = append(stories, s)
			ids = append(ids, s.Articles...)
		}
		if len(stories) == 0 {
			continue
		}
		sig := storySetKey(stories)
		letters, ok := rendered[sig]
		if !ok {
			var err error
			if letters, err = dl.Renderer.Render(d, stories); err != nil {
				return nil, fmt.Errorf("digest: render letter: %w", err)
			}
			rendered[sig] = letters
		}
		if dl.Unsubscribe != nil {
			r.UnsubscribeURL = dl.Unsubscribe(r.Email)
		}
		l := letters.For(r)
		out = append(out, Composed{
			Message: mail.Message{
				Key:  LetterKey(r.Email, d.Since, d.Until),
				From: dl.From, FromName: dl.FromName,
				To: r.Email, ToName: r.Name,
				Subject: l.Subject, Text: l.Text, HTML: l.HTML,
				UnsubscribeURL: r.UnsubscribeURL, UnsubscribeMailto: dl.Mailto,
				Date: d.GeneratedAt,
			},
			Articles: ids,
			Stories:  storyIDs(stories),
		})
	}
	return out, nil
}

// withoutArticles returns s without the articles in drop (and their links).
func withoutArticles(s Story, drop map[string]bool) Story {
	var arts []string
	var links []Link
	for i, id := range s.Articles {
		if drop[id] {
			continue
		}
		arts = append(arts, id)
		if i < len(s.Links) {
			links = append(links, s.Links[i])
		}
	}
	s.Articles, s.Links = arts, links
	return s
}

func storyIDs(stories []Story) []string {
	ids := make([]string, len(stories))
	for i, s := range stories {
		ids[i] = s.ID
	}
	return ids
}

// storySetKey tells letters apart that render differently: other stories, or the same story as
// news for one subscriber and as an update for another.
func storySetKey(stories []Story) string {
	var b strings.Builder
	for _, s := range stories {
		b.WriteString(s.ID)
		if s.Update {
			b.WriteString("+u")
		}
		b.WriteByte(',')
	}
	return b.String()
}

// LetterKey is the idempotency key of one subscriber's letter for one period.
func LetterKey(email string, since, until time.Time) string {
	return strings.ToLower(email) + "|" + since.UTC().Format("20060102T150405.000000000Z") + "|" + until.UTC().Format("20060102T150405.000000000Z")
}

// Report is what a delivery did.
type Report struct {
	Enqueued   int      `json:"enqueued"`
	Sent       int      `json:"sent"`
	Pending    int      `json:"pending"`
	Rejected   int      `json:"rejected"`
	Failures   []string `json:"failures,omitempty"`
	Rejections []string `json:"rejections,omitempty"`
}

// ErrDeliveryIncomplete is returned when letters are left pending after a temporary failure.
var ErrDeliveryIncomplete = errors.New("delivery incomplete: letters left pending for the next run")

// Commit records what the build gathered (first-seen times, validators), stores the composed
// letters in the outbox, and sends every pending letter — this run's and any left by an earlier
// one. A letter counts as delivered, and its articles as delivered to its subscriber, only once
// the server accepted it.
func (p *Pipeline) Commit(ctx context.Context, b *Build, letters []Composed, dl Delivery, now time.Time) (Report, error) {
	var rep Report
	if b.opts.DryRun {
		return rep, errors.New("digest: commit of a dry run")
	}
	if err := p.state.RecordSeen(ctx, b.seen, now); err != nil {
		return rep, fmt.Errorf("digest: %w", err)
	}
	for _, c := range letters {
		msg, err := json.Marshal(c.Message)
		if err != nil {
			return rep, fmt.Errorf("digest: encode letter %s: %w", c.Message.Key, err)
		}
		l := store.Letter{Key: c.Message.Key, Subscriber: strings.ToLower(c.Message.To), PeriodStart: b.Digest.Since,
			PeriodEnd: b.Digest.Until, Articles: c.Articles, Stories: c.Stories, Message: msg}
		if err := p.state.Enqueue(ctx, l, now); err != nil {
			if errors.Is(err, store.ErrLetterExists) {
				p.log.Info("letter already in the outbox", "key", l.Key)
				continue
			}
			return rep, fmt.Errorf("digest: %w", err)
		}
		rep.Enqueued++
	}
	// The letters' stories are remembered; who read them is recorded as each letter is accepted,
	// so that later articles on them come to those readers as updates.
	if len(letters) > 0 {
		var reported []store.Story
		for _, s := range b.stories {
			if sig, err := s.sig.MarshalBinary(); err == nil {
				reported = append(reported, store.Story{ID: s.ID, Headline: s.Headline, Signature: sig, Reported: now})
			}
		}
		if err := p.state.RecordStories(ctx, reported); err != nil {
			return rep, fmt.Errorf("digest: %w", err)
		}
	}
	// The letters are safe in the outbox: what was gathered is now accounted for.
	for name, v := range b.validators {
		if err := p.state.SetValidators(ctx, name, v, now); err != nil {
			p.warn("cannot store validators", "source", name, "err", err)
		}
	}
	err := p.SendPending(ctx, dl, now, &rep)
	return rep, err
}

// SendPending sends every letter in the outbox, retrying temporary failures with backoff.
func (p *Pipeline) SendPending(ctx context.Context, dl Delivery, now time.Time, rep *Report) error {
	log := dl.Log
	if log == nil {
		log = p.log
	}
	backoff := dl.Backoff
	for attempt := 0; ; attempt++ {
		pending, err := p.state.Pending(ctx)
		if err != nil {
			return fmt.Errorf("digest: %w", err)
		}
		if len(pending) == 0 {
			rep.Pending = 0
			return nil
		}
		temp, markErr := p.sendOnce(ctx, dl, pending, now, rep, log)
		rep.Pending = temp
		if markErr != nil {
			// The server took letters the store could not record: stop, fail the run.
			return fmt.Errorf("digest: recording delivery outcomes: %w", markErr)
		}
		if temp == 0 {
			return nil
		}
		if attempt >= dl.Retries || ctx.Err() != nil {
			return fmt.Errorf("digest: %w (%d letters)", ErrDeliveryIncomplete, temp)
		}
		log.Warn("temporary delivery failure; retrying", "pending", temp, "wait", backoff)
		select {
		case <-ctx.Done():
			return fmt.Errorf("digest: %w (%d letters): %w", ErrDeliveryIncomplete, temp, ctx.Err())
		case <-time.After(backoff):
		}
		backoff *= 2
	}
}

// sendOnce tries each pending letter once and returns how many failed temporarily, and any
// failure to record an outcome. Outcomes are recorded even when ctx is cancelled: a letter the
// server accepted must be marked sent, or it would go out again.
func (p *Pipeline) sendOnce(ctx context.Context, dl Delivery, pending []store.Letter, now time.Time, rep *Report, log *slog.Logger) (int, error) {
	msgs := make([]mail.Message, 0, len(pending))
	keys := make([]string, 0, len(pending))
	book := context.WithoutCancel(ctx)
	for _, l := range pending {
		if dl.Active != nil && !dl.Active[l.Subscriber] {
			log.Warn("pending letter held back: its address is no longer subscribed", "to", l.Subscriber, "key", l.Key)
			continue
		}
		var m mail.Message
		if err := json.Unmarshal(l.Message, &m); err != nil {
			// A letter that cannot be read cannot be sent: fail it for good, loudly.
			_ = p.state.MarkAttempt(book, l.Key, fmt.Errorf("stored letter unreadable: %w", err), true, now)
			rep.Rejected++
			continue
		}
		msgs = append(msgs, m)
		keys = append(keys, l.Key)
	}
	outcome := make([]bool, len(msgs))
	temp := 0
	var markErr error
	// Sending stops at the first outcome the store cannot record: more letters would only be
	// accepted unrecorded, to go out again next run.
	sendCtx, stopSending := context.WithCancel(ctx)
	defer stopSending()
	sendErr := dl.Sender.Send(sendCtx, msgs, func(i int, err error) {
		outcome[i] = true
		key := keys[i]
		switch {
		case err == nil:
			ok, e := p.state.MarkSent(book, key, now)
			if e != nil {
				markErr = errors.Join(markErr, fmt.Errorf("letter to %s accepted but not recorded: %w", msgs[i].To, e))
				stopSending()
				return
			}
			if !ok {
				log.Warn("letter went out although it was cancelled meanwhile (unsubscribed during the run)", "to", msgs[i].To, "key", key)
				return
			}
			rep.Sent++
			log.Info("letter sent", "to", msgs[i].To, "key", key)
		case mail.IsPermanent(err):
			if e := p.state.MarkAttempt(book, key, err, true, now); e != nil {
				markErr = errors.Join(markErr, e)
			}
			rep.Rejected++
			rep.Rejections = append(rep.Rejections, fmt.Sprintf("%s: %v", msgs[i].To, err))
			log.Error("address rejected; subscriber flagged", "to", msgs[i].To, "err", err)
		default:
			_ = p.state.MarkAttempt(book, key, err, false, now)
			temp++
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s: %v", msgs[i].To, err))
			log.Warn("temporary failure", "to", msgs[i].To, "err", err)
		}
	})
	for i, done := range outcome {
		if !done {
			cause := sendErr
			if cause == nil {
				cause = errors.New("not attempted")
			}
			_ = p.state.MarkAttempt(book, keys[i], cause, false, now)
			temp++
		}
	}
	if sendErr != nil {
		rep.Failures = append(rep.Failures, sendErr.Error())
		log.Warn("sending stopped", "err", sendErr)
	}
	if markErr != nil {
		log.Error("could not record a delivery outcome", "err", markErr)
	}
	rep.Failures = slices.Compact(rep.Failures)
	return temp, markErr
}
