package i18n

// spanishAPI holds the JSON API's own messages.
func spanishAPI() map[string]string {
	return map[string]string{
		"api.validation":         "Revise los campos indicados.",
		"api.not_found":          "No encontrado.",
		"api.forbidden":          "No tiene permiso para hacer esto.",
		"api.unauthorized":       "Inicie sesión: correo o contraseña incorrectos, o token no válido.",
		"api.conflict":           "La solicitud choca con el estado actual.",
		"api.rate_limited":       "Demasiados intentos; espere unos minutos.",
		"api.internal":           "Error interno; intente de nuevo más tarde.",
		"api.method_not_allowed": "Método no permitido en esta ruta.",
		"api.too_large":          "El cuerpo de la solicitud supera 1 MiB.",
		"api.empty_body":         "Falta el cuerpo JSON de la solicitud.",
		"api.bad_json":           "El cuerpo no es JSON válido.",
		"api.trailing_data":      "Sobran datos después del objeto JSON.",
		"api.bad_fields":         "El cuerpo JSON tiene campos no válidos.",
		"api.unknown_field":      "Campo desconocido.",
		"api.wrong_type":         "Tipo de valor incorrecto.",
		"api.bad_query":          "Parámetros de consulta no válidos.",
		"api.bad_status_filter":  "Use open, all o un estado.",
		"api.bad_limit":          "Use un número entre 1 y 100.",
		"api.bad_cursor":         "Cursor no válido.",
		"api.bad_idempotency":    "Idempotency-Key admite hasta 200 caracteres.",
	}
}
