package demo

// Event is one entry in a ticket's history: a message, an internal note or a
// status change (or a message that also changes the status).
type Event struct {
	Author   string // e-mail of one of the demo accounts
	Body     string // message text ("" if the event is only a status change)
	Internal bool   // internal note by an agent (never visible to customers)
	Status   string // "" or the new status after this event
	Hours    int    // hours after the ticket was created
}

// Ticket is a demo support case filed by a customer account.
type Ticket struct {
	Reporter    string // e-mail of a customer account
	Title       string
	Module      string // one of Modules()
	Type        string // "Error", "Consulta", "Solicitud de desarrollo" or "Capacitación"
	Urgency     string // as the customer feels it: "Baja", "Media", "Alta" or "Crítica"
	Priority    string // as the agent sets it: "Baja", "Media", "Alta" or "Crítica"
	Description string
	Version     string
	Assignee    string  // "" or an agent e-mail
	DaysAgo     int     // created this many days before now (1..120)
	Events      []Event // in time order; the final status is the last Status set (abierto if none)
}

// Statuses.
const (
	StatusAbierto          = "abierto"
	StatusEnProceso        = "en_proceso"
	StatusEsperandoCliente = "esperando_cliente"
	StatusResuelto         = "resuelto"
	StatusCerrado          = "cerrado"
)

// E-mails of the demo accounts, to keep the ticket literals short.
const (
	laura    = "admin@oceanic.test"
	carlos   = "agente@oceanic.test"
	diana    = "soporte@oceanic.test"
	jorge    = "gerente@ferreteria.test"
	ana      = "compras@ferreteria.test"
	patricia = "gerente@panaderia.test"
	andres   = "caja@panaderia.test"
)

// Short aliases for statuses used in the literals.
const (
	enProceso = StatusEnProceso
	esperando = StatusEsperandoCliente
	resuelto  = StatusResuelto
	cerrado   = StatusCerrado
)

// Tickets returns the demo tickets of both customer companies.
func Tickets() []Ticket {
	var all []Ticket
	all = append(all, ticketsFerreteria()...)
	all = append(all, ticketsPanaderia()...)
	return all
}

// FinalStatus returns the status a ticket ends in after all its events.
func (t Ticket) FinalStatus() string {
	s := StatusAbierto
	for _, e := range t.Events {
		if e.Status != "" {
			s = e.Status
		}
	}
	return s
}
