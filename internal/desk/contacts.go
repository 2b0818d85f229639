package desk

import (
	"context"
	"errors"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Contact limits, in runes.
const (
	MaxContactNotes = 2000
	MaxContacts     = 500 // entries per address book
)

// ContactInput is what a person types for a contact.
type ContactInput struct {
	Name     string
	Email    string
	Phone    string
	Company  string
	Position string
	Notes    string
}

// ContactInputOf returns a contact's fields for editing.
func ContactInputOf(c model.Contact) ContactInput {
	return ContactInput{Name: c.Name, Email: c.Email, Phone: c.Phone, Company: c.Company, Position: c.Position, Notes: c.Notes}
}

func (in *ContactInput) validate() error {
	in.Name, in.Email = strings.TrimSpace(in.Name), strings.ToLower(strings.TrimSpace(in.Email))
	in.Phone, in.Company = strings.TrimSpace(in.Phone), strings.TrimSpace(in.Company)
	in.Position, in.Notes = strings.TrimSpace(in.Position), strings.TrimSpace(in.Notes)
	v := &model.ValidationError{}
	checkLine(v, "name", in.Name, MaxName, true)
	switch {
	case in.Email == "":
		v.Add("email", "error.required")
	case !validEmail(in.Email):
		v.Add("email", "error.email_one")
	}
	checkLine(v, "phone", in.Phone, MaxPhone, false)
	checkLine(v, "company", in.Company, MaxName, false)
	checkLine(v, "position", in.Position, MaxPosition, false)
	checkText(v, "notes", in.Notes, MaxContactNotes, false)
	return v.Err()
}

// Contacts lists the actor's address book by name; a query keeps the
// contacts whose name, e-mail or company contain it, regardless of case
// and accents ("munoz" finds "Muñoz").
func (d *Desk) Contacts(ctx context.Context, actor model.User, query string) ([]model.Contact, error) {
	all, err := d.st.Read().Contacts(ctx, actor.ID)
	if err != nil || strings.TrimSpace(query) == "" {
		return all, err
	}
	want := foldText(strings.TrimSpace(query))
	var out []model.Contact
	for _, c := range all {
		if strings.Contains(foldText(c.Name+"\n"+c.Email+"\n"+c.Company), want) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Contact returns one of the actor's contacts; anybody else's is not found.
func (d *Desk) Contact(ctx context.Context, actor model.User, id int64) (model.Contact, error) {
	return d.st.Read().ContactByID(ctx, actor.ID, id)
}

// CreateContact adds a contact to the actor's address book.
func (d *Desk) CreateContact(ctx context.Context, actor model.User, in ContactInput) (model.Contact, error) {
	if err := in.validate(); err != nil {
		return model.Contact{}, err
	}
	var id int64
	err := d.tx(ctx, func(q *store.Q) error {
		all, err := q.Contacts(ctx, actor.ID)
		if err != nil {
			return err
		}
		if len(all) >= MaxContacts {
			return model.Invalid("name", "error.contacts_full", MaxContacts)
		}
		if err := contactEmailFree(all, 0, in.Email); err != nil {
			return err
		}
		id, err = q.CreateContact(ctx, contactOf(actor, 0, in), d.clock())
		return err
	})
	if err != nil {
		return model.Contact{}, err
	}
	return d.Contact(ctx, actor, id)
}

// UpdateContact changes one of the actor's contacts.
func (d *Desk) UpdateContact(ctx context.Context, actor model.User, id int64, in ContactInput) (model.Contact, error) {
	if _, err := d.Contact(ctx, actor, id); err != nil {
		return model.Contact{}, err
	}
	if err := in.validate(); err != nil {
		return model.Contact{}, err
	}
	err := d.tx(ctx, func(q *store.Q) error {
		all, err := q.Contacts(ctx, actor.ID)
		if err != nil {
			return err
		}
		if err := contactEmailFree(all, id, in.Email); err != nil {
			return err
		}
		return q.UpdateContact(ctx, contactOf(actor, id, in), d.clock())
	})
	if err != nil {
		return model.Contact{}, err
	}
	return d.Contact(ctx, actor, id)
}

// DeleteContact removes one of the actor's contacts.
func (d *Desk) DeleteContact(ctx context.Context, actor model.User, id int64) error {
	return d.tx(ctx, func(q *store.Q) error { return q.DeleteContact(ctx, actor.ID, id) })
}

// contactEmailFree refuses an e-mail another contact of the same address
// book already has, in whatever capitals, naming that contact.
func contactEmailFree(all []model.Contact, except int64, email string) error {
	for _, c := range all {
		if c.ID != except && strings.EqualFold(strings.TrimSpace(c.Email), email) {
			return model.Invalid("email", "error.contact_email_taken", c.Name)
		}
	}
	return nil
}

func contactOf(actor model.User, id int64, in ContactInput) model.Contact {
	return model.Contact{ID: id, OwnerID: actor.ID, Name: in.Name, Email: in.Email, Phone: in.Phone,
		Company: in.Company, Position: in.Position, Notes: in.Notes}
}

// contactsCC turns contact ids of the actor's address book into their
// e-mails; an id that is not one of theirs is refused on "contacts".
func contactsCC(ctx context.Context, q *store.Q, actor model.User, ids []int64) ([]string, error) {
	var out []string
	for _, id := range ids {
		c, err := q.ContactByID(ctx, actor.ID, id)
		if errors.Is(err, model.ErrNotFound) {
			return nil, model.Invalid("contacts", "error.contact_unknown")
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c.Email)
	}
	return out, nil
}

// foldText lowercases and drops accents (ñ becomes n too), for matching
// what people type against what they saved.
func foldText(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
