execFile("sh", ["-c", "echo job | crontab -"]);
