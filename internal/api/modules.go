package api

import (
	"net/http"

	"helpdesk/internal/model"
)

type moduleOut struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type moduleList struct {
	Modules []moduleOut `json:"modules"`
}

// modules lists the product areas a ticket may be filed under.
func (a *api) modules(w http.ResponseWriter, r *http.Request, _ model.User) error {
	mods, err := a.desk.Modules(r.Context())
	if err != nil {
		return err
	}
	out := moduleList{Modules: make([]moduleOut, 0, len(mods))}
	for _, m := range mods {
		out.Modules = append(out.Modules, moduleOut{m.ID, m.Name})
	}
	return writeJSON(w, http.StatusOK, out)
}
