"""The survey export to protected tables and their pages: the only pandas, disclosure control, the audit."""
