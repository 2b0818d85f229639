package config

import (
	"io"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    Config
		wantErr bool
	}{
		{name: "defaults", want: Config{Addr: ":8080", Database: "sqlite:data/helpdesk.db"}},
		{name: "env", env: map[string]string{"HELPDESK_ADDR": ":9000", "HELPDESK_DATABASE": "sqlite:x.db", "HELPDESK_DEMO": "1"},
			want: Config{Addr: ":9000", Database: "sqlite:x.db", Demo: true}},
		{name: "flags win", args: []string{"--addr", ":7000", "--demo"}, env: map[string]string{"HELPDESK_ADDR": ":9000"},
			want: Config{Addr: ":7000", Database: "sqlite:data/helpdesk.db", Demo: true}},
		{name: "postgres", args: []string{"--database", "postgres://u@h/db"}, want: Config{Addr: ":8080", Database: "postgres://u@h/db"}},
		{name: "bad database", args: []string{"--database", "mysql://x"}, wantErr: true},
		{name: "bad proxy", args: []string{"--trusted-proxies", "nope"}, wantErr: true},
		{name: "extra arg", args: []string{"oops"}, wantErr: true},
		{name: "mail from env", env: map[string]string{"HELPDESK_SMTP_URL": "smtp://u:p@mail.example.com:587", "HELPDESK_BASE_URL": "https://soporte.example.com"},
			want: Config{Addr: ":8080", Database: "sqlite:data/helpdesk.db", SMTPURL: "smtp://u:p@mail.example.com:587", BaseURL: "https://soporte.example.com"}},
		{name: "mail flags win", args: []string{"--smtp-url", "smtps://mail.example.com", "--base-url", "http://10.0.0.5:8080"},
			env:  map[string]string{"HELPDESK_SMTP_URL": "smtp://other:25"},
			want: Config{Addr: ":8080", Database: "sqlite:data/helpdesk.db", SMTPURL: "smtps://mail.example.com", BaseURL: "http://10.0.0.5:8080"}},
		{name: "bad smtp scheme", args: []string{"--smtp-url", "http://mail.example.com"}, wantErr: true},
		{name: "smtp without host", args: []string{"--smtp-url", "smtp://"}, wantErr: true},
		{name: "bad base url", args: []string{"--base-url", "soporte.example.com"}, wantErr: true},
		{name: "rate limit env", env: map[string]string{"HELPDESK_API_RATE_LIMIT": "6000"},
			want: Config{Addr: ":8080", Database: "sqlite:data/helpdesk.db", APIRateLimit: 6000}},
		{name: "rate limit flag", args: []string{"--api-rate-limit", "120"},
			want: Config{Addr: ":8080", Database: "sqlite:data/helpdesk.db", APIRateLimit: 120}},
		{name: "bad rate limit env", env: map[string]string{"HELPDESK_API_RATE_LIMIT": "mucho"}, wantErr: true},
		{name: "negative rate limit", args: []string{"--api-rate-limit", "-1"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("serve", tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got.Addr != tt.want.Addr || got.Database != tt.want.Database || got.Demo != tt.want.Demo ||
				got.SMTPURL != tt.want.SMTPURL || got.BaseURL != tt.want.BaseURL || got.APIRateLimit != tt.want.APIRateLimit {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
