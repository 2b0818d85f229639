package desk_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

func TestWizardDraft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		key, err := env.Desk.StartDraft(ctx, u, desk.NewTicket{Module: "Nómina electrónica"})
		if err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			step  int
			in    desk.NewTicket
			field string // "" when the step must pass
		}{
			{desk.StepTitle, desk.NewTicket{Title: ""}, "title"},
			{desk.StepTitle, desk.NewTicket{Title: "Nómina rechazada"}, ""},
			{desk.StepClassify, desk.NewTicket{Module: "Nómina electrónica", Type: "Error", Urgency: "Urgente"}, "urgency"},
			{desk.StepClassify, desk.NewTicket{Module: "Nómina electrónica", Type: "Error", Urgency: "Media"}, ""},
			{desk.StepDescribe, desk.NewTicket{Description: "Rechazo 90", Version: "9.0.1"}, ""},
			{desk.StepConfirm, desk.NewTicket{CC: "no es correo"}, "cc"},
		}
		for _, s := range steps {
			err := env.Desk.SaveDraftStep(ctx, u, key, s.step, s.in)
			if s.field == "" && err != nil {
				t.Fatalf("step %d: %v", s.step, err)
			}
			if s.field != "" && fieldKey(err, s.field) == "" {
				t.Fatalf("step %d: err %v, want error on %s", s.step, err, s.field)
			}
		}
		// A step's refusal keeps the limit its message names.
		long := desk.NewTicket{Title: strings.Repeat("á", 201)}
		var ve *model.ValidationError
		if err := env.Desk.SaveDraftStep(ctx, u, key, desk.StepTitle, long); !errors.As(err, &ve) ||
			ve.Fields["title"] != "error.too_long" || len(ve.Args["title"]) != 1 || ve.Args["title"][0] != 200 {
			t.Errorf("long title: %#v", err)
		}
		dr, err := env.Desk.Draft(ctx, u, key)
		if err != nil {
			t.Fatal(err)
		}
		want := desk.NewTicket{Title: "Nómina rechazada", Module: "Nómina electrónica", Type: "Error", Urgency: "Media",
			Description: "Rechazo 90", Version: "9.0.1"}
		if !reflect.DeepEqual(dr.Fields, want) {
			t.Errorf("draft %+v, want %+v (a failed step must change nothing)", dr.Fields, want)
		}
		if _, err := env.Desk.Draft(ctx, env.User(t, "gerente@ferreteria.test"), key); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("another user reads the draft: %v", err)
		}

		png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 100)...)
		if err := env.Desk.AddDraftFiles(ctx, u, key, []desk.Upload{{Name: `C:\fotos\pantallazo ñ 日本.png`, Data: png}}); err != nil {
			t.Fatal(err)
		}
		a, err := env.Desk.SubmitDraft(ctx, u, key)
		if err != nil {
			t.Fatal(err)
		}
		b, err := env.Desk.SubmitDraft(ctx, u, key)
		if err != nil || b.Number != a.Number {
			t.Fatalf("second submit: #%d %v, want the same #%d", b.Number, err, a.Number)
		}
		if err := env.Desk.SaveDraftStep(ctx, u, key, desk.StepTitle, desk.NewTicket{Title: "otro"}); !errors.Is(err, model.ErrConflict) {
			t.Errorf("editing a submitted draft: %v, want ErrConflict", err)
		}
		v, err := env.Desk.Ticket(ctx, u, a.Number)
		if err != nil {
			t.Fatal(err)
		}
		atts := v.Timeline[0].Attachments
		if len(atts) != 1 || atts[0].Name != "pantallazo ñ 日本.png" || atts[0].ContentType != "image/png" {
			t.Fatalf("attachments on creation: %+v", atts)
		}
		_, data, err := env.Desk.Attachment(ctx, u, atts[0].ID)
		if err != nil || !bytes.Equal(data, png) {
			t.Errorf("download: %v, %d bytes", err, len(data))
		}
		if _, _, err := env.Desk.Attachment(ctx, env.User(t, "caja@panaderia.test"), atts[0].ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("other company downloads: %v", err)
		}
	})
}

func TestUploadLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		one := []byte("datos")
		tests := []struct {
			name  string
			files []desk.Upload
			key   string
		}{
			{"executable", []desk.Upload{{Name: "virus.exe", Data: one}}, "error.file_type"},
			{"no extension", []desk.Upload{{Name: "README", Data: one}}, "error.file_type"},
			{"empty", []desk.Upload{{Name: "vacio.txt"}}, "error.file_empty"},
			{"too big", []desk.Upload{{Name: "grande.pdf", Data: make([]byte, 10<<20+1)}}, "error.file_too_big"},
			{"six files", []desk.Upload{{"a.txt", one}, {"b.txt", one}, {"c.txt", one}, {"d.txt", one}, {"e.txt", one}, {"f.txt", one}}, "error.too_many_files"},
			{"only a path", []desk.Upload{{Name: "../", Data: one}}, "error.file_name"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				key, _ := env.Desk.StartDraft(ctx, u, desk.NewTicket{})
				err := env.Desk.AddDraftFiles(ctx, u, key, tt.files)
				if got := fieldKey(err, "files"); got != tt.key {
					t.Errorf("got %q (%v), want %q", got, err, tt.key)
				}
				dr, _ := env.Desk.Draft(ctx, u, key)
				if len(dr.Files) != 0 {
					t.Errorf("refused upload stored %d files", len(dr.Files))
				}
			})
		}
	})
}

func TestDeflection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		agent := env.User(t, "agente@oceanic.test")
		key, _ := env.Desk.StartDraft(ctx, u, desk.NewTicket{})
		if err := env.Desk.SaveDraftStep(ctx, u, key, desk.StepTitle, desk.NewTicket{Title: "olvidé la contrasena"}); err != nil {
			t.Fatal(err)
		}
		faqs, err := env.Desk.SuggestFAQs(ctx, u, "olvidé la contrasena")
		if err != nil || len(faqs) == 0 {
			t.Fatalf("suggestions: %v, %d", err, len(faqs))
		}
		// Staff trying the suggestions are not counted.
		if _, err := env.Desk.SuggestFAQs(ctx, agent, "olvidé la contrasena"); err != nil {
			t.Fatal(err)
		}
		if err := env.Desk.ResolveDraftByFAQ(ctx, u, key, faqs[0].ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.Draft(ctx, u, key); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("draft still there after deflection: %v", err)
		}
		d, err := env.Desk.DeflectionStats(ctx, agent)
		if err != nil || d.Resolved != 1 || d.Shown != len(faqs) {
			t.Errorf("stats %+v (%v), want shown %d resolved 1", d, err, len(faqs))
		}
		if _, err := env.Desk.DeflectionStats(ctx, u); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("customer reads stats: %v", err)
		}
	})
}
