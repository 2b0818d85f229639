package search_test

import (
	"context"
	"slices"
	"testing"

	"helpdesk/internal/demo"
	"helpdesk/internal/search"
)

// Titles of the demo FAQs that the queries below expect first.
const (
	tRechazada     = "Factura electrónica rechazada por la DIAN"
	tBloqueada     = "Facturación bloqueada por resolución de facturación vencida"
	tNotaCredito   = "Nota crédito para anular una factura electrónica"
	tCorreo        = "Factura electrónica no llega al correo del comprador"
	tCertificado   = "Renovar el certificado digital de firma electrónica"
	tContingencia  = "Facturación en contingencia cuando no hay conexión con la DIAN"
	tRedondeo      = "Factura con diferencia de un peso por redondeo en el total"
	tNominaRech    = "Documento soporte de Nómina electrónica rechazado"
	tPlazoNomina   = "Plazo para transmitir la Nómina electrónica del mes"
	tAjusteNomina  = "Nota de ajuste a la Nómina electrónica ya transmitida"
	tPila          = "Generar la planilla PILA de aportes a seguridad social"
	tDescuadrado   = "Comprobante contable descuadrado entre débitos y créditos"
	tCierreAnual   = "Cierre de año: cómo hacer el cierre contable anual"
	tReabrir       = "Reabrir un periodo contable que ya está cerrado"
	tNegativo      = "Inventario negativo al facturar un producto"
	tRecibo        = "Aplicar un recibo de caja a varias facturas del cliente"
	tEstadoCuenta  = "Enviar el estado de cuenta a los clientes por correo"
	tRetencion     = "La retención en la fuente no se calcula en la compra"
	tIVA           = "Configurar tarifas de IVA del 19 %, 5 %, exentos y excluidos"
	tReteICA       = "Configurar ReteICA por municipio"
	tExogena       = "Información exógena (medios magnéticos) con errores de validación"
	tOlvide        = "Olvidé mi contraseña de usuario"
	tCambiarClave  = "Cambiar la contraseña de otro usuario"
	tBloqueado     = "Usuario bloqueado por intentos fallidos de ingreso"
	tLicencia      = "La licencia aparece vencida o no reconoce el serial"
	tSeCierra      = "El programa se cierra solo después de actualizar"
	tCopiaManual   = "Cómo sacar una copia de seguridad manual"
	tRestaurar     = "Restaurar una copia de seguridad en otro equipo"
	tActualizacion = "Actualización de versión: pasos para instalar la nueva versión"
)

// facturaTitles are the FAQs about invoices: any of them is a fine first
// suggestion for a query that only says "factura" in some form.
var facturaTitles = []string{tRechazada, tBloqueada, tNotaCredito, tCorreo, tContingencia, tRedondeo, tNegativo,
	"Habilitación como facturador: el set de pruebas no avanza",
	"Documento soporte en compras a no obligados a facturar",
	"Anticipo de cliente que no se cruza con la factura",
}

var facturaElectronica = []string{tRechazada, tNotaCredito, tCorreo}

func demoIndex() (*search.MemIndex, []demo.FAQ) {
	faqs := demo.FAQs()
	m := search.NewMemIndex()
	for i, f := range faqs {
		m.Add(int64(i+1), [search.NumFields]string{f.Title, f.Situation, f.Cause, f.Solution})
	}
	return m, faqs
}

// suggest is what the wizard shows: the best 20 hits reordered by their
// titles (as desk.SearchFAQs does), the first limit kept.
func suggest(t *testing.T, m *search.MemIndex, faqs []demo.FAQ, q string, limit int) []string {
	t.Helper()
	hs, err := search.Search(context.Background(), m, q, 20)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	hs = search.Rerank(q, hs, func(id int64) string { return faqs[id-1].Title })
	var got []string
	for i, h := range hs {
		if i < limit {
			got = append(got, faqs[h.DocID-1].Title)
		}
	}
	return got
}

