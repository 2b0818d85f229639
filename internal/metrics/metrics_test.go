package metrics_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/metrics"
)

func TestCountsByRoute(t *testing.T) {
	m := metrics.New(time.Unix(1700000000, 0))
	m.AddGauge(metrics.Gauge{Name: "helpdesk_jobs_pending", Help: "Jobs waiting.", Read: func() (map[string]float64, error) {
		return map[string]float64{"": 3}, nil
	}})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tickets/{number}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("number") == "0" {
			http.Error(w, "no", http.StatusNotFound)
		}
	})
	h := m.Middleware(mux, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, p := range []string{"/tickets/1042", "/tickets/1043", "/tickets/0", "/nada"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	m.Job("mail", "done")
	var b strings.Builder
	m.Write(&b)
	out := b.String()
	for _, want := range []string{
		`helpdesk_http_requests_total{method="GET",route="GET /tickets/{number}",code="200"} 2`,
		`helpdesk_http_requests_total{method="GET",route="GET /tickets/{number}",code="404"} 1`,
		`helpdesk_http_requests_total{method="GET",route="unmatched",code="404"} 1`,
		`helpdesk_http_request_duration_seconds_count{route="GET /tickets/{number}"} 3`,
		`helpdesk_http_request_duration_seconds_bucket{route="GET /tickets/{number}",le="+Inf"} 3`,
		`helpdesk_jobs_run_total{kind="mail",outcome="done"} 1`,
		"helpdesk_jobs_pending 3",
		"process_start_time_seconds 1700000000",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "1042") {
		t.Error("a ticket number became a label")
	}
}

func TestGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	tests := []struct {
		token, remote, auth string
		want                int
	}{
		{"", "127.0.0.1:5000", "", 200},
		{"", "[::1]:5000", "", 200},
		{"", "10.0.0.7:5000", "", 403},
		{"s3cret", "10.0.0.7:5000", "Bearer s3cret", 200},
		{"s3cret", "127.0.0.1:5000", "", 403},
		{"s3cret", "10.0.0.7:5000", "Bearer nope", 403},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = tt.remote
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		w := httptest.NewRecorder()
		metrics.Guard(tt.token, ok).ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("token %q from %s with %q: %d, want %d", tt.token, tt.remote, tt.auth, w.Code, tt.want)
		}
	}
}
