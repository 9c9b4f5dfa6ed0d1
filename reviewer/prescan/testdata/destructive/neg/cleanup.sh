rm -rf /var/lib/apt/lists/*
rm -rf ./build