// TestRelevanceDemo checks the first suggestion for queries typed as
// customers type them, against the real demo knowledge base.
func TestRelevanceDemo(t *testing.T) {
	m, faqs := demoIndex()
	tests := []struct {
		name, q string
		first   []string // acceptable first titles; nil: no result
	}{
		// Accents present or missing, upper case.
		{"accents", "Factura electrónica rechazada", []string{tRechazada}},
		{"no accents, plural", "facturas electronicas rechazadas", []string{tRechazada}},
		{"upper case", "FACTURA ELECTRONICA RECHAZADA", []string{tRechazada}},
		{"no accents", "nomina electronica rechazada", []string{tNominaRech}},
		{"accents on the wrong word", "nómina electrónica plazo", []string{tPlazoNomina}},
		{"ñ typed as n", "contrasena", []string{tOlvide, tCambiarClave}},
		{"ñ typed as n, more words", "cambiar contrasena", []string{tCambiarClave}},
		{"año typed as ano", "cierre del ano", []string{tCierreAnual}},
		{"exógena without accent", "exogena medios magneticos", []string{tExogena}},
		// Singular, plural and inflections.
		{"facturación", "facturación vencida", []string{tBloqueada}},
		{"facturando", "facturando", facturaTitles},
		{"facturas plural", "facturas recibo de caja", []string{tRecibo}},
		{"actualizar vs actualización", "actualizacion de version", []string{tActualizacion}},
		{"verb for noun", "se cierra el programa al actualizar", []string{tSeCierra}},
		// Stop words.
		{"stop words only", "de la que", nil},
		{"stop words around", "el cierre de año", []string{tCierreAnual}},
		{"question", "¿Cómo reabrir un periodo que está cerrado?", []string{tReabrir}},
		// Typos.
		{"transposition", "factrua rechazada", []string{tRechazada}},
		{"transposition alone", "factrua", facturaTitles},
		{"missing letter", "invetario negativo", []string{tNegativo}},
		{"wrong letter", "licensia vencida", []string{tLicencia}},
		{"typo in 2nd word", "retencion en la fuete", []string{tRetencion}},
		{"two typos, long word", "certifcado digitl", []string{tCertificado}},
		// Prefixes as typed.
		{"prefix fact", "fact", facturaTitles},
		{"prefix factura elec", "factura elec", facturaElectronica},
		{"prefix electroni", "factura electroni", facturaElectronica},
		{"prefix nomin", "nomin", []string{tNominaRech, tPlazoNomina, tAjusteNomina, tPila}},
		{"prefix on 2nd word", "inventario neg", []string{tNegativo}},
		{"prefix copia de segu", "restaurar copia de segu", []string{tRestaurar}},
		{"prefix reteic", "reteic", []string{tReteICA}},
		{"stop word being typed", "contra", []string{tOlvide, tCambiarClave}},
		// Words only in Cause or Solution.
		{"cause: clave técnica", "clave tecnica cufe", []string{tRechazada}},
		{"cause: SMTP", "smtp", []string{tCorreo}},
		{"cause: cuarentena", "cuarentena antivirus", []string{tSeCierra}},
		{"solution: formulario", "formulario 1876", []string{tBloqueada}},
		{"solution: operador", "operador de información", []string{tPila}},
		// Special characters are text.
		{"percent", "IVA 19%", []string{tIVA}},
		{"percent alone", "%", nil},
		{"underscore", "factura_electronica_rechazada", []string{tRechazada}},
		{"quotes", `"Rechazada" 'DIAN'`, []string{tRechazada}},
		{"colon", "retención: fuente", []string{tRetencion}},
		{"parenthesis", "(PILA) planilla", []string{tPila}},
		{"asterisk", "copia* manual", []string{tCopiaManual}},
		{"backslash", `descuadrado\comprobante`, []string{tDescuadrado}},
		{"only syntax", `% _ ' " : ( * \`, nil},
		{"SQL-ish", "estado de cuenta' OR 1=1 --", []string{tEstadoCuenta}},
		// Nonsense.
		{"nonsense", "xyzzy", nil},
		{"nonsense words", "qwertyuiop asdfgh zxcvb", nil},
		{"short word near a stem", "perro", nil},
		{"short word near a stem, typed", "carro ", nil},
		{"greeting", "hola", nil},
		{"empty", "", nil},
		{"blank", "   ", nil},
		// Others.
		{"usuario bloqueado", "usuario bloq", []string{tBloqueado}},
		{"ajuste nómina", "nota de ajuste nomina", []string{tAjusteNomina}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := suggest(t, m, faqs, tt.q, 5)
			if tt.first == nil {
				if len(got) > 0 {
					t.Errorf("Search(%q) = %q, want no result", tt.q, got)
				}
				return
			}
			if len(got) == 0 || !slices.Contains(tt.first, got[0]) {
				t.Errorf("Search(%q) = %q, want first one of %q", tt.q, got, tt.first)
			}
		})
	}
}

// TestKeystrokesDemo types titles letter by letter: once the typed text
// tells the FAQs apart, every keystroke must keep the right one first.
func TestKeystrokesDemo(t *testing.T) {
	m, faqs := demoIndex()
	tests := []struct {
		q     string
		from  string // first prefix checked
		first string
	}{
		{"factura electronica rechazada", "factura electronica rec", tRechazada},
		{"nómina electrónica rechazada", "nómina electrónica rec", tNominaRech},
		{"contraseña olvidada", "contr", tOlvide},
		{"copia de seguridad manual", "copia de seguridad man", tCopiaManual},
		{"retencion en la fuente", "retencion en la fuen", tRetencion}, // "fue" is a stop word
	}
	for _, tt := range tests {
		rs := []rune(tt.q)
		for n := len([]rune(tt.from)); n <= len(rs); n++ {
			q := string(rs[:n])
			hs, err := search.Search(context.Background(), m, q, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) == 0 || faqs[hs[0].DocID-1].Title != tt.first {
				t.Errorf("Search(%q): want %q first, got %v", q, tt.first, hs)
			}
		}
	}
}

// TestTitlesAsTyped checks the order customers see for words that many FAQs
// share in some form: the titles holding the word as typed come first.
func TestTitlesAsTyped(t *testing.T) {
	m, faqs := demoIndex()
	tests := []struct {
		q     string
		first int    // how many first titles must hold want
		want  string // a word, folded
	}{
		{"factura", 3, "factura"},
		{"Factura", 3, "factura"},
		{"facturación", 2, "facturacion"},
		{"nómina", 3, "nomina"},
		{"copia", 2, "copia"},
	}
	for _, tt := range tests {
		got := suggest(t, m, faqs, tt.q, 5)
		if len(got) < tt.first {
			t.Errorf("%q: only %d suggestions: %q", tt.q, len(got), got)
			continue
		}
		for _, title := range got[:tt.first] {
			if !slices.Contains(search.Words(title), tt.want) {
				t.Errorf("%q: %q among the first %d, want titles with %q: %q", tt.q, title, tt.first, tt.want, got)
			}
		}
	}
}

// TestMeaningNotWords finds FAQs that say it with other words.
func TestMeaningNotWords(t *testing.T) {
	m, faqs := demoIndex()
	tests := []struct{ q, want string }{
		{"El sistema no me deja entrar", tBloqueado},
		{"no puedo acceder, clave bloqueada", tBloqueado},
		{"como borrar una factura", tNotaCredito},
	}
	for _, tt := range tests {
		if got := suggest(t, m, faqs, tt.q, 5); !slices.Contains(got, tt.want) {
			t.Errorf("%q: %q not among %q", tt.q, tt.want, got)
		}
	}
}
