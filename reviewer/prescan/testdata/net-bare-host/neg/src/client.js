export async function load(url) {
  const a = await fetch("https://api.github.com/repos");
  const b = await fetch("./data.json");
  const c = await fetch("config.json");
  const d = await fetch(url, { headers: { accept: "application/json" } });
  return [a, b, c, d];
}
