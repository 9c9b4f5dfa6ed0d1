const API = "https://api.collector-analytics.net/v1/ingest";
