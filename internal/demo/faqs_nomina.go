package demo

func faqsNomina() []FAQ {
	const m = "Nómina electrónica"
	return []FAQ{
		{
			Module: m,
			Title:  "Documento soporte de Nómina electrónica rechazado",
			Situation: "Al transmitir la nómina del mes, varios empleados quedan en estado \"Rechazado\" con mensajes como " +
				"\"El valor de DevengadosTotal no corresponde a la suma de los devengados\" o \"El número de documento del trabajador no es válido\".",
			Cause: "Algún concepto de nómina quedó sin clasificar en el tipo DIAN correspondiente (por ejemplo, un auxilio o una " +
				"bonificación creada por el usuario), por lo que se suma en el total pero no se reporta en el detalle del XML. El " +
				"error del documento suele ser un empleado creado con cédula de extranjería pero marcado como cédula de ciudadanía.",
			Solution: "1. Ingrese a Menú Nómina / Documentos electrónicos / Monitor de nómina electrónica y abra el detalle del rechazo.\n" +
				"2. Si el error es de totales, vaya a Menú Nómina / Configuración / Conceptos y asigne a cada concepto su \"Tipo DIAN\" (Devengado básico, Auxilio, Bonificación, Deducción de salud, etc.).\n" +
				"3. Si el error es del documento, corrija el tipo y número en Menú Nómina / Empleados / Hoja de vida.\n" +
				"4. Regrese al monitor, seleccione los rechazados y pulse \"Regenerar y transmitir\".",
		},
		{
			Module: m,
			Title:  "Nota de ajuste a la Nómina electrónica ya transmitida",
			Situation: "Después de transmitir la nómina de un empleado se detectó que faltaron horas extras o una incapacidad, y el " +
				"sistema muestra \"El documento ya fue aceptado por la DIAN; use una nota de ajuste\".",
			Cause: "Un documento soporte de pago de nómina aceptado no se puede modificar. Las correcciones se hacen con una nota de " +
				"ajuste de tipo \"Reemplazar\" (sustituye el documento completo) o \"Eliminar\" (cuando el documento no debió existir).",
			Solution: "1. Corrija primero la liquidación en Menú Nómina / Liquidación / Novedades del periodo.\n" +
				"2. Ingrese a Menú Nómina / Documentos electrónicos / Nota de ajuste y busque el empleado y el mes.\n" +
				"3. Elija el tipo \"Reemplazar\" y el sistema tomará los valores corregidos; revise la vista previa.\n" +
				"4. Guarde y transmita. La nota queda asociada al CUNE del documento original.",
		},
		{
			Module: m,
			Title:  "Plazo para transmitir la Nómina electrónica del mes",
			Situation: "El área de talento humano pregunta hasta qué fecha se puede enviar la nómina electrónica y el ERP muestra la " +
				"alerta \"Hay documentos de nómina del periodo anterior sin transmitir\".",
			Cause: "El documento soporte de pago de nómina electrónica se transmite una vez al mes por cada trabajador, con todos los " +
				"pagos del mes, dentro de los primeros diez días hábiles del mes siguiente. La alerta aparece cuando se acerca esa fecha.",
			Solution: "1. Liquide y cierre todos los periodos de pago del mes (quincenas, primas, vacaciones).\n" +
				"2. Ingrese a Menú Nómina / Documentos electrónicos / Generar nómina electrónica y seleccione el mes.\n" +
				"3. Pulse \"Generar\" y luego \"Transmitir\"; espere a que todos los empleados estén \"Aceptados\".\n" +
				"4. Programe un recordatorio en Menú Nómina / Configuración / Alertas para los primeros días de cada mes.",
		},
		{
			Module:    m,
			Title:     "La prima de servicios sale en cero al liquidar",
			Situation: "Al liquidar la prima de junio o diciembre, algunos empleados aparecen con valor $ 0 aunque llevan varios meses trabajando.",
			Cause: "La prima se calcula con los días trabajados del semestre y el salario base. Si el contrato del empleado no tiene " +
				"fecha de ingreso, está marcado como salario integral o como aprendiz SENA, el sistema no genera prima. También pasa " +
				"cuando los periodos de nómina del semestre no están cerrados.",
			Solution: "1. Revise en Menú Nómina / Empleados / Contrato la fecha de ingreso, el tipo de salario y el tipo de contrato.\n" +
				"2. Cierre los periodos pendientes en Menú Nómina / Liquidación / Cierre de periodo.\n" +
				"3. Ingrese a Menú Nómina / Prestaciones sociales / Prima de servicios, seleccione el semestre y pulse \"Liquidar\".\n" +
				"4. Revise el informe de base de liquidación antes de contabilizar.",
		},
		{
			Module: m,
			Title:  "Generar la planilla PILA de aportes a seguridad social",
			Situation: "El operador de información rechaza el archivo plano de la planilla con \"Error en el registro tipo 2: " +
				"el código de la EPS no existe\" o los valores de salud y pensión no coinciden con la nómina.",
			Cause: "El archivo plano toma los códigos de EPS, AFP, ARL y caja de compensación de la hoja de vida de cada empleado. " +
				"Si un código está desactualizado o un empleado cambió de entidad durante el mes y no se registró la novedad, " +
				"el operador rechaza el registro.",
			Solution: "1. Actualice los códigos en Menú Nómina / Configuración / Entidades de seguridad social.\n" +
				"2. Registre las novedades de traslado, ingreso y retiro en Menú Nómina / Liquidación / Novedades.\n" +
				"3. Genere el archivo en Menú Nómina / Seguridad social / Planilla PILA, seleccione el mes y el tipo de planilla E.\n" +
				"4. Cargue el archivo en el operador de información y compare el total con el informe \"Resumen de aportes\".",
		},
	}
}
