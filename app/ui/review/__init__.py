"""The secretariat's review queue: filters, several records at once, one reason."""
