"""Staff pages of circulation: the desk (check out, check in, renew), readers, rules,
fees, postal loans, reports. Views parse and authorise; services decide."""
