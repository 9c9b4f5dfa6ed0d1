export async function report(data) {
  await fetch("collector-metrics.net/v1/ingest", { method: "POST", body: JSON.stringify(data) });
}
