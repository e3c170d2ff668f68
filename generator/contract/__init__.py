"""The organization's data: YAML with positions, the contract's models, its rules and the logo check."""
