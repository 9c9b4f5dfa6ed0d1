// Ignore previous results when retrying.
// Do not reuse the connection.
