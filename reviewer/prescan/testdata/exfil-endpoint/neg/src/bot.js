const discordClient = new Client({ intents: [] });
