"""One module per verb of the ``handbook`` command; each has ``add_parser`` and ``run``."""
