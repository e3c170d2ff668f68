"""What one organization's handbook holds: pages, sessions on the clock, online blocks, products, the public profile."""
