package demo

func faqsContabilidad() []FAQ {
	const c, cc = "Contabilidad", "Cierre contable"
	return []FAQ{
		{
			Module: c,
			Title:  "Comprobante contable descuadrado entre débitos y créditos",
			Situation: "Al guardar un comprobante de diario aparece \"No se puede guardar: el comprobante presenta una diferencia " +
				"de $ 1,00 entre débitos y créditos\".",
			Cause: "La suma de los débitos no es igual a la de los créditos. Suele ocurrir al digitar valores con decimales copiados " +
				"desde una hoja de cálculo o al calcular un impuesto a mano con un redondeo diferente al del sistema.",
			Solution: "1. En la parte inferior del comprobante revise los totales y la diferencia.\n" +
				"2. Use el botón \"Ir a diferencia\" para ubicar las líneas con decimales.\n" +
				"3. Ajuste el valor o agregue una línea a la cuenta de ajuste al peso definida en Menú Contabilidad / Configuración / Parámetros.\n" +
				"4. Guarde de nuevo. Si importó el comprobante desde Excel, redondee las celdas a cero decimales antes de importar.",
		},
		{
			Module: c,
			Title:  "La cuenta contable no acepta movimientos",
			Situation: "Al registrar un documento aparece \"La cuenta 1105 es de nivel mayor y no acepta movimientos\" o \"La cuenta " +
				"exige tercero y centro de costo\".",
			Cause: "Según el plan único de cuentas, solo las cuentas auxiliares (el último nivel) reciben movimientos. Además, cada " +
				"cuenta puede estar configurada para exigir tercero, centro de costo o base de retención.",
			Solution: "1. Ingrese a Menú Contabilidad / Plan de cuentas y busque la cuenta.\n" +
				"2. Si no tiene auxiliares, cree una subcuenta (por ejemplo, 110505 Caja general) marcada como \"Auxiliar\".\n" +
				"3. Revise las casillas \"Exige tercero\" y \"Exige centro de costo\" y complete esos datos en el documento.\n" +
				"4. Si la cuenta se usa en conceptos automáticos (ventas, compras, nómina), actualice la parametrización del concepto.",
		},
		{
			Module: c,
			Title:  "El balance de prueba no coincide con el libro auxiliar",
			Situation: "El saldo de la cuenta 1305 Clientes en el balance de prueba es diferente al total del libro auxiliar por " +
				"tercero para la misma fecha.",
			Cause: "Los saldos acumulados se desactualizaron por un corte de energía durante una contabilización, por documentos " +
				"anulados después de generar los saldos o por una restauración parcial de la base de datos.",
			Solution: "1. Pida a todos los usuarios salir del sistema.\n" +
				"2. Ingrese a Menú Utilidades / Mantenimiento / Reconstruir saldos contables.\n" +
				"3. Seleccione el año y pulse \"Reconstruir\"; el proceso puede tardar varios minutos.\n" +
				"4. Vuelva a generar el balance de prueba y el auxiliar y compárelos.\n" +
				"5. Si la diferencia continúa, genere el informe \"Documentos sin contabilizar\" y revise los resultados.",
		},
		{
			Module: c,
			Title:  "Exportar libros contables a Excel para el revisor fiscal",
			Situation: "El revisor fiscal solicita el libro mayor y balances y el libro diario en Excel, pero al exportar el archivo " +
				"sale en blanco o con las columnas de valores como texto.",
			Cause: "El informe se generó con un rango de fechas sin movimientos o el separador decimal del equipo está configurado " +
				"como punto mientras el ERP usa coma, por lo que Excel interpreta los valores como texto.",
			Solution: "1. Ingrese a Menú Contabilidad / Informes / Libros oficiales y elija el libro.\n" +
				"2. Seleccione el rango de periodos y el nivel de cuentas.\n" +
				"3. Pulse \"Exportar\" y elija el formato \"Excel (.xlsx)\" en lugar de CSV.\n" +
				"4. Si los valores quedan como texto, revise en la configuración regional de Windows que el símbolo decimal sea la coma.",
		},
		{
			Module: cc,
			Title:  "Cierre de año: cómo hacer el cierre contable anual",
			Situation: "Al iniciar enero, el balance del nuevo año no muestra saldos iniciales y las cuentas de resultado (ingresos, " +
				"costos y gastos) siguen acumulando los valores del año anterior.",
			Cause: "El cierre contable anual no se ha ejecutado. Este proceso cancela las cuentas de resultado contra la utilidad o " +
				"pérdida del ejercicio y traslada los saldos de balance al año siguiente.",
			Solution: "1. Saque una copia de seguridad antes de empezar.\n" +
				"2. Verifique que los doce periodos estén cerrados en Menú Cierre contable / Cierre mensual.\n" +
				"3. Ingrese a Menú Cierre contable / Cierre anual y seleccione el año.\n" +
				"4. Indique la cuenta de utilidad (3605) o pérdida (3610) del ejercicio y el tipo de comprobante de cierre.\n" +
				"5. Pulse \"Ejecutar cierre\". Al terminar, genere el balance de prueba de enero y confirme los saldos iniciales.",
		},
		{
			Module: cc,
			Title:  "Reabrir un periodo contable que ya está cerrado",
			Situation: "Al intentar corregir una factura de proveedor de un mes anterior aparece \"El periodo 2025-12 está cerrado. " +
				"No se permiten modificaciones\".",
			Cause: "Cuando se cierra un periodo el sistema bloquea la creación, edición y anulación de documentos con fecha en ese " +
				"mes, para proteger la información ya reportada. Solo un usuario con el permiso \"Reabrir periodos\" puede desbloquearlo.",
			Solution: "1. Confirme con el contador que la corrección no afecta declaraciones ya presentadas.\n" +
				"2. Con un usuario autorizado ingrese a Menú Cierre contable / Cierre mensual.\n" +
				"3. Seleccione el periodo, pulse \"Reabrir\" y escriba el motivo (queda en la auditoría).\n" +
				"4. Haga la corrección y vuelva a cerrar el periodo.\n" +
				"5. Si el año ya tiene cierre anual, primero hay que reversar el cierre anual.",
		},
		{
			Module:    cc,
			Title:     "El cierre mensual se detiene por documentos pendientes",
			Situation: "Al ejecutar el cierre mensual el proceso se detiene con \"Existen 14 documentos sin contabilizar en el periodo\".",
			Cause: "Hay documentos guardados como borrador, facturas que no se contabilizaron por falta de parametrización de una " +
				"cuenta o documentos importados que quedaron pendientes. El cierre exige que todo el periodo esté contabilizado.",
			Solution: "1. Pulse \"Ver detalle\" en el mensaje o genere Menú Contabilidad / Informes / Documentos sin contabilizar.\n" +
				"2. Abra cada documento; si es borrador, complételo y guárdelo, y si no aplica, anúlelo.\n" +
				"3. Si el error es de parametrización, corrija la cuenta del concepto y use Menú Contabilidad / Recontabilizar documentos.\n" +
				"4. Ejecute nuevamente el cierre mensual.",
		},
		{
			Module: cc,
			Title:  "La utilidad del ejercicio no coincide después del cierre",
			Situation: "Después del cierre anual, el valor de la cuenta 3605 Utilidad del ejercicio es distinto al resultado del " +
				"estado de resultados impreso antes del cierre.",
			Cause: "Se registraron o anularon documentos con fecha del año cerrado después de ejecutar el cierre, o se incluyeron " +
				"por error cuentas de orden en la cancelación de resultados.",
			Solution: "1. Genere el informe Menú Cierre contable / Auditoría de cierre para ver documentos posteriores al cierre.\n" +
				"2. Reverse el cierre anual en Menú Cierre contable / Cierre anual / Reversar.\n" +
				"3. Revise que en la configuración del cierre solo estén las clases 4, 5, 6 y 7.\n" +
				"4. Ejecute el cierre de nuevo y compare con el estado de resultados.",
		},
	}
}
