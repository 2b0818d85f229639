package api

// Translations exposes the message catalog to the tests: key → {es, en}.
func Translations() map[string][2]string {
	out := make(map[string][2]string, len(messages))
	for k, m := range messages {
		out[k] = [2]string{m.es, m.en}
	}
	return out
}
