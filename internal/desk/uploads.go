package desk

import (
	"context"
	"errors"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Upload is a file as received from a form or the API.
type Upload struct {
	Name string
	Data []byte
}

// allowedTypes maps accepted extensions to the content type served back;
// the client's claimed type is never trusted.
var allowedTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".bmp": "image/bmp",
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".csv":  "text/csv", ".txt": "text/plain", ".log": "text/plain", ".xml": "application/xml",
	".json": "application/json", ".rtf": "application/rtf",
	".zip": "application/zip",
}

// AllowedExtensions lists the accepted file extensions, for help texts.
func AllowedExtensions() []string {
	return []string{"png", "jpg", "gif", "webp", "pdf", "doc(x)", "xls(x)", "ppt(x)", "odt", "ods", "csv", "txt", "log", "xml", "json", "zip"}
}

// errUpload carries the message key of a refused file and its arguments.
type errUpload struct {
	key  string
	args []any
}

func (e errUpload) Error() string { return e.key }

// checkUploads validates files against the limits, given how many are
// already attached; it returns them with clean names and types.
func (d *Desk) checkUploads(files []Upload, already int) ([]model.Attachment, error) {
	if already+len(files) > d.maxFiles {
		return nil, errUpload{"error.too_many_files", []any{d.maxFiles}}
	}
	out := make([]model.Attachment, 0, len(files))
	for i := range files {
		name := cleanFileName(files[i].Name)
		ct, ok := allowedTypes[strings.ToLower(path.Ext(name))]
		switch {
		case name == "":
			return nil, errUpload{key: "error.file_name"}
		case len(files[i].Data) == 0:
			return nil, errUpload{"error.file_empty", []any{name}}
		case int64(len(files[i].Data)) > d.maxBytes:
			return nil, errUpload{"error.file_too_big", []any{name, d.maxBytes >> 20}}
		case !ok:
			return nil, errUpload{"error.file_type", []any{name}}
		}
		out = append(out, model.Attachment{Name: name, ContentType: ct, Size: int64(len(files[i].Data))})
		files[i].Name = name
	}
	return out, nil
}

// storeUploads writes checked files and their blobs.
func (d *Desk) storeUploads(ctx context.Context, q *store.Q, atts []model.Attachment, ticketID, eventID, draftID int64, files []Upload) error {
	now := d.clock()
	for i, a := range atts {
		sum, err := q.PutBlob(ctx, files[i].Data)
		if err != nil {
			return err
		}
		a.SHA256 = sum
		if _, err := q.AddAttachment(ctx, a, ticketID, eventID, draftID, now); err != nil {
			return err
		}
	}
	return nil
}

// cleanFileName keeps a file's base name in any script, dropping paths and
// control characters, at most 150 runes (keeping the extension).
func cleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		return ""
	}
	if r := []rune(name); len(r) > 150 {
		ext := []rune(path.Ext(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(r[:150-len(ext)]) + string(ext)
	}
	return name
}

// Attachment returns a ticket file the actor may see; files on internal
// notes exist only for staff.
func (d *Desk) Attachment(ctx context.Context, actor model.User, id int64) (model.Attachment, []byte, error) {
	return d.st.Read().AttachmentFile(ctx, scope(actor), id, actor.Role.Staff())
}

// addUploadError records a refused file on a form field.
func addUploadError(v *model.ValidationError, field string, err error) {
	var e errUpload
	if errors.As(err, &e) {
		v.Add(field, e.key, e.args...)
	}
}
