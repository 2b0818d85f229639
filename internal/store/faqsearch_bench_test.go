package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/bench"
	"helpdesk/internal/search"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// BenchmarkFAQSuggest types real FAQ titles keystroke by keystroke, as the
// wizard sends them, against generated FAQs: 2,000 by default,
// HELPDESK_BENCH_FAQS=50000 for a large vendor's knowledge base (in a
// fresh database, or in HELPDESK_BENCH_FAQS_SQLITE / _POSTGRES, a DSN whose
// data set is generated once and reused). "sql" ranks over FAQIndex,
// "memory" over FAQSource, which the desk uses. One op is a pass over
// every query; p50-ms and p99-ms are per query, index-MB is the heap the
// in-memory copy takes, load-s the time it takes to load (in the
// background of the first search, which SQL answers), peak-RSS-MB the
// test process's peak.
func BenchmarkFAQSuggest(b *testing.B) {
	n := 2000
	if v := os.Getenv("HELPDESK_BENCH_FAQS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("HELPDESK_BENCH_FAQS=%q: want a number of FAQs", v)
		}
	}
	for _, db := range []storetest.DB{storetest.SQLiteDB, storetest.PostgresDB} {
		b.Run(fmt.Sprintf("%s/faqs=%d", db.Name, n), func(b *testing.B) {
			ctx := context.Background()
			var st *store.Store
			if dsn := os.Getenv("HELPDESK_BENCH_FAQS_" + strings.ToUpper(db.Name)); dsn != "" {
				var err error // a database of one's own, kept to run again
				if st, err = store.Open(ctx, dsn); err != nil {
					b.Fatal(err)
				}
				defer st.Close()
			} else {
				st = db.Open(b)
			}
			sz := bench.Size{Name: fmt.Sprintf("faqs%d", n), Companies: 1, Users: 1, Staff: 1, FAQs: n}
			ds, err := bench.Generate(ctx, st, sz, 4, time.Now(), io.Discard)
			if err != nil {
				b.Fatal(err)
			}
			var qs []string
			for i := 0; i < len(ds.FAQTitles); i += 5 {
				rs := []rune(ds.FAQTitles[i])
				for k := 1; k <= len(rs); k++ {
					qs = append(qs, string(rs[:k]))
				}
			}
			b.Run("sql", func(b *testing.B) {
				suggest(b, qs, func() (search.Source, error) { return st.Read().FAQIndex(), nil })
			})
			b.Run("memory", func(b *testing.B) {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				start := time.Now()
				if err := st.LoadFAQs(ctx); err != nil { // as the first search does
					b.Fatal(err)
				}
				load := time.Since(start)
				runtime.GC()
				runtime.ReadMemStats(&after)
				suggest(b, qs, func() (search.Source, error) { return st.FAQSource(ctx) })
				// After the loop: its start clears reported metrics.
				b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "index-MB")
				b.ReportMetric(load.Seconds(), "load-s")
				if hwm := peakRSS(); hwm > 0 {
					b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
				}
			})
		})
	}
}

// suggest runs the queries as the desk does (the source, then the best 20)
// and reports per-query percentiles.
func suggest(b *testing.B, qs []string, source func() (search.Source, error)) {
	ctx := context.Background()
	var took []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			src, err := source()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := search.Search(ctx, src, q, 20); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(len(qs)), "queries/op")
}

// peakRSS is this process's peak resident set (VmHWM) on Linux, else 0:
// with a reused database, the load and the searches are most of it.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
