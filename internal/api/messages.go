package api

import (
	"net/http"
	"strconv"
	"strings"
)

// text is a message in the two languages the API speaks.
type text struct{ es, en string }

// messages translates the desk's message keys and the API's own. Kept
// small and local until the shared catalogs serve the API too.
var messages = map[string]text{
	"error.required":           {"Este campo es obligatorio.", "This field is required."},
	"error.too_long":           {"El texto es demasiado largo.", "The text is too long."},
	"error.choose":             {"Elija una de las opciones.", "Choose one of the options."},
	"error.invalid_text":       {"El texto contiene caracteres no válidos.", "The text contains invalid characters."},
	"error.email":              {"Escriba correos electrónicos válidos.", "Enter valid e-mail addresses."},
	"error.status_not_allowed": {"No puede pasar el tiquete a ese estado.", "You cannot move the ticket to that status."},
	"error.ticket_closed":      {"El tiquete está cerrado; abra uno nuevo.", "The ticket is closed; open a new one."},
	"error.password_length":    {"La contraseña debe tener entre 8 y 72 caracteres.", "The password must have 8 to 72 characters."},
	"error.file_type":          {"Ese tipo de archivo no se admite.", "That file type is not accepted."},
	"error.file_too_big":       {"El archivo es demasiado grande.", "The file is too big."},
	"error.too_many_files":     {"Son demasiados archivos.", "Too many files."},
	"error.file_empty":         {"El archivo está vacío.", "The file is empty."},
	"error.file_name":          {"El nombre del archivo no es válido.", "The file name is not valid."},

	"api.validation":         {"Revise los campos indicados.", "Please check the fields listed."},
	"api.not_found":          {"No encontrado.", "Not found."},
	"api.forbidden":          {"No tiene permiso para hacer esto.", "You are not allowed to do this."},
	"api.unauthorized":       {"Inicie sesión: correo o contraseña incorrectos, o token no válido.", "Sign in: wrong e-mail or password, or invalid token."},
	"api.conflict":           {"La solicitud choca con el estado actual.", "The request conflicts with the current state."},
	"api.rate_limited":       {"Demasiados intentos; espere unos minutos.", "Too many attempts; wait a few minutes."},
	"api.internal":           {"Error interno; intente de nuevo más tarde.", "Internal error; please try again later."},
	"api.method_not_allowed": {"Método no permitido en esta ruta.", "Method not allowed on this path."},
	"api.too_large":          {"El cuerpo de la solicitud supera 1 MiB.", "The request body exceeds 1 MiB."},
	"api.empty_body":         {"Falta el cuerpo JSON de la solicitud.", "The JSON request body is missing."},
	"api.bad_json":           {"El cuerpo no es JSON válido.", "The body is not valid JSON."},
	"api.trailing_data":      {"Sobran datos después del objeto JSON.", "Unexpected data after the JSON object."},
	"api.bad_fields":         {"El cuerpo JSON tiene campos no válidos.", "The JSON body has invalid fields."},
	"api.unknown_field":      {"Campo desconocido.", "Unknown field."},
	"api.wrong_type":         {"Tipo de valor incorrecto.", "Wrong value type."},
	"api.bad_query":          {"Parámetros de consulta no válidos.", "Invalid query parameters."},
	"api.bad_status_filter":  {"Use open, all o un estado.", "Use open, all or a status."},
	"api.bad_limit":          {"Use un número entre 1 y 100.", "Use a number from 1 to 100."},
	"api.bad_cursor":         {"Cursor no válido.", "Invalid cursor."},
	"api.bad_idempotency":    {"Idempotency-Key admite hasta 200 caracteres.", "Idempotency-Key takes up to 200 characters."},
}

// translate returns the message of a key in "es" or "en"; an unknown key
// is shown as is rather than hidden.
func translate(lang, key string) string {
	m, ok := messages[key]
	switch {
	case !ok:
		return key
	case lang == "en":
		return m.en
	}
	return m.es
}

// language picks "es" or "en" from Accept-Language by quality; Spanish
// when neither is asked for.
func language(r *http.Request) string {
	best, bestQ := "es", 0.0
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if (primary == "es" || primary == "en") && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}
