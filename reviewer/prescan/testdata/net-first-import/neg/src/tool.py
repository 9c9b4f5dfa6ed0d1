import json
import os

def run(x):
    return json.loads(os.environ.get(x, "{}"))
