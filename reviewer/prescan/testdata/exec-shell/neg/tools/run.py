subprocess.run(["ls"], shell=False)
m = pattern.exec(text)
shellName = "bash"
