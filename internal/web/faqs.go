package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"helpdesk/internal/model"
)

// faqGroup is the FAQs of one module.
type faqGroup struct {
	Module string
	FAQs   []model.FAQ
}

type faqListData struct {
	Query   string
	Results []model.FAQ
	Groups  []faqGroup
}

// faqList shows every published FAQ by module, or search results.
func (s *Server) faqList(w http.ResponseWriter, r *http.Request, a *actor) {
	q := r.URL.Query().Get("q")
	d := faqListData{Query: q}
	var err error
	if q != "" {
		d.Results, err = s.desk.SearchFAQs(r.Context(), q, 20)
	} else {
		var all []model.FAQ
		all, err = s.desk.FAQs(r.Context(), model.User{}) // published only, for everyone
		for _, f := range all {
			if n := len(d.Groups); n == 0 || d.Groups[n-1].Module != f.Module {
				d.Groups = append(d.Groups, faqGroup{Module: f.Module})
			}
			g := &d.Groups[len(d.Groups)-1]
			g.FAQs = append(g.FAQs, f)
		}
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "faqs", view{actor: a, Title: "nav.faqs", Nav: "faqs", Data: d})
}

func (s *Server) faqPage(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f, err := s.desk.OpenFAQ(r.Context(), model.User{ID: a.User.ID, Role: model.RoleInformer}, id, r.URL.Query().Get("q"))
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "faq", view{actor: a, Title: "nav.faqs", Nav: "faqs", Data: f})
}

// suggestion is a FAQ as the wizard's script receives it.
type suggestion struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Module    string `json:"module"`
	Situation string `json:"situation"`
	Cause     string `json:"cause"`
	Solution  string `json:"solution"`
}

// faqSuggest answers the wizard's live suggestions as JSON; the script
// builds the list with textContent, never HTML.
func (s *Server) faqSuggest(w http.ResponseWriter, r *http.Request, a *actor) {
	faqs, err := s.desk.SuggestFAQs(r.Context(), a.User, r.URL.Query().Get("q"))
	if err != nil {
		s.log.Error("suggest", "err", err)
		http.Error(w, `{"faqs":[]}`, http.StatusInternalServerError)
		return
	}
	out := struct {
		FAQs []suggestion `json:"faqs"`
	}{FAQs: []suggestion{}}
	for _, f := range faqs {
		out.FAQs = append(out.FAQs, suggestion{f.ID, f.Title, f.Module, f.Situation, f.Cause, f.Solution})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(out)
}
