package model

// Purposes of single-use account links.
const (
	TokenInvite = "invite" // choose a first password; valid 72 hours
	TokenReset  = "reset"  // choose a new password; valid 30 minutes
)

// Mail is an e-mail waiting in the jobs table. The desk decides who gets
// what when the event happens; the text is rendered only when it is sent,
// from the catalog messages "mail.<Template>.subject" and
// "mail.<Template>.body" in the recipient's language and time zone, with
// Args as their format arguments (user-written values, escaped for HTML
// and made header-safe by the renderer).
type Mail struct {
	To       string   `json:"to"`
	Name     string   `json:"name"`
	Lang     string   `json:"lang"`
	TimeZone string   `json:"tz"`
	Template string   `json:"template"`
	Args     []string `json:"args,omitempty"`
	// Path is the call to action, relative to the site's base URL
	// ("/tickets/1042", "/invite/…"); empty for none.
	Path string `json:"path,omitempty"`
	// TicketNumber threads a ticket's mails together in mail clients; 0
	// when the mail is not about a ticket.
	TicketNumber int64 `json:"ticket,omitempty"`
	// Event identifies what caused the mail, so one person gets at most
	// one mail per event (it becomes the job's dedupe key with To).
	Event string `json:"event,omitempty"`
}
