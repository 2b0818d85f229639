package demo

// Account is a demo login. Role is one of admin, agent, company_admin or
// informer; Company is "" for vendor staff, else a Company Key.
type Account struct {
	Email, Name, Role, Company string
}

// Company is a customer organization of the vendor.
type Company struct {
	Key, Name, NIT string
}

// Accounts returns the demo accounts: vendor staff first, then customers.
func Accounts() []Account {
	return []Account{
		{Email: "admin@oceanic.test", Name: "Laura Restrepo", Role: "admin"},
		{Email: "agente@oceanic.test", Name: "Carlos Gómez", Role: "agent"},
		{Email: "soporte@oceanic.test", Name: "Diana Marín", Role: "agent"},
		{Email: "gerente@ferreteria.test", Name: "Jorge Ramírez", Role: "company_admin", Company: "ferreteria"},
		{Email: "compras@ferreteria.test", Name: "Ana María Ospina", Role: "informer", Company: "ferreteria"},
		{Email: "gerente@panaderia.test", Name: "Patricia Londoño", Role: "company_admin", Company: "panaderia"},
		{Email: "caja@panaderia.test", Name: "Andrés Cardona", Role: "informer", Company: "panaderia"},
	}
}

// Companies returns the demo customer companies.
func Companies() []Company {
	return []Company{
		{Key: "ferreteria", Name: "Ferretería El Tornillo S.A.S.", NIT: "900123456-8"},
		{Key: "panaderia", Name: "Panadería La Espiga Ltda.", NIT: "800987654-4"},
	}
}

// ScopeNoticeEN is the scope notice in English.
const ScopeNoticeEN = "Please remember that Oceanic is not responsible for solving technical problems with printers, networks, the Internet or computers."

// Vendor returns the software house's name, its support phone and the notice
// about what support does not cover.
func Vendor() (name, phone, scopeNotice string) {
	return "Oceanic Casa de Software",
		"(57)(6) 331 5979",
		"Recuerde que Oceanic no es responsable de solucionar problemas técnicos de impresoras, redes, Internet o computadores."
}
