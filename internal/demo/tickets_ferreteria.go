package demo

func ticketsFerreteria() []Ticket {
	return []Ticket{
		{
			Reporter: jorge,
			Title:    "Factura electrónica rechazada por la DIAN con código FAD06",
			Module:   "Facturación electrónica", Type: "Error", Urgency: "Crítica", Priority: "Alta",
			Description: "Desde el lunes las facturas del prefijo FE quedan en estado Rechazada. En el detalle dice " +
				"\"Regla: FAD06, Rechazo: Valor del CUFE no está calculado correctamente\". Ya tenemos 13 facturas sin " +
				"validar y clientes grandes que no reciben mercancía sin la factura.",
			Version: "8.4.2", Assignee: carlos, DaysAgo: 95,
			Events: []Event{
				{Author: carlos, Hours: 2, Status: esperando,
					Body: "Buenos días, Jorge. Para revisarlo necesitamos el número de una de las facturas y el XML con la respuesta de la DIAN, que puede descargar desde Menú Facturación / Documentos electrónicos / Monitor de envíos."},
				{Author: jorge, Hours: 4, Status: enProceso,
					Body: "Es la FE-10452. Adjunto el XML y la respuesta. La semana pasada la contadora pidió un rango nuevo de numeración, no sé si tenga que ver."},
				{Author: carlos, Hours: 5, Internal: true,
					Body: "Revisé el XML: la clave técnica configurada es la de la resolución anterior. Registraron el rango nuevo pero no sincronizaron la clave técnica con la DIAN."},
				{Author: carlos, Hours: 6, Status: resuelto,
					Body: "Jorge, efectivamente la causa era la clave técnica: al registrar el rango nuevo quedó la del rango anterior y por eso el CUFE no coincidía. La sincronizamos por conexión remota y reenviamos las 13 facturas; todas aparecen ahora como aceptadas."},
				{Author: jorge, Hours: 26, Status: cerrado,
					Body: "Confirmado, los clientes ya recibieron las facturas. Muchas gracias por la rapidez."},
			},
		},
		{
			Reporter: ana,
			Title:    "No me deja facturar porque dice inventario negativo",
			Module:   "Inventarios", Type: "Error", Urgency: "Alta", Priority: "Media",
			Description: "Al facturar 10 cajas de tornillo drywall sale \"Existencia insuficiente: el producto quedaría con " +
				"inventario negativo (-3 unidades) en la bodega Principal\". La mercancía está en la bodega, la vimos llegar.",
			Version: "8.5.0", Assignee: diana, DaysAgo: 60,
			Events: []Event{
				{Author: diana, Hours: 1, Status: esperando,
					Body: "Hola, Ana María. El mensaje indica que en el sistema no hay existencia suficiente en la bodega Principal. ¿Ya se registró la factura de compra del proveedor de esa mercancía?"},
				{Author: ana, Hours: 3, Status: enProceso,
					Body: "No, la mercancía llegó ayer y la factura del proveedor todavía la tiene contabilidad."},
				{Author: diana, Hours: 4, Status: resuelto,
					Body: "Ese es el motivo: el sistema no conoce la entrada hasta que se registre la compra. Registre la factura en Menú Compras / Factura de proveedor y luego podrá facturar. Le comparto la pregunta frecuente \"Inventario negativo al facturar un producto\" para próximas ocasiones."},
				{Author: ana, Hours: 30, Status: cerrado,
					Body: "Listo, contabilidad registró la compra y ya facturamos. Gracias."},
			},
		},
		{
			Reporter: jorge,
			Title:    "Capacitación en cierre de año para la nueva contadora",
			Module:   "Cierre contable", Type: "Capacitación", Urgency: "Media", Priority: "Baja",
			Description: "Cambiamos de contadora y ella no conoce el programa. Necesitamos una capacitación sobre el cierre " +
				"contable anual antes de fin de mes, incluyendo cómo revisar los saldos iniciales del año nuevo.",
			Version: "8.5.0", Assignee: laura, DaysAgo: 110,
			Events: []Event{
				{Author: laura, Hours: 3, Status: esperando,
					Body: "Con gusto, Jorge. Le proponemos una sesión virtual de dos horas el jueves a las 9:00 a. m. ¿Le sirve ese horario?"},
				{Author: jorge, Hours: 20, Status: enProceso,
					Body: "Sí, el jueves está bien. Asistirá Marcela Vélez, la contadora."},
				{Author: laura, Hours: 21, Internal: true,
					Body: "Agendada con Diana como instructora. Enviar la guía de cierre anual de la 8.5 antes de la sesión."},
				{Author: laura, Hours: 70, Status: resuelto,
					Body: "Se realizó la sesión con Marcela. Adjuntamos la grabación y la guía paso a paso del cierre anual. Recuerden sacar una copia de seguridad antes de ejecutarlo."},
				{Author: jorge, Hours: 96, Status: cerrado,
					Body: "Todo claro, gracias por la paciencia con tantas preguntas."},
			},
		},
		{
			Reporter: ana,
			Title:    "Cómo saco la cartera por edades agrupada por vendedor",
			Module:   "Cartera", Type: "Consulta", Urgency: "Baja", Priority: "Baja",
			Description: "La gerencia quiere ver la cartera por edades de cada vendedor para pagar comisiones solo sobre lo " +
				"recaudado. ¿Se puede sacar ese informe?",
			Version: "8.5.0", Assignee: diana, DaysAgo: 12,
			Events: []Event{
				{Author: diana, Hours: 5, Internal: true,
					Body: "Consulta frecuente. Propongo agregar el filtro por vendedor a la pregunta frecuente de cartera por edades."},
				{Author: diana, Hours: 5, Status: resuelto,
					Body: "Hola, Ana María. Ingrese a Menú Cartera / Informes / Cartera por edades y en la pestaña Filtros marque \"Agrupar por vendedor\". Con el botón Exportar lo obtiene en Excel con subtotales por vendedor."},
			},
		},
		{
			Reporter: jorge,
			Title:    "Las cajas no se conectan al servidor después de cambiar el módem",
			Module:   "Instalación y actualización", Type: "Error", Urgency: "Crítica", Priority: "Alta",
			Description: "Hoy el proveedor de Internet cambió el módem y desde entonces las tres cajas muestran " +
				"\"No se pudo establecer conexión con el servidor SRV-OCEANIC\". No podemos vender.",
			Version: "8.5.0", Assignee: carlos, DaysAgo: 8,
			Events: []Event{
				{Author: carlos, Hours: 1, Status: esperando,
					Body: "Jorge, ¿el programa abre normalmente en el servidor? ¿Nos puede dar acceso remoto al servidor para revisar?"},
				{Author: jorge, Hours: 2, Status: enProceso,
					Body: "En el servidor abre bien. Ya le envié el código de acceso remoto a Carlos por el chat."},
				{Author: carlos, Hours: 3, Internal: true,
					Body: "Con el módem nuevo el servidor tomó otra IP por DHCP (antes .10, ahora .34). Servicio iniciado y regla del firewall en orden."},
				{Author: carlos, Hours: 4, Status: resuelto,
					Body: "Encontramos que el servidor cambió de dirección IP con el módem nuevo. Actualizamos la conexión en las tres cajas y ya trabajan. Le recomendamos que su técnico de redes le asigne una IP fija al servidor; recuerde que la configuración de la red no hace parte del soporte de Oceanic."},
			},
		},
		{
			Reporter: ana,
			Title:    "No calcula la retención en la fuente a un proveedor de transporte",
			Module:   "Impuestos", Type: "Error", Urgency: "Media", Priority: "Media",
			Description: "Registré la factura del transportador que nos trae la mercancía de Bogotá y la retención quedó en " +
				"cero. A otros proveedores sí se la calcula.",
			Version: "8.5.0", Assignee: diana, DaysAgo: 20,
			Events: []Event{
				{Author: diana, Hours: 6, Status: esperando,
					Body: "Ana María, ¿nos confirma el NIT del proveedor y el número de la compra?"},
				{Author: ana, Hours: 8, Status: enProceso,
					Body: "Es Transportes del Eje S.A.S., NIT 901234567-1, compra FP-3381."},
				{Author: diana, Hours: 9, Internal: true,
					Body: "El tercero está marcado como autorretenedor, pero en el RUT que adjuntaron no tiene esa responsabilidad."},
				{Author: diana, Hours: 10, Status: resuelto,
					Body: "En la ficha del proveedor estaba marcada la casilla de autorretenedor y por eso no se practicaba la retención. Según el RUT no lo es, así que la desmarcamos. Edite la compra FP-3381 y guárdela de nuevo para que calcule la retención por servicio de transporte."},
			},
		},
		{
			Reporter: jorge,
			Title:    "La nota crédito por devolución no le suma al inventario",
			Module:   "Facturación electrónica", Type: "Error", Urgency: "Alta", Priority: "Alta",
			Description: "Un cliente devolvió 40 bultos de cemento. Hicimos la nota crédito, la DIAN la aceptó, pero la " +
				"existencia del cemento no aumentó.",
			Version: "9.0.1", Assignee: carlos, DaysAgo: 5,
			Events: []Event{
				{Author: carlos, Hours: 2, Status: esperando,
					Body: "Jorge, gracias por el reporte. ¿La nota crédito se hizo con el concepto \"Devolución parcial\" o con \"Rebaja o descuento\"? ¿Cuál es el número?"},
				{Author: jorge, Hours: 3, Status: enProceso,
					Body: "Con devolución parcial, es la NC-221. La factura original venía de una remisión."},
				{Author: carlos, Hours: 4, Internal: true,
					Body: "Reproducido en 9.0.1: si la factura viene de una remisión, la nota crédito no genera la entrada a bodega. Escalado a desarrollo como DEV-1187."},
				{Author: carlos, Hours: 5,
					Body: "Confirmamos que es un error de la versión 9.0.1 cuando la factura proviene de una remisión. Mientras sale la corrección, registre la entrada con un ajuste en Menú Inventarios / Ajustes, con referencia a la NC-221. Le avisaremos cuando esté la actualización."},
			},
		},
		{
			Reporter: ana,
			Title:    "Solicitud: campo para la placa del vehículo en la remisión",
			Module:   "Inventarios", Type: "Solicitud de desarrollo", Urgency: "Baja", Priority: "Baja",
			Description: "Para los despachos a obra necesitamos que la remisión impresa tenga la placa del vehículo y el " +
				"nombre del conductor. Hoy lo escribimos a mano.",
			Version: "8.5.0", Assignee: laura, DaysAgo: 40,
			Events: []Event{
				{Author: laura, Hours: 24, Status: enProceso,
					Body: "Ana María, recibimos su solicitud. La presentamos al comité de producto, que evalúa los desarrollos una vez al mes."},
				{Author: laura, Hours: 25, Internal: true,
					Body: "Otras dos ferreterías pidieron lo mismo. Sugerir al comité campos adicionales configurables en la remisión."},
				{Author: ana, Hours: 200,
					Body: "¿Hay alguna novedad? Nos ayudaría mucho con los despachos de fin de mes."},
				{Author: laura, Hours: 210,
					Body: "Sí: quedó aprobada para la versión 9.1 como \"campos adicionales en la remisión\". Mientras tanto puede usar el campo Observaciones, que sí sale impreso."},
			},
		},
		{
			Reporter: jorge,
			Title:    "El balance de prueba no cuadra con el auxiliar de clientes",
			Module:   "Contabilidad", Type: "Error", Urgency: "Media", Priority: "Media",
			Description: "A 31 de marzo la cuenta 1305 en el balance de prueba tiene $ 1.850.000 más que el libro auxiliar " +
				"por tercero. El revisor fiscal necesita la explicación esta semana.",
			Version: "9.0.1", Assignee: diana, DaysAgo: 3,
			Events: []Event{
				{Author: diana, Hours: 4, Status: esperando,
					Body: "Jorge, vamos a revisarlo. ¿Ya ejecutaron Menú Utilidades / Mantenimiento / Reconstruir saldos contables con todos los usuarios fuera del sistema?"},
				{Author: jorge, Hours: 6, Status: enProceso,
					Body: "Sí, lo hicimos anoche y la diferencia sigue igual. Subí una copia de la base al portal de clientes."},
				{Author: diana, Hours: 7, Internal: true,
					Body: "Descargué la copia al laboratorio. El informe de documentos sin contabilizar sale vacío; revisar comprobantes importados de marzo."},
				{Author: diana, Hours: 8,
					Body: "Gracias, Jorge. Estamos revisando la copia que subió; le informamos mañana en la mañana."},
			},
		},
		{
			Reporter: ana,
			Title:    "Falla la actualización de versión a 9.0.1 en el servidor",
			Module:   "Instalación y actualización", Type: "Error", Urgency: "Alta", Priority: "Alta",
			Description: "Intenté instalar la versión 9.0.1 en el servidor y el instalador se detiene a la mitad. Las cajas " +
				"siguen funcionando con la 8.5.0.",
			Version: "8.5.0", Assignee: carlos, DaysAgo: 2,
			Events: []Event{
				{Author: carlos, Hours: 1, Status: esperando,
					Body: "Ana María, ¿qué mensaje muestra el instalador cuando se detiene?"},
				{Author: ana, Hours: 2, Status: enProceso,
					Body: "Dice \"No se puede reemplazar el archivo OceanicCore.dll: el archivo está en uso\"."},
				{Author: carlos, Hours: 3, Internal: true,
					Body: "Probablemente una caja quedó abierta o el servicio sigue corriendo. Agendar conexión remota a las 6:00 p. m., después del cierre."},
				{Author: carlos, Hours: 3,
					Body: "Ese mensaje aparece cuando alguna caja o el servicio siguen usando el programa. Hoy a las 6:00 p. m. nos conectamos de forma remota para hacer la actualización con todas las cajas cerradas. Por favor no deje ninguna abierta."},
			},
		},
		{
			Reporter: jorge,
			Title:    "Documento soporte de nómina electrónica rechazado a dos empleados",
			Module:   "Nómina electrónica", Type: "Error", Urgency: "Alta", Priority: "Alta",
			Description: "Transmitimos la nómina de marzo y dos empleados de despacho quedaron rechazados. Los demás " +
				"quedaron aceptados. El plazo se nos vence el viernes.",
			Version: "9.0.1", Assignee: diana, DaysAgo: 6,
			Events: []Event{
				{Author: diana, Hours: 3, Status: esperando,
					Body: "Jorge, ¿nos envía el mensaje de rechazo de los dos empleados? Lo encuentra en Menú Nómina / Documentos electrónicos / Monitor de nómina electrónica."},
				{Author: jorge, Hours: 20, Status: enProceso,
					Body: "Sale \"El valor de DevengadosTotal no corresponde a la suma de los devengados\". Los dos tienen auxilio de rodamiento porque hacen domicilios en moto."},
				{Author: diana, Hours: 21, Internal: true,
					Body: "El concepto \"Auxilio de rodamiento\" lo crearon ellos y no tiene tipo DIAN asignado."},
				{Author: diana, Hours: 22, Status: esperando,
					Body: "El concepto \"Auxilio de rodamiento\" no tiene tipo DIAN. Asígnelo en Menú Nómina / Configuración / Conceptos (su contador debe indicar si es salarial o no) y luego use \"Regenerar y transmitir\" en el monitor. ¿Nos confirma si quedaron aceptados?"},
			},
		},
		{
			Reporter: ana,
			Title:    "La factura electrónica no le llega al correo de un cliente",
			Module:   "Facturación electrónica", Type: "Error", Urgency: "Media", Priority: "Media",
			Description: "Constructora La Roca dice que no le llegan las facturas al correo desde hace dos semanas. La " +
				"última es la FE-11820.",
			Version: "8.5.0", Assignee: carlos, DaysAgo: 9,
			Events: []Event{
				{Author: carlos, Hours: 1, Internal: true,
					Body: "Log de envíos: el servidor de correo del receptor respondió 250 OK para la FE-11820. El envío salió bien; probablemente lo filtra el receptor."},
				{Author: carlos, Hours: 2, Status: esperando,
					Body: "Ana María, revisamos el monitor: la FE-11820 se envió correctamente a facturas@constructoralaroca.test y su servidor la recibió. ¿Puede pedirle al cliente que revise el correo no deseado y nos confirme el correo de recepción de facturas que tiene registrado en el RUT?"},
			},
		},
		{
			Reporter: jorge,
			Title:    "Permisos de usuario para la nueva auxiliar de bodega",
			Module:   "Usuarios y permisos", Type: "Consulta", Urgency: "Media", Priority: "Baja",
			Description: "Entró una auxiliar de bodega y necesito crearle usuario para que haga traslados y entradas, pero " +
				"que no vea costos ni la contabilidad.",
			Version: "9.0.1", Assignee: laura, DaysAgo: 4,
			Events: []Event{
				{Author: laura, Hours: 5, Internal: true,
					Body: "La licencia tiene 5 conexiones simultáneas y en horas pico usan las 5. Advertirle si la auxiliar va a trabajar al mismo tiempo."},
				{Author: laura, Hours: 5, Status: esperando,
					Body: "Jorge, como administrador de su empresa puede crear un perfil \"Bodega\" en Menú Usuarios y permisos / Perfiles, marcar solo Inventarios / Traslados y Entradas, y desmarcar \"Ver costos\". ¿Quiere que lo configuremos juntos por conexión remota? Tenga en cuenta que su licencia tiene cinco conexiones simultáneas."},
			},
		},
		{
			Reporter: ana,
			Title:    "El costo promedio del cemento subió sin explicación",
			Module:   "Inventarios", Type: "Error", Urgency: "Alta", Priority: "Alta",
			Description: "El bulto de cemento gris estaba en $ 28.500 de costo y hoy aparece en $ 61.200. Ayer hicimos una " +
				"devolución al proveedor. Las ventas de hoy salen con margen negativo.",
			Version: "9.0.1", DaysAgo: 1,
		},
		{
			Reporter: jorge,
			Title:    "Cómo hago el cierre contable del año",
			Module:   "Cierre contable", Type: "Consulta", Urgency: "Media", Priority: "Media",
			Description: "Necesitamos hacer el cierre de año y no sabemos si primero hay que cerrar todos los meses. " +
				"¿Qué pasos hay que seguir?",
			Version: "9.0.1", DaysAgo: 2,
			Events: []Event{
				{Author: jorge, Hours: 5,
					Body: "Adicional: el cierre del año pasado lo hizo el contador anterior y no dejó instrucciones."},
			},
		},
		{
			Reporter: ana,
			Title:    "Olvidé mi contraseña y no me llega el código al correo",
			Module:   "Usuarios y permisos", Type: "Error", Urgency: "Alta", Priority: "Alta",
			Description: "Le di a \"¿Olvidó su clave?\" pero no llega ningún correo, ni en no deseados. Necesito entrar para " +
				"hacer los pedidos de hoy.",
			Version: "9.0.1", DaysAgo: 1,
		},
	}
}
