package api

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// multipartFields reads a multipart/form-data body within the desk's file
// limits: its text fields (only those named in allowed, one value each)
// and the files of the "files" part.
func (a *api) multipartFields(w http.ResponseWriter, r *http.Request, allowed ...string) (map[string]string, []desk.Upload, error) {
	limit := a.desk.MaxFileBytes()*int64(a.desk.MaxFiles()) + maxBody
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		if isTooLarge(err) {
			return nil, nil, errFilesTooLarge
		}
		return nil, nil, badRequest("api.bad_multipart", nil)
	}
	fields := map[string]string{}
	for k, v := range r.MultipartForm.Value {
		if !model.OneOf(k, allowed) {
			return nil, nil, badRequest("api.bad_fields", map[string]string{k: "api.unknown_field"})
		}
		if len(v) != 1 {
			return nil, nil, badRequest("api.bad_fields", map[string]string{k: "api.wrong_type"})
		}
		fields[k] = v[0]
	}
	var files []desk.Upload
	for k, fhs := range r.MultipartForm.File {
		if k != "files" {
			return nil, nil, badRequest("api.bad_fields", map[string]string{k: "api.unknown_field"})
		}
		for _, fh := range fhs {
			f, err := fh.Open()
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, nil, err
			}
			files = append(files, desk.Upload{Name: fh.Filename, Data: data})
		}
	}
	return fields, files, nil
}

var errFilesTooLarge = &apiError{status: http.StatusRequestEntityTooLarge, code: "too_large", key: "api.files_too_large"}

func isMultipart(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
}

// serveFile sends a stored file as a download with an RFC 6266 name.
func serveFile(w http.ResponseWriter, att model.Attachment, data []byte) {
	h := w.Header()
	h.Set("Content-Type", att.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.Name}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
}

// boolField reads "true"/"1" and "false"/"0"/"" of a form field.
func boolField(fields map[string]string, name string) (bool, error) {
	switch fields[name] {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, badRequest("api.bad_fields", map[string]string{name: "api.wrong_type"})
}
