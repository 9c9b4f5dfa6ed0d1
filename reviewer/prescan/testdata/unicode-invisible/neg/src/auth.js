// file with a byte order mark
// team: 👩‍💻
