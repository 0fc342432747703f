"""Help between a seller and staff: the help_messages table, below every slice that reads
or writes it (steps reads it, admin writes it, privacy shows and deletes it)."""
