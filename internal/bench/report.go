package bench

import (
	"fmt"
	"strings"
	"time"
)

// target is what an operation must meet; zero fields are not checked.
type target struct {
	P50, P99 time.Duration
	MinRate  float64
}

func (t target) String() string {
	var parts []string
	if t.P50 > 0 {
		parts = append(parts, "p50 ≤ "+short(t.P50))
	}
	if t.P99 > 0 {
		parts = append(parts, "p99 ≤ "+short(t.P99))
	}
	if t.MinRate > 0 {
		parts = append(parts, fmt.Sprintf("≥ %.0f/s", t.MinRate))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}

func short(d time.Duration) string { return fmt.Sprintf("%g ms", float64(d)/float64(time.Millisecond)) }

// met tells whether an operation meets its target: latency one request
// at a time (or at the open loop's fixed rate), throughput with every
// client at once; ok is false when there is no target to meet.
func (t target) met(op OpResult) (pass, ok bool) {
	if t == (target{}) {
		return false, false
	}
	s := op.HTTP
	pass = s.Errors == 0 && s.Dropped == 0 && s.Count > 0 && op.Busy.Errors == 0
	if t.P50 > 0 && s.Pct(.5) > t.P50 {
		pass = false
	}
	if t.P99 > 0 && s.Pct(.99) > t.P99 {
		pass = false
	}
	if t.MinRate > 0 && op.Busy.Rate() < t.MinRate {
		pass = false
	}
	return pass, true
}

func passFail(pass bool) string {
	if pass {
		return "pass"
	}
	return "**FAIL**"
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// results are the operations run, the fixed-rate creation last.
func (r *Report) results() []OpResult {
	out := append([]OpResult{}, r.Ops...)
	if r.CreateAtRate.Name != "" {
		out = append(out, r.CreateAtRate)
	}
	return out
}

// Failed lists the targets the run missed.
func (r *Report) Failed() []string {
	var out []string
	for _, op := range r.results() {
		if pass, ok := op.Target.met(op); ok && op.Available && !pass {
			out = append(out, op.Name)
		}
	}
	for _, m := range r.runMetrics() {
		if !m.pass {
			out = append(out, m.name)
		}
	}
	return out
}

type metric struct {
	name, value, target string
	pass                bool
}

// perTicket is bytes a ticket: of tickets and timeline beyond their
// text, of the search index, and both.
func (r *Report) perTicket() (rows, index, total float64) {
	s := r.Storage
	if s.Tickets == 0 {
		return 0, 0, 0
	}
	n := float64(s.Tickets)
	rows, index = float64(s.Bytes-s.TextBytes)/n, float64(s.Index)/n
	return rows, index, rows + index
}

func (r *Report) runMetrics() []metric {
	rows, index, total := r.perTicket()
	s := r.Storage
	return []metric{
		{"idle RSS of the server", mb(r.IdleRSS), "≤ 50 MB", r.IdleRSS <= 50<<20},
		{"peak RSS of the server (VmHWM) up to the highest mixed rate met", mb(r.PeakAtBest), "≤ 256 MB", r.PeakAtBest <= 256<<20},
		{"peak RSS of the server with the overloaded mixed steps", mb(r.PeakRSS), "—", true},
		{"start to first 200 (/healthz)", ms(r.StartTo200), "≤ 200 ms", r.StartTo200 <= 200*time.Millisecond},
		{"tickets and timeline per ticket beyond their text", fmt.Sprintf("%.0f B (%s tables and indexes, %s text)",
			rows, mb(s.Bytes), mb(s.TextBytes)), "—", true},
		{"search index per ticket", fmt.Sprintf("%.0f B (%s dictionary, postings, outbox and their indexes)",
			index, mb(s.Index)), "—", true},
		{"database per ticket beyond its text", fmt.Sprintf("%.0f B (the two above, %d tickets, as generated)",
			total, s.Tickets), "≤ 1.5 KB", total <= 1536},
	}
}

// Markdown renders the report as tables to paste into BENCHMARKS.md.
func (r *Report) Markdown() string {
	var b strings.Builder
	sz := r.Data.Size
	fmt.Fprintf(&b, "### %s, size %s (%d companies, %d users, %d tickets, %d FAQs)\n\n", r.Dialect, sz.Name,
		sz.Companies, sz.Users, sz.Tickets, sz.FAQs)
	fmt.Fprintf(&b, "- Run at %s on `%s`.\n", r.When.Format("2006-01-02 15:04 UTC"), r.Database)
	if r.Data.Reused {
		fmt.Fprintf(&b, "- Data set reused from an earlier run (generated once).\n")
	} else {
		fmt.Fprintf(&b, "- Data set generated through the store in %s.\n", r.Data.Took.Round(time.Second/10))
	}
	fmt.Fprintf(&b, "- Cores: %s.\n", r.Cores)
	fmt.Fprintf(&b, "- Each operation over HTTP on 127.0.0.1, closed loop: %[1]d clients at once for %[2]s (req/s, and p99 with queueing), then one client at a time for %[2]s (p50/p95/p99: the request itself; latency targets are checked on these). The floor is the same call on desk in the client process, one at a time, for half as long. Requests count both runs; errors too.\n\n",
		r.Concurrency, r.Duration)
	fmt.Fprintf(&b, "| operation | requests | req/s (%d clients) | p99 (%d clients) | p50 | p95 | p99 | errors | floor p50 | floor p99 | HTTP/floor p50 | target | result |\n", r.Concurrency, r.Concurrency)
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
	for _, op := range r.results() {
		if !op.Available {
			fmt.Fprintf(&b, "| %s | not available: the server does not take it | | | | | | | | | | %s | — |\n", op.Name, op.Target)
			continue
		}
		h := op.HTTP
		floor50, floor99, ratio := "—", "—", "—"
		if op.HasFloor && op.Floor.Count > 0 {
			floor50, floor99 = ms(op.Floor.Pct(.5)), ms(op.Floor.Pct(.99))
			if f := op.Floor.Pct(.5); f > 0 {
				ratio = fmt.Sprintf("%.1f×", float64(h.Pct(.5))/float64(f))
			}
		}
		result := "—"
		if pass, ok := op.Target.met(op); ok {
			result = passFail(pass)
		}
		errs := fmt.Sprint(h.Errors + op.Busy.Errors)
		if h.Dropped > 0 {
			errs += fmt.Sprintf(" (+%d dropped)", h.Dropped)
		}
		busyRate, busy99 := "—", "—"
		if op.Busy.Count > 0 {
			busyRate, busy99 = fmt.Sprintf("%.0f", op.Busy.Rate()), ms(op.Busy.Pct(.99))
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", op.Name, h.Count+op.Busy.Count,
			busyRate, busy99, ms(h.Pct(.5)), ms(h.Pct(.95)), ms(h.Pct(.99)), errs, floor50, floor99, ratio, op.Target, result)
	}
	b.WriteString("\n| run | value | target | result |\n|---|---|---|---|\n")
	for _, m := range r.runMetrics() {
		result := passFail(m.pass)
		if m.target == "—" {
			result = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", m.name, m.value, m.target, result)
	}
	if r.MixedRun {
		search := "FAQ suggestions (no staff search on this server)"
		for _, op := range r.Ops {
			if op.Name == "staff_search" && op.Available {
				search = "staff ticket search"
			}
		}
		fmt.Fprintf(&b, "\nMixed load, open loop (requests launched on schedule whatever the answers; latency from the scheduled time): 70%% reads (ticket by number, customer list, staff queue), 20%% search (%s), 10%% writes (new ticket, reply). A step passes with no errors, nothing dropped, and p99 reads ≤ 25 ms, search ≤ 200 ms, writes ≤ 50 ms.\n\n", search)
		b.WriteString("| offered/s | done | achieved/s | p50 | p99 reads | p99 search | p99 writes | errors | result |\n")
		b.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
		for _, s := range r.Mixed {
			errs := fmt.Sprint(s.All.Errors)
			if s.All.Dropped > 0 {
				errs += fmt.Sprintf(" (+%d dropped)", s.All.Dropped)
			}
			fmt.Fprintf(&b, "| %.0f | %d | %.0f | %s | %s | %s | %s | %s | %s |\n", s.Rate, s.All.Count, s.All.Rate(),
				ms(s.All.Pct(.5)), ms(s.Classes[classRead].Pct(.99)), ms(s.Classes[classSearch].Pct(.99)),
				ms(s.Classes[classWrite].Pct(.99)), errs, passFail(s.Pass))
		}
		if r.BestRate > 0 {
			fmt.Fprintf(&b, "\nHighest mixed rate meeting the targets: **%.0f requests/s** (steps stop after two failing in a row).\n", r.BestRate)
		} else {
			b.WriteString("\nNo mixed rate met the targets.\n")
		}
	} else {
		b.WriteString("\nMixed load not run (--ops).\n")
	}
	var errs []string
	for _, op := range r.results() {
		if op.HTTP.FirstErr != "" {
			errs = append(errs, fmt.Sprintf("- %s: %s", op.Name, op.HTTP.FirstErr))
		}
		if op.Busy.FirstErr != "" {
			errs = append(errs, fmt.Sprintf("- %s (%d clients): %s", op.Name, r.Concurrency, op.Busy.FirstErr))
		}
		if op.Floor.FirstErr != "" {
			errs = append(errs, fmt.Sprintf("- %s (floor): %s", op.Name, op.Floor.FirstErr))
		}
	}
	for _, s := range r.Mixed {
		if s.All.FirstErr != "" {
			errs = append(errs, fmt.Sprintf("- mixed %.0f/s: %s", s.Rate, s.All.FirstErr))
		}
	}
	if len(errs) > 0 {
		b.WriteString("\nFirst error of each operation that had any:\n\n" + strings.Join(errs, "\n") + "\n")
	}
	return b.String()
}
