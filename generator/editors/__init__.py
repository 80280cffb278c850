"""What editors do besides building: import, approve, withdraw, clear, the publishing report."""
