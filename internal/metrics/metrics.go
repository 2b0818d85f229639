// Package metrics counts what the help desk does and serves it in the
// Prometheus text format at /metrics: requests by route and status with
// their durations, background jobs by outcome, and the Go runtime. No
// client library: the format is a few lines of text.
package metrics

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// buckets are the upper bounds of the request duration histogram, seconds.
var buckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}

type reqKey struct{ method, route, code string }

type histogram struct {
	counts []uint64 // per bucket, not cumulative; one more for +Inf
	sum    float64
	n      uint64
}

// Registry holds the counters of one process.
type Registry struct {
	start    time.Time
	mu       sync.Mutex
	requests map[reqKey]uint64
	duration map[string]*histogram // by route
	jobs     map[[2]string]uint64  // kind, outcome
	gauges   []Gauge
}

// Gauge is a value read when /metrics is scraped (say, pending jobs).
type Gauge struct {
	Name, Help string
	Read       func() (map[string]float64, error) // label value → value; "" for no label
	Label      string
}

// New returns an empty registry.
func New(now time.Time) *Registry {
	return &Registry{start: now, requests: map[reqKey]uint64{}, duration: map[string]*histogram{},
		jobs: map[[2]string]uint64{}}
}

// AddGauge registers a value to read at each scrape.
func (m *Registry) AddGauge(g Gauge) {
	m.mu.Lock()
	m.gauges = append(m.gauges, g)
	m.mu.Unlock()
}

// Request records one answered request. route is the pattern that served
// it ("GET /tickets/{number}"), so ticket numbers never become labels.
func (m *Registry) Request(method, route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	code := strconv.Itoa(status)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{method, route, code}]++
	h := m.duration[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets)+1)}
		m.duration[route] = h
	}
	s := d.Seconds()
	i := sort.SearchFloat64s(buckets, s)
	h.counts[i]++
	h.sum += s
	h.n++
}

// Job records the outcome of one background job ("done", "retry",
// "failed").
func (m *Registry) Job(kind, outcome string) {
	m.mu.Lock()
	m.jobs[[2]string{kind, outcome}]++
	m.mu.Unlock()
}

// Write prints every metric in the Prometheus text format.
func (m *Registry) Write(w io.Writer) error {
	m.mu.Lock()
	reqs := make(map[reqKey]uint64, len(m.requests))
	for k, v := range m.requests {
		reqs[k] = v
	}
	durs := make(map[string]histogram, len(m.duration))
	for k, h := range m.duration {
		durs[k] = histogram{counts: append([]uint64(nil), h.counts...), sum: h.sum, n: h.n}
	}
	jobs := make(map[[2]string]uint64, len(m.jobs))
	for k, v := range m.jobs {
		jobs[k] = v
	}
	gauges := append([]Gauge(nil), m.gauges...)
	m.mu.Unlock()

	var b strings.Builder
	b.WriteString("# HELP helpdesk_http_requests_total Requests answered, by method, route and status.\n")
	b.WriteString("# TYPE helpdesk_http_requests_total counter\n")
	for _, k := range sortedKeys(reqs, func(k reqKey) string { return k.route + "\x00" + k.method + "\x00" + k.code }) {
		fmt.Fprintf(&b, "helpdesk_http_requests_total{method=%s,route=%s,code=%s} %d\n",
			quote(k.method), quote(k.route), quote(k.code), reqs[k])
	}
	b.WriteString("# HELP helpdesk_http_request_duration_seconds Time to answer, by route.\n")
	b.WriteString("# TYPE helpdesk_http_request_duration_seconds histogram\n")
	for _, route := range sortedKeys(durs, func(s string) string { return s }) {
		h := durs[route]
		var cum uint64
		for i, le := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "helpdesk_http_request_duration_seconds_bucket{route=%s,le=%q} %d\n", quote(route),
				strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(&b, "helpdesk_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quote(route), h.n)
		fmt.Fprintf(&b, "helpdesk_http_request_duration_seconds_sum{route=%s} %s\n", quote(route), num(h.sum))
		fmt.Fprintf(&b, "helpdesk_http_request_duration_seconds_count{route=%s} %d\n", quote(route), h.n)
	}
	b.WriteString("# HELP helpdesk_jobs_run_total Background jobs run by this process, by kind and outcome.\n")
	b.WriteString("# TYPE helpdesk_jobs_run_total counter\n")
	for _, k := range sortedKeys(jobs, func(k [2]string) string { return k[0] + "\x00" + k[1] }) {
		fmt.Fprintf(&b, "helpdesk_jobs_run_total{kind=%s,outcome=%s} %d\n", quote(k[0]), quote(k[1]), jobs[k])
	}
	for _, g := range gauges {
		vals, err := g.Read()
		if err != nil {
			continue // a gauge that cannot be read now is left out
		}
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", g.Name, g.Help, g.Name)
		for _, l := range sortedKeys(vals, func(s string) string { return s }) {
			if g.Label == "" {
				fmt.Fprintf(&b, "%s %s\n", g.Name, num(vals[l]))
			} else {
				fmt.Fprintf(&b, "%s{%s=%s} %s\n", g.Name, g.Label, quote(l), num(vals[l]))
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(&b, "# HELP go_goroutines Goroutines that exist.\n# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintf(&b, "# HELP go_memstats_heap_inuse_bytes Heap bytes in use.\n# TYPE go_memstats_heap_inuse_bytes gauge\ngo_memstats_heap_inuse_bytes %d\n", ms.HeapInuse)
	fmt.Fprintf(&b, "# HELP go_memstats_sys_bytes Bytes obtained from the system.\n# TYPE go_memstats_sys_bytes gauge\ngo_memstats_sys_bytes %d\n", ms.Sys)
	fmt.Fprintf(&b, "# HELP process_start_time_seconds Start of the process.\n# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds %d\n", m.start.Unix())
	_, err := io.WriteString(w, b.String())
	return err
}

// Handler serves the metrics.
func (m *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		m.Write(w)
	})
}

func sortedKeys[K comparable, V any](m map[K]V, by func(K) string) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return by(keys[i]) < by(keys[j]) })
	return keys
}

// quote writes a label value: backslash, quote and newline escaped.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func num(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
