"""Warm-handover tickets: the suggested route, the priority, and the ticket itself."""

# The kind of the message in which the form hands its answers to the web app
# (actions/questionnaire.py sends it, bot/chat.py turns it into a stored ticket).
TICKET_REQUEST = "ticket_request"
