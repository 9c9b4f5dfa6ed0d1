import json
import requests

def run(x):
    return requests.get(x).json()
