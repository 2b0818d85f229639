package web

import (
	"fmt"
	"net/http"
	"strconv"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// integrationRoutes are the admins' Integraciones pages: integration
// keys, the minimum desktop version, webhooks and their delivery log.
func (s *Server) integrationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /console/integrations", s.admin(s.integrations))
	mux.HandleFunc("POST /console/integrations/keys", s.admin(s.keyCreate))
	mux.HandleFunc("POST /console/integrations/keys/{id}/revoke", s.admin(s.keyRevoke))
	mux.HandleFunc("POST /console/integrations/settings", s.admin(s.integrationSettings))
	mux.HandleFunc("POST /console/integrations/webhooks", s.admin(s.webhookCreate))
	mux.HandleFunc("GET /console/integrations/webhooks/{id}", s.admin(s.webhookLog))
	mux.HandleFunc("POST /console/integrations/webhooks/{id}/active", s.admin(s.webhookActive))
	mux.HandleFunc("POST /console/integrations/webhooks/{id}/ping", s.admin(s.webhookPing))
	mux.HandleFunc("POST /console/integrations/webhooks/{id}/delete", s.admin(s.webhookDelete))
}

// admin requires a vendor admin; agents get "not found" like customers.
func (s *Server) admin(h handler) http.HandlerFunc {
	return s.require(h, func(u model.User) bool { return u.Role == model.RoleAdmin })
}

// integrationsData is the Integraciones page.
type integrationsData struct {
	Keys      []model.IntegrationKey
	Companies []model.Company
	Settings  desk.IntegrationSettings
	Hooks     []model.Webhook
	Events    []string
	NewKey    *desk.NewIntegrationKey // shown once, right after creation
	NewHook   *model.Webhook          // its secret shown once
}

// showIntegrations renders the page; v carries errors, typed values and
// a secret just created.
func (s *Server) showIntegrations(w http.ResponseWriter, r *http.Request, a *actor, status int, v view, d integrationsData) {
	ctx := r.Context()
	var err error
	if d.Keys, err = s.desk.IntegrationKeys(ctx, a.User, 0); err == nil {
		if d.Companies, err = s.desk.Companies(ctx, a.User); err == nil {
			if d.Hooks, err = s.desk.Webhooks(ctx, a.User); err == nil && v.Form["settings"] == "" {
				d.Settings, err = s.desk.IntegrationSettings(ctx)
			}
		}
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	d.Events = model.HookEvents()
	v.actor, v.Title, v.Nav, v.Data = a, "nav.integrations", "integrations", d
	s.render(w, r, status, "integrations", v)
}

func (s *Server) integrations(w http.ResponseWriter, r *http.Request, a *actor) {
	s.showIntegrations(w, r, a, http.StatusOK, view{Flash: flashFor(a, r.URL.Query().Get("ok"))}, integrationsData{})
}

// keyCreate issues a key and shows it on this answer only: it is never
// in a URL, a log or the database.
func (s *Server) keyCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	company, _ := strconv.ParseInt(r.PostFormValue("company"), 10, 64)
	k, err := s.desk.CreateIntegrationKey(r.Context(), a.User, company, r.PostFormValue("name"))
	if errs, ok := fieldErrors(a, err); ok {
		s.showIntegrations(w, r, a, http.StatusUnprocessableEntity, view{Errors: prefixed("key_", errs),
			Form: map[string]string{"key_name": r.PostFormValue("name"), "key_company": r.PostFormValue("company")}}, integrationsData{})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.showIntegrations(w, r, a, http.StatusOK, view{Flash: a.L.T("flash.key_created")}, integrationsData{NewKey: &k})
}

func (s *Server) keyRevoke(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.desk.RevokeIntegrationKey(r.Context(), a.User, id); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/integrations?ok=key_revoked#keys", http.StatusSeeOther)
}

func (s *Server) integrationSettings(w http.ResponseWriter, r *http.Request, a *actor) {
	in := desk.IntegrationSettings{MinDesktopVersion: r.PostFormValue("min_desktop_version"),
		AllowPrivateWebhooks: r.PostFormValue("allow_private_webhooks") == "1"}
	err := s.desk.SaveIntegrationSettings(r.Context(), a.User, in)
	if errs, ok := fieldErrors(a, err); ok {
		s.showIntegrations(w, r, a, http.StatusUnprocessableEntity, view{Errors: errs, Form: map[string]string{"settings": "1"}},
			integrationsData{Settings: in})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/integrations?ok=integrations_saved#settings", http.StatusSeeOther)
}

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, a *actor) {
	in := desk.WebhookInput{URL: r.PostFormValue("url"), Events: r.PostForm["events"], Secret: r.PostFormValue("secret"),
		IncludeInternal: model.OneOf(model.HookNote, r.PostForm["events"])}
	h, err := s.desk.CreateWebhook(r.Context(), a.User, in)
	if errs, ok := fieldErrors(a, err); ok {
		form := map[string]string{"hook_url": in.URL}
		for _, e := range in.Events {
			form["hook_event_"+e] = "1"
		}
		s.showIntegrations(w, r, a, http.StatusUnprocessableEntity, view{Errors: prefixed("hook_", errs), Form: form}, integrationsData{})
		return
	}
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.showIntegrations(w, r, a, http.StatusOK, view{Flash: a.L.T("flash.webhook_created")}, integrationsData{NewHook: &h})
}

// webhookLogData is one endpoint with its recent deliveries.
type webhookLogData struct {
	Hook       model.Webhook
	Deliveries []model.Delivery
}

func (s *Server) webhookLog(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	h, ds, err := s.desk.Webhook(r.Context(), a.User, id)
	if err != nil {
		s.fail(w, r, a, err)
		return
	}
	s.render(w, r, http.StatusOK, "webhook", view{actor: a, Title: "nav.integrations", Nav: "integrations",
		Flash: flashFor(a, r.URL.Query().Get("ok")), Data: webhookLogData{Hook: h, Deliveries: ds}})
}

func (s *Server) webhookActive(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	active := r.PostFormValue("active") == "1"
	if err := s.desk.SetWebhookActive(r.Context(), a.User, id, active); err != nil {
		s.fail(w, r, a, err)
		return
	}
	key := "webhook_paused"
	if active {
		key = "webhook_resumed"
	}
	http.Redirect(w, r, fmt.Sprintf("/console/integrations/webhooks/%d?ok=%s", id, key), http.StatusSeeOther)
}

func (s *Server) webhookPing(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.desk.PingWebhook(r.Context(), a.User, id); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/console/integrations/webhooks/%d?ok=webhook_pinged", id), http.StatusSeeOther)
}

func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, a *actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.desk.DeleteWebhook(r.Context(), a.User, id); err != nil {
		s.fail(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/console/integrations?ok=webhook_deleted#webhooks", http.StatusSeeOther)
}

// prefixed renames field errors, for pages with several forms.
func prefixed(p string, errs map[string]string) map[string]string {
	out := make(map[string]string, len(errs))
	for k, v := range errs {
		out[p+k] = v
	}
	return out
}
