package demo

func faqsImpuestos() []FAQ {
	const m = "Impuestos"
	return []FAQ{
		{
			Module: m,
			Title:  "La retención en la fuente no se calcula en la compra",
			Situation: "Al registrar la factura de un proveedor de servicios el campo de retención queda en $ 0, aunque el valor " +
				"supera la base mínima.",
			Cause: "La retención se calcula solo si el concepto del producto o servicio tiene asignado un concepto de retención, si " +
				"la base supera el mínimo en UVT configurado para el año y si la empresa está marcada como agente retenedor. Tampoco " +
				"se calcula cuando el proveedor está marcado como autorretenedor en su ficha.",
			Solution: "1. Revise en Menú Impuestos / Configuración / Conceptos de retención que el concepto tenga la tarifa y la base en UVT correctas.\n" +
				"2. Verifique el valor de la UVT del año en Menú Impuestos / Configuración / Parámetros anuales.\n" +
				"3. En Menú Terceros / Proveedores / Ficha, pestaña \"Tributaria\", revise régimen, responsabilidades del RUT y la casilla de autorretenedor.\n" +
				"4. Asigne el concepto de retención al producto o servicio en Menú Inventarios / Productos / Impuestos.\n" +
				"5. Registre de nuevo la compra o edítela si el periodo está abierto.",
		},
		{
			Module: m,
			Title:  "Configurar tarifas de IVA del 19 %, 5 %, exentos y excluidos",
			Situation: "Una factura de venta salió con IVA del 19 % en un producto que es excluido, o en el informe auxiliar de IVA " +
				"no aparecen separadas las ventas exentas y excluidas.",
			Cause: "El producto tiene asignada la tarifa general por defecto. Los bienes exentos (tarifa 0 % con derecho a " +
				"devolución) y los excluidos (no causan IVA) deben configurarse como tipos de impuesto distintos para que se reporten bien en la declaración de IVA y en la factura electrónica.",
			Solution: "1. Ingrese a Menú Impuestos / Configuración / Tarifas de IVA y verifique que existan: 19 %, 5 %, Exento 0 % y Excluido.\n" +
				"2. Asigne a cada tarifa sus cuentas contables (generado y descontable).\n" +
				"3. En Menú Inventarios / Productos, edite el producto y seleccione la tarifa correcta, o use la actualización masiva por grupo.\n" +
				"4. Si la factura ya fue aceptada por la DIAN, corrija con una nota crédito y vuelva a facturar.",
		},
		{
			Module: m,
			Title:  "Configurar ReteICA por municipio",
			Situation: "La empresa vende en Pereira y en Manizales y el ReteICA se está calculando con la misma tarifa para todos los " +
				"municipios.",
			Cause: "Cada municipio define sus tarifas de industria y comercio por actividad económica (por mil). Si solo existe una " +
				"tarifa configurada, el sistema la aplica a todas las operaciones.",
			Solution: "1. Ingrese a Menú Impuestos / Configuración / ReteICA y cree una tarifa por municipio y actividad (por ejemplo, 6,6 por mil).\n" +
				"2. En la ficha de cada tercero indique el municipio donde se presta el servicio o se entrega la mercancía.\n" +
				"3. En Menú Facturación / Configuración / Sedes asigne el municipio a cada sede de venta.\n" +
				"4. Genere el informe Menú Impuestos / Informes / ReteICA por municipio para preparar las declaraciones.",
		},
		{
			Module: m,
			Title:  "Expedir certificados de retención a proveedores",
			Situation: "Los proveedores solicitan los certificados de retención en la fuente, de IVA y de ICA del año anterior y el " +
				"informe muestra valores en cero para algunos.",
			Cause: "Los certificados se generan a partir de los movimientos en las cuentas de retención con el tercero correcto. Si " +
				"las retenciones se registraron a nombre de un tercero genérico o en cuentas no marcadas como de retención, no aparecen.",
			Solution: "1. Verifique en Menú Contabilidad / Plan de cuentas que las cuentas 2365, 2367 y 2368 tengan marcado el tipo de retención.\n" +
				"2. Ingrese a Menú Impuestos / Certificados / Generar, seleccione el año y el tipo.\n" +
				"3. Filtre por proveedor o genere todos y use \"Enviar por correo\" o \"Exportar PDF\".\n" +
				"4. Si faltan valores, revise el auxiliar de la cuenta por tercero y corrija los documentos con tercero genérico.",
		},
		{
			Module: m,
			Title:  "Información exógena (medios magnéticos) con errores de validación",
			Situation: "El prevalidador de la DIAN rechaza el archivo del formato 1001 con \"El número de identificación tiene un " +
				"dígito de verificación errado\" o \"Falta la dirección del informado\".",
			Cause: "Los terceros tienen datos incompletos: dígito de verificación mal calculado, sin dirección, sin código de " +
				"municipio DANE o con tipo de documento equivocado. El archivo se construye directamente con esos datos.",
			Solution: "1. Ejecute Menú Impuestos / Exógena / Validar terceros; el informe lista los terceros con inconsistencias.\n" +
				"2. Corrija cada tercero en Menú Terceros; el ERP recalcula el dígito de verificación al guardar el NIT.\n" +
				"3. Revise la parametrización de conceptos en Menú Impuestos / Exógena / Conceptos por cuenta.\n" +
				"4. Genere de nuevo el formato y valídelo con el prevalidador antes de presentarlo.",
		},
		{
			Module: m,
			Title:  "Actualizar el valor de la UVT al iniciar el año",
			Situation: "En enero las retenciones siguen calculándose con las bases del año anterior y el sistema muestra \"No existe " +
				"valor de UVT para el año en curso\".",
			Cause: "La UVT cambia cada año por resolución de la DIAN. Las bases mínimas de retención, los topes de facturación y " +
				"otros valores se calculan en UVT, por lo que el parámetro anual debe actualizarse.",
			Solution: "1. Ingrese a Menú Impuestos / Configuración / Parámetros anuales.\n" +
				"2. Pulse \"Nuevo año\" y digite el valor de la UVT publicado por la DIAN.\n" +
				"3. Revise que las bases en UVT de los conceptos de retención correspondan a la norma vigente.\n" +
				"4. Si ya registró documentos en enero, use Menú Impuestos / Procesos / Recalcular retenciones del periodo.",
		},
	}
}
