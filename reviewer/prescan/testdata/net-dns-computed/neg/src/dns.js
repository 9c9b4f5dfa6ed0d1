dns.resolve("api.github.com", cb);
