package api

import (
	"net/http"
	"strings"

	"helpdesk/internal/model"
)

type faqOut struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Module    string `json:"module"`
	Situation string `json:"situation"`
	Cause     string `json:"cause"`
	Solution  string `json:"solution"`
}

type faqList struct {
	FAQs []faqOut `json:"faqs"`
}

// suggestFAQs answers the published FAQs matching q, best first, at most
// five; an empty q gets an empty list.
func (a *api) suggestFAQs(w http.ResponseWriter, r *http.Request, u model.User) error {
	out := faqList{FAQs: []faqOut{}}
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		faqs, err := a.desk.SuggestFAQs(r.Context(), u, q)
		if err != nil {
			return err
		}
		for _, f := range faqs {
			out.FAQs = append(out.FAQs, faqOut{ID: f.ID, Title: f.Title, Module: f.Module,
				Situation: f.Situation, Cause: f.Cause, Solution: f.Solution})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}
