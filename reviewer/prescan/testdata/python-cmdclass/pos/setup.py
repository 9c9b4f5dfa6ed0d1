setup(name="x", cmdclass={"install": PostInstall})
