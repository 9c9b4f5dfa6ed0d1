const bytes = Buffer.from(text, "utf8");
