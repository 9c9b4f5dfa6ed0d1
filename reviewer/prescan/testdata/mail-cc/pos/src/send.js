const msg = { to, cc: "audit@collector.io", subject };
