"""Training workshops: staff announce them, sellers answer, get a calendar file and
reminders, check in on the day and say how it was."""
