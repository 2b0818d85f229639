package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"helpdesk/internal/storetest"
)

type part struct {
	field, file string // file "" for a text field
	data        string
}

// multipartReq sends a multipart/form-data request as actor.
func (h *harness) multipart(actor, method, path string, parts ...part) (int, string) {
	h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.file == "" {
			w, err = mw.CreateFormField(p.field)
		} else {
			w, err = mw.CreateFormFile(p.field, p.file)
		}
		if err != nil {
			h.t.Fatal(err)
		}
		io.WriteString(w, p.data)
	}
	mw.Close()
	req, err := http.NewRequest(method, h.srv.URL+path, &buf)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+h.token(actor))
	return h.send(req)
}

func ticketParts(title string, extra ...part) []part {
	return append([]part{{field: "title", data: title}, {field: "module", data: "Inventarios"}, {field: "type", data: "Error"},
		{field: "urgency", data: "Media"}, {field: "description", data: "Sale un error al guardar."}}, extra...)
}

func TestAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const caja, agent = "caja@panaderia.test", "agente@oceanic.test"
		status, body := h.multipart(caja, "POST", "/api/v1/tickets",
			ticketParts("Pantallazo del error", part{"files", "pantallazo 📷.png", "\x89PNG fake"}, part{"files", "registro.txt", "línea 1"})...)
		var created struct{ Number int64 }
		if json.Unmarshal([]byte(body), &created); status != 201 || created.Number == 0 {
			t.Fatalf("create with files: %d %s", status, body)
		}
		num := itoa(created.Number)
		_, body = h.as(caja, "GET", "/api/v1/tickets/"+num, "")
		var view struct {
			Timeline []struct {
				Kind        string
				Attachments []struct {
					ID   int64
					Name string
				}
			}
		}
		json.Unmarshal([]byte(body), &view)
		if len(view.Timeline) == 0 || len(view.Timeline[0].Attachments) != 2 || view.Timeline[0].Attachments[0].Name != "pantallazo 📷.png" {
			t.Fatalf("files on the creation: %s", body)
		}
		png := fmt.Sprint(view.Timeline[0].Attachments[0].ID)

		status, body = h.multipart(agent, "POST", "/api/v1/tickets/"+num+"/messages",
			part{field: "body", data: "Nota con el log del servidor"}, part{field: "internal", data: "true"}, part{"files", "servidor.log", "secreto"})
		if status != 201 || !strings.Contains(body, `"name":"servidor.log"`) {
			t.Fatalf("note with a file: %d %s", status, body)
		}
		var after struct {
			Timeline []struct {
				Kind        string
				Attachments []struct{ ID int64 }
			}
		}
		json.Unmarshal([]byte(body), &after)
		last := after.Timeline[len(after.Timeline)-1]
		if last.Kind != "note" || len(last.Attachments) != 1 {
			t.Fatalf("note: %s", body)
		}
		noteFile := fmt.Sprint(last.Attachments[0].ID)

		h.run([]scenario{
			{name: "reporter downloads", actor: caja, method: "GET", path: "/api/v1/attachments/" + png, status: 200, want: []string{"\x89PNG fake"}},
			{name: "colleague of a sharing company", actor: "gerente@panaderia.test", method: "GET", path: "/api/v1/attachments/" + png, status: 200},
			{name: "other company", actor: "compras@ferreteria.test", method: "GET", path: "/api/v1/attachments/" + png, status: 404,
				want: []string{`"code":"not_found"`}, notWant: []string{"PNG"}},
			{name: "customer and a note's file", actor: caja, method: "GET", path: "/api/v1/attachments/" + noteFile, status: 404, notWant: []string{"secreto"}},
			{name: "staff and a note's file", actor: agent, method: "GET", path: "/api/v1/attachments/" + noteFile, status: 200, want: []string{"secreto"}},
			{name: "never issued", actor: agent, method: "GET", path: "/api/v1/attachments/999999", status: 404},
			{name: "not a number", actor: agent, method: "GET", path: "/api/v1/attachments/x", status: 404},
			{name: "anonymous", method: "GET", path: "/api/v1/attachments/" + png, status: 401},
		})
		if status, _ := h.as(caja, "GET", "/api/v1/attachments/"+png, ""); status == 200 {
			if cd := h.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''pantallazo") {
				t.Errorf("Content-Disposition %q", cd)
			}
			if h.header.Get("X-Content-Type-Options") != "nosniff" || h.header.Get("Content-Type") != "image/png" {
				t.Errorf("headers %v", h.header)
			}
		}

		t.Run("same rules as the portal", func(t *testing.T) {
			six := ticketParts("Seis archivos")
			for i := range 6 {
				six = append(six, part{"files", fmt.Sprintf("f%d.txt", i), "x"})
			}
			for _, tc := range []struct {
				name   string
				parts  []part
				status int
				want   string
			}{
				{"a program", ticketParts("Con exe", part{"files", "instalador.exe", "MZ"}), 422, `"files":"«instalador.exe»: ese tipo de archivo no se acepta`},
				{"six files", six, 422, `"files":"Puede adjuntar como máximo 5 archivos."`},
				{"an empty file", ticketParts("Vacío", part{"files", "vacio.txt", ""}), 422, `"files":"«vacio.txt» está vacío."`},
				{"a reporter field", ticketParts("Otro autor", part{field: "reporter_id", data: "1"}), 400, `"reporter_id":"Campo desconocido."`},
				{"a company field", ticketParts("Otra empresa", part{field: "company", data: "Ferretería"}), 400, `"company":"Campo desconocido."`},
				{"files under another name", ticketParts("Otro campo", part{"adjunto", "a.txt", "x"}), 400, `"adjunto":"Campo desconocido."`},
				{"missing title", ticketParts("", part{"files", "a.txt", "x"}), 422, `"title":"Este campo es obligatorio."`},
			} {
				status, body := h.multipart(caja, "POST", "/api/v1/tickets", tc.parts...)
				if status != tc.status || !strings.Contains(body, tc.want) || strings.Contains(body, `"number"`) {
					t.Errorf("%s: %d %s", tc.name, status, body)
				}
			}
			status, body := h.multipart(caja, "POST", "/api/v1/tickets/"+num+"/messages", part{"files", "a.txt", "x"})
			if status != 422 || !strings.Contains(body, `"body":"Este campo es obligatorio."`) {
				t.Errorf("file without a message: %d %s", status, body)
			}
			status, body = h.multipart(caja, "POST", "/api/v1/tickets/"+num+"/messages", part{field: "body", data: "x"}, part{field: "internal", data: "quizás"})
			if status != 400 || !strings.Contains(body, `"internal":"Tipo de valor incorrecto."`) {
				t.Errorf("internal quizás: %d %s", status, body)
			}
		})
	})
}
