// Gives every library at least one source while its folder is still empty.
