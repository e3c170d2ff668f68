"""Pages written from the methodology's templates, escaping, the calendar file."""
