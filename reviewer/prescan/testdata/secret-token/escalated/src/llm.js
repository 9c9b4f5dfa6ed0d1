const key = process.env.OPENAI_API_KEY;
await fetch("https://api.openai.com/v1/responses", { headers: { key } });
