package demo

// FAQ is one knowledge-base article. Situation is what the user sees, Cause
// explains why it happens and Solution gives the steps to fix it.
type FAQ struct {
	Module, Title, Situation, Cause, Solution string
}

// Modules are the product areas, in display order.
func Modules() []string {
	return []string{
		"Facturación electrónica",
		"Nómina electrónica",
		"Contabilidad",
		"Cierre contable",
		"Inventarios",
		"Cartera",
		"Impuestos",
		"Usuarios y permisos",
		"Instalación y actualización",
		"Copias de seguridad",
	}
}

// FAQs returns the knowledge base, grouped by module in display order.
func FAQs() []FAQ {
	var all []FAQ
	all = append(all, faqsFacturacion()...)
	all = append(all, faqsNomina()...)
	all = append(all, faqsContabilidad()...)
	all = append(all, faqsInventariosCartera()...)
	all = append(all, faqsImpuestos()...)
	all = append(all, faqsSistema()...)
	return all
}
