const ciConfig = loadConfig();
