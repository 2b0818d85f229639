package api

import (
	"net/http"
	"strconv"
	"strings"

	"helpdesk/internal/model"
)

// faqFull is a FAQ with what staff manage about it.
type faqFull struct {
	faqOut
	Published bool  `json:"published"`
	UpdatedAt stamp `json:"updated_at"`
}

type faqFullList struct {
	FAQs []faqFull `json:"faqs"`
}

func newFAQFull(f model.FAQ) faqFull {
	return faqFull{faqOut: faqOut{ID: f.ID, Title: f.Title, Module: f.Module, Situation: f.Situation, Cause: f.Cause,
		Solution: f.Solution}, Published: f.Published, UpdatedAt: stamp(f.UpdatedAt)}
}

// maxFAQSearch caps the answers of a search.
const maxFAQSearch = 20

// listFAQs lists FAQs by module and title, or with q the published ones
// matching it best first (the same engine as the wizard, without counting
// them as shown); module narrows either to one module by name.
func (a *api) listFAQs(w http.ResponseWriter, r *http.Request, u model.User) error {
	q := r.URL.Query()
	module := q.Get("module")
	if module != "" {
		if _, err := a.desk.ModuleByName(r.Context(), module); err != nil {
			return badRequest("api.bad_query", map[string]string{"module": "api.bad_module_filter"})
		}
	}
	var faqs []model.FAQ
	var err error
	if text := strings.TrimSpace(q.Get("q")); text != "" {
		faqs, err = a.desk.SearchFAQs(r.Context(), text, maxFAQSearch)
	} else {
		faqs, err = a.desk.FAQs(r.Context(), u)
	}
	if err != nil {
		return err
	}
	out := faqFullList{FAQs: []faqFull{}}
	for _, f := range faqs {
		if module == "" || f.Module == module {
			out.FAQs = append(out.FAQs, newFAQFull(f))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func faqID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound
	}
	return id, nil
}

// faq shows one FAQ; a draft is not found for customers.
func (a *api) faq(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := faqID(r)
	if err != nil {
		return err
	}
	f, err := a.desk.FAQ(r.Context(), u, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newFAQFull(f))
}

type faqIn struct {
	Title     *string `json:"title"`
	Module    *string `json:"module"` // by name
	Situation *string `json:"situation"`
	Cause     *string `json:"cause"`
	Solution  *string `json:"solution"`
	Published *bool   `json:"published"`
}

// apply puts the fields sent over f.
func (a *api) apply(r *http.Request, in faqIn, f *model.FAQ) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&f.Title, in.Title)
	set(&f.Situation, in.Situation)
	set(&f.Cause, in.Cause)
	set(&f.Solution, in.Solution)
	if in.Module != nil {
		// An unknown name leaves no module: the desk says so with the
		// other fields' errors.
		m, _ := a.desk.ModuleByName(r.Context(), *in.Module)
		f.ModuleID = m.ID
	}
}

// createFAQ writes a FAQ, a draft unless "published" is true (staff).
func (a *api) createFAQ(w http.ResponseWriter, r *http.Request, u model.User) error {
	if !u.Role.Staff() {
		return model.ErrForbidden
	}
	var in faqIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var f model.FAQ
	if in.Module == nil {
		in.Module = new(string)
	}
	a.apply(r, in, &f)
	return a.saveFAQ(w, r, u, f, in.Published, http.StatusCreated)
}

// editFAQ changes the fields sent (staff); a published FAQ is re-indexed.
func (a *api) editFAQ(w http.ResponseWriter, r *http.Request, u model.User) error {
	if !u.Role.Staff() {
		return model.ErrForbidden
	}
	id, err := faqID(r)
	if err != nil {
		return err
	}
	var in faqIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	f, err := a.desk.FAQ(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.apply(r, in, &f)
	return a.saveFAQ(w, r, u, f, in.Published, http.StatusOK)
}

func (a *api) saveFAQ(w http.ResponseWriter, r *http.Request, u model.User, f model.FAQ, publish *bool, status int) error {
	saved, err := a.desk.SaveFAQ(r.Context(), u, f)
	if err != nil {
		return err
	}
	if publish != nil && *publish != saved.Published {
		if err := a.desk.PublishFAQ(r.Context(), u, saved.ID, *publish); err != nil {
			return err
		}
		if saved, err = a.desk.FAQ(r.Context(), u, saved.ID); err != nil {
			return err
		}
	}
	return writeJSON(w, status, newFAQFull(saved))
}

type publishIn struct {
	Published *bool `json:"published"`
}

// publishFAQ publishes or unpublishes a FAQ (staff).
func (a *api) publishFAQ(w http.ResponseWriter, r *http.Request, u model.User) error {
	id, err := faqID(r)
	if err != nil {
		return err
	}
	var in publishIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if !u.Role.Staff() {
		return model.ErrForbidden
	}
	if in.Published == nil {
		return model.Invalid("published", "error.required")
	}
	if err := a.desk.PublishFAQ(r.Context(), u, id, *in.Published); err != nil {
		return err
	}
	f, err := a.desk.FAQ(r.Context(), u, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newFAQFull(f))
}
