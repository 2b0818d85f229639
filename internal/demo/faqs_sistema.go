package demo

func faqsSistema() []FAQ {
	const us, ins, cs = "Usuarios y permisos", "Instalación y actualización", "Copias de seguridad"
	return []FAQ{
		{
			Module:    us,
			Title:     "Olvidé mi contraseña de usuario",
			Situation: "En la pantalla de ingreso aparece \"Usuario o clave incorrectos\" y no recuerdo la clave con la que entraba al programa.",
			Cause: "Por seguridad el sistema guarda las claves cifradas y nadie, ni siquiera el soporte de Oceanic, puede consultarlas. " +
				"Solo pueden restablecerse.",
			Solution: "1. En la pantalla de ingreso pulse \"¿Olvidó su clave?\" y escriba su usuario.\n" +
				"2. El sistema envía al correo registrado un token de un solo uso válido por 30 minutos.\n" +
				"3. Digite el código y defina la nueva clave (mínimo 8 caracteres, con letras y números).\n" +
				"4. Si no tiene correo registrado, pida al administrador de su empresa que le asigne una clave temporal.",
		},
		{
			Module: us,
			Title:  "Cambiar la contraseña de otro usuario",
			Situation: "Un empleado salió de vacaciones y el administrador necesita asignarle una clave nueva a otro usuario, pero " +
				"en su menú no aparece la opción.",
			Cause: "Solo los usuarios con perfil Administrador o con el permiso \"Administrar usuarios\" pueden cambiar la clave de " +
				"otras personas. Los demás solo pueden cambiar la propia.",
			Solution: "1. Ingrese con un usuario administrador a Menú Usuarios y permisos / Usuarios.\n" +
				"2. Seleccione el usuario y pulse \"Restablecer clave\".\n" +
				"3. Escriba una clave temporal y marque \"Exigir cambio en el próximo ingreso\".\n" +
				"4. Comunique la clave temporal al usuario por un medio seguro (no por el chat de grupo).",
		},
		{
			Module: us,
			Title:  "Configurar permisos de usuario por perfil",
			Situation: "La cajera puede ver los informes de nómina y anular facturas, y la gerencia quiere que solo pueda facturar y " +
				"registrar recibos de caja.",
			Cause: "El usuario se creó con el perfil \"Administrador\" o con un perfil copiado de otro que tenía todos los accesos. " +
				"Los permisos se asignan por perfil y cada usuario hereda los de su perfil.",
			Solution: "1. Ingrese a Menú Usuarios y permisos / Perfiles y pulse \"Nuevo\" (por ejemplo, \"Caja\").\n" +
				"2. En el árbol de opciones marque solo Facturación / Factura de venta y Cartera / Recibos de caja.\n" +
				"3. En \"Acciones\" deje desmarcado \"Anular\" y \"Modificar documentos de días anteriores\".\n" +
				"4. En Menú Usuarios y permisos / Usuarios asigne el nuevo perfil a la cajera.\n" +
				"5. Pida que cierre y vuelva a abrir el programa para que tomen efecto los cambios.",
		},
		{
			Module:    us,
			Title:     "Usuario bloqueado por intentos fallidos de ingreso",
			Situation: "Al ingresar aparece \"El usuario está bloqueado. Comuníquese con el administrador del sistema\".",
			Cause: "Después de cinco intentos fallidos seguidos, el sistema bloquea el usuario para evitar accesos no autorizados. " +
				"También se bloquea si el administrador lo inactivó o si la fecha de vigencia del usuario ya pasó.",
			Solution: "1. El administrador ingresa a Menú Usuarios y permisos / Usuarios y selecciona el usuario.\n" +
				"2. Pulsa \"Desbloquear\" y revisa la fecha de vigencia.\n" +
				"3. Si el usuario no recuerda la clave, use \"Restablecer clave\".\n" +
				"4. Revise en Menú Usuarios y permisos / Auditoría de ingresos desde qué equipo se hicieron los intentos.",
		},
		{
			Module:    us,
			Title:     "Restringir a un usuario a una sola empresa o sede",
			Situation: "La empresa maneja dos razones sociales en el mismo programa y un auxiliar puede abrir la contabilidad de las dos.",
			Cause: "Por defecto los usuarios nuevos quedan con acceso a todas las empresas de la instalación; el acceso por empresa " +
				"y por sede se restringe aparte del perfil.",
			Solution: "1. Ingrese a Menú Usuarios y permisos / Usuarios y abra el usuario.\n" +
				"2. En la pestaña \"Empresas\" deje marcada solo la empresa autorizada.\n" +
				"3. En la pestaña \"Sedes y bodegas\" seleccione las sedes donde puede registrar documentos.\n" +
				"4. Guarde; el cambio aplica al siguiente ingreso.",
		},
		{
			Module: ins,
			Title:  "Actualización de versión: pasos para instalar la nueva versión",
			Situation: "Al abrir el programa aparece \"Hay una nueva versión disponible (9.0.1). Su versión actual es 8.5.0\" y no se " +
				"sabe si se debe instalar en todos los equipos.",
			Cause: "Oceanic publica versiones con cambios normativos (por ejemplo, nuevos anexos técnicos de la DIAN) y correcciones. " +
				"La actualización modifica la estructura de la base de datos, por eso se hace primero en el servidor y luego en las estaciones.",
			Solution: "1. Pida a todos los usuarios salir del programa.\n" +
				"2. Saque una copia de seguridad completa (Menú Copias de seguridad / Copia manual).\n" +
				"3. En el servidor descargue el instalador desde el portal de clientes de Oceanic y ejecútelo como administrador.\n" +
				"4. Al abrir por primera vez, el asistente actualiza la base de datos; no lo interrumpa.\n" +
				"5. En cada estación ejecute el instalador de estación o acepte la actualización automática.\n" +
				"6. Verifique la versión en Menú Ayuda / Acerca de.",
		},
		{
			Module: ins,
			Title:  "Las estaciones no se conectan al servidor de base de datos",
			Situation: "En los equipos de caja aparece \"No se pudo establecer conexión con el servidor SRV-OCEANIC. Verifique que " +
				"el servicio esté iniciado\", mientras que en el servidor el programa abre normalmente.",
			Cause: "El servicio de base de datos del ERP está detenido o el firewall de Windows del servidor bloquea el puerto del " +
				"servicio (por defecto 5433). También sucede cuando un antivirus recién instalado bloquea las conexiones entrantes, o " +
				"cuando el servidor cambió de dirección IP.",
			Solution: "1. En el servidor abra \"Servicios\" de Windows y confirme que el servicio \"Oceanic ERP Database\" esté iniciado y en inicio automático.\n" +
				"2. Cree en el firewall una regla de entrada para el puerto 5433 TCP (o ejecute Herramientas / Configurar firewall desde el instalador).\n" +
				"3. Agregue la carpeta del programa a las exclusiones del antivirus.\n" +
				"4. Asigne una IP fija al servidor y actualícela en cada estación en el archivo de conexión (Herramientas / Configurar conexión).\n" +
				"5. Recuerde que la configuración de red es responsabilidad de su técnico de sistemas.",
		},
		{
			Module: ins,
			Title:  "La licencia aparece vencida o no reconoce el serial",
			Situation: "Al ingresar aparece \"Licencia no válida para este equipo\" o \"Su licencia venció el 31/01. Renueve su " +
				"suscripción\" aunque el pago ya se hizo.",
			Cause: "La licencia está asociada al identificador del servidor; si se cambió el disco o la tarjeta madre, el " +
				"identificador cambia. Cuando se renueva la suscripción, el equipo debe descargar un nuevo token de activación.",
			Solution: "1. Ingrese a Menú Ayuda / Licencia y pulse \"Actualizar licencia en línea\" (requiere Internet).\n" +
				"2. Si no hay Internet en el servidor, pulse \"Activación manual\" y envíe a soporte el código de equipo que aparece.\n" +
				"3. Soporte le enviará el token de activación; péguelo en la misma pantalla.\n" +
				"4. Si cambió de servidor, solicite el traslado de licencia indicando el NIT de la empresa.",
		},
		{
			Module: ins,
			Title:  "Instalar el programa en un equipo nuevo",
			Situation: "La empresa compró un computador para la recepción y necesita que el nuevo usuario trabaje en el programa " +
				"conectado al servidor existente.",
			Cause: "Cada estación necesita el cliente del ERP de la misma versión del servidor y la configuración de conexión. La " +
				"licencia define cuántas estaciones pueden conectarse al mismo tiempo.",
			Solution: "1. Verifique en Menú Ayuda / Licencia cuántas conexiones simultáneas tiene disponibles.\n" +
				"2. Desde el equipo nuevo abra la carpeta compartida del servidor \\\\SRV-OCEANIC\\Instaladores y ejecute \"Estacion.exe\".\n" +
				"3. Al terminar, indique el nombre o IP del servidor en Herramientas / Configurar conexión.\n" +
				"4. Cree el usuario en Menú Usuarios y permisos / Usuarios y asígnele su perfil.",
		},
		{
			Module: ins,
			Title:  "El programa se cierra solo después de actualizar",
			Situation: "Después de instalar la actualización, el programa se cierra sin mostrar mensaje al abrir el módulo de " +
				"facturación o al imprimir.",
			Cause: "Durante la actualización el antivirus puso en cuarentena una librería nueva del programa, o la estación quedó con " +
				"una versión distinta a la del servidor.",
			Solution: "1. Revise la cuarentena del antivirus, restaure los archivos de Oceanic y agregue la carpeta de instalación a las exclusiones.\n" +
				"2. Compare la versión en Menú Ayuda / Acerca de en la estación y en el servidor.\n" +
				"3. Ejecute de nuevo el instalador de estación con la opción \"Reparar\".\n" +
				"4. Si persiste, envíe a soporte el archivo de log ubicado en la carpeta Logs de la instalación.",
		},
		{
			Module:    cs,
			Title:     "Cómo sacar una copia de seguridad manual",
			Situation: "Antes de hacer el cierre de año o instalar una actualización, se necesita una copia de toda la información.",
			Cause: "Las copias automáticas se hacen en la noche; antes de procesos críticos conviene tener una copia del momento " +
				"exacto para poder volver atrás si algo sale mal.",
			Solution: "1. Pida a todos los usuarios salir del programa.\n" +
				"2. En el servidor ingrese a Menú Copias de seguridad / Copia manual.\n" +
				"3. Seleccione la empresa (o \"Todas\") y la carpeta de destino; preferiblemente un disco externo o una carpeta sincronizada con la nube.\n" +
				"4. Pulse \"Generar copia\" y espere el mensaje \"Copia finalizada correctamente\".\n" +
				"5. Verifique que el archivo .ocb tenga un tamaño razonable y guárdelo fuera del servidor.",
		},
		{
			Module: cs,
			Title:  "Restaurar una copia de seguridad en otro equipo",
			Situation: "El disco del servidor falló y hay que montar la información en un computador nuevo a partir de la última " +
				"copia de seguridad.",
			Cause: "La restauración reemplaza por completo la base de datos de la empresa con el contenido del archivo de copia; " +
				"requiere que el programa esté instalado en la misma versión o en una superior.",
			Solution: "1. Instale el programa en el equipo nuevo con la misma versión con que se hizo la copia.\n" +
				"2. Ingrese con el usuario administrador a Menú Copias de seguridad / Restaurar.\n" +
				"3. Seleccione el archivo .ocb y la empresa destino, y confirme la advertencia de reemplazo.\n" +
				"4. Al terminar, revise algunos saldos y los últimos documentos registrados.\n" +
				"5. Active de nuevo la licencia en el equipo nuevo (Menú Ayuda / Licencia).",
		},
		{
			Module:    cs,
			Title:     "Programar copias automáticas diarias",
			Situation: "La empresa no tiene ninguna copia reciente de la información y quiere que se haga sola todos los días.",
			Cause: "Las copias programadas vienen desactivadas en la instalación inicial porque cada cliente debe escoger la hora y " +
				"el destino.",
			Solution: "1. En el servidor ingrese a Menú Copias de seguridad / Programación.\n" +
				"2. Active \"Copia automática\", elija la hora (por ejemplo, 11:00 p. m.) y los días.\n" +
				"3. Indique la carpeta destino y cuántas copias conservar (por ejemplo, las últimas 15).\n" +
				"4. Deje el servidor encendido a esa hora y revise cada semana el historial de copias.",
		},
		{
			Module: cs,
			Title:  "La copia automática de anoche no se ejecutó",
			Situation: "En Menú Copias de seguridad / Historial la última copia tiene fecha de hace cinco días y el estado " +
				"\"Error: no se pudo escribir en la carpeta de destino\".",
			Cause: "El disco externo de destino estaba desconectado o cambió de letra, la carpeta de red pidió credenciales nuevas, " +
				"el disco está lleno o el antivirus bloqueó la escritura del archivo comprimido.",
			Solution: "1. Verifique que la carpeta destino exista y tenga espacio libre.\n" +
				"2. Si es una carpeta de red, configure el usuario y la clave en Menú Copias de seguridad / Programación / Credenciales.\n" +
				"3. Agregue la carpeta de copias a las exclusiones del antivirus.\n" +
				"4. Pulse \"Ejecutar ahora\" para probar y confirme el estado \"Correcta\" en el historial.",
		},
	}
}
