// security-risk:info (already reviewed)
