const sshPort = 22; // ssh server port
