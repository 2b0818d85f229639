package demo

func faqsFacturacion() []FAQ {
	const m = "Facturación electrónica"
	return []FAQ{
		{
			Module: m,
			Title:  "Factura electrónica rechazada por la DIAN",
			Situation: "Al transmitir la factura, el estado cambia a \"Rechazada\" y en el detalle de la respuesta aparece " +
				"\"Regla: FAD06, Rechazo: Valor del CUFE no está calculado correctamente\". En otros casos la DIAN " +
				"informa que el documento ya había sido recibido con otro CUFE o que la fecha de emisión está por fuera del rango permitido.",
			Cause: "El CUFE se calcula con la clave técnica que la DIAN asigna a cada rango de numeración. Si en el ERP quedó " +
				"registrada la clave técnica de una resolución anterior, o si la factura se modificó después de firmada, el CUFE " +
				"que calcula la DIAN no coincide con el que viaja en el XML. También se presenta cuando el certificado de firma " +
				"fue renovado y el documento se firmó con el certificado anterior, o cuando el reloj del servidor tiene la fecha equivocada.",
			Solution: "1. Consulte la clave técnica vigente en el portal de la DIAN: Facturando electrónicamente / Configuración / Rangos de numeración.\n" +
				"2. En el ERP ingrese a Menú Facturación / Configuración / Resolución de numeración, seleccione el prefijo y pegue la clave técnica exactamente como aparece (sin espacios).\n" +
				"3. Verifique que la fecha y hora del servidor estén sincronizadas con la hora legal colombiana.\n" +
				"4. Vaya a Menú Facturación / Documentos electrónicos / Monitor de envíos, filtre por estado \"Rechazada\" y use la opción \"Regenerar y reenviar\"; el sistema recalcula el CUFE y vuelve a firmar.\n" +
				"5. Si el rechazo persiste, descargue el XML y la respuesta de la DIAN (ApplicationResponse) desde el mismo monitor y adjúntelos a un ticket de soporte.",
		},
		{
			Module: m,
			Title:  "Facturación bloqueada por resolución de facturación vencida",
			Situation: "Al guardar una factura aparece el mensaje \"No es posible generar el documento: la resolución de numeración " +
				"18764000001234 está vencida o no tiene consecutivos disponibles\" y el botón Guardar queda deshabilitado.",
			Cause: "Las resoluciones de numeración de la DIAN tienen una vigencia y un rango de consecutivos autorizados. Cuando se " +
				"supera la fecha final o se llega al último número del rango, el ERP bloquea la facturación con ese prefijo para " +
				"evitar emitir documentos sin autorización.",
			Solution: "1. Solicite una nueva numeración en el portal de la DIAN (servicio de Numeración de facturación, formulario 1876) y asóciela al software de Oceanic.\n" +
				"2. En el ERP ingrese a Menú Facturación / Configuración / Resolución de numeración y pulse \"Nueva\".\n" +
				"3. Digite el número de resolución, la fecha de expedición, la vigencia, el prefijo y el rango desde/hasta.\n" +
				"4. Pulse \"Sincronizar con DIAN\" para descargar la clave técnica del nuevo rango.\n" +
				"5. Marque la resolución anterior como inactiva y verifique que el tipo de documento de venta apunte a la nueva.\n" +
				"6. Configure en la misma pantalla la alerta de vencimiento (por ejemplo, 30 días antes o al quedar 500 consecutivos).",
		},
		{
			Module: m,
			Title:  "Nota crédito para anular una factura electrónica",
			Situation: "El cliente devolvió la mercancía o la factura se hizo con un valor equivocado y al intentar anularla el sistema " +
				"muestra \"Los documentos electrónicos aceptados por la DIAN no se pueden anular ni modificar\".",
			Cause: "Una factura electrónica validada por la DIAN no se puede borrar ni editar. La única forma de reversarla total o " +
				"parcialmente es emitir una nota crédito electrónica que haga referencia a la factura original (su número y su CUFE).",
			Solution: "1. Ingrese a Menú Facturación / Notas / Nota crédito electrónica y pulse \"Nueva\".\n" +
				"2. En \"Factura de referencia\" busque la factura por número o por cliente; el sistema trae el CUFE automáticamente.\n" +
				"3. Elija el concepto de corrección: 1 Devolución parcial, 2 Anulación de factura, 3 Rebaja o descuento, 4 Ajuste de precio.\n" +
				"4. Si es anulación, el sistema copia todos los ítems; si es parcial, deje solo las cantidades o valores a reversar.\n" +
				"5. Guarde y transmita. La nota crédito afecta inventario (si hubo devolución), cartera y contabilidad.\n" +
				"6. Si necesita volver a facturar, elabore una factura nueva con los datos correctos.",
		},
		{
			Module: m,
			Title:  "Factura electrónica no llega al correo del comprador",
			Situation: "La factura aparece \"Aceptada\" por la DIAN pero el cliente dice que no ha recibido el correo con el PDF y el " +
				"XML, o el envío queda en estado \"Pendiente de envío\" en el monitor.",
			Cause: "El correo se envía a la dirección registrada en la ficha del tercero, que puede estar desactualizada o ser distinta " +
				"al correo de recepción de facturas que el comprador inscribió en su RUT. También ocurre cuando el servidor de correo " +
				"saliente (SMTP) rechaza la autenticación, cuando el antivirus del equipo bloquea el puerto 587 o cuando el servidor del " +
				"comprador clasifica el mensaje como correo no deseado porque el archivo adjunto es un ZIP.",
			Solution: "1. Verifique el correo en Menú Terceros / Clientes / Ficha del cliente, pestaña \"Facturación electrónica\".\n" +
				"2. Revise la configuración en Menú Facturación / Configuración / Envío de correo: servidor, puerto 587 con TLS, usuario y contraseña de aplicación.\n" +
				"3. Use el botón \"Probar envío\" para confirmar que el servidor responde.\n" +
				"4. En Menú Facturación / Documentos electrónicos / Monitor de envíos seleccione la factura y pulse \"Reenviar correo\"; puede agregar un correo adicional.\n" +
				"5. Pida al comprador revisar la carpeta de correo no deseado y agregar la dirección remitente a sus contactos seguros.",
		},
		{
			Module: m,
			Title:  "Renovar el certificado digital de firma electrónica",
			Situation: "Al transmitir aparece \"Error al firmar el documento: el certificado ha expirado o no es válido (NotAfter)\" " +
				"y ninguna factura, nota o documento soporte sale hacia la DIAN.",
			Cause: "Los documentos electrónicos se firman con un certificado digital emitido por una entidad de certificación " +
				"autorizada por la ONAC. Estos certificados tienen vigencia de uno o dos años; al vencerse, la firma ya no es válida. " +
				"También falla si el archivo .p12 se instaló con una contraseña diferente a la configurada.",
			Solution: "1. Solicite la renovación ante su entidad de certificación y descargue el archivo .p12 o .pfx con su contraseña.\n" +
				"2. Copie el archivo en el servidor donde está instalado el ERP (no en una estación).\n" +
				"3. Ingrese a Menú Facturación / Configuración / Firma digital, pulse \"Cargar certificado\" y digite la contraseña.\n" +
				"4. Confirme que el NIT del certificado coincide con el de la empresa y revise la nueva fecha de vencimiento.\n" +
				"5. Reenvíe los documentos pendientes desde el Monitor de envíos.",
		},
		{
			Module: m,
			Title:  "Habilitación como facturador: el set de pruebas no avanza",
			Situation: "En el portal de la DIAN el set de pruebas sigue \"En proceso\" después de enviar los documentos desde el ERP, " +
				"o el ERP muestra \"TestSetId no encontrado\".",
			Cause: "El identificador del set de pruebas (TestSetId) se copió incompleto, o la empresa aún está configurada en " +
				"ambiente de producción dentro del ERP. Además, la DIAN exige un número mínimo de facturas, notas débito y notas " +
				"crédito aceptadas para dar por superado el set.",
			Solution: "1. Ingrese a Menú Facturación / Configuración / Habilitación DIAN y seleccione ambiente \"Pruebas\".\n" +
				"2. Pegue el TestSetId exactamente como aparece en el portal de la DIAN.\n" +
				"3. Pulse \"Enviar set de pruebas\"; el ERP genera automáticamente las facturas y notas requeridas.\n" +
				"4. Espere unos minutos y consulte el estado en el portal. Cuando aparezca \"Aceptado\", asocie el rango de numeración de producción.\n" +
				"5. Vuelva a Habilitación DIAN, cambie el ambiente a \"Producción\" y sincronice la resolución.",
		},
		{
			Module: m,
			Title:  "Facturación en contingencia cuando no hay conexión con la DIAN",
			Situation: "Al transmitir sale \"Tiempo de espera agotado al conectar con el servicio web de la DIAN\" y las facturas se " +
				"acumulan en estado \"Sin transmitir\" mientras hay clientes esperando en el mostrador.",
			Cause: "Puede ser una falla en los servicios de la DIAN o un problema de conexión del propio equipo. Con frecuencia el " +
				"firewall de la red o un proxy bloquea la salida por el puerto 443 hacia los servicios de recepción de la DIAN " +
				"después de un cambio de proveedor de Internet.",
			Solution: "1. Verifique en el portal de la DIAN si hay un anuncio de indisponibilidad del servicio.\n" +
				"2. Si el problema es local, pida a su técnico de redes permitir en el firewall la salida HTTPS hacia los dominios de la DIAN.\n" +
				"3. Mientras se restablece, active Menú Facturación / Configuración / Contingencia y use el prefijo de contingencia autorizado en su resolución.\n" +
				"4. Entregue al cliente la representación gráfica impresa.\n" +
				"5. Cuando se normalice el servicio, ingrese a Menú Facturación / Documentos electrónicos / Transmitir contingencia para enviarlas dentro del plazo que exige la norma.",
		},
		{
			Module: m,
			Title:  "Documento soporte en compras a no obligados a facturar",
			Situation: "Se compró un servicio a una persona natural que no factura y el contador pregunta cómo soportar el costo; al " +
				"guardar la compra aparece \"El tercero no es facturador electrónico: genere documento soporte\".",
			Cause: "Las adquisiciones a personas no obligadas a expedir factura deben soportarse con el documento soporte electrónico, " +
				"que emite el comprador con su propia numeración autorizada por la DIAN y que también debe transmitirse.",
			Solution: "1. Solicite en la DIAN una numeración para documento soporte y regístrela en Menú Facturación / Configuración / Resolución de numeración con el tipo \"Documento soporte\".\n" +
				"2. En la ficha del tercero marque \"No obligado a facturar\".\n" +
				"3. Registre la compra en Menú Compras / Documento soporte electrónico; el sistema calcula retenciones según la configuración del tercero.\n" +
				"4. Guarde y transmita. Si se equivocó, corrija con una nota de ajuste al documento soporte.",
		},
		{
			Module: m,
			Title:  "Factura con diferencia de un peso por redondeo en el total",
			Situation: "La factura impresa muestra un total de $ 1.190.001 mientras el pedido decía $ 1.190.000, o la DIAN notifica " +
				"que la suma de las líneas no corresponde al valor bruto.",
			Cause: "Los precios se registraron con IVA incluido y el sistema los descompone con decimales; al redondear línea por " +
				"línea se acumula una diferencia. Sucede más cuando hay descuentos por porcentaje en varias líneas.",
			Solution: "1. Ingrese a Menú Facturación / Configuración / Parámetros generales.\n" +
				"2. En \"Redondeo\" seleccione \"Redondear al total del documento\" y cero decimales para pesos.\n" +
				"3. Si maneja precios con IVA incluido, active \"Ajustar diferencia de redondeo en la última línea\".\n" +
				"4. Para facturas ya transmitidas con diferencia, no las modifique: si el valor cobrado es mayor, haga una nota crédito por la diferencia.",
		},
	}
}
