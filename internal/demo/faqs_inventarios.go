package demo

func faqsInventariosCartera() []FAQ {
	const inv, car = "Inventarios", "Cartera"
	return []FAQ{
		{
			Module: inv,
			Title:  "Inventario negativo al facturar un producto",
			Situation: "Al facturar aparece \"Existencia insuficiente: el producto TOR-1/4 Tornillo drywall 1/4 quedaría con " +
				"inventario negativo (-3 unidades) en la bodega Principal\" y no deja guardar la factura.",
			Cause: "La cantidad facturada es mayor que la existencia registrada en la bodega seleccionada. Normalmente la mercancía " +
				"sí está físicamente, pero la factura de compra o el traslado entre bodegas aún no se ha registrado en el sistema.",
			Solution: "1. Consulte la existencia por bodega en Menú Inventarios / Consultas / Existencias.\n" +
				"2. Registre la compra pendiente en Menú Compras / Factura de proveedor o el traslado en Menú Inventarios / Traslados.\n" +
				"3. Si la empresa decide permitir saldos negativos temporalmente, un administrador puede activar la opción en Menú Inventarios / Configuración / Parámetros / \"Permitir inventario negativo\" (no recomendado: distorsiona el costo promedio).\n" +
				"4. Vuelva a guardar la factura.",
		},
		{
			Module: inv,
			Title:  "Costo promedio incorrecto después de una devolución en compras",
			Situation: "El costo unitario de un producto pasó de $ 12.500 a $ 48.000 después de registrar una devolución al proveedor, " +
				"y el margen de las ventas del día aparece negativo.",
			Cause: "La devolución se registró con un costo diferente al de la compra original o con fecha anterior a otras entradas, " +
				"lo que altera el cálculo del costo promedio ponderado de los movimientos posteriores.",
			Solution: "1. Verifique que la devolución esté asociada a la factura de compra original (campo \"Documento de referencia\").\n" +
				"2. Corrija la fecha o el costo de la devolución si es necesario.\n" +
				"3. Ingrese a Menú Inventarios / Procesos / Recalcular costo promedio, elija el producto y la fecha desde.\n" +
				"4. Ejecute el proceso y luego Menú Contabilidad / Recontabilizar documentos para ajustar el costo de ventas.",
		},
		{
			Module: inv,
			Title:  "Toma física de inventario y ajuste de diferencias",
			Situation: "Después del conteo físico de fin de año hay diferencias entre lo contado y lo que muestra el sistema, y no se " +
				"sabe cómo registrar sobrantes y faltantes.",
			Cause: "Las diferencias se originan en errores de despacho, mermas, averías o movimientos no registrados. El ajuste debe " +
				"hacerse con un documento de toma física para que afecte el inventario y la contabilidad con las cuentas correctas.",
			Solution: "1. Ingrese a Menú Inventarios / Toma física / Nueva toma y seleccione la bodega; el sistema congela la existencia a esa fecha.\n" +
				"2. Imprima la planilla de conteo o exporte el formato a Excel.\n" +
				"3. Digite o importe las cantidades contadas.\n" +
				"4. Revise el informe de diferencias valorizado y apruébelo.\n" +
				"5. Pulse \"Generar ajuste\": se crean las entradas por sobrantes y salidas por faltantes con su comprobante contable.",
		},
		{
			Module: inv,
			Title:  "Traslado de mercancía entre bodegas o sedes",
			Situation: "Se llevó mercancía de la bodega principal al punto de venta pero en el punto de venta el sistema muestra " +
				"existencia cero.",
			Cause: "El movimiento físico no se registró en el sistema o el traslado quedó en estado \"Enviado\" sin la confirmación " +
				"de recibido en la bodega destino.",
			Solution: "1. Ingrese a Menú Inventarios / Traslados / Nuevo traslado, elija bodega origen y destino.\n" +
				"2. Agregue los productos y cantidades y guarde; queda en estado \"Enviado\".\n" +
				"3. En la sede destino ingrese a Menú Inventarios / Traslados / Pendientes por recibir y confirme las cantidades.\n" +
				"4. Al confirmar, la existencia queda disponible en la bodega destino.",
		},
		{
			Module: car,
			Title:  "Informe de cartera por edades no coincide con contabilidad",
			Situation: "El total del informe de cartera por edades a 31 de marzo es $ 84.300.000 y el saldo de la cuenta 1305 " +
				"Clientes en el balance es $ 86.150.000.",
			Cause: "Hay documentos contables registrados directamente a la cuenta de clientes (por ejemplo, un comprobante de diario " +
				"de ajuste) que no pasan por el módulo de cartera, o recibos de caja contabilizados en una cuenta diferente.",
			Solution: "1. Genere Menú Cartera / Informes / Conciliación cartera vs. contabilidad con la misma fecha de corte.\n" +
				"2. El informe lista los documentos que están solo en contabilidad o solo en cartera.\n" +
				"3. Para los ajustes hechos en contabilidad, anúlelos y regístrelos como notas de cartera en Menú Cartera / Notas.\n" +
				"4. Vuelva a generar el informe de edades y confirme que cuadra.",
		},
		{
			Module: car,
			Title:  "Aplicar un recibo de caja a varias facturas del cliente",
			Situation: "El cliente hizo una sola transferencia para pagar tres facturas y al registrar el recibo el sistema lo " +
				"aplica completo a la factura más antigua.",
			Cause: "El recibo de caja está configurado con aplicación automática por antigüedad (FIFO). Para distribuir el pago de " +
				"otra forma hay que aplicarlo manualmente.",
			Solution: "1. Ingrese a Menú Cartera / Recibos de caja / Nuevo y seleccione el cliente.\n" +
				"2. Desmarque \"Aplicar automáticamente\".\n" +
				"3. En la grilla de facturas pendientes escriba el valor abonado a cada una.\n" +
				"4. Registre descuentos por pronto pago o retenciones practicadas por el cliente en las columnas correspondientes.\n" +
				"5. Verifique que la diferencia sea cero y guarde.",
		},
		{
			Module: car,
			Title:  "Anticipo de cliente que no se cruza con la factura",
			Situation: "Un cliente pagó un anticipo y al facturarle después la factura aparece completa como pendiente de pago y el " +
				"anticipo sigue como saldo a favor.",
			Cause: "El anticipo se registra en una cuenta de pasivo (2805) y no se cruza automáticamente: hay que hacer el cruce en un " +
				"documento de cartera.",
			Solution: "1. Ingrese a Menú Cartera / Cruces / Cruce de anticipos.\n" +
				"2. Seleccione el cliente; el sistema muestra anticipos disponibles y facturas pendientes.\n" +
				"3. Indique el valor a cruzar en cada factura y guarde.\n" +
				"4. Revise el estado de cuenta del cliente para confirmar los nuevos saldos.",
		},
		{
			Module: car,
			Title:  "Enviar el estado de cuenta a los clientes por correo",
			Situation: "Se necesita enviar a todos los clientes con saldo vencido su estado de cuenta, pero se está haciendo uno por " +
				"uno exportando a PDF.",
			Cause: "El envío masivo no está configurado: requiere la plantilla del mensaje y el correo de cobranza en la ficha de " +
				"cada cliente.",
			Solution: "1. Registre el correo de cobranza en Menú Terceros / Clientes / Ficha, pestaña \"Contactos\".\n" +
				"2. Configure la plantilla en Menú Cartera / Configuración / Plantillas de cobro.\n" +
				"3. Ingrese a Menú Cartera / Procesos / Envío masivo de estados de cuenta, filtre por días de vencimiento.\n" +
				"4. Revise la lista y pulse \"Enviar\"; el resultado de cada envío queda en el historial del cliente.",
		},
	}
}
