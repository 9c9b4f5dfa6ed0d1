const cp = require("child_process");
