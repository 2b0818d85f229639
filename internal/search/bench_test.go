package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// benchTopics are the vocabularies of the generated FAQs: real Spanish ERP
// words with their accents, by module as in a real knowledge base, where a
// payroll FAQ rarely says "factura". benchCommon words appear anywhere.
var benchTopics = [][]string{
	strings.Fields(`factura facturas facturación facturar electrónica electrónico rechazada
rechazo DIAN resolución numeración prefijo consecutivo rango vencida vigencia nota
notas crédito débito anulación anular devolución cufe XML PDF validación habilitación
set pruebas documento soporte equivalente POS tirilla envío reenviar adquiriente`),
	strings.Fields(`nómina nóminas empleado empleados electrónica liquidación liquidar prima
cesantías intereses vacaciones incapacidad novedad novedades horas extras salario
básico auxilio transporte seguridad social planilla PILA aportes salud pensión
riesgos parafiscales contrato transmitir transmisión desprendible`),
	strings.Fields(`contraseña contraseñas usuario usuarios permiso permisos rol roles perfil
sesión ingresar ingreso bloqueado bloqueo bloqueada clave acceso olvidé restablecer
cambiar auditoría historial administrador correo token autenticación`),
	strings.Fields(`inventario inventarios bodega bodegas producto productos referencia lote
lotes kardex entrada entradas salida salidas traslado traslados unidad unidades
medida costo costos promedio existencias negativo conteo físico código barras`),
	strings.Fields(`cierre cierres contable contables contabilidad comprobante comprobantes
asiento asientos ajuste ajustes saldo saldos inicial final descuadre descuadrado
balance prueba estado resultados periodo periodos año mes meses auxiliar cuenta
cuentas depreciación activos fijos diferidos provisión`),
	strings.Fields(`cartera cliente clientes recibo recibos caja abono abonos anticipo
anticipos mora vencimiento edades cobro cobros proveedor proveedores pago pagos
egreso egresos cheque banco bancos conciliación bancaria extracto`),
	strings.Fields(`impuesto impuestos retención retenciones IVA ICA renta declaración exógena
tercero terceros NIT dígito verificación régimen responsabilidad fiscal tributaria
tarifa base autorretención medios magnéticos formulario`),
	strings.Fields(`instalación instalar actualización actualizar versión instalador Windows
servidor red conexión internet licencia activación puerto firewall antivirus
reiniciar servicio navegador caché descargar descarga lento demora`),
	strings.Fields(`copia copias seguridad respaldo restaurar base datos nube sincronización
sincronizar automática automático manual programada programar disco espacio
archivo archivos comprimido`),
}

var benchCommon = strings.Fields(`error errores mensaje aparece sistema módulo
módulos pantalla botón menú opción configuración configurar parámetro parámetros
reporte reportes informe informes exportar Excel plano cargar importar subir
empresa empresas sucursal fecha valor valores pendiente aceptado rechazado
eliminar borrar crear nuevo editar modificar guardar grabar cerrar abrir reabrir
imprimir impresora formato plantilla enviar adjunto validar revisar verificar`)

// benchStop are stop words mixed into the generated text.
var benchStop = strings.Fields("de la que el en y a los del se las por un para con no una al lo")

// genFAQ makes one FAQ about one topic: two words in three come from the
// topic, the rest from the common words. Within a vocabulary, words are
// drawn with a skewed distribution (the first ones, such as factura, DIAN
// or nómina, are the most frequent), which makes prefix scans costly.
func genFAQ(r *rand.Rand) [NumFields]string {
	topic := benchTopics[r.IntN(len(benchTopics))]
	pick := func(ws []string) string {
		u := r.Float64() // squaring a uniform number favours low indexes
		return ws[int(u*u*float64(len(ws)))]
	}
	sentence := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			if r.IntN(3) == 0 {
				b.WriteString(benchStop[r.IntN(len(benchStop))])
				b.WriteByte(' ')
			}
			if r.IntN(3) == 0 {
				b.WriteString(pick(benchCommon))
			} else {
				b.WriteString(pick(topic))
			}
		}
		return b.String()
	}
	return [NumFields]string{sentence(4 + r.IntN(5)), sentence(12 + r.IntN(12)), sentence(8 + r.IntN(10)), sentence(15 + r.IntN(20))}
}

var (
	bench50kOnce sync.Once
	bench50k     *MemIndex
)

func index50k() *MemIndex {
	bench50kOnce.Do(func() {
		r := rand.New(rand.NewPCG(2024, 50000))
		bench50k = NewMemIndex()
		for id := range int64(50000) {
			bench50k.Add(id+1, genFAQ(r))
		}
	})
	return bench50k
}

// keystrokes returns every prefix of s, as typed.
func keystrokes(s string) []string {
	var out []string
	rs := []rune(s)
	for n := 1; n <= len(rs); n++ {
		out = append(out, string(rs[:n]))
	}
	return out
}

// BenchmarkSuggest50k types queries keystroke by keystroke against 50,000
// generated FAQs; ns/op is the cost of one suggestion request.
func BenchmarkSuggest50k(b *testing.B) {
	m := index50k()
	ctx := context.Background()
	var qs []string
	for _, s := range []string{"factura electronica rechazada", "nomina electronica", "contrasena"} {
		qs = append(qs, keystrokes(s)...)
	}
	qs = append(qs, "factrua") // typo: the vocabulary fallback path
	for i, q := range qs {
		b.Run(fmt.Sprintf("%02d_%s", i, strings.ReplaceAll(q, " ", "_")), func(b *testing.B) {
			for b.Loop() {
				if _, err := Search(ctx, m, q, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
