package digest

import (
	"context"
	"sync"
	"time"

	"github.com/digestd/digestd/digest/gather"
	"github.com/digestd/digestd/store"
)

// sourcesAtOnce is how many sources are gathered at the same time; the HTTP client keeps its
// own per-host and overall limits below this.
const sourcesAtOnce = 8

type gathered struct {
	src  Source
	item gather.Item
}

// gatherAll runs every source, at most sourcesAtOnce at a time. A failing source is reported
// and the others go on.
func (p *Pipeline) gatherAll(ctx context.Context, since time.Time, unconditional bool) ([]gathered, []SourceReport, map[string]store.Validators) {
	reports := make([]SourceReport, len(p.sources))
	results := make([][]gathered, len(p.sources))
	vals := make([]*store.Validators, len(p.sources))
	sem := make(chan struct{}, sourcesAtOnce)
	var wg sync.WaitGroup
	var mu sync.Mutex
	finished := 0
	tick := func() {
		if p.progress == nil {
			return
		}
		mu.Lock()
		finished++
		p.progress(finished, len(p.sources))
		mu.Unlock()
	}
	for i, src := range p.sources {
		reports[i] = SourceReport{Name: src.Name, Kind: src.Kind}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			defer tick()
			var st store.Validators
			if !unconditional {
				var err error
				if st, err = p.state.Validators(ctx, src.Name); err != nil {
					p.warn("cannot read validators; fetching unconditionally", "source", src.Name, "err", err)
				}
			}
			res, err := src.Gatherer.Gather(ctx, since, gather.State{ETag: st.ETag, LastModified: st.LastModified})
			if err != nil {
				reports[i].Error = err.Error()
				p.warn("source failed", "source", src.Name, "kind", src.Kind, "err", err)
				return
			}
			reports[i].Items = len(res.Items)
			reports[i].NotModified = res.NotModified
			if res.State != (gather.State{}) && (res.State.ETag != st.ETag || res.State.LastModified != st.LastModified) {
				vals[i] = &store.Validators{ETag: res.State.ETag, LastModified: res.State.LastModified}
			}
			for _, it := range res.Items {
				results[i] = append(results[i], gathered{src: src, item: it})
			}
			p.log.Debug("source gathered", "source", src.Name, "items", len(res.Items), "not_modified", res.NotModified)
		}()
	}
	wg.Wait()
	var items []gathered
	for _, r := range results {
		items = append(items, r...)
	}
	upd := map[string]store.Validators{}
	for i, v := range vals {
		if v != nil {
			upd[p.sources[i].Name] = *v
		}
	}
	return items, reports, upd
}
