"""Staff pages of the network area (/staff/network/)."""
