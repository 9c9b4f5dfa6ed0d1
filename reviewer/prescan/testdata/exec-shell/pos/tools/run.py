import os
os.system(cmd)
