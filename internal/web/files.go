package web

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// formFiles reads the uploaded files of a multipart field.
func formFiles(r *http.Request, field string) ([]desk.Upload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []desk.Upload
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, desk.Upload{Name: fh.Filename, Data: data})
	}
	return out, nil
}

// attachment downloads a ticket file the reader may see.
func (s *Server) attachment(w http.ResponseWriter, r *http.Request, a *actor) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, a, http.StatusNotFound, "error.page_not_found")
		return
	}
	att, data, err := s.desk.Attachment(r.Context(), a.User, id)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	serveFile(w, att, data)
}

// serveFile sends a stored file as a download, never rendered in place,
// with an RFC 6266 file name in any script.
func serveFile(w http.ResponseWriter, att model.Attachment, data []byte) {
	h := w.Header()
	h.Set("Content-Type", att.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
}
