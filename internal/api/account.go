package api

import (
	"errors"
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// accountRoutes are the caller's own account and address book.
func (a *api) accountRoutes() {
	a.public("POST /api/v1/auth/forgot", a.forgot)                // anyone; 202 whatever the address
	a.signedIn("GET /api/v1/profile", a.profile)                  // any user: their own
	a.signedIn("PATCH /api/v1/profile", a.updateProfile)          // any user; e-mail change needs "current"
	a.signedIn("POST /api/v1/profile/password", a.changePassword) // any user; other sessions end
	a.signedIn("GET /api/v1/contacts", a.contacts)                // any user: their own address book
	a.signedIn("POST /api/v1/contacts", a.createContact)          // any user
	a.signedIn("PATCH /api/v1/contacts/{id}", a.updateContact)    // owner, else 404
	a.signedIn("DELETE /api/v1/contacts/{id}", a.deleteContact)   // owner, else 404
}

type forgotIn struct {
	Email string `json:"email"`
}

type messageOut struct {
	Message string `json:"message"`
}

// forgot mails a reset link; the answer is the same 202 for every
// address, known or not.
func (a *api) forgot(w http.ResponseWriter, r *http.Request, _ model.User) error {
	var in forgotIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := a.desk.RequestPasswordReset(r.Context(), in.Email); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, messageOut{a.localizer(r).T("forgot.sent")})
}

type profileOut struct {
	ID                 int64  `json:"id"`
	Email              string `json:"email"`
	Name               string `json:"name"`
	Role               string `json:"role"`
	Company            string `json:"company"`
	Phone              string `json:"phone"`
	Position           string `json:"position"`
	Language           string `json:"language"`
	TimeZone           string `json:"time_zone"`
	EmailNotifications bool   `json:"email_notifications"`
	LastLoginAt        stamp  `json:"last_login_at"`
}

func newProfileOut(u model.User) profileOut {
	p := desk.ProfileOf(u)
	return profileOut{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), Company: u.CompanyName, Phone: u.Phone,
		Position: u.Position, Language: u.Language, TimeZone: p.TimeZone, EmailNotifications: u.EmailNotifications,
		LastLoginAt: stamp(u.LastLoginAt)}
}

func (a *api) profile(w http.ResponseWriter, r *http.Request, u model.User) error {
	me, err := a.desk.Me(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newProfileOut(me))
}

// profileIn changes only the fields sent.
type profileIn struct {
	Name               *string `json:"name"`
	Email              *string `json:"email"`
	Phone              *string `json:"phone"`
	Position           *string `json:"position"`
	Language           *string `json:"language"`
	TimeZone           *string `json:"time_zone"`
	EmailNotifications *bool   `json:"email_notifications"`
	Current            string  `json:"current"`
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func (a *api) updateProfile(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in profileIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	me, err := a.desk.Me(r.Context(), u)
	if err != nil {
		return err
	}
	p := desk.ProfileOf(me)
	set(&p.Name, in.Name)
	set(&p.Email, in.Email)
	set(&p.Phone, in.Phone)
	set(&p.Position, in.Position)
	set(&p.Language, in.Language)
	set(&p.TimeZone, in.TimeZone)
	set(&p.EmailNotifications, in.EmailNotifications)
	p.Current = in.Current
	saved, err := a.desk.UpdateProfile(r.Context(), u, p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newProfileOut(saved))
}

type passwordIn struct {
	Current string `json:"current"`
	New     string `json:"new"`
}

// changePassword sets a new password; every other session and login
// token of the caller ends, the one making the call stays.
func (a *api) changePassword(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in passwordIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	err := a.desk.ChangePassword(r.Context(), u, bearer(r), in.Current, in.New)
	var v *model.ValidationError
	if errors.As(err, &v) {
		// The request calls the new password "new".
		out := &model.ValidationError{}
		for f, k := range v.Fields {
			args := v.Args[f]
			if f == "password" {
				f = "new"
			}
			out.Add(f, k, args...)
		}
		return out
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type contactOut struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Company   string `json:"company"`
	Position  string `json:"position"`
	Notes     string `json:"notes"`
	CreatedAt stamp  `json:"created_at"`
	UpdatedAt stamp  `json:"updated_at"`
}

func newContactOut(c model.Contact) contactOut {
	return contactOut{ID: c.ID, Name: c.Name, Email: c.Email, Phone: c.Phone, Company: c.Company, Position: c.Position,
		Notes: c.Notes, CreatedAt: stamp(c.CreatedAt), UpdatedAt: stamp(c.UpdatedAt)}
}

type contactList struct {
	Contacts []contactOut `json:"contacts"`
}

// contacts lists the caller's address book; q searches name, e-mail and
// company regardless of case and accents.
func (a *api) contacts(w http.ResponseWriter, r *http.Request, u model.User) error {
	cs, err := a.desk.Contacts(r.Context(), u, r.URL.Query().Get("q"))
	if err != nil {
		return err
	}
	out := contactList{Contacts: []contactOut{}}
	for _, c := range cs {
		out.Contacts = append(out.Contacts, newContactOut(c))
	}
	return writeJSON(w, http.StatusOK, out)
}

// contactIn is a contact's fields; on PATCH only those sent change.
type contactIn struct {
	Name     *string `json:"name"`
	Email    *string `json:"email"`
	Phone    *string `json:"phone"`
	Company  *string `json:"company"`
	Position *string `json:"position"`
	Notes    *string `json:"notes"`
}

func (in contactIn) over(c desk.ContactInput) desk.ContactInput {
	set(&c.Name, in.Name)
	set(&c.Email, in.Email)
	set(&c.Phone, in.Phone)
	set(&c.Company, in.Company)
	set(&c.Position, in.Position)
	set(&c.Notes, in.Notes)
	return c
}

func (a *api) createContact(w http.ResponseWriter, r *http.Request, u model.User) error {
	var in contactIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.desk.CreateContact(r.Context(), u, in.over(desk.ContactInput{}))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newContactOut(c))
}

func contactPathID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0
	}
	return id
}

func (a *api) updateContact(w http.ResponseWriter, r *http.Request, u model.User) error {
	old, err := a.desk.Contact(r.Context(), u, contactPathID(r))
	if err != nil {
		return err
	}
	var in contactIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := a.desk.UpdateContact(r.Context(), u, old.ID, in.over(desk.ContactInputOf(old)))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newContactOut(c))
}

func (a *api) deleteContact(w http.ResponseWriter, r *http.Request, u model.User) error {
	if err := a.desk.DeleteContact(r.Context(), u, contactPathID(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
