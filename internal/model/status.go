package model

// CanChangeStatus applies the lifecycle rules of DESIGN.md: staff may move
// a ticket anywhere (and always reopen); a customer may only close their
// ticket or confirm a solution, and never leaves cerrado.
func CanChangeStatus(role Role, from, to Status) bool {
	if from == to || !to.Valid() {
		return false
	}
	if role.Staff() {
		return true
	}
	return to == StatusClosed && from != StatusClosed
}

// CustomerMayClose reports whether a customer may close a ticket (or
// confirm its solution): their own, or any of the company's for its
// company admin. Sharing lets informers read colleagues' tickets, not
// close them.
func CustomerMayClose(u User, t Ticket) bool {
	return u.Role == RoleCompanyAdmin || t.ReporterID == u.ID
}

// StatusAfterCustomerReply is where a customer's reply moves a ticket.
func StatusAfterCustomerReply(s Status) Status {
	switch s {
	case StatusWaiting, StatusResolved:
		return StatusInProgress
	}
	return s
}
