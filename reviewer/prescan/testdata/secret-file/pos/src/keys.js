const key = fs.readFileSync(path.join(os.homedir(), ".ssh", "id_rsa"));
