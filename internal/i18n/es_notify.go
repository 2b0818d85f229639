package i18n

// spanishNotify holds the notifications' and ticket e-mails' messages.
// E-mail messages are fmt formats over user-written values (escaped by
// the renderer); the ticket number is put before each ticket subject.
func spanishNotify() map[string]string {
	return map[string]string{
		"nav.notifications":            "Notificaciones",
		"notifications.title":          "Notificaciones",
		"notifications.bell":           "Notificaciones: %d sin leer",
		"notifications.none":           "No tiene notificaciones.",
		"notifications.mark_read":      "Marcar como leída",
		"notifications.mark_all":       "Marcar todas como leídas",
		"notifications.older":          "Más antiguas",
		"notifications.newest":         "Ver las más recientes",
		"notifications.unread":         "Sin leer",
		"notifications.ticket":         "Tiquete #%d",
		"notifications.created":        "%s abrió el tiquete",
		"notifications.reply":          "%s respondió",
		"notifications.customer_reply": "%s (cliente) respondió en un tiquete asignado a usted",
		"notifications.note":           "%s agregó una nota interna",
		"notifications.status":         "%s cambió el estado a «%s»",
		"notifications.system_status":  "El sistema cambió el estado a «%s»",
		"notifications.assigned":       "%s le asignó el tiquete",
		"flash.notifications_read":     "Notificaciones marcadas como leídas.",
		"timeline.system":              "Sistema",
		"api.ids_or_all":               `Envíe "ids" con los identificadores o "all": true.`,
		"error.too_many_ids":           "Envíe como máximo %d identificadores.",

		"mail.greeting":       "Hola:",
		"mail.greeting_name":  "Hola, %s:",
		"mail.open":           "Ver el tiquete",
		"mail.when":           "Fecha: %s (hora local).",
		"mail.footer":         "%s · Mesa de ayuda. Este mensaje fue enviado automáticamente.",
		"mail.footer_profile": "%s · Mesa de ayuda. Este mensaje fue enviado automáticamente; puede cambiar sus avisos por correo en su perfil.",

		"mail.ticket_created.subject":        "Nuevo tiquete: %[1]s",
		"mail.ticket_created.body":           "%[2]s (%[3]s) abrió el tiquete «%[1]s».\n\n%[4]s",
		"mail.ticket_reply.subject":          "Nueva respuesta: %[1]s",
		"mail.ticket_reply.body":             "%[2]s respondió en el tiquete «%[1]s»:\n\n%[3]s",
		"mail.ticket_customer_reply.subject": "El cliente respondió: %[1]s",
		"mail.ticket_customer_reply.body":    "%[2]s respondió en el tiquete «%[1]s», asignado a usted:\n\n%[3]s",
		"mail.ticket_note.subject":           "Nota interna: %[1]s",
		"mail.ticket_note.body":              "%[2]s agregó una nota interna en el tiquete «%[1]s», asignado a usted:\n\n%[3]s",
		"mail.ticket_assigned.subject":       "Tiquete asignado: %[1]s",
		"mail.ticket_assigned.body":          "%[2]s le asignó el tiquete «%[1]s».",
		"mail.ticket_autoclosed.subject":     "Tiquete cerrado: %[1]s",
		"mail.ticket_autoclosed.body":        "El tiquete «%[1]s» se cerró automáticamente porque estuvo resuelto %[2]s días sin novedades. Si el problema continúa, abra un tiquete nuevo.",

		"mail.ticket_status_abierto.subject":           "Tiquete reabierto: %[1]s",
		"mail.ticket_status_abierto.body":              "%[2]s reabrió el tiquete «%[1]s».",
		"mail.ticket_status_en_proceso.subject":        "Tiquete en proceso: %[1]s",
		"mail.ticket_status_en_proceso.body":           "%[2]s está trabajando en el tiquete «%[1]s».",
		"mail.ticket_status_esperando_cliente.subject": "Esperamos su respuesta: %[1]s",
		"mail.ticket_status_esperando_cliente.body":    "%[2]s necesita información suya para continuar con el tiquete «%[1]s». Responda en el tiquete.",
		"mail.ticket_status_resuelto.subject":          "Tiquete resuelto: %[1]s",
		"mail.ticket_status_resuelto.body":             "%[2]s marcó como resuelto el tiquete «%[1]s». Si la solución funciona, confírmela; si no, responda en el tiquete y se reabrirá.",
		"mail.ticket_status_cerrado.subject":           "Tiquete cerrado: %[1]s",
		"mail.ticket_status_cerrado.body":              "%[2]s cerró el tiquete «%[1]s».",
	}
}
