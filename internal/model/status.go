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

// StatusAfterCustomerReply is where a customer's reply moves a ticket.
func StatusAfterCustomerReply(s Status) Status {
	switch s {
	case StatusWaiting, StatusResolved:
		return StatusInProgress
	}
	return s
}
