const NS = "http://www.w3.org/2000/svg"; // docs: https://example.com/x
const local = "http://localhost:8080/health";
