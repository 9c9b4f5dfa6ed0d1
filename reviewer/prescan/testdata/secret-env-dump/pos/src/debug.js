const all = JSON.stringify(process.env);
