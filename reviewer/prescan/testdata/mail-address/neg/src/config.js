const repo = "git@github.com:org/repo.git";
const demo = "user@example.com";
const bot = "12345+bot@users.noreply.github.com";
