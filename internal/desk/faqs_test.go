package desk_test

import (
	"errors"
	"fmt"
	"helpdesk/internal/storetest"
	"strings"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

func titles(fs []model.FAQ) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Title)
	}
	return out
}

func TestFAQPublishing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent := env.User(t, "agente@oceanic.test")
		customer := env.User(t, "compras@ferreteria.test")
		mods, _ := env.Desk.Modules(ctx)
		f, err := env.Desk.SaveFAQ(ctx, agent, model.FAQ{ModuleID: mods[0].ID, Title: "Zanahoria cuántica en el reporte",
			Situation: "Aparece «zanahoria» en el informe.", Cause: "Un campo libre.", Solution: "Bórrelo."})
		if err != nil {
			t.Fatal(err)
		}
		search := func() []string {
			got, err := env.Desk.SearchFAQs(ctx, "zanahoria", 5)
			if err != nil {
				t.Fatal(err)
			}
			return titles(got)
		}
		if got := search(); len(got) != 0 {
			t.Errorf("draft found by search: %v", got)
		}
		if _, err := env.Desk.FAQ(ctx, customer, f.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("customer reads a draft: %v", err)
		}
		if err := env.Desk.PublishFAQ(ctx, agent, f.ID, true); err != nil {
			t.Fatal(err)
		}
		if got := search(); len(got) != 1 || got[0] != f.Title {
			t.Errorf("published FAQ not found: %v", got)
		}
		f.Title = "Berenjena cuántica en el reporte"
		if _, err := env.Desk.SaveFAQ(ctx, agent, f); err != nil {
			t.Fatal(err)
		}
		if got, _ := env.Desk.SearchFAQs(ctx, "berenjena", 5); len(got) != 1 {
			t.Errorf("edited title not re-indexed: %v", titles(got))
		}
		if got, _ := env.Desk.SearchFAQs(ctx, "zanahoria", 5); len(got) != 1 {
			t.Errorf("situation still indexed after title edit: %v", titles(got))
		}
		if err := env.Desk.PublishFAQ(ctx, agent, f.ID, false); err != nil {
			t.Fatal(err)
		}
		if got := search(); len(got) != 0 {
			t.Errorf("unpublished FAQ still found: %v", got)
		}
		if _, err := env.Desk.SaveFAQ(ctx, customer, f); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("customer edits a FAQ: %v", err)
		}
		if _, err := env.Desk.SaveFAQ(ctx, agent, model.FAQ{ModuleID: mods[0].ID}); fieldKey(err, "title") == "" {
			t.Errorf("empty FAQ: %v", err)
		}
	})
}

func TestFAQDraftFromTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent := env.User(t, "agente@oceanic.test")
		tk := open(t, env, "compras@ferreteria.test")
		env.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "El certificado estaba vencido", Internal: true})
		env.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "Renueve el certificado en Configuración"})
		f, err := env.Desk.FAQDraftFromTicket(ctx, agent, tk.Number)
		if err != nil {
			t.Fatal(err)
		}
		if f.Title != tk.Title || f.Situation != tk.Description || f.Cause != "" ||
			f.Solution != "Renueve el certificado en Configuración" || f.SourceTicketID != tk.ID {
			t.Errorf("draft %+v", f)
		}
		if strings.Contains(fmt.Sprint(f), "vencido") {
			t.Errorf("internal note copied into the draft: %+v", f)
		}
		if _, err := env.Desk.FAQDraftFromTicket(ctx, env.User(t, "compras@ferreteria.test"), tk.Number); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("customer drafts a FAQ: %v", err)
		}
	})
}

func TestSuggestionsAreBoundedAndSafe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		for _, q := range []string{"factura", "%", "_", "'", `"`, ":", "(", "*", `\`, "%%__", "qwxzv plok", "", "de la que"} {
			got, err := env.Desk.SuggestFAQs(ctx, u, q)
			if err != nil {
				t.Errorf("%q: %v", q, err)
			}
			if len(got) > desk.MaxSuggestions {
				t.Errorf("%q: %d suggestions", q, len(got))
			}
			if _, err := env.Desk.SuggestFAQs(ctx, u, "' OR 1=1; DROP TABLE faqs; --"); err != nil {
				t.Errorf("SQL as text: %v", err)
			}
			if q != "factura" && len(got) > 0 {
				t.Errorf("%q found %v", q, titles(got))
			}
			if q == "factura" && len(got) < 2 {
				t.Errorf("factura: %v", titles(got))
			}
		}
	})
}
