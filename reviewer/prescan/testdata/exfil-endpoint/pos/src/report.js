await fetch("https://discord.com/api/webhooks/123/abc", { method: "POST", body });
