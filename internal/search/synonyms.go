package search

import "strings"

// synonymGroups are words customers use for the same thing in an ERP help
// desk. A query word also matches the others of its group, a bit lower
// than itself: "no me deja entrar" finds "intentos fallidos de ingreso".
// Kept short and concrete: a broad group ("sistema", "programa") would
// pull every FAQ into every query.
var synonymGroups = []string{
	"entrar ingresar ingreso acceder acceso login",
	"clave contraseña password",
	"borrar eliminar suprimir",
	"error falla fallo",
	"lento lentitud demora demorado",
	"correo email mail",
	"respaldo backup copia",
	"imprimir impresion impresora",
	"empleado trabajador",
	"anular reversar",
	"bloqueo bloqueado bloquear bloqueada",
	"cerrar cierre",
	"abrir apertura reabrir",
	"pagar pago",
	"descargar bajar",
	"subir cargar",
	"instalar instalacion reinstalar",
	"licencia serial",
}

// synonyms maps an index term to the terms of its group (itself left out).
var synonyms = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range synonymGroups {
		var terms []string
		for _, w := range strings.Fields(g) {
			if t, ok := term(fold(w)); ok && !contains(terms, t) {
				terms = append(terms, t)
			}
		}
		for _, t := range terms {
			for _, o := range terms {
				if o != t && !contains(m[t], o) {
					m[t] = append(m[t], o)
				}
			}
		}
	}
	return m
}()

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
