package i18n

// englishAPI holds the JSON API's own messages.
func englishAPI() map[string]string {
	return map[string]string{
		"api.validation":         "Please check the fields listed.",
		"api.not_found":          "Not found.",
		"api.forbidden":          "You are not allowed to do this.",
		"api.unauthorized":       "Sign in: wrong e-mail or password, or invalid token.",
		"api.conflict":           "The request conflicts with the current state.",
		"api.rate_limited":       "Too many attempts; wait a few minutes.",
		"api.internal":           "Internal error; please try again later.",
		"api.method_not_allowed": "Method not allowed on this path.",
		"api.too_large":          "The request body exceeds 1 MiB.",
		"api.empty_body":         "The JSON request body is missing.",
		"api.bad_json":           "The body is not valid JSON.",
		"api.trailing_data":      "Unexpected data after the JSON object.",
		"api.bad_fields":         "The JSON body has invalid fields.",
		"api.unknown_field":      "Unknown field.",
		"api.wrong_type":         "Wrong value type.",
		"api.bad_query":          "Invalid query parameters.",
		"api.bad_status_filter":  "Use open, all or a status.",
		"api.bad_limit":          "Use a number from 1 to 100.",
		"api.bad_cursor":         "Invalid cursor.",
		"api.bad_idempotency":    "Idempotency-Key takes up to 200 characters.",
	}
}
