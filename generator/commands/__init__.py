"""One module per verb of the ``handbook`` command; each has ``command`` (click) and ``run``.

``run(args)`` does the work with the parsed options as attributes of ``args``; ``command``
only parses and calls it (looked up at call time, so tests can replace it).
"""
