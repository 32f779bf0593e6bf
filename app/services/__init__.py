"""Domain services (Qt-free). Each takes a Session; the caller owns the unit of work."""
