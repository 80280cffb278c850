"""Generate the story archive's MkDocs site from approved stories and their statistics."""
