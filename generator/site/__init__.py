"""The MkDocs site: configuration, build, hooks, and publishing into the output folder."""
