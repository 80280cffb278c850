"""Pages to a checked site: templates, render, the MkDocs engine, CSP, guard and the site check."""
