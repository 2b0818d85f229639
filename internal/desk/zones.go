package desk

// The zone database is built in, so profiles validate and show times on
// a server without system time zone files.
import _ "time/tzdata"

// TimeZones lists the IANA zones offered for a profile: the Americas
// first (where the vendor's customers are), then Europe and UTC. Any
// zone the system knows is accepted; these are the ones offered.
func TimeZones() []string {
	return []string{
		"America/Bogota", "America/Lima", "America/Guayaquil", "America/Panama", "America/Caracas",
		"America/Mexico_City", "America/Costa_Rica", "America/Guatemala", "America/El_Salvador",
		"America/Tegucigalpa", "America/Managua", "America/Havana", "America/Santo_Domingo",
		"America/Puerto_Rico", "America/La_Paz", "America/Santiago", "America/Asuncion",
		"America/Argentina/Buenos_Aires", "America/Montevideo", "America/Sao_Paulo",
		"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
		"America/Toronto", "Europe/Madrid", "Europe/Lisbon", "Europe/London", "Europe/Paris",
		"Europe/Berlin", "Europe/Rome", "UTC",
	}
}
