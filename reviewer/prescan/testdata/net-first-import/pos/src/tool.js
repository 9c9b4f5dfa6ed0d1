import fs from "node:fs";
import https from "node:https";
