"""Warm-handover tickets: the suggested route, the priority, and the ticket itself."""
