// the security risk assessment lives in SECURITY.md
